"""Probability yardsticks: the words analysts use and the ranges they stand for.

The single source of truth for every term, range and midpoint: the Sphinx extension renders from
it, the rules validate with it and the checks score with it. No Sphinx import.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Term:
    """One likelihood term and its inclusive probability range (in percent)."""

    name: str
    low: int
    high: int
    synonyms: tuple[str, ...] = ()

    @property
    def midpoint(self) -> float:
        """The probability used for scoring when no explicit number is given."""
        return float(Fraction(self.low + self.high, 200))

    @property
    def label(self) -> str:
        """The term with its range, as readers should see it: ``likely (55–75%)``."""
        return f"{self.name} ({self.range_text})"

    @property
    def range_text(self) -> str:
        """The range alone: ``55–75%``, ``≤5%`` or ``≥95%``."""
        if self.low == 0:
            return f"≤{self.high}%"
        if self.high == 100:
            return f"≥{self.low}%"
        return f"{self.low}–{self.high}%"

    def contains(self, probability: float) -> bool:
        """Whether a probability (0–1) lies in this term's inclusive range."""
        percent = probability * 100
        # a tolerance for binary floating point: 0.55 * 100 is 55.00000000000001
        return self.low - 1e-9 <= percent <= self.high + 1e-9


@dataclass(frozen=True)
class Yardstick:
    """A named, ordered table of likelihood terms with its source."""

    key: str
    title: str
    source: str
    terms: tuple[Term, ...]

    def lookup(self, word: str) -> Term | None:
        """The term a word names (case-insensitive, synonyms included), or ``None``."""
        wanted = " ".join(word.lower().split())
        for term in self.terms:
            if wanted == term.name or wanted in term.synonyms:
                return term
        return None

    def names(self) -> list[str]:
        """Every accepted word, terms first, for error messages."""
        return [t.name for t in self.terms] + [s for t in self.terms for s in t.synonyms]

    def terms_for(self, probability: float) -> list[Term]:
        """The terms whose range holds a probability (none in a PHIA gap; several in IPCC)."""
        return [t for t in self.terms if t.contains(probability)]


PHIA = Yardstick(
    key="phia",
    title="UK Professional Head of Intelligence Assessment (PHIA) probability yardstick",
    source="UK Defence Intelligence / PHIA, Professional Development Framework, 2018 version",
    terms=(
        Term("remote chance", 0, 5),
        Term("highly unlikely", 10, 20),
        Term("unlikely", 25, 35),
        Term("realistic possibility", 40, 50),
        Term("likely", 55, 75, ("probable",)),
        Term("highly likely", 80, 90),
        Term("almost certain", 95, 100),
    ),
)

ICD203 = Yardstick(
    key="icd203",
    title="US Intelligence Community Directive 203 expressions of likelihood",
    source="Office of the Director of National Intelligence, ICD 203 Analytic Standards, "
    "2 January 2015",
    terms=(
        Term("almost no chance", 1, 5, ("remote",)),
        Term("very unlikely", 5, 20, ("highly improbable",)),
        Term("unlikely", 20, 45, ("improbable",)),
        Term("roughly even chance", 45, 55, ("roughly even odds",)),
        Term("likely", 55, 80, ("probable",)),
        Term("very likely", 80, 95, ("highly probable",)),
        Term("almost certain", 95, 99, ("nearly certain",)),
    ),
)

IPCC = Yardstick(
    key="ipcc",
    title="IPCC AR6 calibrated likelihood language",
    source="Mastrandrea et al., Guidance Note for Lead Authors of the IPCC AR5 on Consistent "
    "Treatment of Uncertainties, 2010 (used unchanged in AR6)",
    terms=(
        Term("virtually certain", 99, 100),
        Term("extremely likely", 95, 100),
        Term("very likely", 90, 100),
        Term("likely", 66, 100),
        Term("about as likely as not", 33, 66),
        Term("unlikely", 0, 33),
        Term("very unlikely", 0, 10),
        Term("extremely unlikely", 0, 5),
        Term("exceptionally unlikely", 0, 1),
    ),
)

YARDSTICKS: dict[str, Yardstick] = {y.key: y for y in (PHIA, ICD203, IPCC)}
DEFAULT_YARDSTICK = PHIA.key


def get_yardstick(key: str) -> Yardstick:
    """The yardstick registered under ``key``; ``KeyError`` names the accepted keys."""
    try:
        return YARDSTICKS[key]
    except KeyError:
        raise KeyError(
            f"unknown yardstick {key!r}; accepted: {', '.join(sorted(YARDSTICKS))}"
        ) from None


def other_yardsticks_with(word: str, active: Yardstick) -> list[str]:
    """Keys of the other yardsticks that know ``word``: to say 'that term is ICD 203's'."""
    return [y.key for y in YARDSTICKS.values() if y is not active and y.lookup(word)]


def resolve_probability(
    yardstick: Yardstick, likelihood: str | None, probability: float | None
) -> tuple[float | None, str | None]:
    """The probability to score with and an error text, from a term and/or a number.

    An explicit number wins; otherwise the term's midpoint. When both are given the number must
    lie in the term's range.
    """
    term = None
    if likelihood:
        term = yardstick.lookup(likelihood)
        if term is None:
            elsewhere = other_yardsticks_with(likelihood, yardstick)
            hint = f" (it belongs to {', '.join(elsewhere)})" if elsewhere else ""
            return None, (
                f"unknown likelihood {likelihood!r} for the {yardstick.key} yardstick{hint}; "
                f"accepted: {', '.join(yardstick.names())}"
            )
    if probability is not None:
        if not 0 <= probability <= 1:
            return None, f"probability {probability} is outside 0–1"
        if term is not None and not term.contains(probability):
            return None, (
                f"probability {probability} disagrees with {term.name!r} ({term.range_text}); "
                f"give a number in that range or the term that holds it"
            )
        return probability, None
    if term is not None:
        return term.midpoint, None
    return None, None
