"""Signing in and out: `/konto/logga-in/` and `/konto/logga-ut/`."""

from django.urls import path

from config.views import SignInView, SignOutView

app_name = "accounts"

urlpatterns = [
    path("logga-in/", SignInView.as_view(), name="login"),
    path("logga-ut/", SignOutView.as_view(), name="logout"),
]
