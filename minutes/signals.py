"""What the minutes app tells the apps above it, which it must not import (municipalities <-
minutes <- decisions, search on top): signals, sent inside the transaction that writes.

`items_stored` is sent by the write pipeline (minutes/services.py: ingest, confirming an
upload, re-parsing) right after a meeting's agenda items were created from a parse, with
- `meeting`: the Meeting;
- `items`: its AgendaItem rows, in order;
- `parsed_items`: the parser's ParsedItem for each row, in the same order;
- `people`: (name as written, Person) for each attendee of the meeting.
decisions/receivers.py stores each item's decisions and who they assign. A receiver that
raises rolls the whole store back, as any other failure inside it does.

`meetings_changed` is the one way the search index learns of a change: it is sent, with
- `meeting_ids`: the ids of the meetings whose items or decisions were written or deleted,
by the write pipeline after everything of a store or re-parse is written (so what the
`items_stored` receivers stored is found), and by the admin after a save or delete of a
meeting, an agenda item or a decision (minutes.admin_mixins.MeetingChangedOnSave).
search/receivers.py re-indexes those meetings' items in the same transaction. Whatever else
writes items or decisions sends it too.

`record_read` asks the apps above for their part of a stored meeting in the parser's JSON form
(parsing.to_dict), so that a new reading of its original can be compared with the record
(minutes/reading.py). It is sent with
- `meeting`: the Meeting;
- `items`: its AgendaItem rows, in order;
- `readings`: a dict per item, in the same order, holding what minutes knows of it;
and a receiver adds its keys to those dicts in place. decisions/readings.py adds each item's
"decisions", "votes" (the last, as the JSON holds one), "all_votes", "reservations",
"recusals" and "notes".
"""

from django.dispatch import Signal

items_stored = Signal()
meetings_changed = Signal()
record_read = Signal()
