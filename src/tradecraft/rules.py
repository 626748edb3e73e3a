"""The one rule set every assessment obeys, with one wording per rule.

The Sphinx directive runs :func:`check_need` on an assessment's options and adds the file and
line to each finding; ``report-checks lint`` runs the same function on each need of
``needs.json`` and adds the id. Rules across assessments (links between kinds, one outcome per
forecast, dates that must agree) are :func:`check_register`, run by the build once every page
is read and by ``lint``. No Sphinx import.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tradecraft.coding import coding_findings
from tradecraft.problems import Finding
from tradecraft.suggest import did_you_mean, nearest
from tradecraft.values import parse_ids, parse_value
from tradecraft.vocabulary import (
    CITATION_FIELDS,
    CONFIDENCE_LEVELS,
    FIELDS,
    ID_PATTERN,
    KINDS,
    LINKS,
    VOID_VERDICTS,
    Kind,
)
from tradecraft.yardstick import Yardstick, resolve_probability

if TYPE_CHECKING:
    from tradecraft.records import Assessment, AssessmentSet, Forecast, Outcome

_ID = re.compile(ID_PATTERN)
_QUOTE_MARKS_START = "\"“”'‘’"
_QUOTE_MARKS_END = '"“”'


@dataclass
class Checked:
    """One assessment's values, typed and cleaned, and what it breaks.

    A value that breaks a rule is left out of :attr:`values`, so that nothing downstream (the
    card, the score, ``needs.json``) ever shows it.
    """

    values: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)


def check_id(kind: Kind, need_id: str | None) -> Finding | None:
    """What is wrong with an assessment's id, or ``None``."""
    if not need_id:
        return Finding(f"missing :id:; give a stable id such as {kind.prefix}SOME_NAME", "id")
    if not _ID.match(need_id) or not need_id.startswith(kind.prefix):
        return Finding(
            f"id {need_id!r} is not valid for {kind.a}; use {kind.prefix!r} followed by "
            "upper-case letters, digits and underscores",
            "id",
        )
    return None


def check_need(
    kind: Kind,
    raw: Mapping[str, Any],
    yardstick: Yardstick,
    citation_keys: Collection[str] | None = None,
    published: str | None = None,
    need_id: str | None = None,
) -> Checked:
    """Check one assessment's fields and links; ``raw`` holds text or JSON values.

    Only the vocabulary's fields and links are looked at; anything else in ``raw`` (sphinx-needs'
    own options, an author's fields) is the caller's. ``citation_keys`` (lower case) are the
    bibliography's keys, or ``None`` when there is none to check against. ``published`` is a
    forecast's likelihood as the forecast ledger holds it published, if it does (the hedge
    codes that estimate, not a later update); ``need_id`` goes into the commands a fix names.
    The returned values
    include the probability to score and the yardstick it is on.
    """
    values, found = _parse_options(kind, raw)
    return _check_values(kind, values, found, yardstick, citation_keys, published, need_id)


def check_record(
    kind: Kind,
    record: Assessment,
    given: Iterable[tuple[str, Any]],
    yardstick: Yardstick,
    citation_keys: Collection[str] | None = None,
    published: str | None = None,
) -> Checked:
    """:func:`check_need` for a need read from ``needs.json``: ``given`` holds the options its
    author wrote, ``(name, stored value)``, and the record the values the one parser read from
    them (:mod:`tradecraft.values`), so nothing is parsed twice. The same findings, in the same
    words, as :func:`check_need` on the stored values."""
    values, found = _record_options(kind, record, given)
    return _check_values(kind, values, found, yardstick, citation_keys, published, record.id)


def _check_values(
    kind: Kind,
    values: dict[str, Any],
    found: list[Finding],
    yardstick: Yardstick,
    citation_keys: Collection[str] | None,
    published: str | None,
    need_id: str | None,
) -> Checked:
    """Every rule of one assessment, on its parsed values (``found``: what parsing found)."""
    found += _required(kind, values, found)
    found += _link_counts(kind, values)
    found += _choices(values)
    found += _quote(values)
    if citation_keys is not None:
        found += _citations(values, citation_keys)
    if "likelihood" in kind.fields:
        found += _estimate(kind, values, yardstick)
    found += _dates_in_order(values)
    found += _other_reading(values)
    if kind.name == "forecast":
        found += coding_findings(values, yardstick, published, need_id or "ID")
    found += check_reading_fields(values)
    return Checked(values, found)


def _parse_options(kind: Kind, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[Finding]]:
    """The vocabulary's fields and links in ``raw``, each parsed; an option the kind does not
    take, or a value that is not of its type, is a finding and left out."""
    values: dict[str, Any] = {}
    found: list[Finding] = []
    accepted = (*kind.fields, *kind.links)
    for name, value in raw.items():
        if name not in FIELDS and name not in LINKS:
            continue
        if name not in accepted:
            found.append(_misplaced(kind, name, accepted))
            continue
        parsed, problem = _parse_one(name, value)
        if problem:
            found.append(Finding(problem, name))
        elif parsed is not None and parsed != ():
            values[name] = parsed
    return values, found


#: What a record holds for an option its stored value did not give (not read, or blank).
_UNREAD: tuple[object, ...] = (None, ())


def _record_options(
    kind: Kind, record: Assessment, given: Iterable[tuple[str, Any]]
) -> tuple[dict[str, Any], list[Finding]]:
    """:func:`_parse_options` for a record: its values where it read them; a value it could not
    read is parsed again only to word the finding."""
    values: dict[str, Any] = {}
    found: list[Finding] = []
    accepted = (*kind.fields, *kind.links)
    # each message of the parser starts with the option (a probability it could not read may
    # since have been derived from the likelihood: that one is not the author's)
    malformed = {m.split(" ", 1)[0] for m in record.malformed}
    for name, stored in given:
        if name not in accepted:
            found.append(_misplaced(kind, name, accepted))
            continue
        value = getattr(record, name, None)
        if value in _UNREAD or (malformed and f":{name}:" in malformed):
            value, problem = _parse_one(name, stored)
            if problem:
                found.append(Finding(problem, name))
                continue
            if value is None or value == ():
                continue
        values[name] = value
    return values, found


def _parse_one(name: str, value: Any) -> tuple[Any, str | None]:
    """One option's value, parsed the one way (a link's ids, or a field's value)."""
    if name in LINKS:
        return parse_ids(name, value)
    return parse_value(FIELDS[name], value)


def _required(kind: Kind, values: Mapping[str, Any], found: list[Finding]) -> list[Finding]:
    """Each field the kind requires that is neither given nor already found wrong."""
    wrong = {f.field for f in found}
    return [
        Finding(f":{name}: is required on {kind.a}; add it", name)
        for name in kind.required
        if name not in values and name not in wrong
    ]


def _link_counts(kind: Kind, values: dict[str, Any]) -> list[Finding]:
    """Links that must name a fixed number of targets (an outcome resolves exactly one)."""
    found = []
    for name in kind.links:
        link = LINKS[name]
        given = values.get(name, ())
        if link.exactly is not None and len(given) != link.exactly:
            targets = " or ".join(link.targets)
            got = f", got {', '.join(given)}" if given else ""
            found.append(Finding(f":{name}: must name exactly {link.exactly} {targets}{got}", name))
            values.pop(name, None)
    return found


#: The fields an author writes from a closed vocabulary.
_CLOSED = ("confidence", "coding", "window", "verdict", "alternative", "second_verdict")


def _choices(values: dict[str, Any]) -> list[Finding]:
    """Closed vocabularies (confidence, coding, window, verdicts): one of the choices."""
    found = []
    for name in _CLOSED:
        value = values.get(name)
        if value is None:
            continue
        if name == "confidence":
            value = values[name] = value.lower()
        choices = FIELDS[name].choices
        if value not in choices:
            hint = did_you_mean(value, choices)
            found.append(
                Finding(f"{name} {value!r} is not one of {', '.join(choices)}{hint}", name)
            )
            del values[name]
    return found


def _quote(values: dict[str, Any]) -> list[Finding]:
    """A quote is stored without its quotation marks."""
    quote = values.get("quote")
    if quote is None or (
        quote[:1] not in _QUOTE_MARKS_START and quote[-1:] not in _QUOTE_MARKS_END
    ):
        return []
    del values["quote"]
    return [Finding(":quote: is stored without quotation marks; the renderer adds them", "quote")]


def _citations(values: dict[str, Any], citation_keys: Collection[str]) -> list[Finding]:
    """Citation keys that are not in the bibliography."""
    found = []
    for name in CITATION_FIELDS:
        missing = [k for k in values.get(name, ()) if k.lower() not in citation_keys]
        if missing:
            found.append(_missing_keys(name, missing, citation_keys))
            del values[name]
    return found


def _dates_in_order(values: Mapping[str, Any]) -> list[Finding]:
    """A forecast is made before the date it resolves by."""
    made_on, resolve_by = values.get("made_on"), values.get("resolve_by")
    if made_on is None or resolve_by is None or made_on < resolve_by:
        return []
    return [
        Finding(
            f"made_on {made_on} is not before resolve_by {resolve_by}; a forecast is made "
            "before the date it resolves by",
            "made_on",
        )
    ]


def _other_reading(values: Mapping[str, Any]) -> list[Finding]:
    """A contested outcome gives the reason and a verdict under the other reading, which differs
    from the verdict."""
    if ("contested" in values) != ("alternative" in values):
        return [
            Finding(
                ":contested: and :alternative: come together: give the reason and the verdict "
                "under the other reading, or neither",
                "contested" if "contested" in values else "alternative",
            )
        ]
    if "alternative" in values and values["alternative"] == values.get("verdict"):
        return [
            Finding(
                f"alternative {values['alternative']!r} is the verdict itself; give the verdict "
                "under the other reading",
                "alternative",
            )
        ]
    return []


def _missing_keys(name: str, missing: list[str], keys: Collection[str]) -> Finding:
    """Citation keys not in the bibliography, with the nearest key of it for each."""
    near = {key: found[0] for key in missing if (found := nearest(key, keys, 1))}
    if not near:
        fix = "add the entry to refs.bib or fix the key"
    elif len(missing) == 1:
        fix = f"did you mean {near[missing[0]]!r}? If not, add the entry to refs.bib"
    else:
        hints = ", ".join(f"{near[key]!r} for {key}" for key in missing if key in near)
        fix = f"did you mean {hints}? If not, add the entries to refs.bib"
    return Finding(f":{name}: cites {', '.join(missing)}, not in the bibliography; {fix}", name)


def option_hint(kind: Kind, name: str) -> str:
    """``"; did you mean :likelihood:?"`` for an option no kind accepts, or ``""``."""
    found = nearest(name, (*kind.fields, *kind.links), 1)
    return f"; did you mean :{found[0]}:?" if found else ""


def _misplaced(kind: Kind, name: str, accepted: tuple[str, ...]) -> Finding:
    where = sorted(k.name for k in KINDS.values() if name in (*k.fields, *k.links))
    hint = f" (it belongs on {', '.join(where)})" if where else ""
    return Finding(
        f"option :{name}: is not accepted on {kind.a}{hint}; accepted: "
        + ", ".join(f":{o}:" for o in accepted),
        name,
    )


def _estimate(kind: Kind, values: dict[str, Any], yardstick: Yardstick) -> list[Finding]:
    """The likelihood term and the probability together; fills in the number scored."""
    term, number = values.get("likelihood"), values.get("probability")
    if term is not None:
        words = term.lower().split()
        if any(w in CONFIDENCE_LEVELS or w == "confidence" for w in words):
            values.pop("likelihood")
            values.pop("probability", None)
            return [
                Finding(
                    f"likelihood {term!r} is a confidence level; give a {yardstick.key} term and "
                    "put the confidence in :confidence:",
                    "likelihood",
                )
            ]
    probability, error = resolve_probability(yardstick, term, number)
    if error:
        values.pop("likelihood", None)
        values.pop("probability", None)
        if term is not None and yardstick.lookup(term) is None:
            return [Finding(error + did_you_mean(term, yardstick.names()), "likelihood")]
        return [Finding(error, "probability")]
    if term is not None:
        found = yardstick.lookup(term)
        values["likelihood"] = found.name if found else term
    if probability is not None:
        values["probability"] = round(probability, 6)
        values["yardstick"] = yardstick.key
    elif kind.name == "forecast":
        return [
            Finding(
                f"a forecast needs :likelihood: (a {yardstick.key} term) or :probability:",
                "likelihood",
            )
        ]
    return []


def check_register(register: AssessmentSet, as_of: date) -> Iterator[tuple[str, Finding]]:
    """``(need id, finding)`` for every rule across assessments that the register breaks."""
    yield from _link_targets(register.needs)
    yield from _forecast_dates(register, as_of)
    yield from check_readings(register)
    yield from _outcome_dates(register, as_of)


def _link_targets(needs: Mapping[str, Assessment]) -> Iterator[tuple[str, Finding]]:
    """Each link names a need that exists, of a kind it accepts."""
    for need in needs.values():
        kind = KINDS.get(need.kind or "")
        if kind is None:
            continue
        for name in kind.links:
            link = LINKS[name]
            for target_id in getattr(need, name):
                target = needs.get(target_id)
                if target is None:
                    yield need.id, _dead_link(needs, name, target_id)
                elif target.kind not in link.targets:
                    accepted = " or ".join(KINDS[t].title.lower() for t in link.targets)
                    message = (
                        f":{name}: names {target_id!r}, a {target.kind}; "
                        f":{name}: accepts only: {accepted}"
                    )
                    yield need.id, Finding(message, name)


def _forecast_dates(register: AssessmentSet, as_of: date) -> Iterator[tuple[str, Finding]]:
    """A forecast is made by the as-of date and has at most one outcome."""
    for forecast in register.forecasts:
        if forecast.made_on is not None and forecast.made_on > as_of:
            yield (
                forecast.id,
                Finding(
                    f"made_on {forecast.made_on} is after the as-of date {as_of}; a forecast is "
                    "recorded once it is made",
                    "made_on",
                ),
            )
        if len(forecast.outcomes) > 1:
            yield (
                forecast.id,
                Finding(
                    f"has more than one outcome ({', '.join(forecast.outcomes)}); keep the one "
                    "whose verdict stands and delete the others (git keeps their history)",
                    "resolves",
                ),
            )


def _outcome_dates(register: AssessmentSet, as_of: date) -> Iterator[tuple[str, Finding]]:
    """An outcome is resolved by the as-of date, not before its forecast was made, and a yes or
    no by the forecast's resolve-by date."""
    for outcome in register.outcomes:
        resolved_on = outcome.resolved_on
        if resolved_on is None:
            continue
        if resolved_on > as_of:
            yield (
                outcome.id,
                Finding(
                    f"resolved_on {resolved_on} is after the as-of date {as_of}; give the date the "
                    "criteria were met",
                    "resolved_on",
                ),
            )
        resolved = register.forecast_of(outcome)
        if resolved is not None:
            yield from _resolved_in_window(outcome, resolved_on, resolved)


def _resolved_in_window(
    outcome: Outcome, resolved_on: date, resolved: Forecast
) -> Iterator[tuple[str, Finding]]:
    """The outcome's date against its forecast's: on or after made_on, by resolve_by."""
    if resolved.made_on is not None and resolved_on < resolved.made_on:
        yield (
            outcome.id,
            Finding(
                f"resolved_on {resolved_on} is before {resolved.id} was made on "
                f"{resolved.made_on}; a forecast cannot resolve before it is made: give "
                f"the date its criteria were met, on or after {resolved.made_on}",
                "resolved_on",
            ),
        )
    if (
        resolved.resolve_by is not None
        and outcome.verdict not in (None, *VOID_VERDICTS)
        and resolved_on > resolved.resolve_by
    ):
        what = "met" if outcome.verdict == "yes" else "certain"
        yield (
            outcome.id,
            Finding(
                f"verdict {outcome.verdict!r} on {resolved_on} is after {resolved.id}'s "
                f"resolve_by {resolved.resolve_by}; a {outcome.verdict} is {what} by then, so "
                "give that date (or, for a later event, the verdict the window gives)",
                "resolved_on",
            ),
        )


def _dead_link(needs: Mapping[str, Assessment], name: str, target_id: str) -> Finding:
    """A link to an id the report does not have, with the nearest ids of the kinds it takes."""
    link = LINKS[name]
    candidates = [i for i, n in needs.items() if n.kind in link.targets]
    hint = did_you_mean(target_id, candidates, 3)
    if not hint:
        kinds = " or ".join(link.targets)
        hint = f", and no {kinds} id is close to it; check the id"
    return Finding(f":{name}: names {target_id!r}, which is not in the report{hint}", name)


def _key(name: str) -> str:
    """A name as names compare: case and spacing do not make another person."""
    return " ".join(name.split()).casefold()


def _names(names: Iterable[str]) -> dict[str, str]:
    """Names by how they compare (:func:`_key`)."""
    return {_key(name): name for name in names}


def check_reading_fields(values: Mapping[str, Any]) -> list[Finding]:
    """An outcome's own reading fields: a second reading is a reader and a verdict, by someone
    other than the resolver."""
    if ("second_reader" in values) != ("second_verdict" in values):
        return [
            Finding(
                ":second_reader: and :second_verdict: come together: give who read the outcome "
                "a second time and the verdict they gave, or neither",
                "second_reader" if "second_reader" in values else "second_verdict",
            )
        ]
    readers = _names(values.get("second_reader", ()))
    same = readers.keys() & _names(values.get("resolver", ()))
    if same:
        name = readers[min(same)]
        return [
            Finding(
                f"second_reader {name!r} is also the resolver; a second reading is made "
                "independently: ask someone who did not give the verdict",
                "second_reader",
            )
        ]
    return []


def check_readings(register: AssessmentSet) -> Iterator[tuple[str, Finding]]:
    """``(outcome id, finding)`` for each reading by an author of the forecast it resolves, and
    each outcome without the second reading its report requires.

    A forecast's authors are its ``:authors:``, or without them the report's
    ``assessments_authors`` (the build writes those onto it). The report's setting is on each
    outcome as ``second_reading``.
    """
    for outcome in register.outcomes:
        forecast = register.forecast_of(outcome)
        authors = _names(forecast.authors) if forecast is not None else {}
        for role in ("resolver", "second_reader"):
            for name in getattr(outcome, role):
                if _key(name) in authors and forecast is not None:
                    yield (
                        outcome.id,
                        Finding(
                            f"{role} {name!r} is an author of {forecast.id}; an outcome is read "
                            "by someone who did not make the forecast: name another reader",
                            role,
                        ),
                    )
        if (
            outcome.second_reading == "required"
            and not outcome.second_reader
            and outcome.second_verdict is None
        ):
            yield (
                outcome.id,
                Finding(
                    'has no second reading, and assessments_second_reading is "required"; add '
                    ":second_reader: (someone who is not an author of the forecast) and "
                    ":second_verdict: (the verdict they gave, reading the criteria and the "
                    "evidence)",
                    "second_verdict",
                ),
            )
