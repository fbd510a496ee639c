from django.urls import path

from municipalities import views

app_name = "municipalities"

urlpatterns = [
    path("personer/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path(
        "organisationer/<int:pk>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
]
