"""Validate an assessment directive's options: pure logic, no Sphinx.

Each problem is one sentence that names the offending value and what would be accepted; the
directive adds the file, line and id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assessments.vocabulary import (
    CITATION_FIELDS,
    CODINGS,
    DATE_FIELDS,
    ID_PATTERN,
    KINDS,
    LINKS,
    VERDICTS,
    WINDOWS,
    Kind,
)
from assessments.yardstick import CONFIDENCE_LEVELS, Yardstick, resolve_probability

_ID = re.compile(ID_PATTERN)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Options sphinx-needs itself understands on every need; passed through untouched.
NEEDS_OPTIONS: frozenset[str] = frozenset(
    {
        "id",
        "status",
        "tags",
        "collapse",
        "hide",
        "layout",
        "style",
        "template",
        "pre_template",
        "post_template",
        "delete",
        "jinja_content",
        "constraints",
    }
)


@dataclass
class Checked:
    """The outcome of validating one directive: cleaned options and problems found."""

    options: dict[str, str | None]
    problems: list[str] = field(default_factory=list)


def parse_date(value: str) -> date | None:
    """A strict ``YYYY-MM-DD`` date, or ``None`` if malformed or impossible."""
    if not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def split_list(value: str | None) -> list[str]:
    """Split ``a, b`` (or ``a b``) into its items."""
    return [item for item in re.split(r"[,\s]+", value or "") if item]


def check_id(kind: Kind, need_id: str | None) -> str | None:
    """A problem with an assessment's id, or ``None``."""
    if not need_id:
        return f"missing :id:; give a stable id such as {kind.prefix}SOME_NAME"
    if not _ID.match(need_id) or not need_id.startswith(kind.prefix):
        return (
            f"id {need_id!r} is not valid for a {kind.name}; use {kind.prefix!r} followed by "
            "upper-case letters, digits and underscores"
        )
    return None


def check_options(
    kind: Kind,
    options: dict[str, str | None],
    yardstick: Yardstick,
    citation_keys: set[str] | None = None,
) -> Checked:
    """Check one directive's options; return them cleaned, with derived probability and yardstick.

    Invalid values are dropped from the returned options so that sphinx-needs never sees them;
    each becomes a problem instead.
    """
    out = dict(options)
    problems: list[str] = []

    def reject(option: str, message: str) -> None:
        problems.append(message)
        out.pop(option, None)

    allowed = set(kind.fields) | set(kind.links) | NEEDS_OPTIONS
    for option in list(out):
        if option not in allowed:
            known = KINDS.keys() - {kind.name}
            where = [k for k in known if option in KINDS[k].fields or option in KINDS[k].links]
            hint = f" (it belongs on {', '.join(sorted(where))})" if where else ""
            reject(
                option,
                f"option :{option}: is not accepted on a {kind.name}{hint}; accepted: "
                + ", ".join(f":{o}:" for o in (*kind.fields, *kind.links)),
            )

    for option in kind.required:
        if not (out.get(option) or "").strip():
            problems.append(f"missing required option :{option}:")
            out.pop(option, None)

    if "confidence" in out and out["confidence"] is not None:
        value = out["confidence"].strip().lower()
        if value not in CONFIDENCE_LEVELS:
            reject(
                "confidence",
                f"confidence {out['confidence']!r} is not one of " + ", ".join(CONFIDENCE_LEVELS),
            )
        else:
            out["confidence"] = value

    for option in DATE_FIELDS:
        if out.get(option) is not None and parse_date(out[option].strip()) is None:
            reject(option, f":{option}: {out[option]!r} is not a real date in the form YYYY-MM-DD")

    if out.get("coding") is not None and out["coding"].strip() not in CODINGS:
        reject("coding", f"coding {out['coding']!r} is not one of {', '.join(CODINGS)}")
    if out.get("verdict") is not None and out["verdict"].strip() not in VERDICTS:
        reject("verdict", f"verdict {out['verdict']!r} is not one of {', '.join(VERDICTS)}")
    if out.get("window") is not None and out["window"].strip() not in WINDOWS:
        reject("window", f"window {out['window']!r} is not one of {', '.join(WINDOWS)}")
    if out.get("alternative") is not None:
        alternative = out["alternative"].strip()
        if alternative not in VERDICTS or alternative == (out.get("verdict") or "").strip():
            reject(
                "alternative", f"alternative {alternative!r} must be a verdict other than :verdict:"
            )
    if ("contested" in out) != ("alternative" in out):
        problems.append(":contested: and :alternative: come together or not at all")

    for option in CITATION_FIELDS:
        if option not in out:
            continue
        keys = split_list(out[option])
        missing = [k for k in keys if citation_keys is not None and k not in citation_keys]
        if missing:
            reject(
                option,
                f":{option}: cites {', '.join(missing)}, not in the bibliography; "
                "add the entry to refs.bib or fix the key",
            )
        else:
            out[option] = ", ".join(keys)

    for option in kind.links:
        if option not in out and LINKS[option].max_items == 1:
            problems.append(f"missing required option :{option}: (exactly one forecast)")
        if option in out:
            out[option] = ", ".join(split_list(out[option]))
            limit = LINKS[option].max_items
            if limit is not None and len(split_list(out[option])) != limit:
                reject(
                    option, f":{option}: must name exactly {limit} forecast, got {out[option]!r}"
                )

    if out.get("quote") is not None:
        quote = out["quote"].strip()
        if quote[:1] in "\"“”'‘’" or quote[-1:] in '"“”':
            reject("quote", ":quote: is stored without quotation marks; the renderer adds them")

    if "likelihood" in kind.fields:
        given = options.get("likelihood") or options.get("probability")
        _check_likelihood(out, yardstick, problems)
        if kind.name == "forecast" and not given:
            problems.append(
                "a forecast needs :likelihood: (a " + yardstick.key + " term) or :probability:"
            )
    return Checked(out, problems)


def _check_likelihood(
    out: dict[str, str | None], yardstick: Yardstick, problems: list[str]
) -> None:
    """Validate term and number together, fill in the number to score with and the yardstick."""
    term = (out.get("likelihood") or "").strip() or None
    raw = out.get("probability")
    number: float | None = None
    if raw is not None:
        try:
            number = float(raw)
        except ValueError:
            problems.append(f":probability: {raw!r} is not a number; give one between 0 and 1")
            out.pop("probability")
            raw = None
    if term is not None and term.lower() in CONFIDENCE_LEVELS:
        problems.append(
            f"likelihood {term!r} is a confidence level; give a {yardstick.key} term and put "
            "the confidence in :confidence:"
        )
        out.pop("likelihood")
        return
    probability, error = resolve_probability(yardstick, term, number)
    if error:
        problems.append(error)
        out.pop("likelihood", None)
        out.pop("probability", None)
        return
    if term is not None:
        found = yardstick.lookup(term)
        out["likelihood"] = found.name if found else term
    if probability is not None:
        out["probability"] = repr(round(probability, 6))
        out["yardstick"] = yardstick.key
