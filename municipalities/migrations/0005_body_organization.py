"""Every meeting body belongs to an organisation.

A body gets the organisation most of its meetings have (the lowest id on a tie). A body
whose meetings belong to several organisations is split: it stays with the most common one,
and each other organisation gets a body of the same name with its meetings. A body with no
meeting of a known organisation goes to Södertörnskommunerna, whose archive this is.
Moving a meeting's body fires the triggers that copy it onto its items and decisions.

Reversed, bodies of the same name are merged again (into the oldest) and lose their
organisation.
"""

from django.db import migrations, models
from django.db.models import Count

DEFAULT_ORGANIZATION = "Södertörnskommunerna"


def bodies_to_organizations(apps, schema_editor):
    db = schema_editor.connection.alias
    Body = apps.get_model("municipalities", "Body")
    Meeting = apps.get_model("minutes", "Meeting")
    Organization = apps.get_model("municipalities", "Organization")
    default = None
    for body in Body.objects.using(db).filter(organization__isnull=True).order_by("pk"):
        ranked = [
            row["organization"]
            for row in Meeting.objects.using(db)
            .filter(body=body, organization__isnull=False)
            .values("organization")
            .annotate(n=Count("pk"))
            .order_by("-n", "organization")
        ]
        if not ranked:
            if default is None:
                default, _created = Organization.objects.using(db).get_or_create(
                    name=DEFAULT_ORGANIZATION, defaults={"kind": "cooperation"}
                )
            ranked = [default.pk]
        body.organization_id = ranked[0]
        body.save(update_fields=["organization"])
        for organization_id in ranked[1:]:
            twin = Body.objects.using(db).create(name=body.name, organization_id=organization_id)
            Meeting.objects.using(db).filter(body=body, organization_id=organization_id).update(
                body=twin
            )
    _checks_now(schema_editor)


def bodies_merged_by_name(apps, schema_editor):
    db = schema_editor.connection.alias
    Body = apps.get_model("municipalities", "Body")
    Meeting = apps.get_model("minutes", "Meeting")
    kept: dict[str, int] = {}
    for body in Body.objects.using(db).order_by("pk"):
        first = kept.setdefault(body.name, body.pk)
        if first != body.pk:
            Meeting.objects.using(db).filter(body=body).update(body_id=first)
            body.delete()
    Body.objects.using(db).update(organization=None)
    _checks_now(schema_editor)


def _checks_now(schema_editor):
    # The deferred foreign key checks of these writes must not be pending when the next
    # operation alters the table.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0004_body_moved_from_minutes"),
        ("minutes", "0010_body_moved_to_municipalities"),
        ("decisions", "0003_body_moved_to_municipalities"),
    ]

    operations = [
        migrations.AlterField(
            model_name="body",
            name="name",
            field=models.CharField(max_length=200, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="body",
            name="organization",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="bodies",
                to="municipalities.organization",
                verbose_name="organisation",
            ),
        ),
        migrations.RunPython(bodies_to_organizations, bodies_merged_by_name),
    ]
