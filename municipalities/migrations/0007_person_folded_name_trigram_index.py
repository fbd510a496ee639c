"""Name lookups that forgive accents and typos (municipalities.directory) stay fast.

unaccent() is only STABLE (its dictionary could change), so an index cannot call it; a small
IMMUTABLE wrapper, `directory_fold`, lower-cases and strips diacritics, and a trigram GIN index
on the people's folded names answers `directory_fold(name) %> word` without reading the table.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE_FOLD = """
CREATE OR REPLACE FUNCTION directory_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, lower($1)) $$;
CREATE INDEX person_folded_name_trgm ON municipalities_person
    USING gin (directory_fold(normalized_name) gin_trgm_ops);
"""

DROP_FOLD = """
DROP INDEX IF EXISTS person_folded_name_trgm;
DROP FUNCTION IF EXISTS directory_fold(text);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0006_body_unique_per_organization"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunSQL(CREATE_FOLD, DROP_FOLD),
    ]
