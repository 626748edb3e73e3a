"""Dates: the one accepted format, and the one way to decide the date a report is "as of".

Every date an author writes, every date read from ``needs.json`` and every as-of date given to
the build or the command line is ``YYYY-MM-DD``, a real calendar date. Nothing else is accepted
anywhere (not ``20210801``, not ``2021-8-1``), so a page and ``report-checks`` never read the same
text as two different days.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from tradecraft.errors import InputError

#: How every date is written, for messages.
FORMAT = "YYYY-MM-DD"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: The environment variable that fixes "as of" for every tool (after the explicit setting).
AS_OF_ENV = "REPORT_AS_OF"
#: The reproducible-builds variable (seconds since 1970), honoured after :data:`AS_OF_ENV`.
EPOCH_ENV = "SOURCE_DATE_EPOCH"


def parse_date(value: object) -> date | None:
    """A strict ``YYYY-MM-DD`` date from text (or a date), or ``None`` if it is not one."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def not_a_date(what: str, value: object) -> str:
    """The one wording for a value that is not a date."""
    return f"{what} {value!r} is not a real date in the form {FORMAT}"


@dataclass(frozen=True)
class AsOf:
    """The date a report is read as of, and where it came from (for messages and pages)."""

    date: date
    source: str


def resolve_as_of(
    configured: object = None,
    setting: str = "as of",
    environ: Mapping[str, str] | None = None,
    today: Callable[[], date] = date.today,
) -> AsOf:
    """The as-of date: ``configured`` (a setting or ``--as-of``), then ``$REPORT_AS_OF``, then
    ``$SOURCE_DATE_EPOCH``, then today.

    ``setting`` names the configured value in messages (``assessments_as_of``, ``--as-of``). A
    malformed value raises :class:`InputError` naming it; it never falls through to the next.
    """
    environ = os.environ if environ is None else environ
    if configured not in (None, ""):
        parsed = parse_date(configured)
        if parsed is None:
            raise InputError(not_a_date(setting, configured))
        return AsOf(parsed, setting)
    if environ.get(AS_OF_ENV):
        parsed = parse_date(environ[AS_OF_ENV])
        if parsed is None:
            raise InputError(not_a_date(AS_OF_ENV, environ[AS_OF_ENV]))
        return AsOf(parsed, AS_OF_ENV)
    if environ.get(EPOCH_ENV):
        stamp = environ[EPOCH_ENV].strip()
        if not stamp.isdigit():
            raise InputError(f"{EPOCH_ENV} {stamp!r} is not a whole number of seconds since 1970")
        return AsOf(datetime.fromtimestamp(int(stamp), UTC).date(), EPOCH_ENV)
    return AsOf(today(), "today")


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where that day does not exist)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
