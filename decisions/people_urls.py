from django.urls import path

from decisions import directory_views
from decisions import people_views as views

# The pages moved to decisions (they show meetings and decisions), their names did not:
# templates and links reverse "municipalities:person-detail" and "...:organization-detail".
app_name = "municipalities"

urlpatterns = [
    path("personer/", directory_views.person_list, name="person-list"),
    path("organisationer/", directory_views.organization_list, name="organization-list"),
    path("organ/", directory_views.body_list, name="body-list"),
    path("organ/<int:pk>/", directory_views.body_detail, name="body-detail"),
    path("personer/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path(
        "organisationer/<int:pk>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
]
