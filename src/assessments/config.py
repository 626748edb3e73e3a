"""The extension's configuration: its own values, checked once, and the sphinx-needs setup."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from assessments.vocabulary import ID_PATTERN, KINDS, LINKS
from assessments.yardstick import YARDSTICKS, Yardstick, get_yardstick


def add_config_values(app: Sphinx) -> None:
    """Declare ``assessments_*`` values with their types."""
    app.add_config_value("assessments_yardstick", "phia", "env", types=frozenset({str}))
    # None: SOURCE_DATE_EPOCH if set, else today; a YYYY-MM-DD string pins it
    app.add_config_value("assessments_as_of", None, "env", types=frozenset({str, type(None)}))


def as_of(config: Config) -> date:
    """The build's "as of" date: the configured one, else ``SOURCE_DATE_EPOCH``, else today."""
    return date.fromisoformat(config.assessments_as_of)


def yardstick(config: Config) -> Yardstick:
    """The yardstick this report uses."""
    return get_yardstick(config.assessments_yardstick)


def check_config(app: Sphinx, config: Config) -> None:
    """Reject bad ``assessments_*`` values with one clear message each."""
    if config.assessments_yardstick not in YARDSTICKS:
        raise ConfigError(
            f"assessments_yardstick = {config.assessments_yardstick!r} is not a known yardstick; "
            f"accepted: {', '.join(sorted(YARDSTICKS))}"
        )
    configured = config.assessments_as_of or os.environ.get("REPORT_AS_OF")
    if configured:
        try:
            resolved = date.fromisoformat(configured)
        except ValueError:
            raise ConfigError(
                f"assessments_as_of = {configured!r} is not a date in the form YYYY-MM-DD"
            ) from None
    elif os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        stamp = int(os.environ["SOURCE_DATE_EPOCH"])
        resolved = datetime.fromtimestamp(stamp, UTC).date()
    else:
        resolved = date.today()
    # written back as a string so that a new day re-reads the report: status depends on it
    config.assessments_as_of = resolved.isoformat()


_STRING = {"type": "string"}
_FIELDS: dict[str, dict[str, Any]] = {
    "likelihood": _STRING,
    "probability": {"type": "number"},
    "yardstick": _STRING,
    "confidence": _STRING,
    "basis": {"type": "array", "items": _STRING},
    "evidence": {"type": "array", "items": _STRING},
    "resolve_by": _STRING,
    "made_on": _STRING,
    "resolved_on": _STRING,
    "criteria": _STRING,
    "coding": _STRING,
    "quote": _STRING,
    "hedge": _STRING,
    "window": _STRING,
    "contested": _STRING,
    "alternative": _STRING,
    "verdict": _STRING,
    "key": {"type": "boolean"},
    # filled in after reading, from the forecast's outcome
    "brier": {"type": "number"},
}


def configure_needs(app: Sphinx, config: Config) -> None:
    """Declare the assessment kinds, fields and links to sphinx-needs.

    Enumerations and dates are checked by :mod:`assessments.validation` instead of JSON schema,
    because sphinx-needs 9.1 reports schema errors without a file or line.
    """
    config.needs_types = {
        kind.name: {
            "title": kind.title,
            "prefix": kind.prefix,
            "color": kind.color,
            "style": "card",
        }
        for kind in KINDS.values()
    }
    config.needs_fields = {
        name: {"schema": dict(schema), "nullable": True} for name, schema in _FIELDS.items()
    }
    config.needs_links = {
        link.name: {"incoming": link.incoming, "outgoing": link.outgoing} for link in LINKS.values()
    }
    config.needs_id_required = True
    config.needs_id_regex = ID_PATTERN
    config.needs_build_json = True
    config.needs_reproducible_json = True
