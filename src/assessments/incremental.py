"""Incremental and parallel builds that publish the same pages as a clean build.

Sphinx rewrites a page when its own source changes. But a card also shows what other pages say
about its assessment (back links, the outcome's verdict and Brier score), and the register, the
track record, the graph and the key judgements show every assessment: sphinx-needs leaves those
pages stale on an incremental build. Following Sphinx's todo extension and sphinxcontrib-bibtex,
this module keeps its own record per page (a digest of what each assessment on the page shows,
its links, and what the page shows of other pages), purged and merged with the page so that a
parallel read gives the same record. At ``env-get-updated`` it works out what every page shows
(back links by reversing the forward links) and returns exactly the pages whose shown data
changed since the previous build; when a page is added or removed, every page (the navigation
changed too). The old output of a removed page is deleted.

Nothing here calls :func:`sphinx_needs.api.get_needs_view`: it freezes the needs, and a frozen
state pickled with the environment would break the next incremental build.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.directives.needbar import Needbar
from sphinx_needs.directives.needextract import Needextract
from sphinx_needs.directives.needflow._directive import NeedflowGraphiz, NeedflowPlantuml
from sphinx_needs.directives.needgantt import Needgantt
from sphinx_needs.directives.needlist import Needlist
from sphinx_needs.directives.needpie import Needpie
from sphinx_needs.directives.needsequence import Needsequence
from sphinx_needs.directives.needtable import Needtable
from sphinx_needs.directives.needuml import Needuml
from sphinx_needs.need_item import NeedItem
from sphinx_needs.nodes import Need
from sphinx_needs.roles.need_count import NeedCount
from sphinx_needs.roles.need_func import NeedFunc
from sphinx_needs.roles.need_incoming import NeedIncoming
from sphinx_needs.roles.need_outgoing import NeedOutgoing
from sphinx_needs.roles.need_ref import NeedRef

from assessments.histories import ledger_of
from assessments.nodes import pending_summary
from tradecraft.ledger import Ledger

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Bump when :class:`PageRecord` changes: Sphinx then discards a pickled environment.
ENV_VERSION = 3

#: Nodes that show data gathered from every page: the page is rewritten when any need changes.
SUMMARY_NODES: tuple[type[nodes.Element], ...] = (
    Needtable,
    Needlist,
    Needbar,
    Needpie,
    NeedflowGraphiz,
    NeedflowPlantuml,
    Needgantt,
    Needsequence,
    Needuml,
    Needextract,
    NeedCount,
    NeedFunc,
    pending_summary,
)
#: Roles that show one need (its title, or its links).
REFERENCE_NODES: tuple[type[nodes.Element], ...] = (NeedRef, NeedIncoming, NeedOutgoing)
#: What a need holds that no page shows of it elsewhere: its body and where it is written.
_UNSHOWN = frozenset({"content", "lineno", "lineno_content", "parser_lineno", "content_id"})


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
    #: It shows needs' bodies too (a needextract).
    shows_content: bool = False


@dataclass
class Digests:
    """What the previous build's pages showed, to compare the next build with."""

    docnames: frozenset[str]
    pages: dict[str, str]
    #: A digest of the forecast ledger as the cards show it.
    ledger: str = ""


def env_data(env: BuildEnvironment, name: str, new: Callable[[], _T]) -> _T:
    """The extension's data ``assessments_<name>`` on the environment (pickled with it), made
    with ``new`` the first time it is asked for."""
    attribute = f"assessments_{name}"
    if not hasattr(env, attribute):
        setattr(env, attribute, new())
    return cast(_T, getattr(env, attribute))


def page_records(env: BuildEnvironment) -> dict[str, PageRecord]:
    """Each page's record, by docname, as of the pages read so far."""
    return env_data(env, "pages", dict)


def touched(env: BuildEnvironment) -> set[str]:
    """The pages read, re-read or removed in this build (empty again once compared)."""
    return env_data(env, "touched", set)


def _before(env: BuildEnvironment) -> dict[str, PageRecord]:
    """The records the pages read or removed in this build had before (emptied with touched)."""
    return env_data(env, "before", dict)


def values_digest(pages: Mapping[str, PageRecord]) -> str:
    """A digest of every need's values as read (not its line), over every page's record."""
    found = sorted(
        (need_id, docname, record.own, record.content)
        for docname, page in pages.items()
        for need_id, record in page.needs.items()
    )
    return digest(found)


def digest(value: Any) -> str:
    """A short digest of a JSON-able value (keys sorted; other values by their text)."""
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def need_record(need: NeedItem) -> NeedRecord:
    """The record of one need as read: its shown values digested, its links kept."""
    own = {k: v for k, v in need.iter_core_items() if k not in _UNSHOWN}
    own.update(need.iter_extra_items())
    links = {name: tuple(targets) for name, targets in need.iter_links_items() if targets}
    own["links"] = links
    return NeedRecord(digest(own), links, digest(need.get("content") or ""))


def record_page(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record what the page just read holds and shows."""
    env = app.env
    needs = SphinxNeedsData(env).get_needs_mutable()
    record = PageRecord()
    for node in doctree.findall(Need):
        for need_id in node["ids"][:1]:
            if need_id in needs:
                record.needs[need_id] = need_record(needs[need_id])
    refs = set()
    for element in doctree.findall(nodes.Element):
        if isinstance(element, SUMMARY_NODES):
            record.summary = True
            record.shows_content = record.shows_content or isinstance(element, Needextract)
        elif isinstance(element, REFERENCE_NODES) and element.get("reftarget"):
            refs.add(str(element["reftarget"]).split(".")[0])
    record.refs = tuple(sorted(refs))
    page_records(env)[env.docname] = record
    touched(env).add(env.docname)


def purge_page(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``: forget a page that is re-read or removed (keeping what it held)."""
    record = page_records(env).pop(docname, None)
    if record is not None:
        _before(env).setdefault(docname, record)
    touched(env).add(docname)


def merge_pages(
    app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: take the records of the pages a parallel reader read."""
    theirs = page_records(other)
    ours = page_records(env)
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]
        touched(env).add(docname)


def page_digests(
    pages: Mapping[str, PageRecord], extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """A digest of what each page shows, from every page's record.

    A need shows its own values, its back links (the forward links of others, reversed) and,
    for each need it links to or is linked from, that need's page and own values (a card shows
    its outcome's verdict and score, and links to each neighbour's page). ``extra`` holds, by id,
    a digest of what a need shows from outside the pages (its history in the forecast ledger).
    A summary page shows every need.
    """
    extra = extra or {}
    where: dict[str, str] = {}
    records: dict[str, NeedRecord] = {}
    for docname, page in pages.items():
        for need_id, record in page.needs.items():
            where[need_id] = docname
            records[need_id] = record
    back: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for need_id, record in records.items():
        for name, targets in record.links.items():
            for target in targets:
                back[target.split(".")[0]].append((name, need_id))

    def shown(need_id: str) -> str:
        record = records.get(need_id)
        if record is None:
            return "missing"
        neighbours = {t.split(".")[0] for ts in record.links.values() for t in ts}
        neighbours.update(source for _, source in back.get(need_id, ()))
        return digest(
            [
                record.own,
                extra.get(need_id),
                sorted(back.get(need_id, ())),
                sorted(
                    (n, where.get(n), records[n].own if n in records else None) for n in neighbours
                ),
            ]
        )

    everything = digest(sorted((i, where[i], r.own, extra.get(i)) for i, r in records.items()))
    contents = digest(sorted((i, r.content) for i, r in records.items()))
    digests = {}
    for docname, page in pages.items():
        parts: list[Any] = [[(i, shown(i)) for i in sorted(page.needs)]]
        parts.append([(ref, shown(ref)) for ref in page.refs])
        if page.summary:
            parts.append(everything)
        if page.shows_content:
            parts.append(contents)
        digests[docname] = digest(parts)
    return digests


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages whose shown data changed since the previous build."""
    pages = page_records(env)
    docnames = frozenset(env.found_docs)
    by_forecast, ledger = ledger_digest(env)
    previous: Digests | None = getattr(env, "assessments_digests", None)
    read = touched(env)
    before = _before(env)
    unchanged = all(pages.get(docname) == before.get(docname) for docname in read)
    read.clear()
    before.clear()
    if (
        previous is not None
        and unchanged
        and previous.docnames == docnames
        and previous.ledger == ledger
    ):
        # every page read again holds and shows what it did (a prose-only edit), and the
        # ledger is the same: every digest is as it was
        return []
    current = Digests(docnames, page_digests(pages, by_forecast), ledger)
    env.assessments_digests = current  # type: ignore[attr-defined]
    if previous is None:
        return []
    removed = previous.docnames - docnames
    if removed:
        _remove_outputs(app, sorted(removed))
    if previous.docnames != docnames:
        return sorted(docnames)
    return [d for d, shown in current.pages.items() if previous.pages.get(d) != shown]


def ledger_digest(env: BuildEnvironment) -> tuple[dict[str, str], str]:
    """This build's ledger digested: by forecast (:func:`ledger_digests`), and as a whole.

    Worked out once per ledger read (the ledger is read again at each ``builder-inited``).
    """
    ledger = ledger_of(env)
    cached: tuple[Ledger | None, dict[str, str], str] | None = getattr(
        env, "assessments_ledger_digest", None
    )
    if cached is None or cached[0] is not ledger:
        by_forecast = ledger_digests(ledger)
        cached = (ledger, by_forecast, digest(sorted(by_forecast.items())))
        env.assessments_ledger_digest = cached  # type: ignore[attr-defined]
    return cached[1], cached[2]


def ledger_digests(ledger: Ledger | None) -> dict[str, str]:
    """A digest of each forecast's ledger entry and revisions: its history, as cards show it."""
    if ledger is None:
        return {}
    revisions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for revision in ledger.revisions:
        revisions[str(revision.get("id"))].append(revision)
    return {
        forecast_id: digest([entry, revisions.get(forecast_id, [])])
        for forecast_id, entry in ledger.forecasts.items()
    }


def _remove_outputs(app: Sphinx, docnames: list[str]) -> None:
    """Delete the output files of removed pages, so no stale page stays published."""
    outfile = getattr(app.builder, "get_outfilename", None)
    if outfile is None:
        return
    for docname in docnames:
        path = Path(outfile(docname))
        if path.is_file():
            path.unlink()
            logger.info("removed %s: its page is no longer in the report", path.name)
