from django.urls import path

from decisions import case_views

app_name = "decisions"

urlpatterns = [
    # Case numbers hold spaces and slashes ("KS 2024/123"): the path converter keeps the
    # slashes, and reverse() quotes the rest, so the number round-trips.
    path("arenden/<path:case_number>/", case_views.case_detail, name="case-detail"),
]
