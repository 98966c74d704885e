"""The sample draw of a simplified final report when it reaches acceptance (grants/sampling.py
documents the design).

Who may accept a report (Sachbearbeitung, not a member of the organisation) is decided by the
caller in workflow, as for `report_check_record`.
"""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from grants.models import Programme, Report, ReportSample, ReportStatus
from grants.procedure import procedure_of
from grants.sampling import block_size, drawn_positions
from grants.services.errors import NotAllowed


@transaction.atomic
def report_sample_draw(*, report: Report, user) -> bool:
    """Give a simplified final report its place in the programme's sample, once; True when the
    place is drawn for the full check (the report then needs its receipts list)."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("application__procedure", "application__call")
        .get(pk=report.pk)
    )
    if not (report.simplified and report.is_final) or report.sample_id is not None:
        return False
    if report.status != ReportStatus.SUBMITTED:
        raise NotAllowed(
            _("Dieser Schritt ist im Stand „%(status)s“ nicht möglich.")
            % {"status": report.get_status_display()}
        )
    share = procedure_of(report.application).sample_share
    size = block_size(share)
    programme_id = report.application.call.programme_id
    # Two acceptances at once must not take the same place: the programme row guards the
    # creation of a block (there may be none yet to lock), the sample rows the places in them.
    list(Programme.objects.select_for_update().filter(pk=programme_id).values_list("pk"))
    block = (
        ReportSample.objects.select_for_update()
        .filter(programme_id=programme_id)
        .order_by("-number")
        .first()
    )
    taken = block.reports.count() if block is not None else 0
    if block is None or taken >= block.size or block.size != size:
        block = ReportSample(
            programme_id=programme_id,
            number=block.number + 1 if block is not None else 1,
            size=size,
            seed=secrets.token_hex(16),
        )
        block.full_clean()
        block.save()
        taken = 0
    positions = drawn_positions(block.seed, block.size, share)
    report.sample = block
    report.sample_position = taken + 1
    report.drawn_for_full_check = report.sample_position in positions
    report.full_clean()
    report.save(update_fields=["sample", "sample_position", "drawn_for_full_check", "updated_at"])
    audit_record(
        actor=user,
        action="grants.report.sample_drawn",
        obj=report,
        after={
            "programme": programme_id,
            "block": block.number,
            "seed": block.seed,
            "size": block.size,
            "share": share,
            "position": report.sample_position,
            "drawn_positions": sorted(positions),
            "drawn": report.drawn_for_full_check,
        },
    )
    return report.drawn_for_full_check
