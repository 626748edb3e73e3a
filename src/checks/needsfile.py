"""The build's ``needs.json`` (written by sphinx-needs) read into typed records.

The file is ``{"current_version": V, "project": ..., "versions": {V: {"needs": {ID: need}}}}``.
Every need field may be missing or null (an old or foreign file): the loader never fails on a
missing field, it records what it could not read in :attr:`Assessment.malformed` so that
``lint`` can name it. Only a file that is not a sphinx-needs export at all raises
:class:`~checks.errors.ChecksInputError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assessments.vocabulary import VOID_VERDICTS
from assessments.yardstick import DEFAULT_YARDSTICK, YARDSTICKS, resolve_probability
from checks.errors import ChecksInputError

#: Where ``tox -e html`` leaves the file, relative to the repository root.
DEFAULT_NEEDS = "docs/_build/html/needs.json"
BUILD_HINT = "build the report first: tox -e html"


@dataclass(kw_only=True, slots=True)
class Assessment:
    """One need of any kind, with the fields every kind may carry."""

    id: str
    kind: str | None
    title: str = ""
    content: str = ""
    docname: str | None = None
    file: str | None = None
    lineno: int | None = None
    status: str | None = None
    likelihood: str | None = None
    probability: float | None = None
    yardstick: str | None = None
    confidence: str | None = None
    basis: tuple[str, ...] = ()
    key: bool | None = None
    assumes: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    #: One message per field whose value could not be read (e.g. a date that is not a date).
    malformed: tuple[str, ...] = ()

    @property
    def location(self) -> str | None:
        """``docs/chapter.md:12`` when the source is known, else ``None``."""
        if self.file is None:
            return None
        return f"{self.file}:{self.lineno}" if self.lineno is not None else self.file

    @property
    def statement(self) -> str:
        """The body with its whitespace normalised: what the ledger fingerprints."""
        return " ".join(self.content.split())


@dataclass(kw_only=True, slots=True)
class Forecast(Assessment):
    """A forecast: a resolvable claim with a date by which reality decides it."""

    resolve_by: date | None = None
    made_on: date | None = None
    criteria: str | None = None
    coding: str | None = None
    quote: str | None = None
    #: Ids of the outcomes that resolve it (normally none or one).
    outcomes: tuple[str, ...] = ()


@dataclass(kw_only=True, slots=True)
class Outcome(Assessment):
    """What happened to one forecast: a verdict, its date and the evidence."""

    verdict: str | None = None
    resolved_on: date | None = None
    evidence: tuple[str, ...] = ()
    resolves: tuple[str, ...] = ()


@dataclass(slots=True)
class Register:
    """Every need of one build, by id, in the file's order."""

    path: Path
    project: str
    needs: dict[str, Assessment] = field(default_factory=dict)

    @property
    def forecasts(self) -> list[Forecast]:
        """The forecasts, in the file's order."""
        return [n for n in self.needs.values() if isinstance(n, Forecast)]

    @property
    def outcomes(self) -> list[Outcome]:
        """The outcomes, in the file's order."""
        return [n for n in self.needs.values() if isinstance(n, Outcome)]

    def outcome_of(self, forecast: Forecast) -> Outcome | None:
        """The (first) outcome that resolves a forecast, or ``None`` while it is open."""
        for outcome_id in forecast.outcomes:
            outcome = self.needs.get(outcome_id)
            if isinstance(outcome, Outcome):
                return outcome
        return None

    def resolutions(self) -> Iterator[tuple[str, float | None, str | None]]:
        """``(id, probability, verdict)`` for every resolved forecast: the input of scoring."""
        for forecast in self.forecasts:
            outcome = self.outcome_of(forecast)
            if outcome is not None:
                yield forecast.id, forecast.probability, outcome.verdict


def forecast_status(register: Register, forecast: Forecast, as_of: date) -> str:
    """``open``, ``due`` (past its resolve-by date, no outcome), ``resolved`` or ``void``."""
    outcome = register.outcome_of(forecast)
    if outcome is not None:
        return "void" if outcome.verdict in VOID_VERDICTS else "resolved"
    if forecast.resolve_by is not None and forecast.resolve_by <= as_of:
        return "due"
    return "open"


def load_register(path: str | Path, docs: str = "docs") -> Register:
    """Read a sphinx-needs ``needs.json``; bad input raises one-line :class:`ChecksInputError`.

    ``docs`` is the documentation directory the needs' ``docname`` is relative to; it only
    shapes the locations in messages (``docs/chapter.md:12``).
    """
    path = Path(path)
    try:
        with path.open("rb") as stream:
            data = json.load(stream)
    except FileNotFoundError:
        raise ChecksInputError(f"{path}: no such file; {BUILD_HINT}") from None
    except IsADirectoryError:
        raise ChecksInputError(f"{path}: is a directory, not a needs.json file") from None
    except PermissionError:
        raise ChecksInputError(f"{path}: permission denied") from None
    except UnicodeDecodeError as error:
        raise ChecksInputError(f"{path}: not UTF-8 text ({error.reason}); {BUILD_HINT}") from None
    except json.JSONDecodeError as error:
        raise ChecksInputError(
            f"{path}: not valid JSON (line {error.lineno} column {error.colno}: {error.msg}), "
            f"perhaps a truncated file; {BUILD_HINT}"
        ) from None
    return register_from_json(data, path, docs)


def register_from_json(data: Any, path: str | Path = "needs.json", docs: str = "docs") -> Register:
    """The register held by an already-parsed ``needs.json`` document."""
    path = Path(path)
    foreign = f"{path}: not a needs.json written by sphinx-needs"
    if not isinstance(data, dict) or not isinstance(data.get("versions"), dict):
        raise ChecksInputError(f"{foreign} (no 'versions' object); {BUILD_HINT}")
    current = data.get("current_version")
    versions = data["versions"]
    if not isinstance(current, str):
        raise ChecksInputError(f"{foreign} (no 'current_version' string); {BUILD_HINT}")
    if current not in versions:
        known = ", ".join(repr(v) for v in versions) or "none"
        raise ChecksInputError(
            f"{path}: current_version {current!r} is not among its versions ({known}); "
            f"{BUILD_HINT}"
        )
    version = versions[current]
    needs = version.get("needs") if isinstance(version, dict) else None
    if not isinstance(needs, dict):
        raise ChecksInputError(f"{foreign} (version {current!r} has no 'needs' object); {BUILD_HINT}")
    project = data.get("project")
    register = Register(path, project if isinstance(project, str) else "")
    prefix = docs.rstrip("/") + "/" if docs else ""
    for need_id, raw in needs.items():
        if not isinstance(raw, dict):
            raise ChecksInputError(f"{foreign} (need {need_id!r} is not an object); {BUILD_HINT}")
        need = _record(str(raw.get("id") or need_id), raw, prefix)
        register.needs[need.id] = need
    _link_outcomes(register)
    return register


_TEXT, _NUMBER, _DATE, _IDS = range(4)
#: (record attribute, needs.json field, how to read it) per kind; the rest come from _record.
_COMMON: tuple[tuple[str, str, int], ...] = (
    ("title", "title", _TEXT),
    ("content", "content", _TEXT),
    ("status", "status", _TEXT),
    ("likelihood", "likelihood", _TEXT),
    ("probability", "probability", _NUMBER),
    ("yardstick", "yardstick", _TEXT),
    ("confidence", "confidence", _TEXT),
    ("basis", "basis", _IDS),
    ("assumes", "assumes", _IDS),
    ("supports", "supports", _IDS),
    ("signals", "signals", _IDS),
)
_FIELDS: dict[str, tuple[tuple[str, str, int], ...]] = {
    "forecast": _COMMON + (
        ("resolve_by", "resolve_by", _DATE),
        ("made_on", "made_on", _DATE),
        ("criteria", "criteria", _TEXT),
        ("coding", "coding", _TEXT),
        ("quote", "quote", _TEXT),
        ("outcomes", "resolves_back", _IDS),
    ),
    "outcome": _COMMON + (
        ("verdict", "verdict", _TEXT),
        ("resolved_on", "resolved_on", _DATE),
        ("evidence", "evidence", _IDS),
        ("resolves", "resolves", _IDS),
    ),
}
_CLASSES: dict[str, type[Assessment]] = {"forecast": Forecast, "outcome": Outcome}


def _record(need_id: str, raw: dict[str, Any], prefix: str) -> Assessment:
    """One typed record from one need's JSON object (the common case without a call per field)."""
    bad: list[str] = []
    kind = raw.get("type")
    if kind is not None and type(kind) is not str:
        bad.append(f"type is {kind!r}, not text")
        kind = None
    docname, doctype, lineno, key = (
        raw.get("docname"), raw.get("doctype"), raw.get("lineno"), raw.get("key")
    )  # fmt: skip
    if type(docname) is not str:
        docname = None
    values: dict[str, Any] = {
        "id": need_id,
        "kind": kind,
        "docname": docname,
        "file": None if docname is None else f"{prefix}{docname}{doctype or ''}",
        "lineno": lineno if type(lineno) is int else None,
        "key": key if type(key) is bool else None,
    }
    get = raw.get
    for attribute, name, how in _FIELDS.get(kind or "", _COMMON):
        value = get(name)
        if how == _TEXT:
            if value is None or type(value) is str:
                values[attribute] = value
                continue
        elif how == _IDS:
            if not value:
                values[attribute] = ()
                continue
            if type(value) is list and all(type(item) is str for item in value):
                values[attribute] = tuple(value)
                continue
        elif how == _NUMBER:
            if value is None or type(value) is float:
                values[attribute] = value
                continue
        elif value is None:  # _DATE
            values[attribute] = None
            continue
        elif type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                values[attribute] = date.fromisoformat(value)
                continue
            except ValueError:
                pass
        values[attribute] = _convert(how, name, value, bad)
    if values["title"] is None:
        values["title"] = ""
    if values["content"] is None:
        values["content"] = ""
    record = _CLASSES.get(kind or "", Assessment)(**values)
    if isinstance(record, Forecast) and record.probability is None and record.likelihood:
        record.probability = _derived_probability(record)
    if bad:
        record.malformed = tuple(bad)
    return record


def _convert(how: int, name: str, value: Any, bad: list[str]) -> Any:
    """The slow path of :func:`_record`: dates, coercions and messages for unreadable values."""
    raw = {name: value}
    if how == _TEXT:
        return _text(raw, name, bad)
    if how == _NUMBER:
        return _number(raw, name, bad)
    if how == _DATE:
        return _date(raw, name, bad)
    return _ids(raw, name, bad)


def _derived_probability(forecast: Forecast) -> float | None:
    """The term's midpoint, as the extension derives it, for files written without it."""
    yardstick = YARDSTICKS.get(forecast.yardstick or DEFAULT_YARDSTICK)
    if yardstick is None:
        return None
    probability, _error = resolve_probability(yardstick, forecast.likelihood, None)
    return probability


def _link_outcomes(register: Register) -> None:
    """Add each outcome to its forecast's outcomes, for files without back links."""
    for outcome in register.outcomes:
        for target in outcome.resolves:
            forecast = register.needs.get(target)
            if isinstance(forecast, Forecast) and outcome.id not in forecast.outcomes:
                forecast.outcomes += (outcome.id,)


def _text(raw: dict[str, Any], name: str, bad: list[str]) -> str | None:
    value = raw.get(name)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    bad.append(f"{name} is {value!r}, not text")
    return None


def _number(raw: dict[str, Any], name: str, bad: list[str]) -> float | None:
    value = raw.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        bad.append(f"{name} is {value!r}, not a number 0–1")
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        bad.append(f"{name} is {value!r}, not a number 0–1")
        return None


def _date(raw: dict[str, Any], name: str, bad: list[str]) -> date | None:
    value = raw.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    bad.append(f"{name} is {value!r}, not a date YYYY-MM-DD")
    return None


def _ids(raw: dict[str, Any], name: str, bad: list[str]) -> tuple[str, ...]:
    value = raw.get(name)
    if value is None:
        return ()
    if isinstance(value, str):  # an old export may keep the option text "a, b"
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    bad.append(f"{name} is {value!r}, not a list of ids or keys")
    return ()
