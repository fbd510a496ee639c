from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from minutes.signals import meetings_changed
        from search.receivers import reindex_meetings

        # The one way the index learns of a change (minutes/signals.py).
        meetings_changed.connect(reindex_meetings, dispatch_uid="search.reindex")
