"""The staff site (viewflow's frontend under /staff/) and the portal's case actions."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application, Site

from workflow.application.flow import ApplicationFlow
from workflow.application.panel_views import panel_urls
from workflow.change.flow import ChangeFlow
from workflow.change.urls import change_portal_urls
from workflow.delivery.views import NoticeDeliveryView
from workflow.flow_viewset import StaffFlowViewset
from workflow.idea.urls import idea_app
from workflow.payout.flow import PayoutFlow
from workflow.portal.views import (
    ApplicationOverviewView,
    ApplicationSubmitView,
    ApplicationWithdrawView,
    PaymentRequestView,
    RefundNoticeDownloadView,
    ReportSubmitView,
    WaiverView,
)
from workflow.ranking.urls import ranking_app
from workflow.report.flow import ReportFlow
from workflow.staff.bank_changes import BankChangeDecisionView, BankChangeListView
from workflow.staff.exports import ApplicationExportView, ExportDownloadView, ExportJobView
from workflow.staff.finance import (
    BudgetSheetView,
    CarryOverView,
    CoFunderView,
    FinanceDashboardView,
)
from workflow.staff.lists import GrantListView, PaymentListView, ReportListView
from workflow.staff.payout_file import PayoutFileView
from workflow.staff.portfolio import PortfolioView
from workflow.staff.views import (
    CaseView,
    DeadlinesView,
    RefundNoticeView,
    RefundRepaymentView,
    RefundWaiverView,
    RevocationView,
    StaffApplicationListView,
    StaffAttachmentView,
    StaffNoticeView,
)
from workflow.viewsets import BudgetLineViewset, FundingSourceViewset

staff_site = Site(
    title=_("Fördertal"),
    primary_color="#0b4f8a",
    secondary_color="#0b4f8a",
    viewsets=[
        Application(
            app_name="antraege",
            title=_("Anträge"),
            icon="folder_open",
            menu_template_name=None,
            urlpatterns=[
                path("", StaffApplicationListView.as_view(), name="index"),
                path("<int:pk>/", CaseView.as_view(), name="case"),
                path("unterlagen/<int:pk>/", StaffAttachmentView.as_view(), name="attachment"),
                path("bescheide/<int:pk>/", StaffNoticeView.as_view(), name="notice"),
                path(
                    "bescheide/<int:pk>/bekanntgabe/",
                    NoticeDeliveryView.as_view(),
                    name="notice_delivery",
                ),
                path("<int:pk>/widerruf/", RevocationView.as_view(), name="revoke"),
                path("fristen/", DeadlinesView.as_view(), name="deadlines"),
                path("bewilligungen/", GrantListView.as_view(), name="grants"),
                path("mittelabrufe/", PaymentListView.as_view(), name="payments"),
                path("nachweise/", ReportListView.as_view(), name="reports"),
                path("auszahlungsdatei/", PayoutFileView.as_view(), name="payout_file"),
                path("export/", ApplicationExportView.as_view(), name="export"),
                path("exporte/<int:pk>/", ExportJobView.as_view(), name="export_job"),
                path(
                    "exporte/<int:pk>/datei/", ExportDownloadView.as_view(), name="export_download"
                ),
                path(
                    "rueckforderungen/<int:pk>/zahlung/",
                    RefundRepaymentView.as_view(),
                    name="refund_repayment",
                ),
                path(
                    "rueckforderungen/<int:pk>/niederschlagung/",
                    RefundWaiverView.as_view(),
                    name="refund_waiver",
                ),
                path(
                    "rueckforderungen/<int:pk>/bescheid/",
                    RefundNoticeView.as_view(),
                    name="refund_notice",
                ),
            ],
        ),
        Application(
            app_name="finanzen",
            title=_("Finanzen"),
            icon="account_balance",
            viewsets=[FundingSourceViewset(), BudgetLineViewset()],
            urlpatterns=[
                path("", FinanceDashboardView.as_view(), name="index"),
                path("haushalt.xlsx", BudgetSheetView.as_view(), name="budget_sheet"),
                path("kofinanzierer/<int:pk>/", CoFunderView.as_view(), name="cofunder"),
                path("uebertragung/", CarryOverView.as_view(), name="carry_over"),
                path("bankverbindungen/", BankChangeListView.as_view(), name="bank_changes"),
                path(
                    "bankverbindungen/<int:pk>/bestaetigen/",
                    BankChangeDecisionView.as_view(confirm=True),
                    name="bank_change_confirm",
                ),
                path(
                    "bankverbindungen/<int:pk>/ablehnen/",
                    BankChangeDecisionView.as_view(confirm=False),
                    name="bank_change_reject",
                ),
            ],
        ),
        Application(
            app_name="jury",
            title=_("Jury"),
            icon="how_to_vote",
            menu_template_name=None,
            permission="grants.review_application",
            urlpatterns=panel_urls,
        ),
        idea_app(),
        Application(
            app_name="wirkung",
            title=_("Wirkung"),
            icon="insights",
            menu_template_name=None,
            urlpatterns=[path("", PortfolioView.as_view(), name="index")],
        ),
        ranking_app(),
        StaffFlowViewset(ApplicationFlow, app_name="verfahren", icon="assignment"),
        StaffFlowViewset(PayoutFlow, app_name="mittelabrufe", icon="payments"),
        StaffFlowViewset(ReportFlow, app_name="nachweise", icon="fact_check"),
        StaffFlowViewset(ChangeFlow, app_name="aenderungen", icon="edit_note"),
    ],
)

portal_urls = [
    path("antraege/<int:pk>/", ApplicationOverviewView.as_view(), name="application_detail"),
    path(
        "antraege/<int:pk>/rechtsbehelfsverzicht/",
        WaiverView.as_view(),
        name="application_waiver",
    ),
    path("nachweise/<int:pk>/einreichen/", ReportSubmitView.as_view(), name="report_submit"),
    path(
        "rueckforderungen/<int:pk>/bescheid/",
        RefundNoticeDownloadView.as_view(),
        name="refund_notice",
    ),
    path(
        "antraege/<int:pk>/mittelabruf/",
        PaymentRequestView.as_view(),
        name="payment_request",
    ),
    path(
        "antraege/<int:pk>/einreichen/",
        ApplicationSubmitView.as_view(),
        name="application_submit",
    ),
    path(
        "antraege/<int:pk>/zurueckziehen/",
        ApplicationWithdrawView.as_view(),
        name="application_withdraw",
    ),
]
portal_urls += change_portal_urls
