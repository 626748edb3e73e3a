"""Typed, calibrated assessments for Sphinx reports: judgements, forecasts and their outcomes.

Importing this package stays light (no Sphinx) so that :mod:`checks` can read the yardsticks and
the vocabulary; Sphinx loads the extension through :func:`setup`.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Register the extension with Sphinx (see :mod:`assessments.extension`)."""
    from assessments.extension import setup as _setup

    return _setup(app)
