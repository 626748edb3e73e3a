"""The ``assessments_*`` settings: declared once, all checked when conf.py is read, listed."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sphinx.errors import ConfigError

from assessments.config import SETTINGS, Setting

#: A value no setting accepts (not a str, list or None).
BAD = {"not": "a setting's value"}


def _app(make_app, app_params, **overrides: object):
    """The valid test root (sphinx.testing's copy, not edited) with ``overrides``."""
    return make_app(*app_params.args, **{**app_params.kwargs, "confoverrides": overrides})


def _lines(make_app, app_params, **overrides: object) -> list[str]:
    """The lines of the ConfigError the build stops with (not a SystemExit)."""
    with pytest.raises(ConfigError) as stopped:
        _app(make_app, app_params, **overrides)
    return str(stopped.value).splitlines()


@pytest.mark.sphinx("html", testroot="valid")
@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_a_bad_value_of_each_setting_is_one_line_naming_it(
    make_app, app_params, setting: Setting
) -> None:
    (line,) = _lines(make_app, app_params, **{setting.name: BAD})
    assert line.startswith(f"{setting.name} = {BAD!r} ")
    assert any(fix in line for fix in ("accepted: ", "e.g. ", "one of "))  # says what would do


@pytest.mark.sphinx("html", testroot="valid")
def test_every_bad_value_is_reported_at_once(make_app, app_params) -> None:
    lines = _lines(make_app, app_params, **{s.name: BAD for s in SETTINGS})
    assert [line.split(" = ")[0] for line in lines] == [s.name for s in SETTINGS]


@pytest.mark.sphinx("html", testroot="valid")
@pytest.mark.parametrize(
    ("name", "value", "line"),
    [
        (
            "assessments_yardstick",
            "ipc",
            "assessments_yardstick = 'ipc' is not a known yardstick; accepted: icd203, ipcc, "
            "phia; did you mean 'ipcc'?",
        ),
        (
            "assessments_second_reading",
            "requird",  # codespell:ignore requird
            "assessments_second_reading = 'requird' is not one of 'optional', 'required'; "
            "did you mean 'required'?",
        ),
        (
            "assessments_as_of",
            "2022-02-30",
            "assessments_as_of = '2022-02-30' is not a real date in the form YYYY-MM-DD; "
            "accepted: a date such as 2026-01-31, or None",
        ),
        (
            "assessments_authors",
            ["Bob Deen", ""],
            "assessments_authors = ['Bob Deen', ''] must be a list of names, e.g. "
            '["Bob Deen", "Wouter Zweers"]',
        ),
    ],
)
def test_a_misspelt_value_gets_the_nearest_accepted_one(
    make_app, app_params, name: str, value: object, line: str
) -> None:
    assert _lines(make_app, app_params, **{name: value}) == [line]


@pytest.mark.sphinx("html", testroot="valid")
def test_a_missing_bibliography_setting_is_a_config_error(make_app, app_params) -> None:
    (line,) = _lines(make_app, app_params, bibtex_bibfiles=[])
    assert (
        line.startswith("bibtex_bibfiles is not set")
        and 'add bibtex_bibfiles = ["refs.bib"]' in line
    )


@pytest.mark.sphinx("html", testroot="valid")
def test_the_defaults_are_accepted(make_app, app_params) -> None:
    app = _app(make_app, app_params, assessments_as_of="2024-06-01")
    for setting in SETTINGS:
        if setting.name != "assessments_as_of":
            assert app.config[setting.name] == setting.default
    assert app.config.values["assessments_yardstick"].description  # registered with its help


@pytest.mark.sphinx("html", testroot="settings-table")
def test_the_settings_table_lists_every_declared_setting(app) -> None:
    app.build()
    assert not app._warning.getvalue()
    html = (app.outdir / "index.html").read_text()
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.DOTALL)
    cells = [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", row)).replace("’", "'").split())  # smartquotes
        for row in rows[1:]
    ]
    assert len(cells) == len(SETTINGS)
    for setting, row in zip(SETTINGS, cells, strict=True):
        assert row.startswith(f"{setting.name} {setting.type_text} "), row
        squeezed = "".join(row.split())  # the markup put spaces around the code spans
        assert squeezed.endswith("".join(setting.help.replace("`", "").split())), row
        assert "".join(setting.default_text.replace("`", "").split()) in squeezed, row
