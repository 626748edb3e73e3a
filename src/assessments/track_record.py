"""The track-record page: scores computed at build time by :mod:`tradecraft.scoring`."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from assessments.consistency import register_of
from assessments.figures import draw_calibration, figure, image_for
from assessments.histories import ledger_of
from assessments.needs_internals import NeedsView
from assessments.nodes import pending_summary
from assessments.registry_site import origin
from assessments.tables import simple_table
from tradecraft.registry import GROUPINGS
from tradecraft.scoring import ScoreReport
from tradecraft.track_record import score_groups, score_record


class TrackRecord(SphinxDirective):
    """Scores, calibration diagram and resolved forecasts of this report; with ``:by:``
    (report, author, tag or year), the scores of each group."""

    option_spec = {"by": lambda value: directives.choice(value, GROUPINGS)}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        return [pending_summary(what="track-record", by=self.options.get("by"))]


def _number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _span(bounds: tuple[float | None, float | None]) -> str:
    return f"{_number(bounds[0])} – {_number(bounds[1])}"


def _agreement_rows(report: ScoreReport) -> list[list[str]]:
    """How many outcomes were read a second time, and how far the two readers agree."""
    if not report.second_read:
        return [["Outcomes read a second time", "0"]]
    agreed = report.agreement
    return [
        ["Outcomes read a second time", str(report.second_read)],
        [
            "… second reading agrees / disagrees with the verdict",
            f"{agreed.agree} / {agreed.disagree}",
        ],
        [
            "… Cohen's κ between the two readers (1 full agreement, 0 chance)",
            "undefined" if agreed.kappa is None else _number(agreed.kappa, 2),
        ],
    ]


def build_groups(app: Sphinx, needs: NeedsView, by: str) -> nodes.Element:
    """The scores of each group of resolved forecasts: by report, author, tag or year."""
    register = register_of(needs)
    prefixes = origin(app)
    register.origin = {
        need_id: name for need_id in needs for prefix, name in prefixes.items()
        if need_id.startswith(prefix)
    }  # fmt: skip
    groups = score_groups(register, by, ledger_of(app.env))
    rows = [
        [
            name,
            str(report.resolved),
            str(report.void),
            _number(report.brier),
            _span(report.range.brier),
            _number(report.time_weighted.get("brier")),
            _number(report.log),
        ]
        for name, report in groups.items()
    ]
    header = [by.capitalize(), "Scored", "Void", "Brier", "best – worst", "Time-weighted", "Log"]
    out = nodes.container(classes=["track-record", f"track-record-by-{by}"])
    out += simple_table(header, rows, [4, 1, 1, 1, 2, 2, 1])
    return out


def build(app: Sphinx, needs: NeedsView, fromdocname: str) -> nodes.Element:
    """The nodes of the track record for the needs of this build."""
    forecasts = sorted(
        (n for n in needs.values() if n["type"] == "forecast"), key=lambda n: n["id"]
    )
    report = score_record(register_of(needs), ledger_of(app.env))
    out = nodes.container(classes=["track-record"])
    open_count = sum(1 for f in forecasts if f.get("status") in ("open", "due"))
    rows = [
        ["Forecasts in the report", str(len(forecasts))],
        ["Scored (verdict yes or no)", str(report.resolved)],
        ["Void (ambiguous or annulled), not scored", str(report.void)],
        ["Open or due, not yet resolved", str(open_count)],
        ["Mean Brier score as coded (0 best; 0.25 = always 50%)", _number(report.brier)],
    ]
    spread = report.range
    readings = (
        f"the other readings of {spread.contested} contested outcome{'s' * (spread.contested != 1)}"
        if spread.contested
        else "no contested outcome: the score as coded"
    )
    rows.append([f"… best – worst over {readings}", _span(spread.brier)])
    if report.bootstrap:
        rows.append(
            [
                f"Bootstrap {report.bootstrap.level:.0%} interval of the Brier score",
                f"{report.bootstrap.low:.3f}–{report.bootstrap.high:.3f}",
            ]
        )
    rows += _agreement_rows(report)
    rows.append(["Mean log score as coded (ln p of what happened; 0 best)", _number(report.log)])
    rows.append([f"… best – worst over {readings}", _span(spread.log)])
    updates = f"{report.updates} update{'s' * (report.updates != 1)}"
    rows.append(
        [
            f"Time-weighted Brier and log scores (every estimate by its days in force; {updates})",
            f"{_number(report.time_weighted.get('brier'))} / "
            f"{_number(report.time_weighted.get('log'))}",
        ]
    )
    rows += [
        ["Brier skill vs always 50%", _number(report.vs_half)],
        ["Brier skill vs the base rate", _number(report.vs_base_rate)],
        ["Base rate (share resolved yes)", _number(report.base_rate, 2)],
    ]
    if report.murphy:
        rows += [
            ["Reliability (lower is better)", _number(report.murphy.reliability)],
            ["Resolution (higher is better)", _number(report.murphy.resolution)],
            ["Uncertainty", _number(report.murphy.uncertainty)],
        ]
    out += simple_table(["Measure", "Value"], rows, [5, 2])

    path, uri = image_for(app, fromdocname, "calibration.png")
    draw_calibration(((b.probability, b.observed, b.count) for b in report.calibration), path)
    out += figure(
        uri,
        "Calibration: each point is the forecasts given one probability; n is "
        "how many. Points on the diagonal are well calibrated.",
        "Calibration diagram",
        width="65%",
    )

    resolved = [f for f in forecasts if f.get("verdict")]
    out += simple_table(
        ["Forecast", "Probability", "Verdict", "Resolved on", "Brier", "Other reading", "Brier"],
        [
            [
                f["id"],
                _number(f.get("probability"), 2),
                f["verdict"],
                f.get("resolved_on") or "",
                _number(f.get("brier")),
                f.get("alternative") or "",
                _number(f.get("alternative_brier")) if f.get("alternative") else "",
            ]
            for f in resolved
        ],
        [5, 2, 2, 2, 1, 2, 1],
    )
    return out
