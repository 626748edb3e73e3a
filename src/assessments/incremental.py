"""Incremental and parallel builds that publish the same pages as a clean build.

Sphinx rewrites a page when its own source changes. But a card also shows what other pages say
about its assessment (back links, the outcome's verdict and Brier score), and the register, the
track record, the graph and the key judgements show every assessment: sphinx-needs leaves those
pages stale on an incremental build. A summary whose ``:filter:`` keeps it to some pages
(``docname == "part001"``, :func:`filter_scope`) shows only their assessments: a register split
into pages is rewritten where the change shows, not whole. Following Sphinx's todo extension and
sphinxcontrib-bibtex, this module records each page (a digest of what each assessment on the
page shows, its links, and what the page shows of other pages) in the extension's domain
(:class:`assessments.domain.AssessmentsDomain`), which purges and merges it with the page so
that a parallel read gives the same record. At ``env-get-updated`` it works out what every page
shows (back links by reversing the forward links) and returns exactly the pages whose shown data
changed since the previous build; when a page is added or removed, every page (the navigation
changed too). The old output of a removed page is deleted.

Nothing here calls :func:`sphinx_needs.api.get_needs_view`: it freezes the needs, and a frozen
state pickled with the environment would break the next incremental build.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from assessments.domain import Digests, NeedRecord, PageRecord, state_of
from assessments.needs_internals import (
    REFERENCE_NODES,
    SUMMARY_NODES,
    Need,
    Needextract,
    NeedItem,
    needs_mutable,
    summary_filter,
)
from assessments.nodes import pending_summary
from tradecraft.ledger import Ledger

logger = logging.getLogger(__name__)

#: Bump when the extension's state changes shape: Sphinx then discards a pickled environment.
ENV_VERSION = 4

#: Nodes that show data gathered from every page: the page is rewritten when any need changes.
_SUMMARY = (*SUMMARY_NODES, pending_summary)
#: What a need holds that no page shows of it elsewhere: its body and where it is written.
_UNSHOWN = frozenset({"content", "lineno", "lineno_content", "parser_lineno", "content_id"})


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
    needs = needs_mutable(env)
    record = PageRecord()
    for node in doctree.findall(Need):
        for need_id in node["ids"][:1]:
            if need_id in needs:
                record.needs[need_id] = need_record(needs[need_id])
    refs = set()
    scope: set[str] = set()
    for element in doctree.findall(nodes.Element):
        if isinstance(element, _SUMMARY):
            pages = filter_scope(summary_filter(element))
            if pages is None:
                record.summary = True
            else:
                scope.update(pages)
            record.shows_content = record.shows_content or isinstance(element, Needextract)
        elif isinstance(element, REFERENCE_NODES) and element.get("reftarget"):
            refs.add(str(element["reftarget"]).split(".")[0])
    record.refs = tuple(sorted(refs))
    record.scope = tuple(sorted(scope))
    state = state_of(env)
    state.pages[env.docname] = record
    state.touched.add(env.docname)


def filter_scope(text: str | None) -> frozenset[str] | None:
    """The pages a sphinx-needs filter keeps to, or ``None`` when it may select any need.

    Only a filter that says so plainly is read: ``docname == "a"``, ``docname in ["a", "b"]``
    (either side, any sequence or set of strings), and ``and`` and ``or`` of such tests; under
    ``and`` one such test is enough, whatever the others select. Anything else, a filter that
    does not parse included, may select any need.
    """
    if not text:
        return None
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return None
    return _scope(tree)


def _scope(node: ast.expr) -> frozenset[str] | None:
    """:func:`filter_scope` of one expression."""
    if isinstance(node, ast.BoolOp):
        scopes = [_scope(value) for value in node.values]
        if isinstance(node.op, ast.And):
            known = [s for s in scopes if s is not None]
            return frozenset.intersection(*known) if known else None
        if any(s is None for s in scopes):
            return None
        return frozenset().union(*(s for s in scopes if s is not None))
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    left, op, right = node.left, node.ops[0], node.comparators[0]
    if isinstance(op, ast.Eq):
        if _is_docname(right):
            left, right = right, left
        if _is_docname(left) and isinstance(right, ast.Constant) and isinstance(right.value, str):
            return frozenset({right.value})
    elif (
        isinstance(op, ast.In)
        and _is_docname(left)
        and isinstance(right, (ast.List, ast.Tuple, ast.Set))
        and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in right.elts)
    ):
        return frozenset(str(e.value) for e in right.elts if isinstance(e, ast.Constant))
    return None


def _is_docname(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "docname"


def page_digests(
    pages: Mapping[str, PageRecord], extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """A digest of what each page shows, from every page's record.

    A need shows its own values, its back links (the forward links of others, reversed) and,
    for each need it links to or is linked from, that need's page and own values (a card shows
    its outcome's verdict and score, and links to each neighbour's page). ``extra`` holds, by id,
    a digest of what a need shows from outside the pages (its history in the forecast ledger).
    A summary page shows every need; a page of summaries kept to some pages, each need of those
    pages as a card would.
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
        for scoped in page.scope:
            held = pages.get(scoped)
            parts.append([scoped, held and [(i, shown(i)) for i in sorted(held.needs)]])
        if page.summary:
            parts.append(everything)
        if page.shows_content:
            parts.append(contents)
        digests[docname] = digest(parts)
    return digests


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages whose shown data changed since the previous build."""
    state = state_of(env)
    pages = state.pages
    docnames = frozenset(env.found_docs)
    by_forecast, ledger = ledger_digest(env)
    previous = state.digests
    unchanged = all(pages.get(docname) == state.before.get(docname) for docname in state.touched)
    state.touched.clear()
    state.before.clear()
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
    state.digests = current
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
    state = state_of(env)
    if state.ledger_digest is None:
        by_forecast = ledger_digests(state.ledger)
        state.ledger_digest = (by_forecast, digest(sorted(by_forecast.items())))
    return state.ledger_digest


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
