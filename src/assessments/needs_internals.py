"""What the extension uses of sphinx-needs beyond :mod:`sphinx_needs.api`, and what it assumes.

Sphinx keeps what it takes from docutils' internals in ``sphinx/util/docutils.py``; this module
does the same for sphinx-needs. Every other module imports :mod:`sphinx_needs.api` or this
module, never another part of sphinx-needs (``tests/test_layers.py``), and
``tests/test_needs_contract.py`` fails, naming the assumption, when one stops holding.

Tested with sphinx-needs :data:`TESTED` (the pin in ``pyproject.toml``). Each name below says
what it assumes, as of sphinx-needs 9.1, and why :mod:`sphinx_needs.api` is not enough:

- the needs are read while pages are read through the private ``SphinxNeedsData``, because
  :func:`sphinx_needs.api.get_needs_view` post-processes and freezes them, and a frozen state
  pickled with the environment breaks the next incremental build;
- a need is found in a doctree as its ``Need`` node, and the pages that show other pages' needs
  by sphinx-needs' node classes (:data:`SUMMARY_NODES`, :data:`REFERENCE_NODES`), whose
  ``:filter:`` a summary node carries in its attributes (:func:`summary_filter`);
- the directive of each kind subclasses ``NeedDirective`` and re-words one of its warnings;
- needs are handled as ``NeedItem`` (typed ``NeedsMutable`` or ``NeedsView`` as a whole), the
  types :mod:`sphinx_needs.api`'s functions and events take and return.

One patch is installed (:func:`fast_needs_json`): sphinx-needs writes ``needs.json`` on every
build, a one-word edit included, with the pure-Python JSON encoder; the C one writes the same
bytes three times faster (measured in ``benchmarks/README.md``: 1.6 s against 0.5 s at 10,000
forecasts, 0.15 s against 0.05 s at 2,000). It replaces one function whose body it knows, and
only that one.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment

# NeedsMutable: the type of the needs ``needs-before-sealing`` hands its handlers (9.1: a
# NewType of dict[str, NeedItem]); SphinxNeedsData: the needs while pages are read (see below).
from sphinx_needs.data import NeedsMutable, SphinxNeedsData

# NeedDirective: each kind's directive subclasses it, runs it, and overrides its _log_warning.
from sphinx_needs.directives.need import NeedDirective

# The nodes of sphinx-needs' directives that show needs gathered from every page.
from sphinx_needs.directives.needbar import Needbar
from sphinx_needs.directives.needextract import Needextract
from sphinx_needs.directives.needflow import NeedflowGraphiz, NeedflowPlantuml
from sphinx_needs.directives.needgantt import Needgantt
from sphinx_needs.directives.needlist import Needlist
from sphinx_needs.directives.needpie import Needpie
from sphinx_needs.directives.needsequence import Needsequence
from sphinx_needs.directives.needtable import Needtable
from sphinx_needs.directives.needuml import Needuml

# NeedsApiConfigException: what sphinx_needs.api.add_need_type raises for a type that exists.
from sphinx_needs.exceptions import NeedsApiConfigException

# WarningSubTypes: the codes NeedDirective._log_warning takes.
from sphinx_needs.logging import WarningSubTypes

# NeedItem: one need; we read iter_core_items, iter_extra_items, iter_links_items, get_links
# and get, and set derived fields with need[name] = value while the needs are mutable.
from sphinx_needs.need_item import NeedItem

# NeedsList: writes needs.json; fast_needs_json replaces its write_json.
from sphinx_needs.needsfile import NeedsList

# Need: the node a need directive leaves in the doctree; node["ids"][0] is the need's id.
from sphinx_needs.nodes import Need

# The nodes of sphinx-needs' roles: {need_count} and {need_func} show data from every page;
# {need}, {need_incoming} and {need_outgoing} show one need, named by their "reftarget".
from sphinx_needs.roles.need_count import NeedCount
from sphinx_needs.roles.need_func import NeedFunc
from sphinx_needs.roles.need_incoming import NeedIncoming
from sphinx_needs.roles.need_outgoing import NeedOutgoing
from sphinx_needs.roles.need_ref import NeedRef

# NeedsView: the read-only needs sphinx_needs.api.get_needs_view returns.
from sphinx_needs.views import NeedsView

__all__ = [
    "BEFORE_SEALING",
    "REFERENCE_NODES",
    "SUMMARY_NODES",
    "TESTED",
    "UNKNOWN_OPTION",
    "Need",
    "NeedDirective",
    "NeedItem",
    "Needextract",
    "Needtable",
    "NeedsApiConfigException",
    "NeedsMutable",
    "NeedsView",
    "WarningSubTypes",
    "fast_needs_json",
    "has_needextend",
    "needs_mutable",
    "needs_sealed",
    "summary_filter",
]

#: The sphinx-needs versions this module's assumptions are tested with (``pyproject.toml``).
TESTED = ">=9.1,<10"

#: sphinx-needs' event, emitted once every need is read and extended, before the needs are
#: frozen; its handlers get ``(app, needs)``, the needs still mutable (9.1: ``add_event`` in
#: ``sphinx_needs.needs.setup``, emitted by ``post_process_needs_data``).
BEFORE_SEALING = "needs-before-sealing"

#: Nodes that show data gathered from every page: a page holding one is rewritten when any need
#: changes (:mod:`assessments.incremental`).
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
)
#: Nodes of roles that show one need (its title, or its links), named by ``reftarget``.
REFERENCE_NODES: tuple[type[nodes.Element], ...] = (NeedRef, NeedIncoming, NeedOutgoing)

#: The warning ``NeedDirective.run`` gives an option no need takes (9.1:
#: ``self._log_warning(f"Unknown option '{key}'")``): our directives add the nearest option.
UNKNOWN_OPTION = re.compile(r"Unknown option '(?P<name>[^']+)'")


def needs_mutable(env: BuildEnvironment) -> NeedsMutable:
    """Every need read so far, by id, without freezing them.

    Assumes ``SphinxNeedsData(env).get_needs_mutable()`` (9.1), valid until the needs are sealed
    (:func:`needs_sealed`).
    """
    return SphinxNeedsData(env).get_needs_mutable()


def needs_sealed(env: BuildEnvironment) -> bool:
    """Whether sphinx-needs has post-processed and frozen the needs (``get_needs_view`` was
    called). Assumes the property ``SphinxNeedsData(env).needs_is_post_processed`` (9.1)."""
    return SphinxNeedsData(env).needs_is_post_processed


def has_needextend(env: BuildEnvironment) -> bool:
    """Whether the report has a ``needextend``, which sphinx-needs applies only when it seals
    the needs. Assumes ``SphinxNeedsData(env).get_or_create_extends()`` (9.1), a dict by id."""
    return bool(SphinxNeedsData(env).get_or_create_extends())


def summary_filter(node: nodes.Element) -> str | None:
    """The ``:filter:`` string that alone selects what a summary node shows, or ``None`` when it
    has none or something else selects too (filter code in its body, a ``:filter-func:``).

    Assumes a filtered directive's node keeps its options as attributes (9.1: ``Needtable("",
    **attributes)`` with ``NeedsFilteredBaseType``'s ``filter``, ``filter_code`` and
    ``filter_func``); ``:types:``, ``:status:`` and ``:tags:`` only narrow what it selects.
    """
    text = node.get("filter")
    if not isinstance(text, str) or node.get("filter_code") or node.get("filter_func"):
        return None
    return text


#: The names sphinx-needs 9.1's ``NeedsList.write_json`` uses (``self._finalise()``, then
#: ``json.dump(self.needs_list, f, sort_keys=True)`` into ``os.path.join(dir, file)``): the
#: replacement is that body with ``json.dumps``, installed only over that very function.
WRITE_JSON_NAMES = (
    "_finalise",
    "outdir",
    "open",
    "os",
    "path",
    "join",
    "json",
    "dump",
    "needs_list",
)


def fast_needs_json() -> bool:
    """Write ``needs.json`` with the C JSON encoder: the same bytes, about three times faster.

    Installed once per process, over sphinx-needs' own ``NeedsList.write_json`` only (a function
    with other names is left alone, and ``tests/test_needs_contract.py`` fails on it). Returns
    whether the fast writer is in place.
    """
    original = NeedsList.write_json
    if getattr(original, "__wrapped__", None) is not None:
        return True
    if original.__code__.co_names != WRITE_JSON_NAMES:
        return False

    def write_json(self: Any, needs_file: str = "needs.json", needs_path: str = "") -> None:
        self._finalise()
        needs_dir = needs_path if needs_path else self.outdir
        text = json.dumps(self.needs_list, sort_keys=True)
        with open(os.path.join(needs_dir, needs_file), "w") as f:
            f.write(text)

    write_json.__wrapped__ = original  # type: ignore[attr-defined]
    NeedsList.write_json = write_json  # type: ignore[method-assign]
    return True
