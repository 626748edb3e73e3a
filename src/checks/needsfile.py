"""The build's ``needs.json`` (written by sphinx-needs) read into typed records.

The file is ``{"current_version": V, "project": ..., "versions": {V: {"needs": {ID: need}}}}``.
Every need field may be missing or null (an old or foreign file): the loader never fails on a
missing field, it records what it could not read in :attr:`Assessment.malformed` so that
``lint`` can name it. Only a file that is not a sphinx-needs export at all raises
:class:`~checks.errors.ChecksInputError`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assessments.validation import parse_date
from assessments.vocabulary import forecast_status as status_of
from assessments.yardstick import DEFAULT_YARDSTICK, YARDSTICKS, resolve_probability
from checks.errors import ChecksInputError

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


class Register:
    """Every need of one build, by id, in the file's order.

    Typed records are built on first use of :attr:`needs`; :meth:`resolutions` reads the JSON
    directly, so ``report-checks score`` never pays for records it does not need.
    """

    def __init__(self, path: Path, project: str, raw: dict[str, Any], docs: str = "docs") -> None:
        self.path = path
        self.project = project
        #: The needs as sphinx-needs wrote them, by id (each a JSON object).
        self.raw = raw
        self.docs = docs
        self._needs: dict[str, Assessment] | None = None

    @property
    def needs(self) -> dict[str, Assessment]:
        """Every need as a typed record, by id, in the file's order."""
        if self._needs is None:
            prefix = self.docs.rstrip("/") + "/" if self.docs else ""
            needs: dict[str, Assessment] = {}
            for need_id, raw in self.raw.items():
                record = _record(str(raw.get("id") or need_id), raw, prefix)
                needs[record.id] = record
            _link_outcomes(needs)
            self._needs = needs
        return self._needs

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

    def resolutions(self) -> list[tuple[str, float | None, str | None]]:
        """``(id, probability, verdict)`` of every resolved forecast, in the file's order.

        The input of :func:`checks.scoring.score`. Read straight from the JSON (the same
        answers as going through :meth:`outcome_of`, at a fraction of the cost).
        """
        if self._needs is not None:
            return [
                (f.id, f.probability, outcome.verdict)
                for f in self.forecasts
                if (outcome := self.outcome_of(f)) is not None
            ]
        outcomes: dict[str, dict[str, Any]] = {}
        first_for: dict[str, str] = {}  # forecast id -> first outcome (file order) resolving it
        for need_id, raw in self.raw.items():
            if raw.get("type") == "outcome":
                outcome_id = str(raw.get("id") or need_id)
                outcomes[outcome_id] = raw
                for target in _ids({"r": raw.get("resolves")}, "r", []):
                    first_for.setdefault(target, outcome_id)
        result = []
        for need_id, raw in self.raw.items():
            if raw.get("type") != "forecast":
                continue
            forecast_id = str(raw.get("id") or need_id)
            backs = _ids({"r": raw.get("resolves_back")}, "r", [])
            outcome = next((outcomes[o] for o in backs if o in outcomes), None)
            if outcome is None and forecast_id in first_for:
                outcome = outcomes[first_for[forecast_id]]
            if outcome is None:
                continue
            probability = _number(raw, "probability", [])
            if probability is None and raw.get("likelihood"):
                probability = _record(forecast_id, raw, "").probability
            result.append((forecast_id, probability, _text(outcome, "verdict", [])))
        return result


def forecast_status(register: Register, forecast: Forecast, as_of: date) -> str:
    """``open``, ``due`` (past its resolve-by date, no outcome), ``resolved`` or ``void``."""
    outcome = register.outcome_of(forecast)
    # an outcome counts even with an unreadable verdict: the forecast is no longer due
    verdict = None if outcome is None else (outcome.verdict or "resolved")
    return status_of(forecast.resolve_by, verdict, as_of)


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
    except OSError as error:
        raise ChecksInputError(f"{path}: cannot read it ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise ChecksInputError(f"{path}: not UTF-8 text ({error.reason}); {BUILD_HINT}") from None
    except json.JSONDecodeError as error:
        raise ChecksInputError(
            f"{path}: not valid JSON (line {error.lineno} column {error.colno}: {error.msg}), "
            f"perhaps a truncated file; {BUILD_HINT}"
        ) from None
    except RecursionError:
        raise ChecksInputError(f"{path}: JSON nested too deeply to be a needs.json") from None
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
            f"{path}: current_version {current!r} is not among its versions ({known}); {BUILD_HINT}"
        )
    version = versions[current]
    needs = version.get("needs") if isinstance(version, dict) else None
    if not isinstance(needs, dict):
        raise ChecksInputError(
            f"{foreign} (version {current!r} has no 'needs' object); {BUILD_HINT}"
        )
    for need_id, raw in needs.items():
        if type(raw) is not dict:
            raise ChecksInputError(f"{foreign} (need {need_id!r} is not an object); {BUILD_HINT}")
    project = data.get("project")
    return Register(path, project if isinstance(project, str) else "", needs, docs)


_TEXT, _NUMBER, _DATE, _IDS = range(4)
_TEXT_TYPES = frozenset({str, type(None)})


@dataclass(frozen=True)
class _Spec:
    """The fields one kind of record reads, grouped by how they are read."""

    texts: tuple[str, ...]
    numbers: tuple[str, ...]
    dates: tuple[str, ...]
    ids: tuple[tuple[str, str], ...]  # (record attribute, needs.json field)

    def plus(
        self, texts: tuple[str, ...], dates: tuple[str, ...], ids: tuple[tuple[str, str], ...]
    ) -> _Spec:
        return _Spec(self.texts + texts, self.numbers, self.dates + dates, self.ids + ids)


_COMMON = _Spec(
    texts=("title", "content", "status", "likelihood", "yardstick", "confidence"),
    numbers=("probability",),
    dates=(),
    ids=(
        ("basis", "basis"),
        ("assumes", "assumes"),
        ("supports", "supports"),
        ("signals", "signals"),
    ),
)
_SPECS: dict[str, _Spec] = {
    "forecast": _COMMON.plus(
        ("criteria", "coding", "quote"), ("resolve_by", "made_on"), (("outcomes", "resolves_back"),)
    ),
    "outcome": _COMMON.plus(
        ("verdict",), ("resolved_on",), (("evidence", "evidence"), ("resolves", "resolves"))
    ),
}
_CLASSES: dict[str, type[Assessment]] = {"forecast": Forecast, "outcome": Outcome}


def _record(need_id: str, raw: dict[str, Any], prefix: str) -> Assessment:
    """One typed record from one need's JSON object.

    Written for speed (``lint`` reads every need of a large report): the common, well-formed
    case costs no function call per field; anything else goes through :func:`_convert`.
    """
    bad: list[str] = []
    get = raw.get
    kind = get("type")
    if kind is not None and type(kind) is not str:
        bad.append(f"type is {kind!r}, not text")
        kind = None
    spec = _SPECS.get(kind, _COMMON) if kind else _COMMON
    docname, doctype, lineno, key = get("docname"), get("doctype"), get("lineno"), get("key")
    if type(docname) is not str:
        docname = None
    values: dict[str, Any] = {name: get(name) for name in spec.texts}
    if not _TEXT_TYPES.issuperset(map(type, values.values())):
        for name in spec.texts:
            values[name] = _text(raw, name, bad)
    values["id"] = need_id
    values["kind"] = kind
    values["docname"] = docname
    values["file"] = None if docname is None else f"{prefix}{docname}{doctype or ''}"
    values["lineno"] = lineno if type(lineno) is int else None
    values["key"] = key if type(key) is bool else None
    for name in spec.numbers:
        value = get(name)
        values[name] = (
            value if value is None or type(value) is float else _convert(_NUMBER, name, value, bad)
        )
    for name in spec.dates:
        value = get(name)
        if value is None:
            values[name] = None
            continue
        parsed = parse_date(value) if type(value) is str else None
        values[name] = parsed if parsed is not None else _convert(_DATE, name, value, bad)
    for attribute, name in spec.ids:
        value = get(name)
        if not value:
            values[attribute] = ()
            continue
        if type(value) is list:
            try:
                "".join(value)  # raises TypeError unless every item is text; C speed
            except TypeError:
                pass
            else:
                values[attribute] = tuple(value)
                continue
        values[attribute] = _convert(_IDS, name, value, bad)
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


def _link_outcomes(needs: dict[str, Assessment]) -> None:
    """Add each outcome to its forecast's outcomes, for files without back links."""
    for outcome in needs.values():
        if not isinstance(outcome, Outcome):
            continue
        for target in outcome.resolves:
            forecast = needs.get(target)
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
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is not None:
        return parsed
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
