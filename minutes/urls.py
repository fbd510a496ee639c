from django.urls import path

from minutes import views

app_name = "minutes"

urlpatterns = [
    path("moten/", views.MeetingListView.as_view(), name="meeting-list"),
    path("moten/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("moten/<int:pk>/original/", views.meeting_original, name="meeting-original"),
]
