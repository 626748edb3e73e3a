"""The pure parts of scripts/release.py: the version in pyproject.toml and the changelog entry."""

from __future__ import annotations

import datetime as dt
import importlib.util
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("release", ROOT / "scripts" / "release.py")
release = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(release)

PYPROJECT = """\
[build-system]
requires = ["setuptools>=69"]

[project]
name = "report-as-code"
version = "0.1.0"  # the one source of the version
dependencies = ["sphinx>=8.1"]

[tool.other]
version = "9.9.9"
"""

CHANGELOG = """\
(changelog)=
# Changelog

Each release of this report is recorded here, newest first.

## 0.1.0 — 2026-11-25

First release.
"""


def test_read_version_of_the_project_table_only():
    assert release.read_version(PYPROJECT) == "0.1.0"


def test_bump_changes_only_the_project_version():
    bumped = release.bump_version(PYPROJECT, "0.2.0")
    data = tomllib.loads(bumped)
    assert data["project"]["version"] == "0.2.0"
    assert data["tool"]["other"]["version"] == "9.9.9"
    assert bumped == PYPROJECT.replace('"0.1.0"', '"0.2.0"')  # comment and layout kept


def test_bump_of_the_real_pyproject_reads_back():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    current = tomllib.loads(text)["project"]["version"]
    assert release.read_version(text) == current
    assert tomllib.loads(release.bump_version(text, "99.0.0"))["project"]["version"] == "99.0.0"


def test_bump_needs_a_static_version():
    with pytest.raises(release.ReleaseError, match="static version"):
        release.bump_version('[project]\nname = "x"\ndynamic = ["version"]\n', "1.0.0")
    with pytest.raises(release.ReleaseError, match=r"\[project\]"):
        release.read_version('[tool.x]\nversion = "1"\n')


@pytest.mark.parametrize(
    ("given", "expected"),
    [("0.2.0", "0.2.0"), ("v1.10.3", "1.10.3"), ("2.0.0rc1", "2.0.0rc1"), (" 1.2.3\n", "1.2.3")],
)
def test_normalise_version(given, expected):
    assert release.normalise_version(given) == expected


@pytest.mark.parametrize("bad", ["0.2", "v", "1.2.3-dev", "latest", "1.2.3; rm"])
def test_normalise_version_refuses(bad):
    with pytest.raises(release.ReleaseError):
        release.normalise_version(bad)


def test_version_order():
    order = ["0.1.0", "0.2.0rc1", "0.2.0", "0.2.0.post1", "0.10.0", "1.0.0"]
    assert sorted(order, key=release.version_key) == order


def test_changelog_entry_goes_above_the_newest():
    out = release.add_changelog_entry(CHANGELOG, "0.2.0", dt.date(2027, 1, 15), "Re-estimated.")
    assert out.index("## 0.2.0 — 2027-01-15") < out.index("## 0.1.0 — 2026-11-25")
    assert out.startswith(CHANGELOG.split("## 0.1.0")[0])  # the preamble untouched
    assert "## 0.2.0 — 2027-01-15\n\nRe-estimated.\n\n## 0.1.0" in out


def test_changelog_entry_without_a_message_leaves_a_line_to_edit():
    out = release.add_changelog_entry(CHANGELOG, "0.2.0", dt.date(2027, 1, 15))
    assert release.changelog_entry(out, "0.2.0") == release.PLACEHOLDER + "\n"


def test_changelog_entry_in_an_empty_changelog_goes_at_the_end():
    out = release.add_changelog_entry("# Changelog\n", "0.1.0", dt.date(2026, 11, 25), "First.")
    assert out == "# Changelog\n\n## 0.1.0 — 2026-11-25\n\nFirst.\n"


def test_changelog_refuses_a_second_entry_for_a_version():
    with pytest.raises(release.ReleaseError, match="already"):
        release.add_changelog_entry(CHANGELOG, "0.1.0", dt.date(2027, 1, 1))


def test_changelog_entry_is_the_release_notes():
    out = release.add_changelog_entry(CHANGELOG, "0.2.0", dt.date(2027, 1, 15), "Re-estimated.")
    assert release.changelog_entry(out, "0.2.0") == "Re-estimated.\n"
    assert release.changelog_entry(out, "0.1.0") == "First release.\n"
    with pytest.raises(release.ReleaseError, match="no entry"):
        release.changelog_entry(out, "0.3.0")


def test_the_real_changelog_has_an_entry_for_the_current_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (ROOT / "docs" / "changelog.md").read_text(encoding="utf-8")
    assert release.changelog_entry(text, version["version"]).strip()


def test_dry_run_changes_nothing(capsys):
    before = {p: p.read_bytes() for p in (release.PYPROJECT, release.CHANGELOG)}
    assert release.main(["99.0.0", "--dry-run", "-m", "x"]) == 0
    assert {p: p.read_bytes() for p in before} == before
    out = capsys.readouterr().out
    for step in ("tox -e html", "report-checks ledger freeze", "git tag -a v99.0.0", "tox -e pdf"):
        assert step in out


def test_notes_refuse_a_tag_that_is_not_the_version(capsys):
    assert release.main(["99.0.0", "--notes"]) == 1
    assert "pyproject.toml says" in capsys.readouterr().err
