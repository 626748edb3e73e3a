"""Configuration reaches the page: the yardstick, the as-of date and their validation."""

from __future__ import annotations

import json

import pytest
from sphinx.errors import ConfigError


@pytest.mark.sphinx("html", testroot="icd203", freshenv=True)
def test_icd203_yardstick_is_selectable(app) -> None:
    app.build()
    assert "WARNING" not in app._warning.getvalue()
    html = (app.outdir / "index.html").read_text()
    assert "very likely (80–95%)" in html and "roughly even chance (45–55%)" in html
    need = json.loads((app.outdir / "needs.json").read_text())["versions"][""]["needs"]["F_ONE"]
    assert need["yardstick"] == "icd203" and need["probability"] == pytest.approx(0.875)


@pytest.mark.sphinx("html", testroot="valid", confoverrides={"assessments_yardstick": "nato"})
def test_unknown_yardstick_fails_with_one_message(make_app, app_params):
    with pytest.raises(ConfigError, match="'nato' is not a known yardstick; accepted: icd203"):
        make_app(*app_params.args, **app_params.kwargs)


@pytest.mark.parametrize(("as_of", "status"), [("2021-12-01", "open"), ("2022-03-01", "due")])
@pytest.mark.sphinx("html", testroot="icd203")
def test_status_follows_the_as_of_date(own_copy, make_app, app_params, as_of, status) -> None:
    src = own_copy
    text = (src / "index.md").read_text().replace("2030-01-31", "2022-01-31")
    (src / "index.md").write_text(text)
    app = make_app(
        *app_params.args, **app_params.kwargs, confoverrides={"assessments_as_of": as_of}
    )
    app.build()
    need = json.loads((app.outdir / "needs.json").read_text())["versions"][""]["needs"]["F_ONE"]
    assert need["status"] == status


@pytest.mark.sphinx("html", testroot="icd203", freshenv=True)
def test_source_date_epoch_sets_the_as_of_date(make_app, app_params, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640995200")  # 2022-01-01
    monkeypatch.delenv("REPORT_AS_OF", raising=False)
    app = make_app(*app_params.args, **app_params.kwargs)
    assert app.config.assessments_as_of == "2022-01-01"


@pytest.mark.sphinx("html", testroot="icd203")
def test_unknown_term_in_prose_is_located(own_copy, make_app, app_params) -> None:
    (own_copy / "index.md").write_text("# Prose\n\nIt is {likelihood}`kinda likely`.\n")
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    assert (
        "index.md:3: ERROR: unknown likelihood 'kinda likely' for the icd203 yardstick"
        in app._warning.getvalue()
    )


@pytest.mark.sphinx("html", testroot="own-config", freshenv=True)
def test_authors_own_type_field_and_link_work_beside_ours(app) -> None:
    app.build()
    assert "WARNING" not in app._warning.getvalue()
    needs = json.loads((app.outdir / "needs.json").read_text())["versions"][""]["needs"]
    assert needs["R_ONE"]["type"] == "risk" and needs["R_ONE"]["owner"] == "the editors"
    assert needs["R_ONE"]["mitigates"] == ["F_ONE"]
    assert needs["F_ONE"]["mitigates_back"] == ["R_ONE"]
    assert needs["F_ONE"]["probability"] == 0.65  # ours still derive theirs


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            {"needs_fields": {"likelihood": {"schema": {"type": "string"}}}},
            "needs_fields declares 'likelihood', which is also a field of the assessments",
        ),
        (
            {"needs_links": {"resolves": {"incoming": "a", "outgoing": "b"}}},
            "needs_links declares 'resolves', which is also a link type of the assessments",
        ),
        (
            {"needs_types": [{"directive": "forecast", "title": "F", "prefix": "F_"}]},
            "needs_types declares 'forecast', which is also a need type of the assessments",
        ),
    ],
)
@pytest.mark.sphinx("html", testroot="own-config")
def test_a_name_clash_is_one_line_naming_both(make_app, app_params, override, message):
    with pytest.raises(ConfigError, match=message):
        make_app(*app_params.args, **app_params.kwargs, confoverrides=override)
