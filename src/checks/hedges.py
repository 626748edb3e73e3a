"""Estimative language: hedge words in prose that give no number.

"Probably", "may", "likely" … outside an assessment directive leave the reader to guess the
probability. ``lint`` lists them as warnings so the author quantifies them with the
``{likelihood}`` role or moves them into a directive, or leaves them knowingly.
"""

from __future__ import annotations

import re

#: The hedges looked for, as regular expressions (matched case-insensitively, whole words).
HEDGES: tuple[str, ...] = (
    r"it\s+is\s+expected",
    r"(?:is|are)\s+expected\s+to",
    r"probably",
    r"possibly",
    r"perhaps",
    r"unlikely",
    r"likely",
    r"might",
    r"could",
    r"may",
)

FIX = "quantify it with {likelihood}`term` or move it into a directive"

_PATTERN = re.compile(r"\b(?:" + "|".join(HEDGES) + r")\b", re.IGNORECASE)
_DAY_OR_YEAR_AFTER = re.compile(r"\s*,?\s*\d")
_NUMBER_BEFORE = re.compile(r"\d\s*$")
_SENTENCE_START = re.compile(r"(?:^\s*|[.!?:;][\"'”’)\]]?\s*|^\s*(?:[#>*+|-]+|\d+[.)])\s*)$")


def find_hedges(text: str) -> list[str]:
    """The hedges in one line of plain prose, as written (``"May"`` the month is not one)."""
    found = []
    for match in _PATTERN.finditer(text):
        word = match.group()
        if word == "May" and _is_month(text, match.start(), match.end()):
            continue
        found.append(" ".join(word.split()))
    return found


def might_hedge(text: str) -> bool:
    """Whether a text holds any hedge word at all: a quick filter before :func:`find_hedges`."""
    return _PATTERN.search(text) is not None


def _is_month(text: str, start: int, end: int) -> bool:
    """``May 2021``, ``9 May``, ``in May``: a capitalised May not opening a sentence."""
    before = text[:start]
    if _DAY_OR_YEAR_AFTER.match(text, end) or _NUMBER_BEFORE.search(before):
        return True
    return not _SENTENCE_START.search(before)
