from django.urls import path
from django.utils.translation import gettext_lazy as _

from decisions import views
from decisions.feeds import DecisionFeed, register_feed_rows

app_name = "decisions"

urlpatterns = [
    path("decisions/", views.decision_register, name="register"),
    path(
        "decisions/feed/",
        DecisionFeed(
            rows=register_feed_rows,
            title=_("Decisions in the Södertörn minutes archive"),
            subtitle=_("The newest decisions matching the register's filters."),
            page="decisions:register",
        ),
        name="feed",
    ),
]
