"""The method page's tables, rendered from the rules the build and ``report-checks`` apply.

Every report made with the toolkit prints its yardstick, hedge table, window and coding rules,
verdicts, statuses and scores with these directives, so the page cannot drift from the checks:
the rows come from :mod:`tradecraft` (yardstick, coding, resolution, scoring, vocabulary).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

from assessments.config import SETTINGS, yardstick
from assessments.tables import simple_table
from tradecraft.coding import EXAMPLE_MADE_ON, HEDGES, coding_rules, window_rules
from tradecraft.dates import not_a_date, parse_date
from tradecraft.resolution import status_rules, verdict_rules
from tradecraft.scoring import measures
from tradecraft.vocabulary import FIELDS

_CODE = re.compile(r"`([^`]+)`")


def rich(text: str) -> nodes.paragraph:
    """A paragraph of ``text`` with each span in backticks set as code (a field or a value)."""
    para = nodes.paragraph()
    for number, part in enumerate(_CODE.split(text)):
        if part:
            para += nodes.literal(part, part) if number % 2 else nodes.Text(part)
    return para


def rule_table(
    headers: list[str],
    rows: Sequence[Sequence[str | nodes.Element]],
    widths: list[int],
    long: bool = False,
) -> nodes.table:
    """A table of rules with its column widths kept in the PDF as well (LaTeX would otherwise
    squeeze the column of values and hyphenate them); a ``long`` one may break across pages
    there, instead of leaving the rest of a page blank."""
    classes = ["colwidths-given", "method-table"] + (["longtable"] if long else [])
    return simple_table(headers, rows, widths, classes=classes)


def code(text: str) -> nodes.paragraph:
    """A paragraph holding ``text`` as code."""
    return rich(f"`{text}`")


class YardstickTable(SphinxDirective):
    """The active yardstick: each term, its range and the number scored for it."""

    def run(self) -> list[nodes.Node]:
        active = yardstick(self.config)
        rows = [
            [
                t.name + (f" (also: {', '.join(t.synonyms)})" if t.synonyms else ""),
                t.range_text,
                f"{t.midpoint:.3f}".rstrip("0").rstrip("."),
            ]
            for t in active.terms
        ]
        table = rule_table(["Term", "Range", "Probability scored"], rows, [4, 2, 2])
        caption = nodes.paragraph(text=f"{active.title}. Source: {active.source}.")
        return [caption, table]


class HedgeTable(SphinxDirective):
    """The fixed mapping from the source's hedges to the active yardstick's terms."""

    def run(self) -> list[nodes.Node]:
        active = yardstick(self.config)
        rows = []
        for row in HEDGES:
            term = active.lookup(row.term)
            coded = term.label if term else f"{row.term} (not in {active.key})"
            rows.append([f"“{row.phrase}”", coded, row.note])
        return [rule_table(["Hedge in the source", "Coded as", "Note"], rows, [3, 3, 5], long=True)]


class WindowTable(SphinxDirective):
    """The window rule: each value of ``:window:``, when it applies and the resolve-by date it
    gives; ``:made_on: YYYY-MM-DD`` picks the date the examples start from."""

    option_spec = {"made_on": directives.unchanged_required}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        given = self.options.get("made_on")
        made_on = EXAMPLE_MADE_ON if given is None else parse_date(given)
        if made_on is None:
            raise self.error(
                f"{not_a_date(':made_on:', given)}; give the date the examples start from, "
                f"e.g. :made_on: {EXAMPLE_MADE_ON}"
            )
        rows = [[code(r.window), rich(r.when), rich(r.resolve_by)] for r in window_rules(made_on)]
        return [rule_table(["Window", "When", "Resolve by"], rows, [2, 5, 5])]


class CodingTable(SphinxDirective):
    """The coding rule: when a forecast's ``:coding:`` is ``original`` and when ``editorial``."""

    def run(self) -> list[nodes.Node]:
        rows = [[code(r.coding), rich(r.when)] for r in coding_rules()]
        return [rule_table(["Coding", "When"], rows, [2, 8])]


class VerdictTable(SphinxDirective):
    """Each verdict of an outcome: what it means, how it is scored, the status it gives."""

    def run(self) -> list[nodes.Node]:
        rows: list[list[str | nodes.Element]] = [
            [code(r.verdict), rich(r.meaning), r.scored, code(r.status)] for r in verdict_rules()
        ]
        header = ["Verdict", "Means", "Scored as", "Status"]
        return [rule_table(header, rows, [2, 6, 2, 2])]


class StatusTable(SphinxDirective):
    """Each status a forecast can have as of the build's date, and when it has it."""

    def run(self) -> list[nodes.Node]:
        rows = [[code(status), rich(when)] for status, when in status_rules().items()]
        return [rule_table(["Status", "When"], rows, [2, 8])]


class ScoreTable(SphinxDirective):
    """The measures the track record reports: what each is and how to read it."""

    def run(self) -> list[nodes.Node]:
        rows: list[list[str | nodes.Element]] = [
            [m.name, rich(m.what), rich(m.reading)] for m in measures()
        ]
        header = ["Measure", "What it is", "How to read it"]
        return [rule_table(header, rows, [3, 5, 4], long=True)]


class SettingsTable(SphinxDirective):
    """The ``assessments_*`` settings of ``conf.py``, from their one declaration
    (:data:`assessments.config.SETTINGS`): name, type, default and what each does."""

    def run(self) -> list[nodes.Node]:
        rows = [
            [code(s.name), rich(s.type_text), rich(s.default_text), rich(s.help)] for s in SETTINGS
        ]
        return [rule_table(["Setting", "Type", "Default", "What it does"], rows, [4, 2, 3, 6])]


#: Fields whose values ``{choices}`` can list: those with a closed vocabulary.
CHOICES = {name: field.choices for name, field in FIELDS.items() if field.choices}


class ChoicesRole(SphinxRole):
    """``{choices}`confidence``` renders a field's accepted values: "low, moderate or high"."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        values = CHOICES.get(self.text.strip())
        if values is None:
            msg = self.inliner.reporter.error(
                f"{{choices}} of {self.text!r}: not a field with fixed values; accepted: "
                f"{', '.join(CHOICES)}",
                line=self.lineno,
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [msg]
        out = nodes.inline(self.rawtext, "", classes=["choices"])
        for number, value in enumerate(values):
            if number:
                out += nodes.Text(" or " if number == len(values) - 1 else ", ")
            out += nodes.emphasis(value, value)
        return [out], []


def setup_method_tables(app: Sphinx) -> None:
    """Register the method page's table directives (and the settings table) and ``{choices}``."""
    app.add_directive("yardstick-table", YardstickTable)
    app.add_directive("hedge-table", HedgeTable)
    app.add_directive("window-table", WindowTable)
    app.add_directive("coding-table", CodingTable)
    app.add_directive("verdict-table", VerdictTable)
    app.add_directive("status-table", StatusTable)
    app.add_directive("score-table", ScoreTable)
    app.add_directive("settings-table", SettingsTable)
    app.add_role("choices", ChoicesRole())
