"""The extension's configuration, and its additions to the author's sphinx-needs configuration.

Our kinds, fields and links are added to what the author configured, through
:mod:`sphinx_needs.api` where it has a function and by merging where it has none (links). An
author's own need types, fields and link types keep working beside ours; a name both declare
stops the build with a ConfigError naming both. The id settings (``needs_id_regex``,
``needs_id_required``) stay the author's: our id rule is checked by :mod:`tradecraft.rules`, for
our kinds only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx_needs.api import add_field, add_need_type

from assessments.needs_internals import NeedsApiConfigException
from tradecraft.dates import FORMAT, parse_date, resolve_as_of
from tradecraft.errors import InputError
from tradecraft.suggest import did_you_mean
from tradecraft.vocabulary import FIELDS, KINDS, LINKS, SECOND_READINGS
from tradecraft.yardstick import DEFAULT_YARDSTICK, YARDSTICKS, Yardstick

#: The setting that pins the as-of date (else $REPORT_AS_OF, $SOURCE_DATE_EPOCH, today).
AS_OF_SETTING = "assessments_as_of"


@dataclass(frozen=True)
class Setting:
    """One ``assessments_*`` value, declared once: Sphinx registers it, the config check and the
    settings table (``{assessments-settings}``) read it from here."""

    name: str
    default: object
    #: The Python types Sphinx accepts for it.
    types: frozenset[type]
    #: The type as a reader of the settings table writes it.
    type_text: str
    #: The default as the settings table shows it (backticks: code).
    default_text: str
    #: What it does, in one sentence (backticks: code).
    help: str
    #: What is wrong with a value (the text after ``name = value``), or ``None`` if it is good.
    problem: Callable[[object], str | None]


def _one_of(accepted: Sequence[str]) -> Callable[[object], str | None]:
    """A check that the value is one of ``accepted``, with the nearest one suggested."""

    def problem(value: object) -> str | None:
        if isinstance(value, str) and value in accepted:
            return None
        near = did_you_mean(value, accepted) if isinstance(value, str) else ""
        return f"is not one of {', '.join(repr(a) for a in accepted)}{near}"

    return problem


def _yardstick_problem(value: object) -> str | None:
    if isinstance(value, str) and value in YARDSTICKS:
        return None
    near = did_you_mean(value, YARDSTICKS) if isinstance(value, str) else ""
    return f"is not a known yardstick; accepted: {', '.join(sorted(YARDSTICKS))}{near}"


def _date_problem(value: object) -> str | None:
    if value in (None, "") or parse_date(value) is not None:
        return None
    return f"is not a real date in the form {FORMAT}; accepted: a date such as 2026-01-31, or None"


def _path_problem(what: str) -> Callable[[object], str | None]:
    def problem(value: object) -> str | None:
        if value is None or (isinstance(value, str) and value.strip()):
            return None
        return f"is not a path; accepted: the {what}'s path relative to conf.py, or None"

    return problem


def _names_problem(what: str, example: str) -> Callable[[object], str | None]:
    def problem(value: object) -> str | None:
        if isinstance(value, (list, tuple)) and all(
            isinstance(name, str) and name.strip() for name in value
        ):
            return None
        return f"must be a list of {what}, e.g. {example}"

    return problem


#: Every ``assessments_*`` value of ``conf.py``, in the order the settings table lists them.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "assessments_yardstick",
        DEFAULT_YARDSTICK,
        frozenset({str}),
        "str",
        f"`{DEFAULT_YARDSTICK!r}`",
        "The probability yardstick: "
        + ", ".join(f"`{key!r}`" for key in sorted(YARDSTICKS))
        + "; every likelihood term is checked against it.",
        _yardstick_problem,
    ),
    Setting(
        AS_OF_SETTING,
        None,
        frozenset({str, type(None)}),
        "str or None",
        "`None`: `$REPORT_AS_OF`, else `$SOURCE_DATE_EPOCH`, else today",
        f"The date (`{FORMAT}`) the forecasts' statuses are computed at.",
        _date_problem,
    ),
    Setting(
        "assessments_ledger",
        None,
        frozenset({str, type(None)}),
        "str or None",
        "`None`: no history on the cards",
        "The forecast ledger, relative to `conf.py`: each card shows its forecast's history.",
        _path_problem("forecast ledger"),
    ),
    Setting(
        "assessments_registry",
        None,
        frozenset({str, type(None)}),
        "str or None",
        "`None`: a single report",
        "A registry file, relative to `conf.py`: the reports it lists are imported as one record.",
        _path_problem("registry file"),
    ),
    Setting(
        "assessments_authors",
        [],
        frozenset({list, tuple}),
        "list of str",
        "`[]`",
        "Who made the report's forecasts: each forecast without `:authors:` takes these.",
        _names_problem("names", '["Bob Deen", "Wouter Zweers"]'),
    ),
    Setting(
        "assessments_second_reading",
        "optional",
        frozenset({str}),
        "str",
        "`'optional'`",
        "`'required'`: every outcome needs a second reading (`:second_reader:`, "
        "`:second_verdict:`).",
        _one_of(SECOND_READINGS),
    ),
    Setting(
        "assessments_raw_html_allowed",
        [],
        frozenset({list, tuple}),
        "list of str",
        "`[]`",
        "Pages (docnames) allowed to carry raw HTML; on every other page it is reported and "
        "escaped.",
        _names_problem("page names (docnames)", '["appendix"]'),
    ),
)


def add_config_values(app: Sphinx) -> None:
    """Register each declared ``assessments_*`` value with its default, types and help."""
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            "env",
            types=setting.types,
            description=setting.help.replace("`", ""),
        )


def add_fields() -> None:
    """Declare our fields to sphinx-needs (call right after sphinx-needs is set up).

    Only the storage type goes into the schema: closed vocabularies and dates are checked by
    :mod:`tradecraft.rules`, which can name the file and line (sphinx-needs' schema errors
    cannot).
    """
    for field in FIELDS.values():
        add_field(field.name, field.description, schema=field.schema, nullable=True)  # type: ignore[arg-type]


def as_of(config: Config) -> date:
    """The build's "as of" date (resolved once, at ``config-inited``)."""
    return date.fromisoformat(config.assessments_as_of)


def yardstick(config: Config) -> Yardstick:
    """The yardstick this report uses."""
    return YARDSTICKS[config.assessments_yardstick]


def config_problems(config: Config) -> list[str]:
    """One line for each bad ``assessments_*`` value, in the order :data:`SETTINGS` declares."""
    lines = []
    for setting in SETTINGS:
        value = config[setting.name]
        problem = setting.problem(value)
        if problem:
            lines.append(f"{setting.name} = {value!r} {problem}")
    if not config.bibtex_bibfiles:
        lines.append(
            "bibtex_bibfiles is not set: assessments cite their basis and evidence through "
            'sphinxcontrib-bibtex; add bibtex_bibfiles = ["refs.bib"] to conf.py'
        )
    return lines


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: every bad value at once, as a :class:`ConfigError` of one line each."""
    lines = config_problems(config)
    if lines:
        raise ConfigError("\n".join(lines))
    try:
        resolved = resolve_as_of(config.assessments_as_of, AS_OF_SETTING)
    except InputError as problem:  # $REPORT_AS_OF or $SOURCE_DATE_EPOCH malformed
        raise ConfigError(str(problem)) from None
    # written back as a string so that a new day re-reads the report: status depends on it
    config.assessments_as_of = resolved.date.isoformat()


def add_to_needs(app: Sphinx, config: Config) -> None:
    """``config-inited``, between sphinx-needs' priorities 12 and 500: our types and links.

    Need types go through :func:`sphinx_needs.api.add_need_type` (after sphinx-needs has
    normalised the author's ``needs_types``); link types are merged into the author's
    ``needs_links`` (sphinx-needs 9.1 has no API for them) before sphinx-needs reads it.
    """
    clashes = _clashes(config)
    if clashes:
        raise ConfigError(clashes)
    for kind in KINDS.values():
        try:
            add_need_type(app, kind.name, kind.title, kind.prefix, kind.color, "card")
        except NeedsApiConfigException:
            raise ConfigError(_clash("needs_types", "need type", kind.name)) from None
    config.needs_links = {
        **config.needs_links,
        **{
            # a dead link of ours is reported by our rule (tradecraft.rules.check_register),
            # in our words and with the nearest ids, in place of sphinx-needs' warning
            link.name: {
                "incoming": link.incoming,
                "outgoing": link.outgoing,
                "allow_dead_links": True,
            }
            for link in LINKS.values()
        },
    }
    # report-checks reads needs.json; without a timestamp, one build gives one file
    config.needs_build_json = True
    config.needs_reproducible_json = True


def _clashes(config: Config) -> str | None:
    """One line naming the first author's name that is also one of ours, or ``None``."""
    fields: dict[str, Any] = config.needs_fields or {}
    for name in fields:
        if name in FIELDS:
            return _clash("needs_fields", "field", name)
    for option in config.needs_extra_options or []:
        extra = option if isinstance(option, str) else (option or {}).get("name")
        if isinstance(extra, str) and extra in FIELDS:
            return _clash("needs_extra_options", "field", extra)
    for name in config.needs_links or {}:
        if name in LINKS or name in FIELDS:
            return _clash("needs_links", "link type", name)
    for link in config.needs_extra_links or []:
        option = link.get("option") if isinstance(link, dict) else None
        if isinstance(option, str) and (option in LINKS or option in FIELDS):
            return _clash("needs_extra_links", "link type", option)
    return None


def _clash(setting: str, what: str, name: str) -> str:
    return (
        f"{setting} declares {name!r}, which is also a {what} of the assessments extension; "
        f"rename yours (the extension's names: {', '.join(_our_names(what))})"
    )


def _our_names(what: str) -> list[str]:
    if what == "need type":
        return list(KINDS)
    if what == "link type":
        return list(LINKS)
    return list(FIELDS)
