"""A demo report handed in: the Sachbericht, half of the planned costs and income spent so
far, a Belegliste that adds up (not for a simplified report that was not drawn for the full
check: it has none), and the indicator values already saved as a draft."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from core.money import round_money, split_money
from grants.models import Programme, Report, ReportSample
from grants.reports.rows import ReceiptRow
from grants.reports.rules import asks_for_receipts
from grants.sampling import block_size, drawn_positions
from grants.services.report import report_save_draft

NARRATIVE = {
    "work_done": "Seit Projektbeginn fanden die Treffen wöchentlich statt; 22 Teilnehmende "
    "kamen regelmäßig, dazu kamen zwei Ausflüge in den Stadtteil.",
    "what_worked": "Die Gruppe ist stabil, die ehrenamtlichen Patinnen sind verlässlich dabei.",
    "what_did_not": "In den Ferien kamen weniger; wir haben die Termine in den Nachmittag verlegt.",
}
RECEIPTS = (
    ("Kursleitung Frau Yılmaz", "Honorar erste Hälfte"),
    ("Stadtteiltreff e. V.", "Raummiete"),
    ("Druckerei am Werth", "Flyer und Material"),
)


def report_fill_seed(*, report: Report, user) -> Report:
    """Fill the report so that it meets every rule; it is not submitted here."""
    application = report.application
    costs = {line.pk: round_money(line.amount / 2) for line in application.cost_lines.all()}
    income = {line.pk: round_money(line.amount / 2) for line in application.financing_lines.all()}
    total = sum(costs.values(), Decimal("0.00"))
    day = application.project_start + timedelta(days=14)
    # Never after today (a receipt from the future is refused); before a project that has not
    # started yet, the receipts are dated today and flagged in the check as not eligible.
    today = timezone.localdate()
    receipts = [
        ReceiptRow(
            date=min(today, day + timedelta(days=7 * number)),
            payee=payee,
            purpose=purpose,
            amount=part,
        )
        for number, ((payee, purpose), part) in enumerate(
            zip(RECEIPTS, split_money(total, [Decimal(1)] * len(RECEIPTS)), strict=True)
        )
    ]
    return report_save_draft(
        report=report,
        user=user,
        data=NARRATIVE,
        cost_actuals=costs,
        income_actuals=income,
        receipts=receipts if asks_for_receipts(report) else None,
    )


def demo_sample_block_ensure(*, programme: Programme, share: Decimal) -> ReportSample:
    """The programme's first sample block with a seed that draws its first place, so that the
    demo always shows a report drawn for the full check. Made only while the programme has no
    block yet; report_sample_draw makes every later block with a random seed. The seed is
    recorded like any other, and the draw can be repeated from it."""
    block = ReportSample.objects.filter(programme=programme).order_by("number").first()
    if block is not None:
        return block
    size = block_size(share)
    seed = next(
        seed
        for seed in (f"foerdertal-demo-{number}" for number in range(1000))
        if 1 in drawn_positions(seed, size, share)
    )
    block = ReportSample(programme=programme, number=1, size=size, seed=seed)
    block.full_clean()
    block.save()
    return block
