from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Minutes")

    def ready(self) -> None:
        from config import roles
        from minutes import checks  # noqa: F401 (checks registers its system checks)
        from minutes.person_references import MinutesReferences
        from municipalities.references import person_references

        # The roles' groups are kept after every migrate; their permissions are mostly ours.
        roles.connect_signals()
        # Merges move, and the GDPR export lists, attendances and meeting roles.
        person_references.register(MinutesReferences())
