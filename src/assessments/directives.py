"""One directive per assessment kind: sphinx-needs' need directive, checked by the rules first.

Every finding of :func:`tradecraft.rules.check_need` is logged at the directive's file and line,
naming the kind, the id, the bad value and what is accepted, so a ``-W`` build fails on it; the
bad value never reaches sphinx-needs, the card or ``needs.json``.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx_needs.directives.need import NeedDirective

from assessments.config import yardstick
from tradecraft.problems import Finding
from tradecraft.rules import check_id, check_need
from tradecraft.values import as_option
from tradecraft.vocabulary import FIELDS, KINDS, LINKS

logger = logging.getLogger(__name__)


def citation_keys(env: BuildEnvironment) -> set[str] | None:
    """Keys (lower case) of the bibliography sphinxcontrib-bibtex has parsed, or ``None``."""
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
        checked = check_need(kind, ours, yardstick(self.config), citation_keys(self.env))
        for finding in checked.findings:
            self._report(kind.name, label, finding)
        for name in ours:
            del self.options[name]
        for name, value in checked.values.items():
            field = FIELDS.get(name)
            self.options[name] = as_option(field, value) if field else ", ".join(value)
        return super().run()

    def _report(self, kind: str, label: str, finding: Finding) -> None:
        logger.warning(
            "%s %s: %s",
            kind,
            label,
            finding.message,
            location=self.get_location(),
            type="assessments",
            subtype="invalid",
        )


def add_directives(app: Sphinx) -> None:
    """Register our directive under each kind's name, over sphinx-needs' plain one."""
    for name in KINDS:
        app.add_directive(name, AssessmentDirective, override=True)
