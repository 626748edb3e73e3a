"""The extension's state: one Sphinx domain, kept per page as ``sphinx.ext.todo`` and
sphinxcontrib-bibtex keep theirs.

Pickled with the environment (``self.data``), so the next build compares with it:

- ``pages``: each page's :class:`PageRecord` (what it holds and shows), dropped with the page
  (:meth:`AssessmentsDomain.clear_doc`) and taken from a parallel reader
  (:meth:`AssessmentsDomain.merge_domaindata`), so an incremental or ``-j N`` build holds the
  records a clean one does;
- ``digests``: what each page showed at the end of the previous build (:class:`Digests`);
- ``derived``: the cross rules' findings and the state of the needs they were found in
  (:class:`Derived`).

For one build only (attributes of the domain object, which Sphinx makes again whenever it loads
the environment and never pickles):

- ``ledger``: the forecast ledger read at ``builder-inited``, and its digest;
- ``touched`` and ``before``: the pages read or removed in this build, and the records they had;
- ``kept``: the derived fields of the forecasts on the pages purged in this build.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from tradecraft.ledger import Ledger


@dataclass
class NeedRecord:
    """What one need shows: a digest of its own values, and its forward links."""

    own: str
    links: dict[str, tuple[str, ...]]
    content: str


@dataclass
class PageRecord:
    """What one page holds and shows."""

    needs: dict[str, NeedRecord] = field(default_factory=dict)
    #: Needs it names by role (``{need}`ID```): it shows their title or links.
    refs: tuple[str, ...] = ()
    #: It shows data gathered from every page (a needtable, the track record, the graph ...).
    summary: bool = False
    #: The pages whose needs its summaries show, when each is filtered to some pages
    #: (``:filter: docname == "part001"``): it shows those needs, not every one.
    scope: tuple[str, ...] = ()
    #: It shows needs' bodies too (a needextract).
    shows_content: bool = False


@dataclass
class Digests:
    """What the previous build's pages showed, to compare the next build with."""

    docnames: frozenset[str]
    pages: dict[str, str]
    #: A digest of the forecast ledger as the cards show it.
    ledger: str = ""


@dataclass
class Derived:
    """The findings and derived fields of one state of the needs, and that state's digest."""

    key: str
    #: ``(need id, message)`` of each cross rule broken.
    findings: list[tuple[str, str]] = field(default_factory=list)
    #: Worked out or confirmed in this build (cleared when reading starts).
    current: bool = False


#: By forecast id, the fields it gains (:class:`assessments.consistency.ForecastFields`).
Gained = dict[str, dict[str, Any]]


class AssessmentsDomain(Domain):
    """Every page's record, the previous build's digests and the derived findings."""

    name = "assessments"
    label = "Assessments"
    #: Bump when a record above changes shape: Sphinx then discards a pickled environment.
    data_version: ClassVar[int] = 2
    initial_data: ClassVar[dict[str, Any]] = {"pages": {}, "digests": None, "derived": None}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._ledger: Ledger | None = None
        #: The ledger digested by forecast and as a whole, once per ledger read.
        self.ledger_digest: tuple[dict[str, str], str] | None = None
        self.touched: set[str] = set()
        self.before: dict[str, PageRecord] = {}
        self.kept: Gained = {}

    @property
    def pages(self) -> dict[str, PageRecord]:
        """Each page's record, by docname, as of the pages read so far."""
        return cast("dict[str, PageRecord]", self.data["pages"])

    @property
    def digests(self) -> Digests | None:
        """What each page showed at the end of the previous build (``None`` before the first)."""
        return cast("Digests | None", self.data["digests"])

    @digests.setter
    def digests(self, digests: Digests) -> None:
        self.data["digests"] = digests

    @property
    def derived(self) -> Derived | None:
        """The cross rules' findings for the state of the needs they were found in."""
        return cast("Derived | None", self.data["derived"])

    @derived.setter
    def derived(self, derived: Derived | None) -> None:
        self.data["derived"] = derived

    @property
    def ledger(self) -> Ledger | None:
        """The forecast ledger of this build, or ``None`` when the report names none."""
        return self._ledger

    @ledger.setter
    def ledger(self, ledger: Ledger | None) -> None:
        self._ledger = ledger
        self.ledger_digest = None

    def clear_doc(self, docname: str) -> None:
        """Forget a page that is read again or removed, keeping the record it had."""
        record = self.pages.pop(docname, None)
        if record is not None:
            self.before.setdefault(docname, record)
        self.touched.add(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take the records of the pages a parallel reader read."""
        theirs = cast("dict[str, PageRecord]", otherdata["pages"])
        for docname in docnames:
            if docname in theirs:
                self.pages[docname] = theirs[docname]
            self.touched.add(docname)


def state_of(env: BuildEnvironment) -> AssessmentsDomain:
    """The extension's state in this environment."""
    return cast(AssessmentsDomain, env.get_domain(AssessmentsDomain.name))
