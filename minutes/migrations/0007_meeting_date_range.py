import datetime

from django.db import migrations, models

import minutes.validators

# Rows stored before the range was enforced: a date outside the database's bounds is emptied
# (the meeting stays, undated, for a person to correct in the admin), so that the constraints
# below can be added to a database that already holds one. Plain SQL, because the ORM cannot
# read such a row: a start before year 1 in UTC is what made every page that showed it answer
# 500. The triggers of decisions 0002 carry the emptied date on to the meeting's agenda items
# and decisions.
#
# The bounds are fixed (1800 to 2199; times from 31 December 1799 in UTC, which is still
# 1 January 1800 in Stockholm), wider than the validators' 1800 to ten years ahead, which
# moves with today and which a CHECK cannot express (parsing.daterange).
EMPTY_OUT_OF_RANGE = """
UPDATE minutes_meeting SET start = NULL
WHERE start < '1799-12-31 00:00+00' OR start >= '2200-01-01 00:00+00';
UPDATE minutes_meeting SET "end" = NULL
WHERE "end" < '1799-12-31 00:00+00' OR "end" >= '2200-01-01 00:00+00';
UPDATE minutes_meeting SET start_date = NULL
WHERE start_date < '1800-01-01' OR start_date >= '2200-01-01';
"""


class Migration(migrations.Migration):

    dependencies = [
        ('minutes', '0006_source_ocr_file'),
    ]

    operations = [
        migrations.RunSQL(EMPTY_OUT_OF_RANGE, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name='meeting',
            name='end',
            field=models.DateTimeField(blank=True, null=True, validators=[minutes.validators.validate_meeting_date], verbose_name='end'),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='start',
            field=models.DateTimeField(blank=True, help_text='Empty when the minutes give no time.', null=True, validators=[minutes.validators.validate_meeting_date], verbose_name='start'),
        ),
        migrations.AlterField(
            model_name='meeting',
            name='start_date',
            field=models.DateField(blank=True, db_index=True, null=True, validators=[minutes.validators.validate_meeting_date], verbose_name='date'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('start_date__isnull', True), models.Q(('start_date__gte', datetime.date(1800, 1, 1)), ('start_date__lt', datetime.date(2200, 1, 1))), _connector='OR'), name='meeting_start_date_in_range', violation_error_message='The date lies outside what the archive can store.'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('start__isnull', True), models.Q(('start__gte', datetime.datetime(1799, 12, 31, 0, 0, tzinfo=datetime.UTC)), ('start__lt', datetime.datetime(2200, 1, 1, 0, 0, tzinfo=datetime.UTC))), _connector='OR'), name='meeting_start_in_range', violation_error_message='The date lies outside what the archive can store.'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=models.Q(('end__isnull', True), models.Q(('end__gte', datetime.datetime(1799, 12, 31, 0, 0, tzinfo=datetime.UTC)), ('end__lt', datetime.datetime(2200, 1, 1, 0, 0, tzinfo=datetime.UTC))), _connector='OR'), name='meeting_end_in_range', violation_error_message='The date lies outside what the archive can store.'),
        ),
    ]
