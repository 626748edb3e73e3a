"""The assessment vocabulary: kinds, their id prefixes, fields, links and verdicts.

Reviewers, the checks and other reports rely on these names, so they are declared once here and
both the Sphinx extension and :mod:`checks` read them. No Sphinx import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: Every id: the kind's prefix, then upper-case letters, digits and underscores.
ID_PATTERN = r"^[A-Z]_[A-Z0-9_]+$"


@dataclass(frozen=True)
class Kind:
    """One kind of assessment: a sphinx-needs type with its own directive."""

    name: str
    title: str
    prefix: str
    color: str
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    links: tuple[str, ...] = field(default=())

    @property
    def fields(self) -> tuple[str, ...]:
        """Every option the directive accepts besides ``id``."""
        return self.required + self.optional


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "judgement",
            "Judgement",
            "J_",
            "#d6e4f0",
            required=("confidence", "basis"),
            optional=("likelihood", "probability", "key"),
            links=("assumes", "supports"),
        ),
        Kind(
            "forecast",
            "Forecast",
            "F_",
            "#fde9c9",
            required=("confidence", "basis", "resolve_by", "criteria", "made_on", "coding"),
            optional=("likelihood", "probability", "quote", "hedge", "window"),
            links=("assumes",),
        ),
        Kind("assumption", "Assumption", "A_", "#e8e8e8", optional=("confidence", "basis")),
        Kind("indicator", "Indicator", "I_", "#e3f1df", optional=("basis",), links=("signals",)),
        Kind(
            "scenario", "Scenario", "S_", "#efe1f3", optional=("likelihood", "probability", "basis")
        ),
        Kind(
            "outcome",
            "Outcome",
            "O_",
            "#dff0ef",
            required=("verdict", "resolved_on", "evidence"),
            optional=("contested", "alternative"),
            links=("resolves",),
        ),
    )
}


@dataclass(frozen=True)
class Link:
    """A typed link between assessments and the kinds it may point to."""

    name: str
    incoming: str
    outgoing: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    max_items: int | None = None


LINKS: dict[str, Link] = {
    link.name: link
    for link in (
        Link("assumes", "assumed by", "assumes", ("forecast", "judgement"), ("assumption",)),
        Link("supports", "supported by", "supports", ("judgement",), ("judgement", "forecast")),
        Link("signals", "signalled by", "signals", ("indicator",), ("forecast", "scenario")),
        Link("resolves", "resolved by", "resolves", ("outcome",), ("forecast",), max_items=1),
    )
}

VERDICTS: tuple[str, ...] = ("yes", "no", "ambiguous", "annulled")
#: Verdicts that are never scored.
VOID_VERDICTS: tuple[str, ...] = ("ambiguous", "annulled")
CODINGS: tuple[str, ...] = ("original", "editorial")
#: How a forecast's resolve-by date was set (the method page's window rule).
WINDOWS: tuple[str, ...] = ("source", "default", "long", "editorial")

#: Fields holding dates, written ``YYYY-MM-DD``.
DATE_FIELDS: tuple[str, ...] = ("resolve_by", "made_on", "resolved_on")
#: Fields holding lists of citation keys, written ``a, b``.
CITATION_FIELDS: tuple[str, ...] = ("basis", "evidence")
#: Fields the extension fills in itself; authors never write them.
DERIVED_FIELDS: tuple[str, ...] = ("yardstick",)


def forecast_status(resolve_by: date | None, verdict: str | None, as_of: date) -> str:
    """``open``, ``due`` (past its resolve-by date, no outcome), ``resolved`` or ``void``."""
    if verdict in VOID_VERDICTS:
        return "void"
    if verdict:
        return "resolved"
    if resolve_by is not None and resolve_by <= as_of:
        return "due"
    return "open"


def kind_of(need_id: str) -> Kind | None:
    """The kind whose prefix an id carries, or ``None``."""
    for kind in KINDS.values():
        if need_id.startswith(kind.prefix):
            return kind
    return None


#: The fixed mapping from the source's hedges to yardstick terms, applied the same way to every
#: forecast coded from a text written without a yardstick (the method page prints it).
HEDGE_MAPPING: tuple[tuple[str, str], ...] = (
    ("will, as always (asserted without a hedge)", "highly likely"),
    ("will probably, probably, is expected, it is to be expected, it seems", "likely"),
    ("may, might", "realistic possibility"),
    ("or even (a stronger alternative beside a probable one)", "unlikely"),
)
