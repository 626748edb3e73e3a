"""Field values read the one way: from a directive's option text or from ``needs.json``.

A directive hands over text (``"0.7"``, ``"a, b"``); ``needs.json`` holds typed JSON (``0.7``,
``["a", "b"]``). Both go through one parser per field type (:data:`PARSERS`, reached through
:func:`parse_value`), so a value means the same and a bad value is described in the same words
wherever it is read.

:class:`StoredReader` reads many needs' stored values at once (``lint`` reads every need of a
large report): it takes a value that is already what the parser would make of it as it is, and
hands anything else to the parser. ``tests/test_values.py`` holds the two to the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from tradecraft.dates import not_a_date, parse_date
from tradecraft.vocabulary import Field, FieldType

_KEY_SEPARATORS = re.compile(r"[,\s]+")
_TRUE = frozenset({"", "true", "yes"})
_FALSE = frozenset({"false", "no"})

#: A parsed value and what is wrong with it: ``(value, None)`` or ``(None, message)``.
Parsed = tuple[Any, str | None]


def parse_value(field: Field, raw: Any) -> Parsed:
    """The typed value of ``raw`` for ``field``, or ``(None, message)`` when it is not one.

    Empty text and empty lists read as ``None`` (not given), except for a flag, where an option
    written without a value means true.
    """
    if field.type != "flag" and (raw is None or raw == "" or raw == []):
        return None, None
    return PARSERS[field.type](field, raw)


def _parse_flag(field: Field, raw: Any) -> Parsed:
    """A flag: written without a value (true), ``true``/``yes`` or ``false``/``no``."""
    if raw is None or isinstance(raw, bool):
        return (True if raw is None else raw), None
    if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE, None
    return None, f"{field.option} is {raw!r}; write it without a value (or true/false)"


def _parse_text(field: Field, raw: Any) -> Parsed:
    """One line of text, stripped; a number is taken as its text."""
    if isinstance(raw, str):
        return (raw.strip() or None), None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return str(raw), None
    return None, f"{field.option} is {raw!r}, not text"


def _parse_number(field: Field, raw: Any) -> Parsed:
    """A float, from a JSON number or its text."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw), None
    if isinstance(raw, str):
        try:
            return float(raw.strip()), None
        except ValueError:
            pass
    return None, f"{field.option} {raw!r} is not a number; give one between 0 and 1"


def _parse_date(field: Field, raw: Any) -> Parsed:
    """A real ``YYYY-MM-DD`` date."""
    parsed = parse_date(raw)
    if parsed is None:
        return None, not_a_date(field.option, raw)
    return parsed, None


def _parse_list(field: Field, raw: Any) -> Parsed:
    """Keys (separated by commas or spaces) or names (by commas), as a tuple of text."""
    if isinstance(raw, str):
        pattern = _KEY_SEPARATORS if field.type == "keys" else ","
        items = [item.strip() for item in re.split(pattern, raw) if item.strip()]
        return (tuple(items) or None), None
    if isinstance(raw, (list, tuple)) and all(isinstance(item, str) for item in raw):
        items = [item.strip() for item in raw if item.strip()]
        return (tuple(items) or None), None
    return None, f"{field.option} is {raw!r}, not a list written a, b"


#: The one parser of each field type.
PARSERS: dict[FieldType, Callable[[Field, Any], Parsed]] = {
    "flag": _parse_flag,
    "text": _parse_text,
    "number": _parse_number,
    "date": _parse_date,
    "keys": _parse_list,
    "names": _parse_list,
}


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


# --- stored values, many at once ------------------------------------------------------------


class Values(Protocol):
    """A need's stored values by name: a ``needs.json`` object, or a need item in the build."""

    def get(self, key: str, default: Any = None, /) -> Any:
        """The value of a field, or ``default``."""


#: A stored need's ``get``.
_Get = Callable[[str], Any]


def _stripped(items: list[Any]) -> tuple[str, ...] | None:
    """A list of text, each item stripped and the empty ones dropped (C speed), or ``None``
    when an item is not text."""
    try:
        found = tuple(map(str.strip, items))
    except TypeError:
        return None
    return found if "" not in found else tuple(filter(None, found))


class StoredReader:
    """Reads the stored values of a set of fields, each the way :func:`parse_value` reads it.

    A stored ``null`` (or a missing value) is "not given": ``None`` for every type, a flag
    included (only an option written without a value is a true flag). A well-formed value, as
    sphinx-needs stores it (text, a float, a list of text, a boolean), costs no parser call;
    anything else goes through :data:`PARSERS`, and its message is added to ``bad``.
    ``links`` are read as :func:`parse_ids` reads them (``()`` when none).
    """

    def __init__(self, fields: Iterable[Field], links: Sequence[tuple[str, str]] = ()) -> None:
        self.fields = {f.name: f for f in fields}
        by_type: dict[FieldType, tuple[str, ...]] = {}
        for field in self.fields.values():
            by_type[field.type] = (*by_type.get(field.type, ()), field.name)
        self._text = by_type.get("text", ())
        self._number = by_type.get("number", ())
        self._date = by_type.get("date", ())
        self._list = by_type.get("keys", ()) + by_type.get("names", ())
        self._flag = by_type.get("flag", ())
        #: ``(attribute, stored name)`` of each link list.
        self.links = tuple(links)
        #: The dates read so far, by their text (a report has few distinct dates).
        self._seen_dates: dict[str, date] = {}

    def read(self, raw: Values, bad: list[str]) -> dict[str, Any]:
        """Every field's value by name; what cannot be read is ``None`` with a message in
        ``bad``."""
        get = raw.get
        values: dict[str, Any] = {}
        self._texts(get, values, bad)
        self._numbers(get, values, bad)
        self._dates(get, values, bad)
        self._lists(get, values, bad)
        for name in self._flag:
            value = get(name)
            values[name] = value if type(value) is bool else self._slow(name, value, bad)
        for attribute, name in self.links:
            value = get(name)
            items = (_stripped(value) if value else ()) if type(value) is list else None
            if items is None:
                items, problem = parse_ids(name, value)
                if problem:
                    bad.append(problem)
            values[attribute] = items
        return values

    def _texts(self, get: _Get, values: dict[str, Any], bad: list[str]) -> None:
        """Text, stripped (``None`` when blank)."""
        for name in self._text:
            value = get(name)
            if type(value) is str:
                values[name] = value.strip() or None
            else:
                values[name] = None if value is None else self._slow(name, value, bad)

    def _numbers(self, get: _Get, values: dict[str, Any], bad: list[str]) -> None:
        """Floats as they are; anything else through the parser."""
        for name in self._number:
            value = get(name)
            if value is None or type(value) is float:
                values[name] = value
            else:
                values[name] = self._slow(name, value, bad)

    def _dates(self, get: _Get, values: dict[str, Any], bad: list[str]) -> None:
        """Dates, each text parsed once per reader (a report has few distinct dates)."""
        seen = self._seen_dates
        for name in self._date:
            value = get(name)
            if value is None or value == "":
                values[name] = None
                continue
            parsed = seen.get(value) if type(value) is str else None
            if parsed is None:
                parsed = parse_date(value)
                if parsed is None:
                    parsed = self._slow(name, value, bad)
                elif type(value) is str:
                    seen[value] = parsed
            values[name] = parsed

    def _lists(self, get: _Get, values: dict[str, Any], bad: list[str]) -> None:
        """Lists of text, items stripped and blank ones dropped (``None`` when empty)."""
        for name in self._list:
            value = get(name)
            if type(value) is list:
                items = _stripped(value) if value else ()
                if items is not None:
                    values[name] = items or None
                    continue
            values[name] = None if value is None else self._slow(name, value, bad)

    def _slow(self, name: str, value: Any, bad: list[str]) -> Any:
        """A value the fast path could not take: parsed, or ``None`` with a message."""
        if value is None:
            return None
        parsed, problem = parse_value(self.fields[name], value)
        if problem:
            bad.append(problem)
        return parsed
