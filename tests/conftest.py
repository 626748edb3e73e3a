"""Shared fixtures: Sphinx test roots live in tests/roots/test-<name>/."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx.util.docutils import docutils_namespace

from assessments.errors import StopBuild

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the test roots."""
    return ROOTS


@contextlib.contextmanager
def build_stops(match: str) -> Iterator[None]:
    """Expect the build to stop on bad input (:class:`StopBuild`, exit 2) with ``match``.

    The stop happens inside Sphinx's constructor, which ``sphinx.testing`` cleans up only after
    an ``Exception``: restore docutils' registries here, as ``sphinx-build`` does.
    """
    with docutils_namespace(), pytest.raises(StopBuild, match=match) as stopped:
        yield
    assert stopped.value.code == 2
