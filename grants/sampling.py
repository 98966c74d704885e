"""The sample of simplified final reports drawn for a full check with receipts (einfacher
Verwendungsnachweis, DOMAIN.md "Procedures per programme"; issue 15, item 6).

How the draw works, so that anybody can repeat it from the audit log:

- A programme's simplified final reports are numbered in the order they reach acceptance (the
  first time a checker accepts one). They fall into blocks of `b = floor(100 / share)` reports
  (at least 1), where `share` is the sample share in per cent of the case's procedure.
- Each block is a `ReportSample` row, created with a fresh random seed
  (`secrets.token_hex(16)`) when its first report arrives. A new block starts when the last one
  is full, or when a report's share gives another block size (a changed programme), so that every
  report of a block is drawn with the same size and share.
- The drawn positions of a block are `random.Random(seed).sample(range(1, b + 1), k)` with
  `k = ceil(b * share / 100)`: every full block holds at least the share.
- A report is drawn when its position in the block is among them. The drawn report is not
  accepted but sent back for its receipts list and from then on checked as a full report.

The audit entry `grants.report.sample_drawn` records seed, block number, size, share, position
and result; `drawn_positions(seed, size, share)` recomputes the draw.
"""

import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from grants.models import Application, Report

HUNDRED = Decimal("100")

DRAWN_MESSAGE = _(
    "Ihr einfacher Verwendungsnachweis ist in der Stichprobe für die vollständige Prüfung "
    "gezogen worden. Bitte tragen Sie die Belegliste ein (jede Ausgabe mit Datum, "
    "Zahlungsempfänger, Zweck und Betrag) oder lesen Sie sie aus einer Datei ein, und reichen "
    "Sie den Nachweis erneut ein. Die Summe der Belege muss den tatsächlichen Kosten entsprechen."
)


def drawn_request(note: str = "") -> str:
    """The request for revision that sends a drawn report back for its receipts list, in the
    reference language like every message to the applicant, with the checker's note if any."""
    with translation.override(settings.LANGUAGE_CODE):
        text = str(DRAWN_MESSAGE)
    return f"{text}\n\n{note.strip()}" if note.strip() else text


def block_size(share: Decimal) -> int:
    """How many reports a block holds: floor(100 / share), at least 1."""
    return max(1, math.floor(HUNDRED / Decimal(share)))


def drawn_count(size: int, share: Decimal) -> int:
    """How many positions of a block of `size` are drawn: ceil(size * share / 100)."""
    return min(size, math.ceil(Decimal(size) * Decimal(share) / HUNDRED))


def drawn_positions(seed: str, size: int, share: Decimal) -> set[int]:
    """The positions (1 to size) of a block that are drawn for the full check."""
    # A seeded generator on purpose: the draw must be repeatable; the seed itself comes from
    # `secrets`, so nobody can foresee it.
    draw = random.Random(seed)  # noqa: S311
    return set(draw.sample(range(1, size + 1), drawn_count(size, share)))


def simplified_proof_of(application: Application) -> bool:
    """Whether the case's final report is a simplified one (its frozen procedure says so)."""
    return application.procedure_id is not None and application.procedure.is_simplified_proof


@dataclass(frozen=True)
class SampleDraw:
    """A report's place in its block and the draw of that block, as anybody can repeat it."""

    block: int
    size: int
    seed: str
    share: Decimal
    position: int
    positions: tuple[int, ...]

    @property
    def drawn(self) -> bool:
        return self.position in self.positions


def sample_draw_of(report: Report) -> SampleDraw | None:
    """The draw that placed the report, recomputed from its block's seed; None before it."""
    if report.sample_id is None:
        return None
    sample, share = report.sample, report.application.procedure.sample_share
    return SampleDraw(
        block=sample.number,
        size=sample.size,
        seed=sample.seed,
        share=share,
        position=report.sample_position,
        positions=tuple(sorted(drawn_positions(sample.seed, sample.size, share))),
    )
