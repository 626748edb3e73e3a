"""The nearest accepted value to a misspelt one: "did you mean 'likely'?".

One helper for every closed vocabulary the rules know (likelihood terms, confidence, verdict,
window, coding), citation keys and the ids a link names, so the build and ``report-checks lint``
suggest the same value in the same words. No Sphinx import.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: How alike (0–1, :func:`difflib.SequenceMatcher.ratio`) a value must be to be suggested.
CUTOFF = 0.6


def nearest(value: str, accepted: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` accepted values closest to ``value``, closest first (case ignored)."""
    by_key: dict[str, str] = {}
    for choice in accepted:
        by_key.setdefault(choice.lower(), choice)
    wanted = " ".join(value.lower().split())
    return [by_key[k] for k in difflib.get_close_matches(wanted, by_key, n, CUTOFF)]


def did_you_mean(value: str, accepted: Iterable[str], n: int = 1) -> str:
    """``"; did you mean 'likely'?"`` to append to a message, or ``""`` when nothing is close."""
    found = [repr(choice) for choice in nearest(value, accepted, n)]
    if not found:
        return ""
    return f"; did you mean {' or '.join(found)}?"
