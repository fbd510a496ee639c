from django.urls import path
from django.utils.translation import gettext_lazy as _

from minutes import search_views, views

app_name = "minutes"

urlpatterns = [
    path("moten/", views.MeetingListView.as_view(), name="meeting-list"),
    path("moten/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("moten/<int:pk>/original/", views.meeting_original, name="meeting-original"),
    path("search/", search_views.search, name="search"),
    path(
        "search/feed/",
        search_views.SearchFeed(
            rows=search_views.search_feed_rows,
            title=_("Search in the Södertörn minutes archive"),
            subtitle=_("The newest agenda items matching a saved search."),
            page="minutes:search",
        ),
        name="search-feed",
    ),
]
