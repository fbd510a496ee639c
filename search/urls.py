from django.urls import path
from django.utils.translation import gettext_lazy as _

from decisions.feeds import DecisionFeed
from search import alert_views, register, views
from search.feed_tokens import feed_with_token

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path(
        "search/feed/",
        feed_with_token(views.SearchFeed(
            rows=views.search_feed_rows,
            title=_("Search in the Södertörn minutes archive"),
            subtitle=_("The newest agenda items matching a saved search."),
            page="search:search",
        )),
        name="search-feed",
    ),
    path("decisions/", register.decision_register, name="register"),
    path(
        "decisions/feed/",
        feed_with_token(DecisionFeed(
            rows=register.register_feed_rows,
            title=_("Decisions in the Södertörn minutes archive"),
            subtitle=_("The newest decisions matching the register's filters."),
            page="search:register",
        )),
        name="register-feed",
    ),
    # What a user follows: saved searches with e-mail alerts, and the feed token.
    path("bevakningar/", alert_views.follow_list, name="follow-list"),
    path("bevakningar/ny/", alert_views.follow_save, name="follow-save"),
    path("bevakningar/<int:pk>/ta-bort/", alert_views.follow_remove, name="follow-remove"),
    path("bevakningar/flodesnyckel/", alert_views.feed_token_new, name="feed-token-renew"),
    path("bevakningar/avsluta/", alert_views.unsubscribe, name="follow-unsubscribe"),
]
