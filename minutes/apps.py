from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Minutes")

    def ready(self) -> None:
        from minutes import checks, roles  # noqa: F401 (checks registers its system checks)
        from minutes.person_references import MinutesReferences
        from minutes.search.index import search_index_refresh
        from minutes.signals import meetings_changed
        from municipalities.references import person_references

        def reindex(sender, meeting_ids, **kwargs):
            search_index_refresh(meeting_ids=meeting_ids)

        meetings_changed.connect(reindex, weak=False, dispatch_uid="search.reindex")
        roles.connect_signals()
        # Merges move, and the GDPR export lists, attendances and meeting roles.
        person_references.register(MinutesReferences())
