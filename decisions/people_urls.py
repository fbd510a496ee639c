from django.urls import path

from decisions import people_views as views

# The pages moved to decisions (they show meetings and decisions), their names did not:
# templates and links reverse "municipalities:person-detail" and "...:organization-detail".
app_name = "municipalities"

urlpatterns = [
    path("personer/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path(
        "organisationer/<int:pk>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
]
