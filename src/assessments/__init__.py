"""Typed, calibrated assessments for Sphinx reports: judgements, forecasts and their outcomes.

The Sphinx glue over :mod:`tradecraft`; Sphinx loads it through :func:`setup`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx (see :mod:`assessments.extension`)."""
    from assessments.extension import setup as _setup

    return _setup(app)
