"""Deleting agenda items counts their stems down in the stem table (minutes/search/index.py
says how the counts are kept). A statement trigger, so a re-parse that deletes a meeting's
items, an admin delete or a meeting deleted with its items counts once per statement."""

from django.db import migrations

# search.index.LEXEME_PATTERN when this was written; a migration keeps its own copy.
LEXEME_PATTERN = "^[[:alpha:]]{3,60}$"

CREATE = f"""
CREATE FUNCTION minutes_searchlexeme_count_down() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    unused text[];
BEGIN
    WITH delta AS (
        SELECT stem, count(*)::integer AS gone
        FROM deleted_items
        CROSS JOIN LATERAL unnest(tsvector_to_array(deleted_items.search_vector)) AS stem
        WHERE stem ~ '{LEXEME_PATTERN}'
        GROUP BY stem
    ),
    locked AS (
        SELECT word FROM minutes_searchlexeme
        WHERE word IN (SELECT stem FROM delta) ORDER BY word FOR UPDATE
    ),
    counted AS (
        UPDATE minutes_searchlexeme AS lexeme
        SET items = greatest(lexeme.items - delta.gone, 0)
        FROM delta JOIN locked ON locked.word = delta.stem
        WHERE lexeme.word = delta.stem
        RETURNING lexeme.word, lexeme.items
    )
    SELECT array_agg(word) INTO unused FROM counted WHERE items = 0;
    IF unused IS NOT NULL THEN
        DELETE FROM minutes_searchlexeme WHERE word = ANY(unused) AND items = 0;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER minutes_agendaitem_count_down_stems
AFTER DELETE ON minutes_agendaitem
REFERENCING OLD TABLE AS deleted_items
FOR EACH STATEMENT EXECUTE FUNCTION minutes_searchlexeme_count_down();
"""

DROP = """
DROP TRIGGER IF EXISTS minutes_agendaitem_count_down_stems ON minutes_agendaitem;
DROP FUNCTION IF EXISTS minutes_searchlexeme_count_down();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("minutes", "0010_body_moved_to_municipalities"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
