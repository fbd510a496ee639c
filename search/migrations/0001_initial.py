"""The search app takes over SearchLexeme and its table from the minutes app: state only,
the table minutes_searchlexeme was made by minutes migration 0002 and is kept as it is."""

import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("minutes", "0012_search_lexeme_moved_to_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchLexeme",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("word", models.CharField(max_length=60, verbose_name="word")),
                        ("items", models.PositiveIntegerField(default=0,
                                                              verbose_name="agenda items")),
                    ],
                    options={
                        "verbose_name": "search word",
                        "verbose_name_plural": "search words",
                        "db_table": "minutes_searchlexeme",
                        "constraints": [
                            models.UniqueConstraint(fields=("word",),
                                                    name="search_lexeme_word_unique"),
                        ],
                        "indexes": [
                            django.contrib.postgres.indexes.GinIndex(
                                django.contrib.postgres.indexes.OpClass(
                                    "word", name="gin_trgm_ops"),
                                name="search_lexeme_word_trgm",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
