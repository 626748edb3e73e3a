"""What the rules find, and where: a finding on one assessment, a problem in a report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One rule broken by one assessment: the message, and the field it concerns (if one).

    The message is the rule's one wording. The build prefixes the kind, id, file and line; ``lint``
    prefixes the location and id.
    """

    message: str
    field: str | None = None


@dataclass(frozen=True)
class Problem:
    """One finding of ``report-checks lint``. ``subject`` is the need id or BibTeX key concerned."""

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
