"""A problem found by ``report-checks lint``: what, where, how bad, and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding. ``subject`` is the need id or BibTeX key concerned (or ``None``)."""

    severity: Severity
    subject: str | None
    location: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        who = f"{self.subject}: " if self.subject else ""
        return f"{where}{self.severity}: {who}{self.message}"


def error(subject: str | None, location: str | None, message: str) -> Problem:
    """An error: ``lint`` exits 1."""
    return Problem("error", subject, location, message)


def warning(subject: str | None, location: str | None, message: str) -> Problem:
    """A warning: listed, but ``lint`` still exits 0."""
    return Problem("warning", subject, location, message)
