"""A registry site: an institute's reports imported as one record.

``assessments_registry`` names a registry file (``tradecraft.registry``: each report's name,
``needs.json`` and HTML). Its reports become sphinx-needs' own ``needs_external_needs`` entries,
added to the author's (``json_path`` or ``json_url``, ``base_url``, and the report's namespace as
``id_prefix``, the form ``report-checks`` uses too), so every forecast keeps a link back to its
card in its own report. Their ledgers give the track record its estimates as published, and
their names its groups by report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from tradecraft.errors import InputError
from tradecraft.registry import Source, load_registry_file

SETTING = "assessments_registry"


def sources(app: Sphinx) -> list[Source]:
    """The reports the registry file lists ([] without one); a file that cannot be read is a
    :class:`ConfigError` (the registry is read with the configuration, at ``config-inited``)."""
    setting = app.config[SETTING]
    if not setting:
        return []
    try:
        return load_registry_file(Path(app.confdir, setting))
    except InputError as problem:
        raise ConfigError(f"{SETTING} = {setting!r}: {problem}") from None


def add_external_needs(app: Sphinx, config: Config) -> None:
    """``config-inited``: each report of the registry as a ``needs_external_needs`` entry."""
    entries: list[dict[str, Any]] = list(config.needs_external_needs or [])
    for source in sources(app):
        if not source.url:
            raise ConfigError(
                f"{SETTING}: report {source.name!r} has no url; give the address of its HTML "
                "edition, so that each forecast links back to its card"
            )
        where = "json_url" if source.needs.startswith(("http://", "https://")) else "json_path"
        location = source.needs if where == "json_url" else str(Path(source.needs).resolve())
        entries.append({where: location, "base_url": source.url, "id_prefix": source.prefix})
    config.needs_external_needs = entries


def origin(app: Sphinx) -> dict[str, str]:
    """Each report's namespace prefix, to its name."""
    return {source.prefix: source.name for source in sources(app)}
