"""Pagination of long lists (100,000 applications and more)."""

from django.core.paginator import Paginator


class KeysFirstPaginator(Paginator):
    """Finds a page's rows by their keys first, in the same query: the database skips the rows
    before the page in a narrow index (`… WHERE id IN (SELECT id … LIMIT 25 OFFSET 12475)`),
    and joins and reads only the page's own rows. Page 500 then costs little more than page 1.

    `rows` is the queryset the page's rows are read from (related rows, annotations, order),
    e.g. a filtered list's unfiltered base, so that the filters run once, in the key query.
    """

    def __init__(self, object_list, per_page, *, rows, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.rows.filter(pk__in=keys), number, self)


def with_links(request, page, param: str = "page"):
    """Give a page its `previous_link` and `next_link`: this request's query string with only
    `param` changed, so that the filters and the other tables' pages stay, and the number is
    written plainly (a template would write page 1001 as "1.001" in German)."""

    def link(number: int) -> str:
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.previous_link = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_link = link(page.next_page_number()) if page.has_next() else ""
    return page
