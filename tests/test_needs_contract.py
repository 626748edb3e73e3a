"""What the extension assumes of sphinx-needs beyond its API holds for the installed version.

Every such assumption is made in :mod:`assessments.needs_internals`; each test here names the
one that broke, so an upgrade of sphinx-needs fails here, clearly, instead of leaving pages
stale without failing. After an upgrade, fix the boundary, then widen ``TESTED`` and the pin in
``pyproject.toml`` together.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import tomllib
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from assessments import needs_internals

INSTALLED = version("sphinx-needs")
PYPROJECT = Path(__file__).parent.parent / "pyproject.toml"


def _broken(what: str, why: str) -> str:
    return (
        f"sphinx-needs {INSTALLED}: {what}. assessments.needs_internals assumes it ({why}); "
        "adapt the boundary and this contract, then widen TESTED and pyproject.toml's pin."
    )


def test_the_installed_sphinx_needs_is_in_the_tested_range() -> None:
    assert Version(INSTALLED) in SpecifierSet(needs_internals.TESTED), _broken(
        f"outside the tested range {needs_internals.TESTED}", "every assumption below"
    )


def test_the_tested_range_is_the_one_pyproject_pins() -> None:
    pins = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    pin = next(p for p in pins if re.match(r"sphinx-needs\b", p))
    assert SpecifierSet(pin.removeprefix("sphinx-needs")) == SpecifierSet(needs_internals.TESTED), (
        f"pyproject.toml pins {pin!r} but assessments.needs_internals.TESTED is "
        f"{needs_internals.TESTED!r}: change both together"
    )


#: (module, name, why we need it): each name the boundary imports from sphinx-needs.
NAMES = [
    ("sphinx_needs.data", "SphinxNeedsData", "the needs while pages are read, not frozen"),
    ("sphinx_needs.data", "NeedsMutable", "the type needs-before-sealing hands its handlers"),
    ("sphinx_needs.directives.need", "NeedDirective", "each kind's directive subclasses it"),
    ("sphinx_needs.exceptions", "NeedsApiConfigException", "add_need_type's clash error"),
    ("sphinx_needs.logging", "WarningSubTypes", "the codes of NeedDirective._log_warning"),
    ("sphinx_needs.need_item", "NeedItem", "one need, read and given derived fields"),
    ("sphinx_needs.need_item", "NeedLink", "a link, read as to_filter_string()"),
    ("sphinx_needs.nodes", "Need", "the node that marks a need in a doctree"),
    ("sphinx_needs.needsfile", "NeedsList", "writes needs.json; fast_needs_json replaces it"),
    ("sphinx_needs.views", "NeedsView", "what sphinx_needs.api.get_needs_view returns"),
    *(
        (node.__module__, node.__name__, "a node that shows needs of every page or of another")
        for node in (*needs_internals.SUMMARY_NODES, *needs_internals.REFERENCE_NODES)
    ),
]


@pytest.mark.parametrize(("module", "name", "why"), NAMES, ids=[f"{m}.{n}" for m, n, _ in NAMES])
def test_each_name_the_boundary_imports_exists(module: str, name: str, why: str) -> None:
    try:
        found = importlib.import_module(module)
    except ImportError:
        pytest.fail(_broken(f"has no module {module}", why))
    assert hasattr(found, name), _broken(f"has no {module}.{name}", why)


#: The default of a parameter that has none.
_EMPTY = "required"


def _shape(function: Callable[..., Any]) -> list[tuple[str, str, Any]]:
    """A callable's parameters: name, kind and default (annotations are left out)."""
    return [
        (p.name, p.kind.name, _EMPTY if p.default is inspect.Parameter.empty else p.default)
        for p in inspect.signature(function).parameters.values()
    ]


#: (qualified name, the parameters we call it with, why): signatures we call or override.
SIGNATURES = [
    (
        "sphinx_needs.data.SphinxNeedsData.__init__",
        [("env", "POSITIONAL_OR_KEYWORD", _EMPTY)],
        "SphinxNeedsData(env)",
    ),
    ("sphinx_needs.data.SphinxNeedsData.get_needs_mutable", [], "needs_mutable(env)"),
    ("sphinx_needs.data.SphinxNeedsData.get_or_create_extends", [], "has_needextend(env)"),
    (
        "sphinx_needs.directives.need.NeedDirective._log_warning",
        [("message", "POSITIONAL_ONLY", _EMPTY), ("code", "POSITIONAL_ONLY", "directive")],
        "AssessmentDirective overrides it to add the nearest option to an unknown one",
    ),
    (
        "sphinx_needs.need_item.NeedItem.get",
        [("key", "POSITIONAL_OR_KEYWORD", _EMPTY), ("default", "POSITIONAL_OR_KEYWORD", None)],
        "need.get(name)",
    ),
    (
        "sphinx_needs.need_item.NeedItem.__setitem__",
        [("key", "POSITIONAL_OR_KEYWORD", _EMPTY), ("value", "POSITIONAL_OR_KEYWORD", _EMPTY)],
        "need[name] = value sets a derived field",
    ),
    ("sphinx_needs.need_item.NeedItem.iter_core_items", [], "a need's values, digested"),
    ("sphinx_needs.need_item.NeedItem.iter_extra_items", [], "a need's fields, digested"),
    (
        "sphinx_needs.need_item.NeedItem.iter_links_items",
        [("as_str", "POSITIONAL_OR_KEYWORD", True)],
        "a need's forward links as ids",
    ),
    (
        "sphinx_needs.need_item.NeedItem.get_links",
        [("link_type", "POSITIONAL_OR_KEYWORD", _EMPTY), ("as_str", "KEYWORD_ONLY", True)],
        "need.get_links(name, as_str=False)",
    ),
    ("sphinx_needs.need_item.NeedLink.to_filter_string", [], "a link as the records read it"),
]


def _resolve(qualified: str) -> Any:
    """The object a dotted name names (its longest importable prefix is the module)."""
    parts = qualified.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise ImportError(qualified)


@pytest.mark.parametrize(
    ("qualified", "expected", "why"), SIGNATURES, ids=[q for q, _, _ in SIGNATURES]
)
def test_each_signature_we_call_or_override_is_unchanged(
    qualified: str, expected: list[tuple[str, str, Any]], why: str
) -> None:
    try:
        function = _resolve(qualified)
    except (ImportError, AttributeError):
        pytest.fail(_broken(f"has no {qualified}", why))
    got = [p for p in _shape(function) if p[0] != "self"]
    assert got == expected, _broken(f"{qualified} now takes {got}, not {expected}", why)


def test_needs_is_post_processed_is_a_property() -> None:
    from sphinx_needs.data import SphinxNeedsData

    found = inspect.getattr_static(SphinxNeedsData, "needs_is_post_processed", None)
    assert isinstance(found, property), _broken(
        "SphinxNeedsData.needs_is_post_processed is no longer a property",
        "needs_sealed(env): whether get_needs_view has frozen the needs",
    )


def test_the_unknown_option_warning_is_the_one_our_directives_reword() -> None:
    from sphinx_needs.directives.need import NeedDirective

    source = inspect.getsource(NeedDirective.run)
    assert "self._log_warning(f\"Unknown option '{key}'\")" in source, _broken(
        "NeedDirective.run no longer warns \"Unknown option '<name>'\" through _log_warning",
        "a misspelt option gets the nearest option of its kind added",
    )
    assert needs_internals.UNKNOWN_OPTION.fullmatch("Unknown option 'likelyhood'")


def test_needs_before_sealing_hands_over_the_needs_still_mutable() -> None:
    from sphinx_needs.directives.need import post_process_needs_data

    source = inspect.getsource(post_process_needs_data)
    emitted = f'app.emit("{needs_internals.BEFORE_SEALING}", needs)'
    assert emitted in source, _broken(
        f"post_process_needs_data no longer calls {emitted}",
        "the cross rules' findings are logged, and derived when needextend is used, there",
    )
    before_sealing = source.index(emitted)
    assert "needs = needs_data.get_needs_mutable()" in source[:before_sealing], _broken(
        "the needs handed to needs-before-sealing are no longer get_needs_mutable()'s",
        "the derived fields are set on them",
    )


def _priorities(app: Any, event: str) -> dict[str, int]:
    """sphinx-needs' handlers of an event, by function name, and their priorities."""
    return {
        listener.handler.__name__: listener.priority
        for listener in app.events.listeners[event]
        if getattr(listener.handler, "__module__", "").startswith("sphinx_needs")
    }


@pytest.mark.sphinx("html", testroot="valid")
def test_sphinx_needs_handles_the_events_we_wire_around_where_we_assume(app: Any) -> None:
    purge = _priorities(app, "env-purge-doc")
    assert purge and min(purge.values()) > 400, _broken(
        f"env-purge-doc handlers at {purge}",
        "consistency.keep_fields (400) keeps a page's derived fields before its needs go",
    )
    resolved = _priorities(app, "doctree-resolved")
    assert resolved and all(400 < p < 600 for p in resolved.values()), _broken(
        f"doctree-resolved handlers at {resolved}",
        "cards (400) replace need nodes before sphinx-needs lays them out, badges (600) "
        "change its tables after",
    )
    config = _priorities(app, "config-inited")
    assert config.get("resolve_need_types", 1000) < 100, _broken(
        f"resolve_need_types at {config.get('resolve_need_types')}",
        "config.add_to_needs (100) adds our types after needs_types is normalised",
    )
    assert 110 < config.get("load_config", 0) < 800, _broken(
        f"load_config at {config.get('load_config')}",
        "our types are added before it reads them (100, 110) and our directives replace its "
        "plain ones after it registers them (800)",
    )


@pytest.mark.sphinx("html", testroot="incremental")
def test_a_needtable_node_carries_its_filter(app: Any) -> None:
    app.build()
    tables = {
        docname: [
            needs_internals.summary_filter(node)
            for node in app.env.get_doctree(docname).findall(needs_internals.Needtable)
        ]
        for docname in ("forecasts-by-page", "register")
    }
    assert tables == {"forecasts-by-page": ['docname == "forecasts"'], "register": [None]}, _broken(
        f"the needtables' filters read {tables}",
        "a register split by page is rewritten only where its filter's pages change",
    )


@pytest.mark.sphinx("html", testroot="valid")
def test_needs_json_is_sphinx_needs_own_json_written_faster(app: Any) -> None:
    from sphinx_needs.needsfile import NeedsList

    app.build()
    original = getattr(NeedsList.write_json, "__wrapped__", NeedsList.write_json)
    assert original.__code__.co_names == needs_internals.WRITE_JSON_NAMES, _broken(
        f"NeedsList.write_json now uses {original.__code__.co_names}",
        "fast_needs_json replaces a body it knows; it now leaves the slow writer in place",
    )
    assert NeedsList.write_json is not original, "the fast writer is not installed"
    text = (app.outdir / "needs.json").read_text(encoding="utf-8")
    # byte for byte what sphinx-needs' own json.dump(data, f, sort_keys=True) writes
    assert text == json.dumps(json.loads(text), sort_keys=True)
    assert "F_ONE" in json.loads(text)["versions"][""]["needs"]
