import time
from decimal import Decimal

from grants.models import Decision, DecisionOutcome, NoticeKind
from grants.notices.render import render_notice_pdf
from grants.services.notice import notice_issue
from tests.factories import ApplicationFactory, UserFactory


def test_dump(db):
    user = UserFactory()
    app = ApplicationFactory(title="Stadtteilmütter in Oberbarmen – Beratung und Begleitung")
    app.reference = "ZI-2026-0042"
    app.save()
    Decision.objects.create(application=app, outcome=DecisionOutcome.REJECTED,
        approved_amount=Decimal("0"), reasons="Erster Grund: das Projekt passt nicht zum Handlungsfeld.\nZweiter Grund: Die Mittel des Jahres 2026 sind ausgeschöpft.", decided_by=user)
    n = notice_issue(application=app, kind=NoticeKind.REJECTION, user=user)
    open("/tmp/rejection.pdf", "wb").write(n.file.read())
    app2 = ApplicationFactory()
    app2.reference = "ZI-2026-0043"
    app2.save()
    Decision.objects.create(application=app2, outcome=DecisionOutcome.APPROVED,
        approved_amount=Decimal("8000"), reasons="", decided_by=user)
    n1 = notice_issue(application=app2, kind=NoticeKind.APPROVAL, user=user)
    n2 = notice_issue(application=app2, kind=NoticeKind.APPROVAL, user=user)
    open("/tmp/change.pdf", "wb").write(n2.file.read())
    times = []
    for i in range(10):
        t = time.perf_counter()
        render_notice_pdf(application=app2, kind=NoticeKind.APPROVAL, version=1, issued_on=app2.created_at.date())
        times.append(time.perf_counter() - t)
    print("\nRENDER TIMES", [round(x, 3) for x in times])
    t = time.perf_counter()
    notice_issue(application=app2, kind=NoticeKind.APPROVAL, user=user)
    print("ISSUE TIME", round(time.perf_counter() - t, 3))
