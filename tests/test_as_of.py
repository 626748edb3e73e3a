"""One as-of date: the build and ``report-checks`` resolve it the same way, in the same order."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from checks.cli import main
from tradecraft.dates import AsOf, resolve_as_of
from tradecraft.errors import InputError

TODAY = date(2026, 11, 25)


def _resolve(configured: object = None, **environ: str) -> AsOf:
    return resolve_as_of(configured, "assessments_as_of", environ, lambda: TODAY)


def test_order_setting_then_report_as_of_then_source_date_epoch_then_today() -> None:
    epoch = {"SOURCE_DATE_EPOCH": "1640995200"}  # 2022-01-01
    assert _resolve("2021-08-01", REPORT_AS_OF="2023-01-01", **epoch).date == date(2021, 8, 1)
    assert _resolve(None, REPORT_AS_OF="2023-01-01", **epoch) == AsOf(
        date(2023, 1, 1), "REPORT_AS_OF"
    )
    assert _resolve(None, **epoch) == AsOf(date(2022, 1, 1), "SOURCE_DATE_EPOCH")
    assert _resolve() == AsOf(TODAY, "today")


@pytest.mark.parametrize(
    ("configured", "environ", "message"),
    [
        ("20210801", {}, "assessments_as_of '20210801' is not a real date in the form YYYY-MM-DD"),
        (None, {"REPORT_AS_OF": "soon"}, "REPORT_AS_OF 'soon' is not a real date"),
        (None, {"SOURCE_DATE_EPOCH": "yesterday"}, "SOURCE_DATE_EPOCH 'yesterday' is not a whole"),
    ],
)
def test_a_bad_value_is_named_not_skipped(
    configured: str | None, environ: dict[str, str], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        _resolve(configured, **environ)


def test_cli_accepts_exactly_what_the_build_accepts(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["due", "--as-of", "20210801"])
    assert stopped.value.code == 2
    assert "--as-of: date '20210801' is not a real date in the form YYYY-MM-DD" in (
        capsys.readouterr().err
    )


@pytest.mark.sphinx("html", testroot="icd203")
def test_source_date_epoch_gives_pages_and_due_the_same_day(
    own_copy: Path, make_app, app_params, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.delenv("REPORT_AS_OF", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640995200")  # 2022-01-01
    src = own_copy
    text = (src / "index.md").read_text()
    due_soon = text.replace("F_ONE", "F_PAST").replace("2030-01-31", "2021-12-15")
    (src / "index.md").write_text(text + "\n" + due_soon.split("\n", 1)[1])
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    needs = json.loads((app.outdir / "needs.json").read_text())["versions"][""]["needs"]
    due_on_pages = {i for i, n in needs.items() if n.get("status") == "due"}
    assert due_on_pages == {"F_PAST"}

    assert main(["due", "--needs", str(app.outdir / "needs.json"), "--within", "0"]) == 0
    listed = capsys.readouterr().out
    assert "F_PAST  overdue by 17 days" in listed and "F_ONE" not in listed
