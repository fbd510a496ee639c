from django.contrib import admin
from django.urls import include, path

from config.views import favicon, robots_txt
from minutes.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("minutes.urls")),
    # The person and organisation pages show meetings and decisions, so they live in decisions
    # (municipalities imports no other app of ours) but keep their "municipalities:" URL names.
    path("", include("decisions.people_urls")),
    path("", include("decisions.urls")),
    path("", include("search.urls")),
    path("konto/", include("config.accounts_urls")),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
]
