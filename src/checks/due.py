"""``report-checks due``: open forecasts due soon or overdue, and an iCalendar of resolve-by dates.

With ``--readings``, the outcomes still waiting for a second reading instead (the review
workflow's summary lists them).

The calendar (RFC 5545) holds one all-day event per open forecast (every forecast with a
resolve-by date and no outcome, whatever ``--within`` says), so an editor sees each date in a
calendar application and resolves the forecast then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from checks.tables import table
from tradecraft.records import AssessmentSet, Forecast, Resolved

#: Default look-ahead of ``due``, in days.
WITHIN_DAYS = 30
PRODID = "-//report-as-code//report-checks//EN"


@dataclass(frozen=True)
class Due:
    """An open forecast and how far its resolve-by date is from the as-of date."""

    forecast: Forecast
    days: int  # negative: overdue by that many days

    @property
    def state(self) -> str:
        """``overdue by N days``, ``due today`` or ``due in N days``."""
        if self.days < 0:
            return f"overdue by {-self.days} day{'s' * (self.days != -1)}"
        if self.days == 0:
            return "due today"
        return f"due in {self.days} day{'s' * (self.days != 1)}"


def open_forecasts(register: AssessmentSet) -> list[Forecast]:
    """Forecasts with a resolve-by date and no outcome, soonest first (then by id)."""
    found = [f for f in register.open_forecasts() if f.resolve_by is not None]
    return sorted(found, key=lambda f: (f.resolve_by, f.id))


def due(register: AssessmentSet, as_of: date, within: int = WITHIN_DAYS) -> list[Due]:
    """Open forecasts whose resolve-by date is on or before ``as_of + within`` days."""
    horizon = as_of + timedelta(days=within)
    return [
        Due(f, (f.resolve_by - as_of).days)
        for f in open_forecasts(register)
        if f.resolve_by is not None and f.resolve_by <= horizon
    ]


def format_due(
    items: list[Due],
    as_of: date,
    within: int,
    style: str = "text",
    origin: Mapping[str, str] | None = None,
) -> str:
    """What ``report-checks due`` prints: one line per forecast, or (``markdown``) a table with
    the report and the authors, who resolve it."""
    horizon = as_of + timedelta(days=within)
    if not items:
        return f"No open forecast is due by {horizon} ({within} days after {as_of}).\n"
    if style == "markdown":
        origin = origin or {}
        header = ["resolve by", "forecast", "state", "title", "authors"]
        if origin:
            header.insert(1, "report")
        rows = []
        for d in items:
            f = d.forecast
            row = [str(f.resolve_by), f.id, d.state, f.title, ", ".join(f.authors) or "—"]
            if origin:
                row.insert(1, origin.get(f.id, ""))
            rows.append(row)
        overdue = sum(1 for d in items if d.days < 0)
        intro = (
            f"**{len(items)} open forecast{'s' * (len(items) != 1)} due by {horizon}** "
            f"(as of {as_of}; {overdue} overdue). Resolve each with an outcome directive "
            "(`:resolves: ID`) in its report."
        )
        return intro + "\n\n" + table(header, rows) + "\n"
    lines = [
        f"{d.forecast.resolve_by}  {d.forecast.id}  {d.state}: {d.forecast.title}"
        + (f"  [{d.forecast.location}]" if d.forecast.location else "")
        for d in items
    ]
    return "\n".join(lines) + "\n"


def waiting_for_reading(register: AssessmentSet) -> list[Resolved]:
    """The resolved forecasts whose outcome has no second reading yet, by forecast id."""
    found = [
        r for r in register.resolved() if not (r.outcome.second_reader and r.outcome.second_verdict)
    ]
    return sorted(found, key=lambda r: r.id)


def format_waiting(items: list[Resolved], style: str = "text") -> str:
    """What ``report-checks due --readings`` prints: each outcome waiting for a second reading,
    with its verdict and who gave it (the second reader must be someone else)."""
    if not items:
        return "Every outcome has a second reading.\n"
    if style == "markdown":
        rows = [
            [
                r.outcome.id,
                r.id,
                r.verdict or "—",
                ", ".join(r.outcome.resolver) or "—",
                ", ".join(r.forecast.authors) or "—",
            ]
            for r in items
        ]
        header = ["outcome", "forecast", "verdict", "resolver", "authors (may not read it)"]
        intro = (
            f"**{len(items)} outcome{'s' * (len(items) != 1)} waiting for a second reading.** "
            "Someone who is not an author reads the criteria and the evidence, without the "
            "verdict where possible, and adds `:second_reader:` and `:second_verdict:`."
        )
        return intro + "\n\n" + table(header, rows) + "\n"
    lines = [
        f"{r.outcome.id}  waiting for a second reading (resolves {r.id}, verdict "
        f"{r.verdict or 'none'})" + (f"  [{r.outcome.location}]" if r.outcome.location else "")
        for r in items
    ]
    return "\n".join(lines) + "\n"


def to_ical(forecasts: list[Forecast], stamp: date) -> str:
    """An RFC 5545 calendar: one all-day event per forecast; CRLF lines folded at 75 octets.

    ``stamp`` (the as-of date) gives each event's required DTSTAMP, so the file is reproducible.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for forecast in forecasts:
        if forecast.resolve_by is None:
            continue
        day = forecast.resolve_by
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(forecast.id)}@report",
            f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + escape_text(f"Resolve {forecast.id}: {' '.join(forecast.title.split())}"),
            "DESCRIPTION:" + escape_text(forecast.criteria or "(no criteria given)"),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def escape_text(text: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newline escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line into chunks of at most ``limit`` octets (never inside a character)."""
    chunks: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        # continuation lines start with a space, which counts toward the limit
        if size + width > limit:
            chunks.append(current)
            current, size = " ", 1
        current += char
        size += width
    chunks.append(current)
    return "\r\n".join(chunks)
