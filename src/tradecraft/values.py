"""Field values read the one way: from a directive's option text or from ``needs.json``.

A directive hands over text (``"0.7"``, ``"a, b"``); ``needs.json`` holds typed JSON (``0.7``,
``["a", "b"]``). Both go through :func:`parse_value`, so a value means the same and a bad value
is described in the same words wherever it is read.
"""

from __future__ import annotations

import re
from typing import Any

from tradecraft.dates import not_a_date, parse_date
from tradecraft.vocabulary import Field

_KEY_SEPARATORS = re.compile(r"[,\s]+")
_TRUE = frozenset({"", "true", "yes"})
_FALSE = frozenset({"false", "no"})


def parse_value(field: Field, raw: Any) -> tuple[Any, str | None]:
    """The typed value of ``raw`` for ``field``, or ``(None, message)`` when it is not one.

    Empty text and empty lists read as ``None`` (not given), except for a flag, where an option
    written without a value means true.
    """
    kind = field.type
    if kind == "flag":
        if raw is None or isinstance(raw, bool):
            return (True if raw is None else raw), None
        if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
            return raw.strip().lower() in _TRUE, None
        return None, f"{field.option} is {raw!r}; write it without a value (or true/false)"
    if raw is None or raw == "" or raw == []:
        return None, None
    if kind == "text":
        if isinstance(raw, str):
            text = raw.strip()
            return (text or None), None
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return str(raw), None
        return None, f"{field.option} is {raw!r}, not text"
    if kind == "number":
        if isinstance(raw, bool):
            return None, _not_a_number(field, raw)
        if isinstance(raw, (int, float)):
            return float(raw), None
        if isinstance(raw, str):
            try:
                return float(raw.strip()), None
            except ValueError:
                return None, _not_a_number(field, raw)
        return None, _not_a_number(field, raw)
    if kind == "date":
        parsed = parse_date(raw)
        if parsed is None:
            return None, not_a_date(field.option, raw)
        return parsed, None
    # keys and names: written "a, b", stored as a list
    if isinstance(raw, str):
        pattern = _KEY_SEPARATORS if kind == "keys" else ","
        items = [item.strip() for item in re.split(pattern, raw) if item.strip()]
        return (tuple(items) or None), None
    if isinstance(raw, (list, tuple)) and all(isinstance(item, str) for item in raw):
        items = [item.strip() for item in raw if item.strip()]
        return (tuple(items) or None), None
    return None, f"{field.option} is {raw!r}, not a list written a, b"


def parse_ids(name: str, raw: Any) -> tuple[tuple[str, ...], str | None]:
    """The ids a link option names (``"A, B"`` or ``["A", "B"]``), or a message."""
    if raw is None or raw == "" or raw == []:
        return (), None
    if isinstance(raw, str):
        return tuple(item for item in _KEY_SEPARATORS.split(raw) if item), None
    if isinstance(raw, (list, tuple)) and all(isinstance(item, str) for item in raw):
        return tuple(item.strip() for item in raw if item.strip()), None
    return (), f":{name}: is {raw!r}, not a list of ids"


def as_option(field: Field, value: Any) -> str:
    """A typed value written back as option text (what sphinx-needs parses)."""
    if field.type == "number":
        return repr(round(float(value), 6))
    if field.type in ("keys", "names"):
        return ", ".join(value)
    if field.type == "flag":
        return "true" if value else "false"
    return str(value)


def _not_a_number(field: Field, raw: Any) -> str:
    return f"{field.option} {raw!r} is not a number; give one between 0 and 1"
