"""The assessment vocabulary: kinds, fields, links and verdicts, declared once.

Everything else derives from these tables: the extension's sphinx-needs configuration and
directive options, the validation rules, the typed records read from ``needs.json``, the export
columns and the benchmark generator. No Sphinx import.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

#: How a field's value is written and stored.
#:
#: ``text`` one line; ``number`` a float; ``date`` ``YYYY-MM-DD``; ``keys`` citation keys and
#: ``names`` free names, both written ``a, b`` and stored as a list; ``flag`` written without a
#: value and stored as a boolean.
FieldType = Literal["text", "number", "date", "keys", "names", "flag"]

#: Every id: the kind's prefix, then upper-case letters, digits and underscores.
ID_PATTERN = r"^[A-Z]_[A-Z0-9_]+$"

VERDICTS: tuple[str, ...] = ("yes", "no", "ambiguous", "annulled")
#: Verdicts that are never scored.
VOID_VERDICTS: tuple[str, ...] = ("ambiguous", "annulled")
CODINGS: tuple[str, ...] = ("original", "editorial")
#: How a forecast's resolve-by date was set (the method page's window rule, see :mod:`coding`).
WINDOWS: tuple[str, ...] = ("source", "default", "long", "editorial")
#: Confidence levels (ICD 203), kept apart from likelihood.
CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "moderate", "high")
#: A forecast's status as of a date (see :func:`tradecraft.resolution.forecast_status`).
STATUSES: tuple[str, ...] = ("open", "due", "resolved", "void")
#: Whether a report asks every outcome for a second reading (``assessments_second_reading``).
SECOND_READINGS: tuple[str, ...] = ("optional", "required")
#: Whether an outcome's second reading agrees with its verdict.
AGREEMENTS: tuple[str, ...] = ("agree", "disagree")


@dataclass(frozen=True)
class Field:
    """One field an assessment may carry: how it is written, stored and shown."""

    name: str
    type: FieldType
    label: str
    description: str
    #: A closed vocabulary, where there is one.
    choices: tuple[str, ...] = ()

    @property
    def option(self) -> str:
        """The directive option as an author writes it: ``:resolve_by:``."""
        return f":{self.name}:"

    @property
    def schema(self) -> dict[str, Any]:
        """The JSON schema sphinx-needs stores the value with.

        Only the type: closed vocabularies and dates are checked by :mod:`tradecraft.rules`,
        which can name the file and line (sphinx-needs' own schema errors cannot).
        """
        if self.type == "number":
            return {"type": "number"}
        if self.type == "flag":
            return {"type": "boolean"}
        if self.type in ("keys", "names"):
            return {"type": "array", "items": {"type": "string"}}
        return {"type": "string"}


#: Every field, in the order readers see them.
FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("likelihood", "text", "Likelihood", "A term of the report's probability yardstick."),
        Field(
            "probability",
            "number",
            "Probability",
            "The number scored: explicit, or the midpoint of the term's range.",
        ),
        Field("yardstick", "text", "Yardstick", "The yardstick the likelihood is a term of."),
        Field(
            "confidence",
            "text",
            "Confidence",
            "Confidence in the evidence and reasoning.",
            CONFIDENCE_LEVELS,
        ),
        Field("key", "flag", "Key judgement", "A judgement listed among the key judgements."),
        Field("resolve_by", "date", "Resolve by", "The date by which the forecast resolves."),
        Field("made_on", "date", "Made on", "The date the forecast was first made."),
        Field("criteria", "text", "Resolves yes if", "What counts as yes, and who decides."),
        Field(
            "coding",
            "text",
            "Likelihood and date",
            "original: likelihood and window from the source by the fixed rules; else editorial.",
            CODINGS,
        ),
        Field("quote", "text", "Original wording", "The one sentence of the source coded."),
        Field("hedge", "text", "Hedge", "The words of the quoted sentence the likelihood is from."),
        Field("window", "text", "Window", "How the resolve-by date was set.", WINDOWS),
        Field("authors", "names", "Authors", "Who made the forecast."),
        Field("basis", "keys", "Basis", "The sources an assessment rests on."),
        Field("verdict", "text", "Verdict", "What happened, by the criteria.", VERDICTS),
        Field("resolved_on", "date", "Resolved on", "The date the criteria were met."),
        Field(
            "contested",
            "text",
            "Contested",
            "Why a careful reader could apply the criteria the other way.",
        ),
        Field(
            "alternative",
            "text",
            "Other reading",
            "The verdict under the other reading of a contested outcome.",
            VERDICTS,
        ),
        Field("evidence", "keys", "Evidence", "The sources an outcome rests on."),
        Field("resolver", "names", "Resolver", "Who gave the verdict."),
        Field(
            "second_reader",
            "names",
            "Second reader",
            "Who read the same criteria and evidence independently of the resolver.",
        ),
        Field(
            "second_verdict",
            "text",
            "Second reading",
            "The verdict the second reader gave.",
            VERDICTS,
        ),
        Field(
            "second_reading",
            "text",
            "Second reading asked",
            "Whether the report asks every outcome for a second reading (from its conf.py).",
            SECOND_READINGS,
        ),
        Field(
            "readings",
            "text",
            "Readings",
            "Whether the second reading agrees with the verdict.",
            AGREEMENTS,
        ),
        Field(
            "published_likelihood",
            "text",
            "Published",
            "The likelihood as first published, corrections applied (from the ledger).",
        ),
        Field(
            "published_probability",
            "number",
            "Published p",
            "The probability as first published, corrections applied: what is scored.",
        ),
        Field("brier", "number", "Brier", "The Brier score of a resolved forecast."),
        Field(
            "alternative_brier",
            "number",
            "Brier (other reading)",
            "The Brier score under a contested outcome's other reading.",
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
    #: Exactly this many targets, where the number is fixed.
    exactly: int | None = None

    @property
    def back(self) -> str:
        """The name sphinx-needs gives the reverse direction: ``resolves_back``."""
        return f"{self.name}_back"


LINKS: dict[str, Link] = {
    link.name: link
    for link in (
        Link("assumes", "assumed by", "assumes", ("forecast", "judgement"), ("assumption",)),
        Link("supports", "supported by", "supports", ("judgement",), ("judgement", "forecast")),
        Link("signals", "signalled by", "signals", ("indicator",), ("forecast", "scenario")),
        Link("resolves", "resolved by", "resolves", ("outcome",), ("forecast",), exactly=1),
    )
}


@dataclass(frozen=True)
class Kind:
    """One kind of assessment: a sphinx-needs type with its own directive."""

    name: str
    title: str
    prefix: str
    color: str
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    #: Fields the extension fills in; authors never write them.
    derived: tuple[str, ...] = ()

    @property
    def a(self) -> str:
        """The kind with its article, for messages: ``a forecast``, ``an outcome``."""
        return ("an " if self.name[0] in "aeiou" else "a ") + self.name

    @functools.cached_property
    def fields(self) -> tuple[str, ...]:
        """Every field an author may write on this kind."""
        return self.required + self.optional

    @functools.cached_property
    def links(self) -> tuple[str, ...]:
        """The link options this kind may carry (computed once: the rules ask for each need)."""
        return tuple(name for name, link in LINKS.items() if self.name in link.sources)


_ESTIMATE = ("likelihood", "probability")

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "judgement",
            "Judgement",
            "J_",
            "#d6e4f0",
            required=("confidence", "basis"),
            optional=(*_ESTIMATE, "key"),
            derived=("yardstick",),
        ),
        Kind(
            "forecast",
            "Forecast",
            "F_",
            "#fde9c9",
            required=("confidence", "basis", "resolve_by", "criteria", "made_on", "coding"),
            optional=(*_ESTIMATE, "quote", "hedge", "window", "authors"),
            derived=(
                "yardstick",
                "published_likelihood",
                "published_probability",
                "verdict",
                "resolved_on",
                "brier",
                "alternative",
                "alternative_brier",
                "resolver",
                "second_reader",
                "second_verdict",
                "readings",
            ),
        ),
        Kind("assumption", "Assumption", "A_", "#e8e8e8", optional=("confidence", "basis")),
        Kind("indicator", "Indicator", "I_", "#e3f1df", optional=("basis",)),
        Kind(
            "scenario",
            "Scenario",
            "S_",
            "#efe1f3",
            optional=(*_ESTIMATE, "basis"),
            derived=("yardstick",),
        ),
        Kind(
            "outcome",
            "Outcome",
            "O_",
            "#dff0ef",
            required=("verdict", "resolved_on", "evidence"),
            optional=("contested", "alternative", "resolver", "second_reader", "second_verdict"),
            derived=("second_reading",),
        ),
    )
}

#: Fields no author writes on any kind: the extension derives them.
DERIVED_ONLY: frozenset[str] = frozenset(
    n for n in FIELDS if not any(n in kind.fields for kind in KINDS.values())
)
#: Fields that hold lists of citation keys.
CITATION_FIELDS: tuple[str, ...] = tuple(n for n, f in FIELDS.items() if f.type == "keys")
