"""Read the forms of a page as a browser submits them (standard library only).

The load test posts the application's real draft form: every field the page renders, with the
values it shows, and then the fields that the simulated applicant types in.
"""

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

NOT_SUBMITTED = {"submit", "button", "reset", "image", "file"}


@dataclass
class Select:
    name: str
    multiple: bool
    options: list[tuple[str, bool]] = field(default_factory=list)


@dataclass
class Form:
    attrs: dict[str, str]
    # (name, value) pairs in page order, as a browser sends them
    fields: list[tuple[str, str]] = field(default_factory=list)
    # every option of every <select>, for choosing another one
    choices: dict[str, list[str]] = field(default_factory=dict)
    # disabled fields (not sent): name -> value; a disabled check box only when checked
    disabled: dict[str, str] = field(default_factory=dict)

    def values(self, **changes) -> list[tuple[str, str]]:
        """The fields with some replaced: a str for one value, a list for several (check
        boxes), None to leave a field out. Names the page does not have are added."""
        sent, done = [], set()
        for name, value in self.fields:
            if name not in changes:
                sent.append((name, value))
            elif name not in done:
                done.add(name)
                sent.extend(_pairs(name, changes[name]))
        for name, value in changes.items():
            if name not in done:
                sent.extend(_pairs(name, value))
        return sent


def _pairs(name, value):
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [(name, str(v)) for v in value]
    return [(name, str(value))]


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Select | None = None
        self._option: list | None = None  # [value, selected, text]
        self._textarea: list | None = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        a = {k: ("" if v is None else v) for k, v in attrs}
        if tag == "form":
            self._form = Form(attrs=a)
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if "name" not in a or kind in NOT_SUBMITTED:
                return
            if "disabled" in a:
                if kind not in ("checkbox", "radio") or "checked" in a:
                    self._form.disabled[a["name"]] = a.get("value", "on")
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.fields.append((a["name"], a.get("value", "on")))
                return
            self._form.fields.append((a["name"], a.get("value", "")))
        elif tag == "select" and "name" in a and "disabled" not in a:
            self._select = Select(name=a["name"], multiple="multiple" in a)
        elif tag == "option" and self._select is not None:
            self._close_option()
            self._option = [a.get("value"), "selected" in a, ""]
        elif tag == "textarea" and "name" in a and "disabled" not in a:
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option":
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            self._close_select()
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # a browser drops the one newline that follows <textarea>
            self._form.fields.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None

    def _close_option(self):
        if self._option is not None:
            value, selected, text = self._option
            self._select.options.append((text.strip() if value is None else value, selected))
            self._option = None

    def _close_select(self):
        select, self._select = self._select, None
        if self._form is None:
            return
        values = [value for value, _selected in select.options]
        self._form.choices[select.name] = values
        chosen = [value for value, selected in select.options if selected]
        if not chosen and not select.multiple and values:
            chosen = values[:1]  # a single <select> sends its first option
        if not select.multiple:
            chosen = chosen[-1:]
        self._form.fields.extend((select.name, value) for value in chosen)


def forms_of(page: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(page)
    parser.close()
    return parser.forms


def form_with(page: str, **attrs) -> Form | None:
    """The first form whose attributes include `attrs` (e.g. id="application-form")."""
    for form in forms_of(page):
        if all(form.attrs.get(key) == value for key, value in attrs.items()):
            return form
    return None


CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(page: str) -> str | None:
    match = CSRF_RE.search(page)
    return match.group(1) if match else None


VF_SELECT_RE = re.compile(r'<vf-field-select [^>]*name="([^"]+)"[^>]*optgroups="([^"]*)"')


def filter_choices(page: str) -> dict[str, list[str]]:
    """The options of the filter selects of a viewflow (staff) list: name -> values."""
    choices = {}
    for name, optgroups in VF_SELECT_RE.findall(page):
        groups = json.loads(html.unescape(optgroups))
        values = [group["options"]["value"] for group in groups if group.get("options")]
        choices[name] = [value for value in values if value]
    return choices


def german_amount(value: float) -> str:
    """12500.5 -> '12.500,50', as the portal's amount fields show and take it."""
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
