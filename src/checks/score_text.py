"""The plain text ``report-checks score`` prints: the record's scores, and a table by group.

The numbers come from :func:`tradecraft.scoring.score`; only their words and layout are here
(``--format json`` prints :meth:`~tradecraft.scoring.ScoreReport.to_dict` instead).
"""

from __future__ import annotations

from tradecraft.scoring import ScoreReport


def _num(value: float | None, digits: int = 3) -> str:
    """A score as printed: ``digits`` decimals, or ``n/a``."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def format_report(report: ScoreReport) -> str:
    """The plain-text table of ``report-checks score``."""

    lines = [
        f"resolved (scored): {report.resolved}",
        f"void (ambiguous, annulled; not scored): {report.void}",
    ]
    if report.unscorable:
        lines.append(f"resolved without a probability (not scored): {', '.join(report.unscorable)}")
    if report.resolved == 0:
        lines.append("no forecast resolved yes or no yet: nothing to score")
        return "\n".join(lines) + "\n"
    interval = report.bootstrap
    spread = report.range
    lines += [
        f"Brier score, as published: {_num(report.brier)} (0 best, 0.25 = always 50%)",
    ]
    if spread.contested:
        lines.append(
            f"  as coded; over the other readings of {spread.contested} contested outcome"
            f"{'s' * (spread.contested != 1)}: best {_num(spread.brier[0])}, worst "
            f"{_num(spread.brier[1])}"
        )
    if interval is not None:
        lines.append(
            f"  {interval.level:.0%} bootstrap interval: {_num(interval.low)} to "
            f"{_num(interval.high)} ({interval.resamples} resamples, seed {interval.seed})"
        )
    lines.append(
        f"log score, as published (mean ln p of what happened): {_num(report.log)} (0 best)"
    )
    if spread.contested:
        lines.append(
            f"  as coded; over the other readings: best {_num(spread.log[0])}, worst "
            f"{_num(spread.log[1])}"
        )
    if report.second_read:
        kappa = report.agreement.kappa
        lines.append(
            f"second readings: {report.second_read} (agree {report.agreement.agree}, disagree "
            f"{report.agreement.disagree}; Cohen's kappa "
            + ("undefined" if kappa is None else f"{kappa:.2f}")
            + ")"
        )
    weighted = report.time_weighted or {"brier": report.brier, "log": report.log}
    lines.append(
        f"time-weighted (every estimate by its days in force; {report.updates} update"
        f"{'s' * (report.updates != 1)}): Brier {_num(weighted.get('brier'))}, log "
        f"{_num(weighted.get('log'))}"
    )
    lines += [
        f"base rate (share resolved yes): {_num(report.base_rate)}",
    ]
    if report.murphy is not None:
        m = report.murphy
        lines.append(
            f"Murphy: reliability {_num(m.reliability, 4)} - resolution {_num(m.resolution, 4)}"
            f" + uncertainty {_num(m.uncertainty, 4)}"
        )
    lines += [
        f"Brier skill vs always 50%: {_num(report.vs_half)}",
        f"Brier skill vs the base rate: {_num(report.vs_base_rate)}"
        + (
            " (undefined: every forecast resolved the same way)"
            if report.vs_base_rate is None
            else ""
        ),
        "calibration:",
        "  probability  count  observed",
    ]
    for b in report.calibration:
        lines.append(f"  {b.probability:11.3f}  {b.count:5d}  {b.observed:8.3f}")
    return "\n".join(lines) + "\n"


def format_groups(by: str, groups: dict[str, ScoreReport]) -> str:
    """The per-group table of ``report-checks score --by``: counts, scores and calibration."""

    name_width = max([len(by), *(len(name) for name in groups)])
    lines = [
        "",
        f"by {by}:",
        f"  {by:<{name_width}}  scored  void   Brier    log  calibration (p: observed, n)",
    ]
    for name, report in groups.items():
        bins = "; ".join(
            f"{b.probability:.2f}: {b.observed:.2f}, {b.count}" for b in report.calibration
        )
        lines.append(
            f"  {name:<{name_width}}  {report.resolved:6d}  {report.void:4d}  "
            f"{_num(report.brier):>6}  {_num(report.log):>6}  {bins}"
        )
    return "\n".join(lines) + "\n"
