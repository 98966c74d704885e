"""Portal URLs of the grants app (namespace "portal", mounted under /portal/)."""

from django.urls import path

from grants.views.portal_application import ApplicationEditView
from grants.views.portal_attachment import (
    AttachmentDeleteView,
    AttachmentDownloadView,
    AttachmentUploadView,
    NoticeDownloadView,
)
from grants.views.portal_idea import IdeaCreateView, IdeaDetailView
from grants.views.portal_list import ApplicationCreateView, ApplicationListView
from grants.views.portal_report import ReceiptsImportView, ReportDetailView, ReportEditView

urlpatterns = [
    path("", ApplicationListView.as_view(), name="home"),
    path("antraege/neu/", ApplicationCreateView.as_view(), name="application_create"),
    path("ideen/neu/", IdeaCreateView.as_view(), name="idea_new"),
    path("ideen/<int:pk>/", IdeaDetailView.as_view(), name="idea_detail"),
    path("antraege/<int:pk>/bearbeiten/", ApplicationEditView.as_view(), name="application_edit"),
    path("antraege/<int:pk>/unterlagen/", AttachmentUploadView.as_view(), name="attachment_upload"),
    path("unterlagen/<int:pk>/", AttachmentDownloadView.as_view(), name="attachment_download"),
    path("unterlagen/<int:pk>/loeschen/", AttachmentDeleteView.as_view(), name="attachment_delete"),
    path("bescheide/<int:pk>/", NoticeDownloadView.as_view(), name="notice_download"),
    path("nachweise/<int:pk>/", ReportDetailView.as_view(), name="report_detail"),
    path("nachweise/<int:pk>/bearbeiten/", ReportEditView.as_view(), name="report_edit"),
    path(
        "nachweise/<int:pk>/belege/",
        ReceiptsImportView.as_view(),
        name="report_receipts_import",
    ),
]
