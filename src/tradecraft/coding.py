"""The coding rules fixed before the verdict: how a forecast's likelihood and window are set.

A forecast coded from a text written without a yardstick takes its likelihood from the hedge of
the sentence it quotes, through one fixed table, and its resolve-by date from one window rule.
``coding: original`` is defined by those fields alone, so a machine can check it:

- ``:hedge:`` names the words of ``:quote:`` the likelihood comes from; they occur in the quote,
  and the table maps them to ``:likelihood:``;
- ``:window:`` says how ``:resolve_by:`` was set: ``source`` (a date or period the source
  gives), ``default`` (the source gives none: :data:`DEFAULT_WINDOW_MONTHS` after ``made_on``),
  ``long`` (the long-horizon reading: 31 December, :data:`LONG_HORIZON_YEARS` years after
  ``made_on``'s year) or ``editorial`` (the editors departed from the rule and say why);
- ``coding: original`` exactly when a hedge is given and the window is ``source``.

The method page prints the tables and the rules from here (:func:`window_rules`,
:func:`coding_rules`), with their numbers taken from the constants the checks apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tradecraft.dates import add_months
from tradecraft.problems import Finding
from tradecraft.yardstick import Yardstick

#: The default window of a forecast the source does not date, in months after ``made_on``.
DEFAULT_WINDOW_MONTHS = 12
#: The long-horizon reading ends on 31 December of ``made_on``'s year plus this many years.
LONG_HORIZON_YEARS = 4
#: The window whose date is the source's own: with a hedge, it makes the coding ``original``.
ORIGINAL_WINDOW = "source"
#: The ``made_on`` the method page's examples start from, unless the page gives its own.
EXAMPLE_MADE_ON = date(2024, 3, 15)


@dataclass(frozen=True)
class Hedge:
    """A row of the hedge table: the source's words, the term they map to, and a note."""

    phrase: str
    term: str
    note: str = ""


#: The fixed mapping from the source's hedges to yardstick terms (PHIA names), applied the same
#: way to every forecast coded from a text written without a yardstick.
HEDGES: tuple[Hedge, ...] = (
    Hedge("will", "highly likely", "asserted without a hedge; also a claim with no qualifier"),
    Hedge("as always", "highly likely", "a habitual assertion"),
    Hedge("will probably", "likely"),
    Hedge("probably", "likely"),
    Hedge("is expected", "likely"),
    Hedge("it is to be expected", "likely"),
    Hedge("the expectation that", "likely", "the noun form of “is expected”"),
    Hedge("it seems", "likely", "“it seems that no X” codes no X, at likely"),
    Hedge("may", "realistic possibility", "“may want to” is coded by its “may”"),
    Hedge("might", "realistic possibility"),
    Hedge(
        "or even",
        "unlikely",
        "the stronger alternative offered beside a probable claim, which keeps its own hedge; "
        "the one exception to “the outermost hedge decides”",
    ),
)


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def hedge_term(phrase: str) -> str | None:
    """The term the table maps a hedge to, or ``None`` if the hedge is not in the table."""
    wanted = _words(phrase)
    return next((row.term for row in HEDGES if row.phrase == wanted), None)


def _standalone(hedge: str, quote: str) -> bool:
    """Whether ``hedge`` occurs in ``quote`` at least once not inside a longer table phrase.

    The table is read longest phrase first: in "will probably", the hedge is "will probably",
    not "will".
    """
    spans = []
    for row in HEDGES:
        if len(row.phrase) > len(hedge) and hedge in row.phrase:
            start = quote.find(row.phrase)
            while start >= 0:
                spans.append((start, start + len(row.phrase)))
                start = quote.find(row.phrase, start + 1)
    at = quote.find(hedge)
    while at >= 0:
        if not any(a <= at and at + len(hedge) <= b for a, b in spans):
            return True
        at = quote.find(hedge, at + 1)
    return False


def window_end(window: str, made_on: date) -> date | None:
    """The resolve-by date a rule-bound window gives (``default``, ``long``), else ``None``."""
    if window == "default":
        return add_months(made_on, DEFAULT_WINDOW_MONTHS)
    if window == "long":
        return date(made_on.year + LONG_HORIZON_YEARS, 12, 31)
    return None


def coding_findings(
    values: Mapping[str, Any],
    yardstick: Yardstick,
    published: str | None = None,
    need_id: str = "ID",
) -> list[Finding]:
    """What breaks the coding rules in one forecast's (already parsed) values.

    The hedge codes the estimate the forecast was published with: ``published`` is that
    likelihood when the forecast ledger holds the forecast (an update since then leaves the
    quoted sentence as it was), else the current ``:likelihood:`` is compared. ``need_id`` goes
    into the command a fix names.
    """
    hedge, quote, likelihood = values.get("hedge"), values.get("quote"), values.get("likelihood")
    updated = published is not None and published != likelihood
    if published is not None:
        likelihood = published
    window, coding = values.get("window"), values.get("coding")
    found = _window_findings(window, values.get("made_on"), values.get("resolve_by"))
    if isinstance(hedge, str):
        found += _hedge_findings(hedge, quote, likelihood, yardstick, updated, need_id)
    found += _coding_findings(coding, isinstance(hedge, str) and window == ORIGINAL_WINDOW)
    return found


def _window_findings(window: Any, made_on: Any, resolve_by: Any) -> list[Finding]:
    """A rule-bound window (default, long) gives the resolve-by date."""
    if not (isinstance(window, str) and isinstance(made_on, date) and isinstance(resolve_by, date)):
        return []
    expected = window_end(window, made_on)
    if expected is None or expected == resolve_by:
        return []
    return [
        Finding(
            f":resolve_by: {resolve_by} does not follow the {window} window "
            f"(made_on {made_on} gives {expected}); give "
            f"{expected}, or :window: editorial and say in the text why",
            "resolve_by",
        )
    ]


def _hedge_findings(
    hedge: str,
    quote: Any,
    likelihood: Any,
    yardstick: Yardstick,
    updated: bool,
    need_id: str,
) -> list[Finding]:
    """The hedge is a row of the table, stands alone in the quote, and maps to the likelihood
    (the published one, when the forecast was updated since)."""
    term = hedge_term(hedge)
    if term is None:
        accepted = ", ".join(row.phrase for row in HEDGES)
        return [
            Finding(f"hedge {hedge!r} is not in the hedge table; accepted: {accepted}", "hedge")
        ]
    if not isinstance(quote, str):
        return [Finding(":hedge: needs the :quote: it is taken from", "hedge")]
    wanted, text = _words(hedge), _words(quote)
    if wanted not in text:
        return [Finding(f"hedge {hedge!r} does not occur in :quote:", "hedge")]
    if not _standalone(wanted, text):
        longer = [r.phrase for r in HEDGES if wanted in r.phrase and r.phrase in text]
        longer.remove(wanted)
        return [
            Finding(
                f"hedge {hedge!r} occurs in :quote: only as part of a longer hedge of the "
                f"table ({', '.join(longer)}); give that one",
                "hedge",
            )
        ]
    if not isinstance(likelihood, str):
        return []
    coded = yardstick.lookup(likelihood)
    if coded is not None and coded.name == term:
        return []
    fix = (
        f"the published {likelihood!r} (the forecast ledger's); correct it: "
        f'report-checks ledger revise {need_id} --kind correction --reason "..."'
        if updated
        else f"{likelihood!r}; give :likelihood: {term}, or drop :hedge: and code it editorial"
    )
    return [
        Finding(f"hedge {hedge!r} maps to {term!r} in the hedge table, not {fix}", "likelihood")
    ]


def _coding_findings(coding: Any, original: bool) -> list[Finding]:
    """``:coding:`` says what the hedge and window make the forecast: original or editorial."""
    if coding == "original" and not original:
        return [
            Finding(
                f"coding 'original' needs a :hedge: from the :quote: and :window: "
                f"{ORIGINAL_WINDOW}; otherwise give :coding: editorial",
                "coding",
            )
        ]
    if coding == "editorial" and original:
        return [
            Finding(
                f"coding 'editorial' but :hedge: and :window: {ORIGINAL_WINDOW} make it "
                "original; give :coding: original",
                "coding",
            )
        ]
    return []


def _ordinal(number: int) -> str:
    """``4`` -> ``4th``, ``2`` -> ``2nd``, ``11`` -> ``11th``."""
    last = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    suffix = "th" if 10 <= number % 100 <= 20 else last
    return f"{number}{suffix}"


@dataclass(frozen=True)
class WindowRule:
    """A row of the window rule: a value of ``:window:``, when it applies, the date it gives.

    Text in backticks names a field or value (the method page sets it as code).
    """

    window: str
    when: str
    resolve_by: str


def window_rules(made_on: date = EXAMPLE_MADE_ON) -> tuple[WindowRule, ...]:
    """The window rule in words, with its numbers and examples from :func:`window_end`."""
    default, long = window_end("default", made_on), window_end("long", made_on)
    return (
        WindowRule(
            ORIGINAL_WINDOW,
            "the source itself dates the event the criteria test, by naming a period "
            "(“this September”, “this year”)",
            f"the last day of the period named: with `made_on` {made_on}, “this year” gives "
            f"{date(made_on.year, 12, 31)}",
        ),
        WindowRule(
            "default",
            "the source gives no date, or only a word that names no period (“shortly”, “now”, "
            "“for the time being”)",
            f"{DEFAULT_WINDOW_MONTHS} months after `made_on`: {made_on} gives {default}",
        ),
        WindowRule(
            "long",
            "the long-horizon reading of an undated forecast, recorded as a forecast of its own",
            f"31 December of the {_ordinal(LONG_HORIZON_YEARS)} year after the year of "
            f"`made_on`: {made_on.year} gives {long}",
        ),
        WindowRule(
            "editorial",
            "the editors depart from the rule",
            "as chosen; the forecast's text says why",
        ),
    )


@dataclass(frozen=True)
class CodingRule:
    """A row of the coding rule: a value of ``:coding:`` and when a forecast takes it."""

    coding: str
    when: str


def coding_rules() -> tuple[CodingRule, ...]:
    """When a forecast is ``original`` and when ``editorial``, as :func:`coding_findings` checks."""
    return (
        CodingRule(
            "original",
            f"both hold: `hedge` is given, occurs in `quote` and maps through the hedge table "
            f"to `likelihood`; and `window` is `{ORIGINAL_WINDOW}`",
        ),
        CodingRule(
            "editorial",
            "otherwise: the likelihood, the date or both are the editors', not the source's",
        ),
    )
