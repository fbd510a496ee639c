from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from decisions.person_references import DecisionsReferences
        from decisions.readings import items_read
        from decisions.receivers import decisions_store, votes_statements_store
        from minutes.signals import items_stored, record_read
        from municipalities.references import person_references

        # Decisions are stored with their minutes, in the same transaction.
        items_stored.connect(decisions_store, dispatch_uid="decisions.store")
        items_stored.connect(votes_statements_store, dispatch_uid="decisions.votes_statements")
        # A stored meeting read back in the parser's form, to compare with a new reading.
        record_read.connect(items_read, dispatch_uid="decisions.items_read")
        # Merges move, and the GDPR export lists, the decisions assigned to a person.
        person_references.register(DecisionsReferences())
