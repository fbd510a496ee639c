"""What the minutes app tells the apps above it, which it must not import (municipalities <-
minutes <- decisions): a signal, sent inside the transaction that stores the minutes.

`items_stored` is sent by the write pipeline (minutes/services.py: ingest, confirming an
upload, re-parsing) right after a meeting's agenda items were created from a parse, with
- `meeting`: the Meeting;
- `items`: its AgendaItem rows, in order;
- `parsed_items`: the parser's ParsedItem for each row, in the same order;
- `people`: (name as written, Person) for each attendee of the meeting.
decisions/receivers.py stores each item's decisions and who they assign. A receiver that
raises rolls the whole store back, as any other failure inside it does. The search index is
refreshed after the signal, so what receivers store is found.
"""

from django.dispatch import Signal

items_stored = Signal()
