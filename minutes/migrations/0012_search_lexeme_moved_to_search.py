"""SearchLexeme belongs to the search app now: the model leaves the minutes app's state, the
table (minutes_searchlexeme), its rows, index and constraint stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("minutes", "0011_search_lexemes_counted_down"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchLexeme")],
            database_operations=[],
        ),
    ]
