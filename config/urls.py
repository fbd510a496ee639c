from django.contrib import admin
from django.urls import include, path

from minutes.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("minutes.urls")),
    path("", include("municipalities.urls")),
    path("", include("decisions.urls")),
    path("admin/", admin.site.urls),
]
