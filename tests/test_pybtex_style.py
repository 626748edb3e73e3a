"""The `report` citation style: capitals kept, publisher and full date shown."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from assessments.pybtex_style import full_date

ROOT = Path(__file__).resolve().parent.parent
BIB = r"""
@online{dyner2020, author = {Anna Maria Dyner},
  title = {Possible Scenarios of Russian-Belarusian Military Integration},
  organization = {The Polish Institute of International Affairs (PISM)}, date = {2020-12-17},
  url = {https://example.org/dyner}}
@misc{nato2008, author = {{NATO}}, title = {Bucharest Summit Declaration},
  year = {2008}, month = apr, day = {3}}
@online{tass2021, organization = {TASS}, title = {Russian troops arrive at Grodno},
  titletype = {descriptive}, date = {2021-08-28}}
@report{deen2021, author = {Bob Deen and Barbara Roggeveen and Wouter Zweers},
  title = {An Ever Closer Union?}, type = {Clingendael Report}, institution = {Clingendael},
  date = {2021-08}}
"""


def _notes() -> dict[str, str]:
    style = find_plugin("pybtex.style.formatting", "report")()
    entries = parse_string(BIB, "bibtex").entries
    return {e.key: e.text.render_as("text") for e in style.format_entries(entries.values())}


def test_titles_keep_their_capitals_and_publisher_and_date_show() -> None:
    note = _notes()["dyner2020"]
    assert note == (
        "Anna Maria Dyner, Possible Scenarios of Russian-Belarusian Military "
        "Integration, The Polish Institute of International Affairs (PISM), "
        "17 December 2020, https://example.org/dyner."
    )


def test_organisation_as_author_and_split_date_fields() -> None:
    assert _notes()["nato2008"] == "NATO, Bucharest Summit Declaration, 3 April 2008."


def test_report_shows_series_institution_and_month() -> None:
    assert _notes()["deen2021"] == (
        "Bob Deen, Barbara Roggeveen and Wouter Zweers, An Ever Closer "
        "Union?, Clingendael Report, Clingendael, August 2021."
    )


def test_a_title_the_editors_made_up_is_in_brackets_not_italics() -> None:
    style = find_plugin("pybtex.style.formatting", "report")()
    entries = parse_string(BIB, "bibtex").entries
    notes = {e.key: e.text.render_as("html") for e in style.format_entries(entries.values())}
    assert notes["tass2021"].startswith("[Russian troops arrive at Grodno], TASS, 28 August 2021")
    assert "<em>" not in notes["tass2021"]
    assert "<em>Possible Scenarios" in notes["dyner2020"]


@pytest.mark.parametrize(
    ("fields", "text"),
    [({"date": "2021"}, "2021"), ({"year": "2017", "month": "sep"}, "September 2017")],
)
def test_partial_dates(fields: dict[str, str], text: str) -> None:
    assert full_date(fields) == text


def test_pdf_without_tex_stops_with_the_install_command(monkeypatch, capsys) -> None:
    # a tox helper (scripts/texcheck.py), not part of the installed extension
    spec = importlib.util.spec_from_file_location("texcheck", ROOT / "scripts" / "texcheck.py")
    texcheck = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(texcheck)
    monkeypatch.setattr(texcheck.shutil, "which", lambda tool: None)
    assert texcheck.main() == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "apt-get install -y texlive-latex-recommended" in err[0]
