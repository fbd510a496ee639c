from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Minutes")

    def ready(self) -> None:
        from minutes import checks, roles  # noqa: F401 (checks registers its system checks)

        roles.connect_signals()
