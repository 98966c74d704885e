"""Page links keep the query string and write the page number plainly."""

from django.core.paginator import Paginator
from django.test import RequestFactory

from core.paging import with_links


def test_a_link_changes_only_its_page_and_writes_1001_without_a_separator():
    request = RequestFactory().get("/staff/antraege/", {"status": "final", "page": "1000"})
    page = with_links(request, Paginator(range(30_000), 25).get_page(1000))
    assert page.previous_link == "?status=final&page=999"
    assert page.next_link == "?status=final&page=1001"


def test_the_first_and_last_pages_have_no_link_beyond_them():
    request = RequestFactory().get("/", {"reports_page": "1", "payments_page": "3"})
    first = with_links(request, Paginator(range(30), 25).get_page(1), "reports_page")
    assert first.previous_link == ""
    assert first.next_link == "?reports_page=2&payments_page=3"
    last = with_links(request, Paginator(range(30), 25).get_page(2), "reports_page")
    assert last.next_link == ""
