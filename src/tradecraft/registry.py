"""Many reports read as one record: an institute's registry.

Each report is a ``needs.json`` (a path, or an http(s) URL that the caller fetches: see
:mod:`checks.fetch`),
named in a registry file or on the command line. Their needs are put in one register with every
id namespaced by its report, in the one form :func:`namespace` gives: the registry site passes
the same prefix to sphinx-needs' ``needs_external_needs`` (``id_prefix``), so a forecast has one id
everywhere. Bad input (an unreachable URL, a file from another tool, two reports with one name) is
one :class:`~tradecraft.errors.InputError` line.

The registry file (TOML, e.g. ``registry.toml``)::

    [[report]]
    name = "ever-closer-union"           # lower case, digits, hyphens: the namespace
    needs = "reports/ever-closer/needs.json"   # a path (relative to this file) or a URL
    url = "https://example.org/ever-closer-union"   # its HTML edition (the site links to it)
    ledger = "reports/ever-closer/forecast-ledger"   # optional: its published estimates
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tradecraft.errors import InputError
from tradecraft.records import (
    Assessment,
    AssessmentSet,
    Forecast,
    NeedValues,
    Reading,
    Resolved,
    assessments_from_json,
    load_assessments,
)
from tradecraft.vocabulary import LINKS

if TYPE_CHECKING:
    from tradecraft.ledger import Ledger

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: The fields of a need that hold ids of other needs (namespaced with the need).
_ID_FIELDS = (*LINKS, *(link.back for link in LINKS.values()), "links", "links_back")


def namespace(name: str) -> str:
    """The prefix a report's ids carry in a registry: ``ever-closer`` gives ``EVER_CLOSER__``."""
    return name.upper().replace("-", "_") + "__"


@dataclass(frozen=True)
class Source:
    """One report of a registry: its name, its ``needs.json``, its HTML and its ledger."""

    name: str
    needs: str
    url: str | None = None
    ledger: str | None = None

    @property
    def prefix(self) -> str:
        """The namespace of its ids."""
        return namespace(self.name)


def check_name(name: str, where: str) -> str:
    """A report name, or an :class:`InputError` saying what a name may be."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise InputError(
            f"{where}: report name {name!r} must be lower-case letters, digits and hyphens, "
            "starting with a letter or digit (e.g. ever-closer-union)"
        )
    return name


def load_registry_file(path: str | Path) -> list[Source]:
    """The reports a registry file lists, paths made relative to the working directory."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such registry file") from None
    except (OSError, UnicodeDecodeError) as problem:
        raise InputError(f"{path}: cannot read it ({problem})") from None
    except tomllib.TOMLDecodeError as problem:
        raise InputError(f"{path}: not valid TOML ({problem}); fix the file") from None
    reports = data.get("report")
    if not isinstance(reports, list) or not reports:
        raise InputError(f"{path}: no [[report]] tables; list each report with name and needs")
    sources = []
    for number, table in enumerate(reports, 1):
        where = f"{path}: report {number}"
        if not isinstance(table, dict) or not isinstance(table.get("needs"), str):
            raise InputError(f'{where}: give its needs.json as needs = "path or URL"')
        name = check_name(table.get("name"), where)  # type: ignore[arg-type]
        sources.append(
            Source(
                name,
                _beside(path, table["needs"]),
                table.get("url") if isinstance(table.get("url"), str) else None,
                _beside(path, table["ledger"]) if isinstance(table.get("ledger"), str) else None,
            )
        )
    _unique(sources)
    return sources


def parse_source(spec: str) -> Source:
    """A ``--needs`` value: ``PATH``, ``URL``, or ``NAME=PATH|URL``."""
    name, sep, location = spec.partition("=")
    if sep and _NAME.match(name) and not _is_url(spec):
        return Source(name, location)
    return Source("", spec)


#: What reads a URL: the parsed JSON it answers with (``report-checks`` gives
#: :func:`checks.fetch.fetch_json`), or an :class:`InputError`.
Fetch = Callable[[str], Any]


def load_reports(
    sources: Iterable[Source], docs: str = "docs", fetch: Fetch | None = None
) -> AssessmentSet:
    """One register of every source; with more than one, every id carries its report's prefix.

    A source without a name takes the slug of its ``project`` (``needs.json``'s own name). A
    source that is a URL is read through ``fetch``: the core itself reads files only.
    """
    loaded: list[tuple[Source, AssessmentSet]] = []
    for source in sources:
        register = _read(source.needs, docs, fetch)
        if not source.name:
            slug = re.sub(r"[^a-z0-9]+", "-", register.project.lower()).strip("-")
            source = Source(slug or "report", source.needs, source.url, source.ledger)
        loaded.append((source, register))
    if len(loaded) == 1:
        return loaded[0][1]
    _unique([source for source, _ in loaded])
    return Registry(loaded, docs)


class Registry(AssessmentSet):
    """Several reports' registers read as one, every id carrying its report's prefix.

    What ``due`` and ``score`` ask for (open and resolved forecasts) is read report by report
    (an outcome resolves a forecast of its own report) and renamed; only what needs every need
    at once (``lint``, ``export``) pays for the one combined, renamed copy.
    """

    def __init__(self, parts: list[tuple[Source, AssessmentSet]], docs: str = "docs") -> None:
        super().__init__(Path("registry"), "registry", {}, docs)
        self.parts = parts
        self._combined: dict[str, NeedValues] | None = None
        self._origin: dict[str, str] | None = None  # the base class set it to {}

    @property
    def origin(self) -> dict[str, str]:
        """The report each need comes from, by its namespaced id (built on first use)."""
        if self._origin is None:
            self._origin = {}
            for source, register in self.parts:
                prefix = source.prefix
                self._origin.update((prefix + str(i), source.name) for i in register.raw)
        return self._origin

    @origin.setter
    def origin(self, value: dict[str, str]) -> None:
        self._origin = value

    @property
    def raw(self) -> Mapping[str, NeedValues]:
        """Every need of every report, renamed (built on first use)."""
        if self._combined is None:
            self._combined = {}
            for source, register in self.parts:
                for need_id, need in register.raw.items():
                    renamed = _prefixed(source.prefix, need_id, need)
                    self._combined[renamed["id"]] = renamed
        return self._combined

    def resolved(self) -> list[Resolved]:
        """Every resolved forecast of every report, renamed."""
        found = []
        for source, register in self.parts:
            prefix = source.prefix
            for resolved in register.resolved():
                _rename(resolved.forecast, prefix)
                _rename(resolved.outcome, prefix)
                found.append(resolved)
        return found

    def readings(self) -> list[Reading]:
        """Every resolved forecast's readings, report by report, renamed."""
        found: list[Reading] = []
        for source, register in self.parts:
            prefix = source.prefix
            found += [(prefix + i, p, v, a, s) for i, p, v, a, s in register.readings()]
        return found

    def open_forecasts(self) -> list[Forecast]:
        """Every open forecast of every report, renamed."""
        found = []
        for source, register in self.parts:
            prefix = source.prefix
            found += [_rename(forecast, prefix) for forecast in register.open_forecasts()]
        return found


def reports(register: AssessmentSet) -> list[tuple[str, AssessmentSet]]:
    """``(namespace, register)`` of each report read: one with no namespace, or a registry's
    reports each with its own. The rules check each report as it wrote its ids (an id
    namespaced is not one its report could write); only what they find is namespaced."""
    if isinstance(register, Registry):
        return [(source.prefix, part) for source, part in register.parts]
    return [("", register)]


_LINK_ATTRIBUTES = (*LINKS, "outcomes")
_R = TypeVar("_R", bound=Assessment)


def _rename(record: _R, prefix: str) -> _R:
    """A record given its report's namespace, in place (its id and the ids it links to)."""
    record.id = prefix + record.id
    for name in _LINK_ATTRIBUTES:
        value = getattr(record, name, None)
        if value:
            setattr(record, name, tuple(prefix + v for v in value))
    return record


def load_ledgers(sources: Iterable[Source]) -> Ledger | None:
    """The ledgers of the sources that name one, as one ledger of namespaced ids."""
    named = [source for source in sources if source.ledger]
    if not named:
        return None
    from tradecraft.ledger import Ledger, load_ledger

    merged = Ledger(Path("registry ledgers"))
    found = False
    for source in named:
        ledger = load_ledger(str(source.ledger), missing_ok=False)
        found = True
        for forecast_id, entry in ledger.forecasts.items():
            merged.forecasts[source.prefix + forecast_id] = entry
        merged.revisions += [
            {**revision, "id": source.prefix + str(revision.get("id"))}
            for revision in ledger.revisions
        ]
    return merged if found else None


def _prefixed(prefix: str, need_id: str, need: NeedValues) -> dict[str, Any]:
    """A copy of a need with its id and every id it links to prefixed."""
    copy: dict[str, Any] = dict(need) if isinstance(need, dict) else {}
    copy["id"] = prefix + str(copy.get("id") or need_id)
    get = copy.get
    for name in _ID_FIELDS:
        value = get(name)
        if value and type(value) is list:  # most are empty: nothing to copy
            copy[name] = [prefix + str(v) for v in value]
    return copy


def _unique(sources: list[Source]) -> None:
    seen: dict[str, str] = {}
    for source in sources:
        if source.name in seen:
            raise InputError(
                f"two reports are named {source.name!r} ({seen[source.name]} and "
                f"{source.needs}); give each its own name"
            )
        seen[source.name] = source.needs


def _beside(registry: Path, location: str) -> str:
    if _is_url(location) or os.path.isabs(location):
        return location
    return str(registry.parent / location)


def _is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def _read(location: str, docs: str, fetch: Fetch | None) -> AssessmentSet:
    if not _is_url(location):
        return load_assessments(location, docs)
    if fetch is None:
        raise InputError(f"{location}: a URL, and nothing here fetches one; give a path")
    return assessments_from_json(fetch(location), location, docs)


#: What ``score --by`` groups by.
GROUPINGS: tuple[str, ...] = ("report", "author", "tag", "year")


def group_names(by: str, resolved: Resolved, origin: Mapping[str, str]) -> list[str]:
    """The groups one resolved forecast belongs to: its report, each author's, each tag's, or
    the year of its outcome."""
    forecast, outcome = resolved.forecast, resolved.outcome
    if by == "report":
        return [origin.get(forecast.id, "(this report)")]
    if by == "author":
        return list(forecast.authors) or ["(no author)"]
    if by == "tag":
        return list(forecast.tags) or ["(no tag)"]
    if by == "year":
        return [str(outcome.resolved_on.year)] if outcome.resolved_on else ["(no date)"]
    raise ValueError(f"unknown grouping {by!r}; one of {', '.join(GROUPINGS)}")
