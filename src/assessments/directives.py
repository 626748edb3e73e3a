"""One directive per assessment kind: sphinx-needs' need directive, checked by the rules first.

Every finding of :func:`tradecraft.rules.check_need` is logged at the directive's file and line,
naming the kind, the id, the bad value and what is accepted, so a ``-W`` build fails on it; the
bad value never reaches sphinx-needs, the card or ``needs.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from assessments.config import yardstick
from assessments.errors import TYPE as WARNING_TYPE
from assessments.histories import ledger_of
from assessments.needs_internals import UNKNOWN_OPTION, Need, NeedDirective, WarningSubTypes
from tradecraft.ledger import published_likelihood
from tradecraft.problems import Finding
from tradecraft.rules import check_id, check_need, option_hint
from tradecraft.values import as_option
from tradecraft.vocabulary import CITATION_FIELDS, FIELDS, KINDS, LINKS

logger = logging.getLogger(__name__)

#: How a card cites its sources: author and year, no brackets, linked to the bibliography.
CITE_ROLE = "cite:alp"
#: The class of the span that holds a card's citations.
CITATIONS = "assessment-citations"
#: The Need node attribute that carries a card's citations from reading to writing: a list of
#: ``(field, target, id)``, the target as the cite role takes it (``key1,key2``) and the id the
#: role gave its reference (a bibliography on the same page links back to it), or "" when cards
#: before it on the page cited each of its sources.
CITED = "assessment_cited"
#: The page's read-time data key for the citations its cards have noted so far.
NOTED = "assessments_noted_citations"


def citation_keys(env: BuildEnvironment) -> set[str] | None:
    """Keys (lower case) of the bibliography sphinxcontrib-bibtex has parsed, or ``None``."""
    if not env.config.bibtex_bibfiles:  # none readable: assessments.bibliography warned once
        return None
    try:
        domain = env.get_domain("cite")
    except Exception:  # no sphinxcontrib-bibtex: keys cannot be checked here
        return None
    return {key.lower() for key in domain.bibdata.data.entries}  # type: ignore[attr-defined]


class AssessmentDirective(NeedDirective):
    """A judgement, forecast, assumption, indicator, scenario or outcome."""

    def run(self) -> Sequence[nodes.Node]:
        kind = KINDS[self.name]
        need_id = (self.options.get("id") or "").strip() or None
        label = need_id or repr(" ".join(self.arguments) or "(untitled)")
        id_problem = check_id(kind, need_id)
        if id_problem:
            self._report(kind.name, label, id_problem)
            return []
        ours = {n: v for n, v in self.options.items() if n in FIELDS or n in LINKS}
        checked = check_need(
            kind,
            ours,
            yardstick(self.config),
            citation_keys(self.env),
            self._published(need_id),
            need_id,
        )
        for finding in checked.findings:
            self._report(kind.name, label, finding)
        if "authors" in kind.fields and "authors" not in checked.values:
            authors = tuple(self.config.assessments_authors)
            if authors:  # the report's authors, from conf.py
                checked.values["authors"] = authors
        if "second_reading" in kind.derived:  # the report's setting, for the rules and lint
            checked.values["second_reading"] = self.config.assessments_second_reading
        for name in ours:
            del self.options[name]
        for name, value in checked.values.items():
            field = FIELDS.get(name)
            self.options[name] = as_option(field, value) if field else ", ".join(value)
        # the keys, before sphinx-needs empties the options
        sources = {name: checked.values[name] for name in CITATION_FIELDS if name in checked.values}
        result = list(super().run())
        for node in result:
            if isinstance(node, Need):
                node[CITED] = [self._cite(name, keys) for name, keys in sources.items()]
        return result

    def _cite(self, name: str, keys: tuple[str, ...]) -> tuple[str, str, str]:
        """Cite the sources of ``:basis:`` or ``:evidence:`` through sphinxcontrib-bibtex's role
        (the extension sets it up) while the page is read, so the bibliography counts them as
        cited like every other citation of the report. The role's node is not kept: the card
        resolves the citation when it is written (:func:`assessments.cards.citation`), and the
        stored page stays as small as plain prose.

        Each page notes a source once: sphinxcontrib-bibtex keeps every citation it is told of in
        the environment and scans them all for each bibliography on every build (at 10,000
        forecasts, a note per card cost half a second a build). A bibliography on the same page
        thus links back to the first card that cites a source."""
        target = ",".join(keys)
        noted = cast("set[str]", self.env.temp_data.setdefault(NOTED, set()))
        new = ",".join(key for key in keys if key not in noted)
        noted.update(keys)
        role = self.env.get_domain("cite").role(CITE_ROLE.split(":")[1])
        if role is None or not new:
            return name, target, ""
        rawtext = f"{{{CITE_ROLE}}}`{new}`"
        made, _ = role(CITE_ROLE, rawtext, new, self.lineno, self.state.inliner, {}, [])
        ref_ids = [i for node in made if isinstance(node, nodes.Element) for i in node["ids"]]
        for ref_id in ref_ids:  # the node is dropped: its id goes to the card when written
            self.state.document.ids.pop(ref_id, None)
        return name, target, ref_ids[0] if ref_ids else ""

    def _published(self, need_id: str | None) -> str | None:
        """The likelihood the forecast ledger holds this forecast published with, if any. The
        page then depends on the ledger: a revision recorded there re-reads it."""
        ledger = ledger_of(self.env)
        if self.name != "forecast" or ledger is None or need_id is None:
            return None
        source = ledger.source_of(need_id)
        if source.is_file():
            self.env.note_dependency(str(source.resolve()))
        return published_likelihood(ledger, need_id)

    def _log_warning(self, message: str, code: WarningSubTypes = "directive", /) -> None:
        """sphinx-needs' own warnings about the directive, an unknown option (a misspelt one of
        ours, say) given the nearest option of the kind."""
        unknown = UNKNOWN_OPTION.fullmatch(message)
        if unknown is not None:
            message += option_hint(KINDS[self.name], unknown["name"])
        super()._log_warning(message, code)

    def _report(self, kind: str, label: str, finding: Finding) -> None:
        logger.warning(
            "%s %s: %s",
            kind,
            label,
            finding.message,
            location=self.get_location(),
            type=WARNING_TYPE,
            subtype="invalid",
        )


def add_directives(app: Sphinx) -> None:
    """Register our directive under each kind's name, over sphinx-needs' plain one."""
    for name in KINDS:
        app.add_directive(name, AssessmentDirective, override=True)
