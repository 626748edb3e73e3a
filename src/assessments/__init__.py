"""Typed, calibrated assessments for Sphinx reports: judgements, forecasts and their outcomes.

The Sphinx glue over :mod:`tradecraft`; Sphinx loads it through :func:`setup`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

try:  # one source of the version: pyproject.toml, through the installed package
    __version__ = _version("report-as-code")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0.0.0+unknown"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx (see :mod:`assessments.extension`)."""
    from assessments.extension import setup as _setup

    return _setup(app)
