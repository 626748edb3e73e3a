"""The extension's configuration, and its additions to the author's sphinx-needs configuration.

Our kinds, fields and links are added to what the author configured, through
:mod:`sphinx_needs.api` where it has a function and by merging where it has none (links). An
author's own need types, fields and link types keep working beside ours; a name both declare
stops the build with one line naming both. The id settings (``needs_id_regex``,
``needs_id_required``) stay the author's: our id rule is checked by :mod:`tradecraft.rules`, for
our kinds only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx_needs.api import add_field, add_need_type
from sphinx_needs.exceptions import NeedsApiConfigException

from assessments.errors import stop
from tradecraft.dates import resolve_as_of
from tradecraft.errors import InputError
from tradecraft.vocabulary import FIELDS, KINDS, LINKS, SECOND_READINGS
from tradecraft.yardstick import DEFAULT_YARDSTICK, YARDSTICKS, Yardstick

#: The setting that pins the as-of date (else $REPORT_AS_OF, $SOURCE_DATE_EPOCH, today).
AS_OF_SETTING = "assessments_as_of"


def add_config_values(app: Sphinx) -> None:
    """Declare the ``assessments_*`` values with their types."""
    app.add_config_value("assessments_yardstick", DEFAULT_YARDSTICK, "env", types=frozenset({str}))
    # None: $REPORT_AS_OF, else $SOURCE_DATE_EPOCH, else today; a YYYY-MM-DD string pins it
    app.add_config_value(AS_OF_SETTING, None, "env", types=frozenset({str, type(None)}))
    # the forecast ledger, relative to conf.py: each card shows its forecast's history
    app.add_config_value("assessments_ledger", None, "env", types=frozenset({str, type(None)}))
    # a registry site: the reports this file lists are imported (see assessments.registry_site)
    app.add_config_value("assessments_registry", None, "env", types=frozenset({str, type(None)}))
    # who made the report's forecasts: each forecast without :authors: takes these
    app.add_config_value("assessments_authors", [], "env", types=frozenset({list, tuple}))
    # "required": every outcome needs a second reading (:second_reader:, :second_verdict:)
    app.add_config_value("assessments_second_reading", "optional", "env", types=frozenset({str}))
    # pages (docnames) allowed to carry raw HTML; on every other page it is reported, escaped
    app.add_config_value("assessments_raw_html_allowed", [], "env", types=frozenset({list, tuple}))


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


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: reject bad ``assessments_*`` values with one clear message each."""
    if config.assessments_yardstick not in YARDSTICKS:
        stop(
            f"assessments_yardstick = {config.assessments_yardstick!r} is not a known yardstick; "
            f"accepted: {', '.join(sorted(YARDSTICKS))}"
        )
    authors = config.assessments_authors
    if not all(isinstance(name, str) and name.strip() for name in authors):
        stop(
            f"assessments_authors = {authors!r} must be a list of names, e.g. "
            '["Bob Deen", "Wouter Zweers"]'
        )
    if config.assessments_second_reading not in SECOND_READINGS:
        stop(
            f"assessments_second_reading = {config.assessments_second_reading!r} is not one of "
            f"{', '.join(repr(v) for v in SECOND_READINGS)}"
        )
    try:
        resolved = resolve_as_of(config.assessments_as_of, AS_OF_SETTING)
    except InputError as problem:
        stop(str(problem))
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
        stop(clashes)
    for kind in KINDS.values():
        try:
            add_need_type(app, kind.name, kind.title, kind.prefix, kind.color, "card")
        except NeedsApiConfigException:
            stop(_clash("needs_types", "need type", kind.name))
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
