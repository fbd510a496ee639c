"""`manage.py create_local_admin`: an administrator for a local archive (`make run`)."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Create a local superuser with a generated password, printed once. "
        "Does nothing but say how to sign in when the user already exists."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin", help="User name (default: admin).")
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000/konto/logga-in/",
            help="Where to sign in, for the message printed.",
        )

    def handle(self, *args, **options) -> None:
        users = get_user_model()
        username, url = options["username"], options["url"]
        if users.objects.filter(username=username).exists():
            self.stdout.write(_(
                "Sign in at %(url)s as %(user)s with the password printed when the account "
                "was created (forgotten? run: .venv/bin/python manage.py changepassword "
                "%(user)s)."
            ) % {"url": url, "user": username})
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(_(
            "Created the administrator %(user)s. Sign in at %(url)s with the password "
            "%(password)s (shown only this once)."
        ) % {"url": url, "user": username, "password": password}))
