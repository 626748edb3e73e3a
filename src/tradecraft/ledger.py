"""The forecast ledger: a committed record of published forecasts and of every estimate since.

A forecast, once published, is a claim the report can be held to. Changing its wording, its
probability, its criteria or its date afterwards without saying so would rewrite the track record
(ICD 203, standard 7: explain changes of judgement). The ledger makes such changes visible, and
tells apart the two kinds of change, as forecasting platforms do:

- a **correction**: the published coding was wrong (a typo, a mis-applied rule); the corrected
  value stands as if it had been published that way, and the correction is shown;
- an **update**: a new estimate made on a later date, with new information; the earlier
  estimate stays on the record for the time it was in force (see :func:`history`).

The ledger is a directory (``forecast-ledger/`` at the repository root; ``--ledger PATH``) with
one JSON file per published forecast, ``F_ID.json``, so that ``git merge`` combines two branches
that revise different forecasts without a conflict (format 3)::

    {
      "format": 3,
      "id": "F_ID",
      "entry": {
        "fingerprint": "<sha256 hex>",        # of the six fields below, see fingerprint()
        "title": "...",
        "statement": "...",                   # the body, stripped, whitespace normalised
        "likelihood": "likely",               # or null
        "probability": 0.65,                  # as scored (explicit, or the term's midpoint)
        "criteria": "...",
        "resolve_by": "2022-12-31",
        "published": "2021-08-01",
        "revised": "2022-01-10",              # only once revised: date of the last revision
        "withdrawn": "2022-02-01"             # only once withdrawn (deleted from the report)
      },
      "revisions": [
        {"id": "F_ID", "kind": "update",      # or "correction"
         "date": "2022-01-10", "reason": "...",
         "before": {<the six fields>}, "after": {<the six fields>},   # after: null when withdrawn
         "old_fingerprint": "<hex>", "new_fingerprint": "<hex>",      # new: null when withdrawn
         "chain": "<hex>"}                    # see chain()
      ]
    }

The entry holds the forecast's fields as they are now; the revisions hold every state before.
Each revision's ``chain`` is the SHA-256 of the previous revision's chain (of the same forecast)
and its own canonical JSON, so a revision edited by hand (a date moved, an update relabelled a
correction) breaks the chain and fails ``lint`` naming the file and the revision. Nothing in the
directory is shared by all forecasts (the date of the last freeze is derived, see
:attr:`Ledger.frozen_on`), so only two branches revising the *same* forecast touch the same file:
git reports a conflict there, and should the two revisions be kept side by side anyway, ``lint``
names both as following the same revision (see :func:`check`).

A missing ledger is an empty one: the report builds, and ``lint`` warns that its forecasts are
not yet recorded. The single file of formats 1 and 2 (``forecast-ledger.json``: the entries under
``"forecasts"`` and one ``"revisions"`` list chained across all forecasts) is still read, with a
warning; :func:`migrate` moves it to the directory with its history intact (``report-checks
ledger migrate``). Format 1 revisions carry no kind, values or chain: they are corrections with
the values unknown.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePath
from typing import Any, Literal, TypeVar

from tradecraft.dates import parse_date
from tradecraft.errors import InputError
from tradecraft.problems import Problem, error, warning
from tradecraft.records import AssessmentSet, Forecast

FORMAT = 3
#: The formats this version reads (1 and 2: a single file, read but not written).
READS = (1, 2, 3)
#: Where a report keeps its ledger, relative to the repository root.
DEFAULT_PATH = "forecast-ledger"
#: What a message naming ``ledger revise`` adds, so that the command it names runs as written.
_KIND_AND_REASON = '--kind correction|update --reason "..."'
#: The file each forecast's record is kept in, inside the ledger's directory.
FILE_SUFFIX = ".json"
#: A path on disk, or a path in a git tree (:func:`other_layout` takes either).
AnyPath = TypeVar("AnyPath", bound=PurePath)
#: Written once into a new ledger directory, so git keeps the directory and a reader learns why.
README = """\
The forecast ledger

One JSON file per published forecast (`F_ID.json`): the forecast as published and every revision
since, each revision chained to the one before it. The files are written by
`report-checks ledger freeze`, `report-checks ledger revise` and `report-checks ledger migrate`;
do not edit them by hand: `report-checks lint` notices.

Two branches that revise different forecasts merge without a conflict. Two branches that revise
the same forecast conflict in its file: keep one side and record the other revision again with
`report-checks ledger revise`.
"""
#: The fields a fingerprint covers, in the ledger's words.
FINGERPRINTED: tuple[str, ...] = (
    "title",
    "statement",
    "likelihood",
    "probability",
    "criteria",
    "resolve_by",
)
KINDS: tuple[str, ...] = ("correction", "update")
RevisionKind = Literal["correction", "update"]
_FILE_NAME = re.compile(r"^[A-Za-z0-9_]+$")
_CONFLICT = re.compile(r"^(<<<<<<<|>>>>>>>) ", re.MULTILINE)


def fields_of(forecast: Forecast) -> dict[str, Any]:
    """The fingerprinted fields of a forecast as the ledger stores them."""
    return {
        "title": " ".join(forecast.title.split()),
        "statement": forecast.statement,
        "likelihood": forecast.likelihood,
        "probability": forecast.probability,
        "criteria": " ".join(forecast.criteria.split()) if forecast.criteria else forecast.criteria,
        "resolve_by": forecast.resolve_by.isoformat() if forecast.resolve_by else None,
    }


#: One encoder for every fingerprint (``json.dumps`` with options builds one per call).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _canonical(value: Any) -> bytes:
    return _CANONICAL.encode(value).encode()


def fingerprint(fields: dict[str, Any]) -> str:
    """SHA-256 hex of the canonical JSON of the fingerprinted fields."""
    return hashlib.sha256(
        _canonical({name: fields.get(name) for name in FINGERPRINTED})
    ).hexdigest()


def chain(previous: str | None, revision: dict[str, Any]) -> str:
    """The chain value of a revision: SHA-256 of the previous one's and its own canonical JSON."""
    own = {key: value for key, value in revision.items() if key != "chain"}
    return hashlib.sha256((previous or "").encode() + _canonical(own)).hexdigest()


@dataclass(frozen=True)
class Estimate:
    """One estimate of a forecast and the day from which it was in force."""

    on: date | None
    likelihood: str | None
    probability: float | None


@dataclass(frozen=True)
class Revision:
    """One recorded change of a published forecast."""

    id: str
    kind: RevisionKind
    on: date | None
    reason: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def withdrawal(self) -> bool:
        """Whether it withdrew the forecast from the report."""
        return self.after is None and self.before is not None


@dataclass(frozen=True)
class History:
    """A forecast's record: the estimate as published (corrections applied), every estimate in
    the order made (the first is the published one), and the revisions that made them."""

    published: Estimate
    estimates: tuple[Estimate, ...]
    revisions: tuple[Revision, ...] = ()

    @property
    def current(self) -> Estimate:
        """The estimate in force now."""
        return self.estimates[-1]

    @property
    def updates(self) -> int:
        """How many updates followed the published estimate."""
        return len(self.estimates) - 1


@dataclass
class Ledger:
    """The ledger's content: every entry by forecast id, and every revision (each forecast's in
    the order recorded). ``path`` is the directory (format 3) or the single file it was read from
    (formats 1 and 2, read but not written: see :func:`migrate`)."""

    path: Path
    forecasts: dict[str, dict[str, Any]] = field(default_factory=dict)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    exists: bool = True
    #: The format it was read in.
    format: int = FORMAT

    @property
    def frozen_on(self) -> str | None:
        """The date of the last freeze that added forecasts: the latest publication date."""
        dates = [str(e["published"]) for e in self.forecasts.values() if e.get("published")]
        return max(dates, default=None)

    @property
    def single_file(self) -> bool:
        """Whether it was read from one file of format 1 or 2 (to migrate)."""
        return self.format < FORMAT

    def source_of(self, forecast_id: str) -> Path:
        """The file that holds the forecast's record (whether or not it exists yet)."""
        return self.path if self.single_file else self.path / f"{forecast_id}{FILE_SUFFIX}"

    def revisions_of(self, forecast_id: str) -> list[Revision]:
        """The revisions of one forecast, in the order recorded."""
        return [parse_revision(r) for r in self._raw_revisions(forecast_id)]

    def _raw_revisions(self, forecast_id: str) -> list[dict[str, Any]]:
        return [r for r in self.revisions if r.get("id") == forecast_id]

    def revisions_by_id(self) -> dict[str, list[dict[str, Any]]]:
        """Every forecast's revisions in the order recorded, grouped in one pass (for the work
        that visits every forecast: one scan each would grow as forecasts times revisions)."""
        grouped: dict[str, list[dict[str, Any]]] = {}
        for revision in self.revisions:
            grouped.setdefault(str(revision.get("id")), []).append(revision)
        return grouped

    def file_text(self, forecast_id: str, revisions: list[dict[str, Any]] | None = None) -> str:
        """The text of a forecast's file: stable key order, one trailing newline. ``revisions``:
        the forecast's, where the caller grouped them already."""
        data = {
            "format": FORMAT,
            "id": forecast_id,
            "entry": self.forecasts[forecast_id],
            "revisions": self._raw_revisions(forecast_id) if revisions is None else revisions,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def save(self) -> None:
        """Write each forecast's file that changed, atomically (a crash never leaves half a file).

        A single-file ledger is not written: it is moved to the directory first (:func:`migrate`).
        """
        if self.single_file:
            raise InputError(
                f"{self.path}: a ledger of format {self.format} in one file is read, not written; "
                "move it to one file per forecast first: report-checks ledger migrate"
            )
        if not self.path.is_dir() and self.path.suffix == FILE_SUFFIX:
            raise InputError(
                f"{self.path}: a new ledger is a directory of one file per forecast, not a "
                f"{FILE_SUFFIX} file; give --ledger {self.path.with_suffix('')}"
            )
        for forecast_id in self.forecasts:
            if not _FILE_NAME.match(forecast_id):
                raise InputError(f"{forecast_id!r} cannot name a file of the ledger {self.path}")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            readme = self.path / "README"  # no .md: a ledger inside docs/ is no page
            if not readme.exists():
                _write_atomic(readme, README)
            grouped = self.revisions_by_id()
            for forecast_id in sorted(self.forecasts):
                text = self.file_text(forecast_id, grouped.get(forecast_id, []))
                target = self.source_of(forecast_id)
                if not target.is_file() or target.read_text(encoding="utf-8") != text:
                    _write_atomic(target, text)
        except OSError as problem:
            raise InputError(f"{self.path}: cannot write the ledger ({problem})") from None
        self.exists = True

    def append(self, revision: dict[str, Any]) -> dict[str, Any]:
        """Add a revision at the end of its forecast's chain; return it with its chain value."""
        own = self._raw_revisions(str(revision.get("id")))
        previous = own[-1].get("chain") if own else None
        revision["chain"] = chain(previous, revision)
        self.revisions.append(revision)
        return revision


def _write_atomic(target: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".ledger-", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def parse_revision(raw: dict[str, Any]) -> Revision:
    """One revision of the file as a :class:`Revision` (format 1: a correction, values unknown)."""
    kind = raw.get("kind") or "correction"
    return Revision(
        id=str(raw.get("id")),
        kind="update" if kind == "update" else "correction",
        on=parse_date(raw.get("date")),
        reason=str(raw.get("reason") or ""),
        before=raw.get("before") if isinstance(raw.get("before"), dict) else None,
        after=raw.get("after") if isinstance(raw.get("after"), dict) else None,
    )


def other_layout(path: AnyPath) -> AnyPath:
    """The same ledger in its other layout: ``forecast-ledger`` (a directory of one file per
    forecast) for ``forecast-ledger.json`` (the single file of before a migration), and back."""
    if path.suffix == FILE_SUFFIX:
        return path.with_suffix("")
    return path.with_name(path.name + FILE_SUFFIX)


def load_ledger(path: str | Path, missing_ok: bool = True) -> Ledger:
    """Read the ledger at ``path``: a directory, or a single file of format 1 or 2.

    A ``forecast-ledger`` that is missing beside a ``forecast-ledger.json`` reads that file, and
    the other way round, so a setting made before or after :func:`migrate` keeps working. Nothing
    at all is an empty ledger (``exists`` false) when ``missing_ok``.
    """
    path = Path(path)
    if not path.exists():
        other = other_layout(path)
        path = other if other.exists() else path
    if path.is_dir():
        return load_directory(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return Ledger(path, exists=False)
        raise InputError(
            f"{path}: no forecast ledger here; create it: report-checks ledger init"
        ) from None
    except (OSError, UnicodeDecodeError) as problem:
        raise InputError(f"{path}: cannot read the ledger ({problem})") from None
    return parse_ledger(text, path)


def load_directory(path: Path) -> Ledger:
    """The ledger of a directory of one file per forecast (format 3)."""
    files = {}
    # names, not paths, are sorted and opened: 10,000 Path objects cost more than the reading
    names = sorted(entry.name for entry in os.scandir(path) if entry.name.endswith(FILE_SUFFIX))
    for name in names:
        file = os.path.join(path, name)
        try:
            with open(file, encoding="utf-8") as stream:
                files[name] = stream.read()
        except (OSError, UnicodeDecodeError) as problem:
            raise InputError(f"{file}: cannot read the ledger ({problem})") from None
    return parse_files(files, path)


def parse_files(files: Mapping[str, str], path: str | Path) -> Ledger:
    """The ledger of a directory's files, given as ``{file name: text}`` (``path`` names the
    directory in messages and is where it saves)."""
    path = Path(path)
    ledger = Ledger(path)
    for name in sorted(files):
        forecast_id, entry, revisions = _parse_file(files[name], path, name)
        ledger.forecasts[forecast_id] = entry
        ledger.revisions += revisions
    return ledger


def _parse_file(
    text: str, directory: Path, name: str
) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    """One forecast's file, checked; the file's path is made only for a message (a ledger of
    10,000 forecasts would otherwise pay for 10,000 paths it never shows)."""
    if ("<<<<<<< " in text or ">>>>>>> " in text) and _CONFLICT.search(text):
        where = directory / name
        raise InputError(
            f"{where}: an unresolved git merge conflict: the forecast was revised on two "
            f"branches; keep one side (git checkout --ours -- {where}, or --theirs) and record "
            "the other revision again with report-checks ledger revise"
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as problem:
        raise _file_error(
            directory / name,
            f"not valid JSON (line {problem.lineno} column {problem.colno}: {problem.msg})",
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _file_error(directory / name, f"not a forecast's ledger file of format {FORMAT}")
    forecast_id, entry, revisions = data.get("id"), data.get("entry"), data.get("revisions", [])
    stem = name[: -len(FILE_SUFFIX)] if name.endswith(FILE_SUFFIX) else Path(name).stem
    if forecast_id != stem:
        raise _file_error(
            directory / name,
            f"holds the ledger of {forecast_id!r}, not of {stem}; name it "
            f"{forecast_id}{FILE_SUFFIX}, or",
        )
    if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
        raise _file_error(directory / name, f"the entry of {forecast_id} has no fingerprint")
    if not isinstance(revisions, list):
        raise _file_error(directory / name, "'revisions' must be a list")
    for number, revision in enumerate(revisions, 1):
        if not isinstance(revision, dict) or revision.get("id") != forecast_id:
            raise _file_error(
                directory / name,
                f"revision {number} is not an object with the id {forecast_id}",
            )
    return forecast_id, entry, revisions


def _file_error(where: Path, problem: str) -> InputError:
    """``FILE: problem; restore it from git ...`` (a problem ending in "or" runs on into it)."""
    fix = (
        f"restore it from git (git checkout -- {where}) and record changes with "
        "report-checks ledger revise"
    )
    joiner = " " if problem.endswith(" or") else "; "
    return InputError(f"{where}: {problem}{joiner}{fix}")


def parse_ledger(text: str, path: str | Path) -> Ledger:
    """The ledger a single file of format 1 or 2 holds (``path`` names it in messages)."""
    path = Path(path)
    fix = "restore it from git, or delete it and run: report-checks ledger init"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as problem:
        raise InputError(
            f"{path}: not valid JSON (line {problem.lineno} column {problem.colno}: "
            f"{problem.msg}); {fix}"
        ) from None
    if not isinstance(data, dict) or data.get("format") not in (1, 2):
        raise InputError(
            f"{path}: not a forecast ledger of format 1 or 2 (a file; format {FORMAT} is a "
            f"directory); {fix}"
        )
    forecasts, revisions = data.get("forecasts"), data.get("revisions", [])
    if not isinstance(forecasts, dict) or not isinstance(revisions, list):
        raise InputError(f"{path}: 'forecasts' must be an object and 'revisions' a list; {fix}")
    for key, entry in forecasts.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise InputError(f"{path}: the entry of {key} has no fingerprint; {fix}")
    for number, revision in enumerate(revisions, 1):
        if not isinstance(revision, dict) or not isinstance(revision.get("id"), str):
            raise InputError(f"{path}: revision {number} is not an object with an id; {fix}")
    return Ledger(path, forecasts, revisions, format=data["format"])


def init(path: str | Path) -> Ledger:
    """An empty ledger directory at ``path`` (with its README, so git keeps it); a ledger
    already there is left as it is and returned."""
    ledger = load_ledger(path)
    if not ledger.exists:
        ledger.save()
    return ledger


def migrate(old: Ledger, to: str | Path) -> Ledger:
    """A single-file ledger (format 1 or 2) as a directory of one file per forecast, unsaved.

    Every entry, date, reason and value is kept; only the chain values change, each forecast's
    revisions now being chained on their own. A file whose chain is already broken is refused.
    """
    broken = [p for p in _global_chain_problems(old) if p.severity == "error"]
    if broken:
        raise InputError(f"{broken[0]}; the ledger cannot be migrated until it is restored")
    orphans = sorted({str(r["id"]) for r in old.revisions} - set(old.forecasts))
    if orphans:
        raise InputError(
            f"{old.path}: revisions of {', '.join(orphans)}, which has no entry; restore the "
            "file from git before migrating"
        )
    new = Ledger(Path(to), {key: dict(old.forecasts[key]) for key in old.forecasts}, [])
    new.exists = False
    for revision in old.revisions:
        own = {key: value for key, value in revision.items() if key != "chain"}
        own.setdefault("kind", "correction")  # format 1: see the module's docstring
        own.setdefault("before", None)
        own.setdefault("after", None)
        new.append(own)
    return new


def unpublished(ledger: Ledger, register: AssessmentSet) -> list[Forecast]:
    """The forecasts of the report that the ledger does not hold yet."""
    return [f for f in register.forecasts if f.id not in ledger.forecasts]


def publication_date(forecasts: list[Forecast]) -> date:
    """The date the forecasts were published, when not given: their ``made_on``, if they all
    agree; otherwise one :class:`InputError` line listing the dates and asking for it."""
    dates: dict[str, list[str]] = {}
    for forecast in forecasts:
        made = forecast.made_on.isoformat() if forecast.made_on else "no made_on"
        dates.setdefault(made, []).append(forecast.id)
    if len(dates) == 1 and "no made_on" not in dates:
        return date.fromisoformat(next(iter(dates)))
    listed = "; ".join(
        f"{made}: {_some(ids)}" for made, ids in sorted(dates.items(), key=lambda item: item[0])
    )
    raise InputError(
        f"the forecasts to freeze do not share one made_on ({listed}); give the date they were "
        "published: report-checks ledger freeze --published YYYY-MM-DD"
    )


def _some(ids: list[str], most: int = 3) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def freeze(ledger: Ledger, register: AssessmentSet, on: date | None = None) -> list[str]:
    """Add every forecast not yet in the ledger as published ``on`` (by default their shared
    ``made_on``, see :func:`publication_date`); return the ids added."""
    new = unpublished(ledger, register)
    if not new:
        return []
    if on is None:
        on = publication_date(new)
    late = [f for f in new if f.made_on is not None and f.made_on > on]
    if late:
        raise InputError(
            f"{late[0].id} was made on {late[0].made_on}, after the publication date {on}; give "
            "the date it was published: report-checks ledger freeze --published YYYY-MM-DD"
        )
    for forecast in new:
        ledger.forecasts[forecast.id] = _entry(forecast, published=on.isoformat())
    return [forecast.id for forecast in new]


def revise(
    ledger: Ledger,
    register: AssessmentSet,
    forecast_id: str,
    reason: str,
    on: date,
    kind: str = "correction",
    as_of: date | None = None,
) -> dict[str, Any]:
    """Record a correction or an update of a published forecast (or its withdrawal).

    An update is a new estimate dated ``on``: never before the forecast was made, before the
    estimate it follows, after its outcome resolved it, or after ``as_of``. Each refusal is one
    :class:`InputError` line.
    """
    reason = " ".join(reason.split())
    if not reason:
        raise InputError('a revision needs a reason: --reason "why the judgement changed"')
    if kind not in KINDS:
        raise InputError(f"revision kind {kind!r} is not one of {', '.join(KINDS)}")
    entry = ledger.forecasts.get(forecast_id)
    current = register.needs.get(forecast_id)
    forecast = current if isinstance(current, Forecast) else None
    if entry is None:
        if forecast is not None:
            raise InputError(
                f"{forecast_id} is not published in {ledger.path} yet, so there is nothing to "
                "revise; publish it: report-checks ledger freeze"
            )
        raise InputError(f"{forecast_id} is neither in {ledger.path} nor among the forecasts")
    if as_of is not None and on > as_of:
        raise InputError(f"{forecast_id}: a revision dated {on} is after the as-of date {as_of}")
    before = {name: entry.get(name) for name in FINGERPRINTED}
    old = entry["fingerprint"]
    after: dict[str, Any] | None
    if forecast is None:
        if entry.get("withdrawn"):
            raise InputError(f"{forecast_id} was already withdrawn on {entry['withdrawn']}")
        if kind == "update":
            raise InputError(
                f"{forecast_id} is deleted from the report: a withdrawal is no new estimate; "
                "record it with --kind correction"
            )
        new, after = None, None
        entry["withdrawn"] = on.isoformat()
    else:
        after = fields_of(forecast)
        new = fingerprint(after)
        if new == old and not entry.get("withdrawn"):
            raise InputError(
                f"{forecast_id} matches its ledger entry; there is no change to record"
            )
        if kind == "update":
            _check_update(ledger, register, forecast, on)
        entry.update(after)
        entry["fingerprint"] = new
        entry.pop("withdrawn", None)
    entry["revised"] = on.isoformat()
    return ledger.append(
        {
            "id": forecast_id,
            "kind": kind,
            "date": on.isoformat(),
            "reason": reason,
            "before": before,
            "after": after,
            "old_fingerprint": old,
            "new_fingerprint": new,
        }
    )


def _check_update(ledger: Ledger, register: AssessmentSet, forecast: Forecast, on: date) -> None:
    """Refuse an update that could not have been a forecast when it is dated."""
    if forecast.made_on is not None and on < forecast.made_on:
        raise InputError(
            f"{forecast.id}: an update dated {on} is before the forecast was made "
            f"(made_on {forecast.made_on}); give --on a later date"
        )
    outcome = register.outcome_of(forecast)
    if outcome is not None and outcome.resolved_on is not None and on > outcome.resolved_on:
        raise InputError(
            f"{forecast.id}: an update dated {on} is after its outcome {outcome.id} "
            f"(resolved_on {outcome.resolved_on}); an estimate made after the outcome is no "
            "forecast: if the published coding was wrong, record --kind correction"
        )
    last = history(ledger, forecast).current.on
    if last is not None and on < last:
        raise InputError(
            f"{forecast.id}: an update dated {on} is before the estimate it follows (of {last}); "
            "updates are recorded in the order they were made"
        )


def history(ledger: Ledger | None, forecast: Forecast) -> History:
    """The forecast's estimates from its ledger entry and revisions (corrections applied).

    The published estimate is in force from ``made_on``; each update from its own date. A
    correction replaces the estimate it corrects, the one in force when it was recorded, as if it
    had been made that way. A forecast the ledger does not hold has its current estimate alone.
    """
    start = forecast.made_on
    now = Estimate(start, forecast.likelihood, forecast.probability)
    entry = ledger.forecasts.get(forecast.id) if ledger is not None else None
    if ledger is None or entry is None:
        return History(now, (now,))
    revisions = ledger.revisions_of(forecast.id)
    estimates = _estimates(entry, revisions, start)
    return History(estimates[0], tuple(estimates), tuple(revisions))


def published_likelihood(ledger: Ledger | None, forecast_id: str) -> str | None:
    """The likelihood the forecast was published with (corrections applied, updates not), or
    ``None`` if the ledger does not hold it: the estimate its quoted sentence was coded to."""
    entry = ledger.forecasts.get(forecast_id) if ledger is not None else None
    if ledger is None or entry is None:
        return None
    likelihood = _estimates(entry, ledger.revisions_of(forecast_id), None)[0].likelihood
    return likelihood if isinstance(likelihood, str) else None


def _estimates(
    entry: dict[str, Any], revisions: list[Revision], start: date | None
) -> list[Estimate]:
    first = next((r.before for r in revisions if r.before is not None), None)
    values = first if first is not None else entry
    estimates = [Estimate(start, values.get("likelihood"), values.get("probability"))]
    for number, revision in enumerate(revisions):
        after = revision.after
        if after is None and not revision.withdrawal:  # format 1: the next known state
            later = next((r.before for r in revisions[number + 1 :] if r.before), None)
            after = later if later is not None else entry
        if after is None:
            continue
        estimate = Estimate(revision.on, after.get("likelihood"), after.get("probability"))
        if revision.kind == "update":
            estimates.append(estimate)
        else:
            estimates[-1] = Estimate(estimates[-1].on, estimate.likelihood, estimate.probability)
    return estimates


def check(ledger: Ledger, register: AssessmentSet) -> list[Problem]:
    """Published forecasts changed or deleted without a revision, forged entries and revisions,
    and one forecast revised on two branches; no ledger, or one in a single file, is a warning."""
    fix = "record why: report-checks ledger revise {} " + _KIND_AND_REASON
    if not ledger.exists:
        count = len(register.forecasts)
        return [
            warning(
                None,
                str(ledger.path),
                f"no forecast ledger yet: none of the report's {count} forecast(s) is in it, so "
                "none is protected once published; when they are published, record them: "
                "report-checks ledger freeze",
            )
        ]
    problems = _layout_problems(ledger)
    broken: set[str] = set()
    if ledger.single_file:
        problems += _global_chain_problems(ledger)
    else:
        grouped = ledger.revisions_by_id()
        for forecast_id in sorted(ledger.forecasts):
            found = _chain_problems(ledger, forecast_id, grouped.get(forecast_id, []))
            if found:
                broken.add(forecast_id)
                problems += found
    for forecast_id, entry in ledger.forecasts.items():
        if forecast_id in broken:
            continue
        if fingerprint(entry) != entry.get("fingerprint"):
            problems.append(
                error(
                    forecast_id,
                    str(ledger.source_of(forecast_id)),
                    "the ledger entry's fingerprint does not match its fields (was the ledger "
                    "edited by hand?); restore it from git and record changes with "
                    f"report-checks ledger revise {forecast_id} " + _KIND_AND_REASON,
                )
            )
            continue
        current = register.needs.get(forecast_id)
        if entry.get("withdrawn"):
            if isinstance(current, Forecast):
                problems.append(
                    error(
                        forecast_id,
                        current.location,
                        f"was withdrawn on {entry['withdrawn']} but is in the report again; "
                        + fix.format(forecast_id),
                    )
                )
            continue
        if not isinstance(current, Forecast):
            problems.append(
                error(
                    forecast_id,
                    None,
                    f"published on {entry.get('published')} but deleted from the report; restore "
                    f"it, or record the withdrawal: report-checks ledger revise {forecast_id} "
                    '--kind correction --reason "..."',
                )
            )
            continue
        fields = fields_of(current)
        if not _same_fields(fields, entry) and fingerprint(fields) != entry["fingerprint"]:
            changed = ", ".join(
                _describe(name) for name in FINGERPRINTED if fields[name] != entry.get(name)
            )
            problems.append(
                error(
                    forecast_id,
                    current.location,
                    f"published on {entry.get('published')} and since {changed or 'changed'} "
                    "without a recorded revision; undo the change or " + fix.format(forecast_id),
                )
            )
    for forecast in unpublished(ledger, register):
        problems.append(
            warning(
                forecast.id,
                forecast.location,
                "not in the forecast ledger yet (unpublished); once published, record it: "
                "report-checks ledger freeze",
            )
        )
    return problems


def _same_fields(fields: dict[str, Any], entry: dict[str, Any]) -> bool:
    """Whether the forecast's fingerprinted fields are the entry's, value and type alike: then
    their fingerprints are one, and the entry's was just checked (most forecasts, most days)."""
    return all(
        type(value := fields.get(name)) is type(stored := entry.get(name)) and value == stored
        for name in FINGERPRINTED
    )


def _layout_problems(ledger: Ledger) -> list[Problem]:
    """A ledger still in one file, or an old single file left beside the directory."""
    if ledger.single_file:
        return [
            warning(
                None,
                str(ledger.path),
                f"a ledger of format {ledger.format} in one file, where two branches that revise "
                "different forecasts conflict; move it to one file per forecast: "
                "report-checks ledger migrate",
            )
        ]
    stray = ledger.path.with_name(ledger.path.name + FILE_SUFFIX)
    if stray.is_file():
        return [
            warning(
                None,
                str(stray),
                f"an old single-file ledger beside {ledger.path}, which is the one read; "
                f"delete it: git rm {stray}",
            )
        ]
    return []


def _chain_problems(
    ledger: Ledger, forecast_id: str, revisions: list[dict[str, Any]]
) -> list[Problem]:
    """A revision of one forecast (``revisions``: its own, in order) whose chain value does not
    follow (edited, moved, deleted or recorded on another branch from the same revision), or an
    entry its last revision did not leave."""
    if not revisions:
        return []  # most forecasts: nothing revised, nothing to follow
    where = str(ledger.source_of(forecast_id))
    restore = (
        f"restore it from git and record changes with report-checks ledger revise {forecast_id} "
        + _KIND_AND_REASON
    )
    chains: list[str | None] = [None]  # chains[k]: the chain value after k revisions
    for number, revision in enumerate(revisions, 1):
        value = revision.get("chain")
        if value == chain(chains[-1], revision):
            chains.append(value)
            continue
        follows = next(
            (k for k, previous in enumerate(chains[:-1]) if chain(previous, revision) == value),
            None,
        )
        if follows is not None:
            after = f"revision {follows}" if follows else "the forecast as published"
            return [
                error(
                    forecast_id,
                    where,
                    f"revisions of {_label(revisions[follows])} and {_label(revision)} both "
                    f"follow {after}; the same forecast was revised on two branches: keep one "
                    "and record the other again with "
                    f"report-checks ledger revise {forecast_id} " + _KIND_AND_REASON,
                )
            ]
        return [
            error(
                forecast_id,
                where,
                f"revision {number} ({revision.get('kind')} of {revision.get('date')}) does not "
                f"follow from the ones before it (was the file edited by hand?); {restore}",
            )
        ]
    last = revisions[-1]  # not empty: returned above
    if "old_fingerprint" in last:
        entry = ledger.forecasts[forecast_id]
        withdrawn = last.get("new_fingerprint") is None
        left = last.get("old_fingerprint") if withdrawn else last.get("new_fingerprint")
        if entry.get("fingerprint") != left or bool(entry.get("withdrawn")) != withdrawn:
            return [
                error(
                    forecast_id,
                    where,
                    f"the entry is not what its last revision ({len(revisions)}, "
                    f"{last.get('kind')} of {last.get('date')}) left (was the file edited by "
                    f"hand?); {restore}",
                )
            ]
    return []


def _label(revision: dict[str, Any]) -> str:
    """``2024-01-15 (update, 'New basing talks')``: a revision as a reviewer recognises it."""
    reason = " ".join(str(revision.get("reason") or "").split())
    short = reason if len(reason) <= 60 else reason[:59].rstrip() + "…"
    return f"{revision.get('date')} ({revision.get('kind') or 'correction'}, '{short}')"


def _global_chain_problems(ledger: Ledger) -> list[Problem]:
    """A format-2 revision whose chain value (across all forecasts) does not follow."""
    if ledger.format != 2:
        return []
    previous = None
    for number, revision in enumerate(ledger.revisions, 1):
        expected = chain(previous, revision)
        if revision.get("chain") != expected:
            return [
                error(
                    revision.get("id"),
                    str(ledger.path),
                    f"revision {number} ({revision.get('kind')} of {revision.get('date')}) does "
                    "not follow from the ones before it (was the ledger edited by hand?); restore "
                    "it from git and record changes with report-checks ledger revise ID "
                    + _KIND_AND_REASON,
                )
            ]
        previous = expected
    return []


def status(ledger: Ledger, register: AssessmentSet | None) -> list[tuple[str, str, str]]:
    """``(id, published, state)`` per entry: unchanged, changed, deleted, withdrawn (or unknown)."""
    rows = []
    for forecast_id in sorted(ledger.forecasts):
        entry = ledger.forecasts[forecast_id]
        current = register.needs.get(forecast_id) if register is not None else None
        if entry.get("withdrawn"):
            state = f"withdrawn {entry['withdrawn']}"
        elif register is None:
            state = "published" + (f", revised {entry['revised']}" if entry.get("revised") else "")
        elif not isinstance(current, Forecast):
            state = "DELETED (no revision recorded)"
        elif fingerprint(fields_of(current)) != entry["fingerprint"]:
            state = "CHANGED (no revision recorded)"
        else:
            state = "unchanged" + (
                f" since revision {entry['revised']}" if entry.get("revised") else ""
            )
        rows.append((forecast_id, str(entry.get("published")), state))
    return rows


def _entry(forecast: Forecast, published: str) -> dict[str, Any]:
    fields = fields_of(forecast)
    return {"fingerprint": fingerprint(fields), **fields, "published": published}


def _describe(name: str) -> str:
    return {
        "title": "re-titled",
        "statement": "re-worded",
        "likelihood": "re-estimated (likelihood)",
        "probability": "re-estimated (probability)",
        "criteria": "given new criteria",
        "resolve_by": "re-dated",
    }[name]
