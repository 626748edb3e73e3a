"""The needs of a build read into typed records: from ``needs.json``, or from the build itself.

``needs.json`` (written by sphinx-needs) is ``{"current_version": V, "project": ...,
"versions": {V: {"needs": {ID: need}}}}``. The Sphinx extension builds the same records from the
needs it holds in memory, so the build and ``report-checks`` reason about one thing.

Every field may be missing or null (an old or foreign file): reading never fails on a field. What
cannot be read is kept in :attr:`Assessment.malformed`; ``lint`` names it through the rules. Only a
file that is not a sphinx-needs export at all raises :class:`~tradecraft.errors.InputError`.
Which fields a record reads comes from :data:`tradecraft.vocabulary.KINDS`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from tradecraft.errors import InputError
from tradecraft.values import StoredReader, Values, parse_ids, parse_value
from tradecraft.vocabulary import FIELDS, LINKS, Field
from tradecraft.yardstick import DEFAULT_YARDSTICK, YARDSTICKS, resolve_probability

BUILD_HINT = "build the report first: tox -e html"


#: A need's values by name: a ``needs.json`` object, or a need item in the build.
NeedValues = Values


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
    tags: tuple[str, ...] = ()
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
    hedge: str | None = None
    window: str | None = None
    authors: tuple[str, ...] = ()
    #: Ids of the outcomes that resolve it (normally none or one).
    outcomes: tuple[str, ...] = ()


@dataclass(kw_only=True, slots=True)
class Outcome(Assessment):
    """What happened to one forecast: a verdict, its date and the evidence."""

    verdict: str | None = None
    resolved_on: date | None = None
    evidence: tuple[str, ...] = ()
    contested: str | None = None
    alternative: str | None = None
    resolves: tuple[str, ...] = ()
    #: Who gave the verdict, and who read the criteria and evidence a second time, with what.
    resolver: tuple[str, ...] = ()
    second_reader: tuple[str, ...] = ()
    second_verdict: str | None = None
    #: ``optional`` or ``required``: the report's ``assessments_second_reading``.
    second_reading: str | None = None


_CLASSES: dict[str, type[Assessment]] = {"forecast": Forecast, "outcome": Outcome}
_R = TypeVar("_R", bound=Assessment)


#: The text every need has besides the vocabulary's fields, kept as written.
_PLAIN = ("title", "content", "status")


@dataclass(frozen=True)
class _Spec:
    """What one class of record reads: its vocabulary fields and links, and which of them are
    lists (a list not given is ``()``, not ``None``)."""

    reader: StoredReader
    lists: tuple[str, ...]
    plain: tuple[str, ...] = _PLAIN


def _spec(cls: type[Assessment], only: frozenset[str] | None = None) -> _Spec:
    """What a record class reads: every vocabulary field and link it has an attribute for
    (``only`` those named, for a light record)."""
    attributes = {f.name for f in fields(cls)}
    if only is not None:
        attributes &= only
    ours = [FIELDS[name] for name in FIELDS if name in attributes]
    links = [(n, n) for n in LINKS if n in attributes]
    if "outcomes" in attributes:
        links.append(("outcomes", LINKS["resolves"].back))
    if "tags" in attributes:
        links.append(("tags", "tags"))
    return _Spec(
        reader=StoredReader(ours, links),
        lists=tuple(f.name for f in ours if f.type in ("keys", "names")),
        plain=tuple(name for name in _PLAIN if name in attributes),
    )


_CLASSES_READ = (Assessment, Forecast, Outcome)
_SPECS: dict[type[Assessment], _Spec] = {cls: _spec(cls) for cls in _CLASSES_READ}
#: What a light record reads, all that ``due`` and ``score`` need: a forecast's title, estimate,
#: dates, authors and tags, and its outcome's readings.
LIGHT: frozenset[str] = frozenset(
    {
        "title",
        "likelihood",
        "probability",
        "yardstick",
        "made_on",
        "resolve_by",
        "authors",
        "criteria",
    }
    | {"tags", "verdict", "resolved_on", "contested", "alternative"}
    | {"resolver", "second_reader", "second_verdict"}
)
_LIGHT: dict[type[Assessment], _Spec] = {cls: _spec(cls, LIGHT) for cls in _CLASSES_READ}


class AssessmentSet:
    """Every need of one build, by id, in the file's order: a report's assessments, as its
    ``needs.json`` holds them or the build holds them in memory.

    (Not "register": that is the report's page of forecasts; nor "registry": an institute's
    list of reports, whose :class:`~tradecraft.registry.Registry` is a set of several reports'.)

    Typed records are built on first use of :attr:`needs`; :meth:`resolutions` reads the raw
    values directly, so ``report-checks score`` never pays for records it does not need.
    """

    def __init__(
        self, path: Path, project: str, raw: Mapping[str, NeedValues], docs: str = "docs"
    ) -> None:
        self.path = path
        self.project = project
        self._raw = raw
        self.docs = docs
        #: The report each need comes from, by id, when several reports are read as one.
        self.origin: dict[str, str] = {}
        self._needs: dict[str, Assessment] | None = None

    @property
    def raw(self) -> Mapping[str, NeedValues]:
        """The needs as sphinx-needs wrote them, by id (each a JSON object or a need item)."""
        return self._raw

    @property
    def needs(self) -> dict[str, Assessment]:
        """Every need as a typed record, by id, in the file's order."""
        if self._needs is None:
            prefix = self.docs.rstrip("/") + "/" if self.docs else ""
            needs: dict[str, Assessment] = {}
            for need_id, raw in self.raw.items():
                record = read_record(str(raw.get("id") or need_id), raw, prefix)
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

    def forecast_of(self, outcome: Outcome) -> Forecast | None:
        """The forecast an outcome resolves, or ``None``."""
        for target in outcome.resolves:
            forecast = self.needs.get(target)
            if isinstance(forecast, Forecast):
                return forecast
        return None

    def resolved(self) -> list[Resolved]:
        """Every forecast an outcome resolves, in the file's order, with what scoring needs.

        Read straight from the raw values when the typed records were not built (the same
        answers as going through :meth:`outcome_of`, at a fraction of the cost).
        """
        if self._needs is not None:
            result = []
            for forecast in self.forecasts:
                outcome = self.outcome_of(forecast)
                if outcome is not None:
                    result.append(Resolved(forecast, outcome))
            return result
        found = []
        for forecast_id, forecast_raw, outcome_id, outcome_raw in self._pairs():
            record = _only(
                read_record(forecast_id, forecast_raw, self._prefix, light=True), Forecast
            )
            resolver = read_record(outcome_id, outcome_raw, self._prefix, light=True)
            found.append(Resolved(record, _only(resolver, Outcome)))
        return found

    def _pairs(self) -> list[tuple[str, NeedValues, str, NeedValues]]:
        """``(forecast id, forecast, outcome id, outcome)`` of each resolved forecast, raw."""
        outcomes: dict[str, NeedValues] = {}
        first_for: dict[str, str] = {}  # forecast id -> first outcome (file order) resolving it
        forecasts = []
        for need_id, raw in self.raw.items():
            kind = raw.get("type")
            if kind == "forecast":
                forecasts.append((need_id, raw))
            elif kind == "outcome":
                outcome_id = str(raw.get("id") or need_id)
                outcomes[outcome_id] = raw
                for target in _id_list("resolves", raw.get("resolves")):
                    first_for.setdefault(target, outcome_id)
        pairs = []
        for need_id, raw in forecasts:
            forecast_id = str(raw.get("id") or need_id)
            backs = _id_list("resolves_back", raw.get("resolves_back"))
            resolving = next((o for o in backs if o in outcomes), first_for.get(forecast_id))
            if resolving is not None:
                pairs.append((forecast_id, raw, resolving, outcomes[resolving]))
        return pairs

    def open_forecasts(self) -> list[Forecast]:
        """The forecasts no outcome resolves yet, in the file's order (light records when the
        typed records were not built)."""
        if self._needs is not None:
            return [f for f in self.forecasts if not f.outcomes]
        resolved: set[str] = set()
        for raw in self.raw.values():
            if raw.get("type") == "outcome":
                resolved.update(parse_ids("resolves", raw.get("resolves"))[0])
        found = []
        for need_id, raw in self.raw.items():
            if raw.get("type") != "forecast" or raw.get("resolves_back"):
                continue
            forecast_id = str(raw.get("id") or need_id)
            if forecast_id not in resolved:
                found.append(
                    _only(read_record(forecast_id, raw, self._prefix, light=True), Forecast)
                )
        return found

    @property
    def _prefix(self) -> str:
        return self.docs.rstrip("/") + "/" if self.docs else ""

    def resolutions(self) -> list[tuple[str, float | None, str | None]]:
        """``(id, probability, verdict)`` of every resolved forecast, in the file's order."""
        return [(r.id, r.probability, r.verdict) for r in self.resolved()]

    def readings(self) -> list[Reading]:
        """``(id, probability, verdict, alternative, second verdict)`` of every resolved forecast.

        ``alternative`` is the verdict under the other reading of a contested outcome, else
        ``None``; the second verdict is the second reader's, else ``None``: the input of
        :func:`tradecraft.scoring.score`. Read with no record built where the values are as
        sphinx-needs writes them (the same answers as :meth:`resolved`).
        """
        if self._needs is not None:
            return [r.reading for r in self.resolved()]
        found = []
        for forecast_id, forecast, _outcome_id, outcome in self._pairs():
            p = forecast.get("probability")
            if type(p) is not float:
                p = read_record(forecast_id, forecast, light=True).probability
            read = _READINGS.read(outcome, [])
            alternative = read["alternative"] if read["contested"] else None
            found.append((forecast_id, p, read["verdict"], alternative, read["second_verdict"]))
        return found


#: A resolved forecast's readings: ``(id, probability, verdict, alternative, second verdict)``.
Reading = tuple[str, float | None, str | None, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A forecast and the outcome that resolves it, as scoring needs them."""

    forecast: Forecast
    outcome: Outcome

    @property
    def id(self) -> str:
        """The forecast's id."""
        return self.forecast.id

    @property
    def probability(self) -> float | None:
        """The forecast's probability as the report states it now."""
        return self.forecast.probability

    @property
    def verdict(self) -> str | None:
        """The outcome's verdict as coded."""
        return self.outcome.verdict

    @property
    def alternative(self) -> str | None:
        """The verdict under the other reading, for a contested outcome only."""
        return self.outcome.alternative if self.outcome.contested else None

    @property
    def reading(self) -> Reading:
        """What scoring reads: ``(id, probability, verdict, alternative, second verdict)``."""
        return (
            self.id,
            self.probability,
            self.verdict,
            self.alternative,
            self.outcome.second_verdict,
        )

    @property
    def end(self) -> date | None:
        """The day the forecast stopped counting: the earlier of its outcome and resolve-by."""
        days = [d for d in (self.outcome.resolved_on, self.forecast.resolve_by) if d is not None]
        return min(days) if days else None


#: An outcome's readings, read as every record reads them.
_READINGS = StoredReader(
    FIELDS[n] for n in ("verdict", "alternative", "contested", "second_verdict")
)


def _id_list(name: str, value: Any) -> Sequence[str]:
    """The ids a link field holds: a list as sphinx-needs writes it, read with no copy."""
    if type(value) is list:
        return value
    return parse_ids(name, value)[0]


def _only(record: Assessment, cls: type[_R]) -> _R:
    """The record as the class its type promises (a kind-less one read for scoring)."""
    if isinstance(record, cls):
        return record
    names = {f.name for f in fields(cls)}
    return cls(**{f.name: getattr(record, f.name) for f in fields(record) if f.name in names})


def load_assessments(path: str | Path, docs: str = "docs") -> AssessmentSet:
    """Read a sphinx-needs ``needs.json``; bad input raises one-line :class:`InputError`.

    ``docs`` is the documentation directory the needs' ``docname`` is relative to; it only
    shapes the locations in messages (``docs/chapter.md:12``).
    """
    path = Path(path)
    try:
        with path.open("rb") as stream:
            data = json.load(stream)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; {BUILD_HINT}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a needs.json file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason}); {BUILD_HINT}") from None
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: not valid JSON (line {error.lineno} column {error.colno}: {error.msg}), "
            f"perhaps a truncated file; {BUILD_HINT}"
        ) from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply to be a needs.json") from None
    return assessments_from_json(data, path, docs)


def assessments_from_json(
    data: Any, path: str | Path = "needs.json", docs: str = "docs"
) -> AssessmentSet:
    """The register held by an already-parsed ``needs.json`` document."""
    path = Path(path)
    foreign = f"{path}: not a needs.json written by sphinx-needs"
    if not isinstance(data, dict) or not isinstance(data.get("versions"), dict):
        raise InputError(f"{foreign} (no 'versions' object); {BUILD_HINT}")
    current = data.get("current_version")
    versions = data["versions"]
    if not isinstance(current, str):
        raise InputError(f"{foreign} (no 'current_version' string); {BUILD_HINT}")
    if current not in versions:
        known = ", ".join(repr(v) for v in versions) or "none"
        raise InputError(
            f"{path}: current_version {current!r} is not among its versions ({known}); {BUILD_HINT}"
        )
    version = versions[current]
    needs = version.get("needs") if isinstance(version, dict) else None
    if not isinstance(needs, dict):
        raise InputError(f"{foreign} (version {current!r} has no 'needs' object); {BUILD_HINT}")
    for need_id, raw in needs.items():
        if type(raw) is not dict:
            raise InputError(f"{foreign} (need {need_id!r} is not an object); {BUILD_HINT}")
    project = data.get("project")
    return AssessmentSet(path, project if isinstance(project, str) else "", needs, docs)


def read_record(need_id: str, raw: NeedValues, prefix: str = "", light: bool = False) -> Assessment:
    """One typed record from one need's values (a ``needs.json`` object or a need item).

    Every field is read as :func:`tradecraft.values.parse_value` reads it (through
    :class:`~tradecraft.values.StoredReader`, fast for the values sphinx-needs writes); what
    cannot be read is left out and worded in :attr:`Assessment.malformed`. ``light`` reads only
    what ``due`` and ``score`` need (:data:`LIGHT`).
    """
    bad: list[str] = []
    kind = _kind(raw.get("type"), bad)
    cls = _CLASSES.get(kind or "", Assessment)
    spec = (_LIGHT if light else _SPECS)[cls]
    values = spec.reader.read(raw, bad)
    for name in spec.lists:
        if values[name] is None:
            values[name] = ()
    for name in spec.plain:
        value = raw.get(name)
        values[name] = value if type(value) is str else _plain_text(name, value, bad)
    values.update(_source(raw, prefix))
    record = cls(id=need_id, kind=kind, **values)
    if record.probability is None and record.likelihood:
        record.probability = _derived_probability(record)
    if bad:
        record.malformed = tuple(bad)
    return record


def _kind(kind: Any, bad: list[str]) -> str | None:
    """The need's type, or ``None`` (with a message) when it is not text."""
    if kind is None or type(kind) is str:
        return kind
    bad.append(f"type is {kind!r}, not text")
    return None


def _plain_text(name: str, value: Any, bad: list[str]) -> Any:
    """A title, body or status that is not text: read as text (``""`` for no title or body,
    ``None`` for no status)."""
    if value is not None:
        value, problem = parse_value(Field(name, "text", name, name), value)
        if problem:
            bad.append(problem)
    if value is None and name != "status":
        return ""
    return value


def _source(raw: NeedValues, prefix: str) -> dict[str, Any]:
    """Where the need is written: its page, the file under ``prefix`` and the line."""
    docname, doctype, lineno = raw.get("docname"), raw.get("doctype"), raw.get("lineno")
    if type(docname) is not str:
        docname = None
    return {
        "docname": docname,
        "file": None if docname is None else f"{prefix}{docname}{doctype or ''}",
        "lineno": lineno if type(lineno) is int else None,
    }


def _derived_probability(record: Assessment) -> float | None:
    """The term's midpoint, as the extension derives it, for files written without it."""
    yardstick = YARDSTICKS.get(record.yardstick or DEFAULT_YARDSTICK)
    if yardstick is None:
        return None
    probability, _error = resolve_probability(yardstick, record.likelihood, None)
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
