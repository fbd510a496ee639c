"""The task queue's jobs for search: the e-mail alerts of saved searches (search/alerts.py).

Any worker runs them (`manage.py procrastinate worker`), every SEARCH_ALERTS_CRON.
"""

from __future__ import annotations

from django.conf import settings
from procrastinate.contrib.django import app

from search.alerts import alerts_send


@app.periodic(cron=settings.SEARCH_ALERTS_CRON, periodic_id="search_alerts")
@app.task(name="search.alerts_send", queueing_lock="search-alerts")
def search_alerts(timestamp: int) -> int:
    """Send the alerts of saved searches whose new hits were archived since their last one;
    returns how many e-mails went, for the worker's log."""
    return alerts_send()
