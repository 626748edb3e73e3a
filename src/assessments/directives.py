"""One directive per assessment kind: sphinx-needs' need directive, validated first.

Every problem is logged at the directive's file and line, naming the id, the bad value and what
is accepted, so a ``-W`` build fails on it; sphinx-needs never sees an invalid value.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx_needs.directives.need import NeedDirective

from assessments.config import yardstick
from assessments.validation import check_id, check_options
from assessments.vocabulary import KINDS

logger = logging.getLogger(__name__)


def citation_keys(env: BuildEnvironment) -> set[str] | None:
    """Keys of the bibliography sphinxcontrib-bibtex has parsed, or ``None`` without one."""
    try:
        domain = env.get_domain("cite")
    except Exception:  # no sphinxcontrib-bibtex: keys cannot be checked here
        return None
    return set(domain.bibdata.data.entries)  # type: ignore[attr-defined]


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
        checked = check_options(kind, self.options, yardstick(self.config), citation_keys(self.env))
        for problem in checked.problems:
            self._report(kind.name, label, problem)
        self.options.clear()
        self.options.update(checked.options)
        return super().run()

    def _report(self, kind: str, label: str, problem: str) -> None:
        logger.warning(
            "%s %s: %s",
            kind,
            label,
            problem,
            location=self.get_location(),
            type="assessments",
            subtype="invalid",
        )


def add_directives(app: Sphinx) -> None:
    """Register our directive under each kind's name, replacing sphinx-needs' plain one."""
    for name in KINDS:
        app.add_directive(name, AssessmentDirective, override=True)
