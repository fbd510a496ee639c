"""Name lookups that forgive accents and typos (municipalities.directory) stay fast.

unaccent() is only STABLE (its dictionary could change), so an index cannot call it; a small
IMMUTABLE wrapper, `directory_fold`, lower-cases and strips diacritics, and a trigram GIN index
on the people's folded names answers `directory_fold(name) %> word` without reading the table.
"""

from django.db import migrations

# Both extensions are older than this migration (municipalities 0001, minutes 0002): made
# sure of here, never dropped on the way back, as minutes' search configuration needs them.
EXTENSIONS = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
"""

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
        migrations.RunSQL(EXTENSIONS, migrations.RunSQL.noop),
        migrations.RunSQL(CREATE_FOLD, DROP_FOLD),
    ]
