"""The forecast ledger: a committed record of published forecasts and of every revision.

A forecast, once published, is a claim the report can be held to. Changing its wording, its
probability, its criteria or its date afterwards without saying so would rewrite the track record
(ICD 203, standard 7: explain changes of judgement). The ledger makes such changes visible:
``report-checks lint`` fails when a published forecast differs from its ledger entry and no
revision records why.

The file (``forecast-ledger.json`` at the repository root; ``--ledger PATH``) is JSON::

    {
      "format": 1,
      "frozen_on": "2021-08-01",              # date of the last freeze that added forecasts
      "forecasts": {
        "F_ID": {
          "fingerprint": "<sha256 hex>",      # of the fields below, see fingerprint()
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
        {"id": "F_ID", "date": "2022-01-10", "reason": "...",
         "old_fingerprint": "<hex>", "new_fingerprint": "<hex>"}  # null when withdrawn
      ]
    }

The fingerprint is the SHA-256 (hex) of the canonical JSON (keys sorted, no spaces, UTF-8) of
``{"criteria", "likelihood", "probability", "resolve_by", "statement", "title"}``.

- ``report-checks ledger freeze`` adds every forecast not yet in the ledger, published on the
  as-of date; entries already there are never touched, so freezing twice changes nothing.
- ``report-checks ledger revise F_ID --reason "..."`` records a revision: the entry takes the
  forecast's current fields and a revision line is appended. For a forecast deleted from the
  report the same command records it as withdrawn.
- ``report-checks lint`` fails for every published forecast that was re-worded, re-titled,
  re-estimated, re-dated, given new criteria or deleted without such a revision, and for an entry
  whose fingerprint no longer matches its own fields (a hand-edited ledger).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tradecraft.errors import InputError
from tradecraft.problems import Problem, error, warning
from tradecraft.records import Forecast, Register

FORMAT = 1
#: The fields a fingerprint covers, in the ledger's words.
FINGERPRINTED: tuple[str, ...] = (
    "title",
    "statement",
    "likelihood",
    "probability",
    "criteria",
    "resolve_by",
)


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


def fingerprint(fields: dict[str, Any]) -> str:
    """SHA-256 hex of the canonical JSON of the fingerprinted fields."""
    wanted = {name: fields.get(name) for name in FINGERPRINTED}
    canonical = json.dumps(wanted, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class Ledger:
    """The ledger file's content."""

    path: Path
    frozen_on: str | None = None
    forecasts: dict[str, dict[str, Any]] = field(default_factory=dict)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    exists: bool = True

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
        """Write the file atomically (a crash never leaves half a ledger)."""
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


def load_ledger(path: str | Path, missing_ok: bool = True) -> Ledger:
    """Read the ledger; a missing file is an empty ledger (``exists`` false) when ``missing_ok``."""
    path = Path(path)
    fix = "restore it from git or delete it and run: report-checks ledger freeze"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if missing_ok:
            return Ledger(path, exists=False)
        raise InputError(f"{path}: no such file; create it: report-checks ledger freeze") from None
    except (OSError, UnicodeDecodeError) as problem:
        raise InputError(f"{path}: cannot read the ledger ({problem})") from None
    except json.JSONDecodeError as problem:
        raise InputError(
            f"{path}: not valid JSON (line {problem.lineno} column {problem.colno}: "
            f"{problem.msg}); {fix}"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{path}: not a forecast ledger of format {FORMAT}; {fix}")
    forecasts, revisions = data.get("forecasts"), data.get("revisions", [])
    if not isinstance(forecasts, dict) or not isinstance(revisions, list):
        raise InputError(f"{path}: 'forecasts' must be an object and 'revisions' a list; {fix}")
    for key, entry in forecasts.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise InputError(f"{path}: the entry of {key} has no fingerprint; {fix}")
    return Ledger(path, data.get("frozen_on"), forecasts, revisions)


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
    ledger: Ledger, register: Register, forecast_id: str, reason: str, on: date
) -> dict[str, Any]:
    """Record a revision of a published forecast (or its withdrawal); return the revision."""
    reason = " ".join(reason.split())
    if not reason:
        raise InputError('a revision needs a reason: --reason "why the judgement changed"')
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
    old = entry["fingerprint"]
    if forecast is None:
        if entry.get("withdrawn"):
            raise InputError(f"{forecast_id} was already withdrawn on {entry['withdrawn']}")
        new = None
        entry["withdrawn"] = on.isoformat()
    else:
        fields = fields_of(forecast)
        new = fingerprint(fields)
        if new == old and not entry.get("withdrawn"):
            raise InputError(
                f"{forecast_id} matches its ledger entry; there is no change to record"
            )
        entry.update(fields)
        entry["fingerprint"] = new
        entry.pop("withdrawn", None)
    entry["revised"] = on.isoformat()
    revision = {
        "id": forecast_id,
        "date": on.isoformat(),
        "reason": reason,
        "old_fingerprint": old,
        "new_fingerprint": new,
    }
    ledger.revisions.append(revision)
    return revision


def check(ledger: Ledger, register: Register) -> list[Problem]:
    """Published forecasts changed or deleted without a recorded revision, and forged entries."""
    fix = 'record why: report-checks ledger revise {} --reason "..."'
    if not ledger.exists:
        return [
            warning(
                None,
                str(ledger.path),
                "no forecast ledger, so published forecasts are not protected; "
                "create it: report-checks ledger freeze",
            )
        ]
    problems = []
    for forecast_id, entry in ledger.forecasts.items():
        if fingerprint(entry) != entry.get("fingerprint"):
            problems.append(
                error(
                    forecast_id,
                    str(ledger.path),
                    "the ledger entry's fingerprint does not match its fields (was the ledger "
                    "edited by hand?); restore it from git and record changes with "
                    f'report-checks ledger revise {forecast_id} --reason "..."',
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
                    '--reason "..."',
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
