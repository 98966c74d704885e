"""make bench's pages and exports on a small seeded database: every page answers, its floor
reads the same rows, and the exports write the rows their floor writes."""

import pytest

from bench.harness.exports import exports
from bench.harness.pages import pages
from bench.harness.timing import alternate
from bench.seeding.bulk import seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    return seed(60, random_seed=5)


def test_every_page_answers_and_its_floor_reads_rows(seeded):
    measured = pages()
    assert {page.name.split(",")[0] for page in measured} >= {
        "staff list",
        "portal list",
        "case page",
        "deadlines",
        "finance dashboard",
        "portfolio view",
    }
    for page in measured:
        timings = alternate({"page": page.request, "floor": page.floor_fetch()}, repeat=2)
        assert timings["page"].queries > 0 and len(timings["page"].seconds) == 2, page.name
        assert timings["floor"].queries == 1, page.name
        assert timings["page"].median_ms > 0 and timings["page"].p95_ms > 0


def test_the_exports_and_their_floor_write_the_same_rows(seeded):
    results = exports(repeat=1)
    assert [r.name.split(" (")[0] for r in results] == ["ledger export", "budget sheet export"]
    for result in results:
        assert result.rows > 0 and result.ratio > 0
        assert result.ours_peak > 0 and result.floor_peak > 0
