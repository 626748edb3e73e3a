"""A pybtex formatting style for a policy report's notes.

Notes read "Author, *Title*, Publisher, 17 December 2020, URL." The stock styles lowercase
titles ("russian-belarusian") and drop the organisation; this one keeps titles as written and
always shows who published and when. A title the editors made up for an untitled source
(``titletype = {descriptive}``) is printed ``[in square brackets]``, never italicised.
Registered as the ``report`` entry point of ``pybtex.style.formatting``, so
``bibtex_default_style = "report"`` selects it.
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.richtext import Text
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import field, first_of, href, join, names, node, optional, tag

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_ABBREVIATIONS = {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}


def full_date(fields: Any) -> str:
    """``17 December 2020`` from ``date`` (YYYY[-MM[-DD]]) or ``year``/``month``/``day``."""
    raw = str(fields.get("date", ""))
    match = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", raw)
    if match:
        year, month, day = match.group(1), match.group(2), match.group(3)
    else:
        year, month, day = fields.get("year", ""), fields.get("month", ""), fields.get("day", "")
    month_number: int | None = None
    if month:
        text = str(month).strip().lower()
        month_number = int(text) if text.isdigit() else _MONTH_ABBREVIATIONS.get(text[:3])
    parts = []
    if day and month_number:
        parts.append(str(int(day)))
    if month_number:
        parts.append(MONTHS[month_number - 1])
    if year:
        parts.append(str(year))
    return " ".join(parts)


@node
def date_text(children: Any, context: Any) -> Text:
    """The entry's full date as text."""
    assert not children
    return Text(full_date(context["entry"].fields))


#: ``titletype = {descriptive}``: the title is the editors' description of an untitled source
#: (a news-agency item, a statement), printed in square brackets as bibliographies do.
DESCRIPTIVE = "descriptive"


@node
def title_text(children: Any, context: Any) -> Any:
    """The title in italics, or ``[in brackets]`` when the editors made it up."""
    assert not children
    fields = context["entry"].fields
    title = field("title").format_data(context)
    if str(fields.get("titletype", "")).strip().lower() == DESCRIPTIVE:
        return Text("[", title, "]")
    return tag("em")[title].format_data(context)


class ReportStyle(BaseStyle):
    """One template for every entry type: author, *title*, publisher, date, URL."""

    default_sorting_style = "none"

    def _template(self, e: Any) -> Any:
        publisher = first_of[
            optional[field("journal")],
            optional[field("organization")],
            optional[field("institution")],
            optional[field("publisher")],
            optional[field("howpublished")],
        ]
        series = optional[field("type")]
        return toplevel[
            join(sep=", ")[
                optional[names("author", sep=", ", sep2=" and ", last_sep=" and ")],
                title_text,
                optional[series],
                optional[publisher],
                optional[date_text],
                optional[href(field("url", raw=True))[field("url", raw=True)]],
            ],
            optional[join[" (", field("note"), ")"]],
        ]

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> Any:
        """Format any entry type with the one template."""
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        text = self._template(entry).format_data(context)
        from pybtex.style import FormattedEntry

        return FormattedEntry(entry.key, text + Text("."), label)
