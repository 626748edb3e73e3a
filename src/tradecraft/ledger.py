"""The forecast ledger: a committed record of published forecasts and of every estimate since.

A forecast, once published, is a claim the report can be held to. Changing its wording, its
probability, its criteria or its date afterwards without saying so would rewrite the track record
(ICD 203, standard 7: explain changes of judgement). The ledger makes such changes visible, and
tells apart the two kinds of change, as forecasting platforms do:

- a **correction**: the published coding was wrong (a typo, a mis-applied rule); the corrected
  value stands as if it had been published that way, and the correction is shown;
- an **update**: a new estimate made on a later date, with new information; the earlier
  estimate stays on the record for the time it was in force (see :func:`history`).

The file (``forecast-ledger.json`` at the repository root; ``--ledger PATH``) is JSON::

    {
      "format": 2,
      "frozen_on": "2021-08-01",              # date of the last freeze that added forecasts
      "forecasts": {
        "F_ID": {
          "fingerprint": "<sha256 hex>",      # of the six fields below, see fingerprint()
          "title": "...",
          "statement": "...",                 # the body, stripped, whitespace normalised
          "likelihood": "likely",             # or null
          "probability": 0.65,                # as scored (explicit, or the term's midpoint)
          "criteria": "...",
          "resolve_by": "2022-12-31",
          "published": "2021-08-01",
          "revised": "2022-01-10",            # only once revised: date of the last revision
          "withdrawn": "2022-02-01"           # only once withdrawn (deleted from the report)
        }
      },
      "revisions": [
        {"id": "F_ID", "kind": "update",      # or "correction"
         "date": "2022-01-10", "reason": "...",
         "before": {<the six fields>}, "after": {<the six fields>},   # after: null when withdrawn
         "old_fingerprint": "<hex>", "new_fingerprint": "<hex>",      # new: null when withdrawn
         "chain": "<hex>"}                    # see chain()
      ]
    }

The entry of a forecast holds its fields as they are now; the revisions hold every state before.
Each revision's ``chain`` is the SHA-256 of the previous revision's chain and its own canonical
JSON, so a revision edited by hand (a date moved, an update relabelled a correction) breaks the
chain and fails ``lint``. Format 1 (revisions without kind, values or chain) is still read: its
revisions are corrections with the values unknown; saving writes format 2.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from tradecraft.dates import parse_date
from tradecraft.errors import InputError
from tradecraft.problems import Problem, error, warning
from tradecraft.records import Forecast, Register

FORMAT = 2
#: The formats this version reads.
READS = (1, 2)
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


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


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
    """The ledger file's content."""

    path: Path
    frozen_on: str | None = None
    forecasts: dict[str, dict[str, Any]] = field(default_factory=dict)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    exists: bool = True
    #: The format the file was read in (written back as :data:`FORMAT`).
    format: int = FORMAT

    def to_json(self) -> str:
        """The file's text: stable key order, forecasts by id, one trailing newline."""
        data = {
            "format": FORMAT,
            "frozen_on": self.frozen_on,
            "forecasts": {key: self.forecasts[key] for key in sorted(self.forecasts)},
            "revisions": self.revisions,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def save(self) -> None:
        """Write the file atomically (a crash never leaves half a ledger), in :data:`FORMAT`."""
        if self.format < FORMAT:
            self._upgrade()
        directory = self.path.parent if str(self.path.parent) else Path(".")
        handle, temporary = tempfile.mkstemp(prefix=".ledger-", dir=directory)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(self.to_json())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.exists = True

    def _upgrade(self) -> None:
        """Format 1 revisions become corrections with unknown values, chained."""
        previous = None
        for revision in self.revisions:
            revision.setdefault("kind", "correction")
            revision.setdefault("before", None)
            revision.setdefault("after", None)
            revision["chain"] = previous = chain(previous, revision)
        self.format = FORMAT

    def revisions_of(self, forecast_id: str) -> list[Revision]:
        """The revisions of one forecast, in the order recorded."""
        return [parse_revision(r) for r in self.revisions if r.get("id") == forecast_id]

    def append(self, revision: dict[str, Any]) -> dict[str, Any]:
        """Add a revision at the end of the chain; return it with its chain value."""
        if self.format < FORMAT:
            self._upgrade()
        previous = self.revisions[-1].get("chain") if self.revisions else None
        revision["chain"] = chain(previous, revision)
        self.revisions.append(revision)
        return revision


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


def load_ledger(path: str | Path, missing_ok: bool = True) -> Ledger:
    """Read the ledger; a missing file is an empty ledger (``exists`` false) when ``missing_ok``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return Ledger(path, exists=False)
        raise InputError(f"{path}: no such file; create it: report-checks ledger freeze") from None
    except (OSError, UnicodeDecodeError) as problem:
        raise InputError(f"{path}: cannot read the ledger ({problem})") from None
    return parse_ledger(text, path)


def parse_ledger(text: str, path: str | Path) -> Ledger:
    """The ledger a file's text holds (``path`` names it in messages and is where it saves)."""
    path = Path(path)
    fix = "restore it from git or delete it and run: report-checks ledger freeze"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as problem:
        raise InputError(
            f"{path}: not valid JSON (line {problem.lineno} column {problem.colno}: "
            f"{problem.msg}); {fix}"
        ) from None
    if not isinstance(data, dict) or data.get("format") not in READS:
        formats = " or ".join(str(f) for f in READS)
        raise InputError(f"{path}: not a forecast ledger of format {formats}; {fix}")
    forecasts, revisions = data.get("forecasts"), data.get("revisions", [])
    if not isinstance(forecasts, dict) or not isinstance(revisions, list):
        raise InputError(f"{path}: 'forecasts' must be an object and 'revisions' a list; {fix}")
    for key, entry in forecasts.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise InputError(f"{path}: the entry of {key} has no fingerprint; {fix}")
    for number, revision in enumerate(revisions, 1):
        if not isinstance(revision, dict) or not isinstance(revision.get("id"), str):
            raise InputError(f"{path}: revision {number} is not an object with an id; {fix}")
    return Ledger(path, data.get("frozen_on"), forecasts, revisions, format=data["format"])


def freeze(ledger: Ledger, register: Register, on: date) -> list[str]:
    """Add every forecast not yet in the ledger as published ``on``; return the ids added."""
    added = []
    for forecast in register.forecasts:
        if forecast.id in ledger.forecasts:
            continue
        ledger.forecasts[forecast.id] = _entry(forecast, published=on.isoformat())
        added.append(forecast.id)
    if added:
        ledger.frozen_on = on.isoformat()
    return added


def revise(
    ledger: Ledger,
    register: Register,
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


def _check_update(ledger: Ledger, register: Register, forecast: Forecast, on: date) -> None:
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


def check(ledger: Ledger, register: Register) -> list[Problem]:
    """Published forecasts changed or deleted without a revision, forged entries and revisions."""
    fix = 'record why: report-checks ledger revise {} --kind correction|update --reason "..."'
    if not ledger.exists:
        return [
            warning(
                None,
                str(ledger.path),
                "no forecast ledger, so published forecasts are not protected; "
                "create it: report-checks ledger freeze",
            )
        ]
    problems = _chain_problems(ledger)
    for forecast_id, entry in ledger.forecasts.items():
        if fingerprint(entry) != entry.get("fingerprint"):
            problems.append(
                error(
                    forecast_id,
                    str(ledger.path),
                    "the ledger entry's fingerprint does not match its fields (was the ledger "
                    "edited by hand?); restore it from git and record changes with "
                    f"report-checks ledger revise {forecast_id}",
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
        if fingerprint(fields) != entry["fingerprint"]:
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
    for forecast in register.forecasts:
        if forecast.id not in ledger.forecasts:
            problems.append(
                warning(
                    forecast.id,
                    forecast.location,
                    "not in the forecast ledger yet (unpublished); once published, record it: "
                    "report-checks ledger freeze",
                )
            )
    return problems


def _chain_problems(ledger: Ledger) -> list[Problem]:
    """A format-2 revision whose chain value does not follow (edited, moved or deleted)."""
    if ledger.format < 2:
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
                    "it from git and record changes with report-checks ledger revise",
                )
            ]
        previous = expected
    return []


def status(ledger: Ledger, register: Register | None) -> list[tuple[str, str, str]]:
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
