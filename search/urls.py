from django.urls import path
from django.utils.translation import gettext_lazy as _

from decisions.feeds import DecisionFeed
from search import register, views

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path(
        "search/feed/",
        views.SearchFeed(
            rows=views.search_feed_rows,
            title=_("Search in the Södertörn minutes archive"),
            subtitle=_("The newest agenda items matching a saved search."),
            page="search:search",
        ),
        name="search-feed",
    ),
    path("decisions/", register.decision_register, name="register"),
    path(
        "decisions/feed/",
        DecisionFeed(
            rows=register.register_feed_rows,
            title=_("Decisions in the Södertörn minutes archive"),
            subtitle=_("The newest decisions matching the register's filters."),
            page="search:register",
        ),
        name="register-feed",
    ),
]
