from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from decisions.person_references import DecisionsReferences
        from decisions.receivers import decisions_store, votes_statements_store
        from minutes.signals import items_stored
        from municipalities.references import person_references

        # Decisions are stored with their minutes, in the same transaction.
        items_stored.connect(decisions_store, dispatch_uid="decisions.store")
        items_stored.connect(votes_statements_store, dispatch_uid="decisions.votes_statements")
        # Merges move, and the GDPR export lists, the decisions assigned to a person.
        person_references.register(DecisionsReferences())
