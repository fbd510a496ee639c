from django.urls import path

from minutes import upload_views, views

app_name = "minutes"

urlpatterns = [
    path("moten/", views.MeetingListView.as_view(), name="meeting-list"),
    path("moten/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("moten/<int:pk>/original/", views.meeting_original, name="meeting-original"),
    path("moten/<int:pk>/original/ocr/", views.meeting_original_ocr,
         name="meeting-original-ocr"),
    path("upload/", upload_views.upload, name="upload"),
    path("importer/", upload_views.import_list, name="import-list"),
    path("importer/<int:pk>/", upload_views.import_detail, name="import-detail"),
    path("importer/<int:pk>/bekrafta/", upload_views.import_confirm, name="import-confirm"),
    path("importer/<int:pk>/avbryt/", upload_views.import_cancel, name="import-cancel"),
    path("importer/<int:pk>/las-om/", upload_views.import_reparse, name="import-reparse"),
    path("importer/<int:pk>/original/", upload_views.import_original, name="import-original"),
    path("importer/<int:pk>/original/ocr/", upload_views.import_original_ocr,
         name="import-original-ocr"),
]
