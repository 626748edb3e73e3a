"""The score's range over contested outcomes: hand-computed cases and brute force."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from tradecraft.scoring import score, score_range

CASE = [
    ("F_1", 0.8, "yes"),  # not contested: Brier 0.04, log ln 0.8
    ("F_2", 0.7, "yes", "no"),  # Brier 0.09 or 0.49; log ln 0.7 or ln 0.3
    ("F_3", 0.4, "no", "annulled"),  # Brier 0.16 or void; log ln 0.6 or void
]


def test_best_and_worst_computed_by_hand() -> None:
    report = score(CASE)
    assert report.brier == pytest.approx((0.04 + 0.09 + 0.16) / 3)  # as coded
    assert report.range.contested == 2
    best, worst = report.range.brier
    assert best == pytest.approx((0.04 + 0.09) / 2)  # F_2 yes, F_3 void
    assert worst == pytest.approx((0.04 + 0.49) / 2)  # F_2 no, F_3 void
    best_log, worst_log = report.range.log
    assert best_log == pytest.approx((math.log(0.8) + math.log(0.7)) / 2)
    assert worst_log == pytest.approx((math.log(0.8) + math.log(0.3)) / 2)
    assert report.to_dict()["contested"] == 2
    assert report.to_dict()["range"]["brier"] == [pytest.approx(0.065), pytest.approx(0.265)]


def test_without_contested_outcomes_both_bounds_are_the_coded_score() -> None:
    report = score([("F_1", 0.8, "yes"), ("F_2", 0.3, "no"), ("F_3", 0.5, "ambiguous")])
    assert report.range.contested == 0
    assert report.range.brier == (pytest.approx(report.brier), pytest.approx(report.brier))
    assert report.range.log == (pytest.approx(report.log), pytest.approx(report.log))


def test_a_bound_is_null_when_no_reading_leaves_a_forecast_to_score() -> None:
    assert score_range([("F_1", 0.6, "ambiguous", "annulled")]).brier == (None, None)
    only = score_range([("F_1", 0.6, "ambiguous", "yes")])  # the one assignment with a mean
    assert only.brier == (pytest.approx(0.16), pytest.approx(0.16))


def _brier(p: float, verdict: str) -> float | None:
    return {"yes": (p - 1) ** 2, "no": p**2}.get(verdict)


def _log(p: float, verdict: str) -> float | None:
    p = min(max(p, 0.001), 0.999)
    return {"yes": math.log(p), "no": math.log(1 - p)}.get(verdict)


def _brute(items: list[tuple], measure) -> tuple[float | None, float | None]:
    contested = [i for i in items if len(i) > 3]
    means = []
    for choice in itertools.product((2, 3), repeat=len(contested)):
        readings = dict(zip((i[0] for i in contested), choice, strict=True))
        values = [measure(i[1], i[readings.get(i[0], 2)]) for i in items]
        values = [v for v in values if v is not None]
        if values:
            means.append(sum(values) / len(values))
    return (min(means), max(means)) if means else (None, None)


@pytest.mark.parametrize("seed", range(200))
def test_exact_bounds_equal_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    verdicts = ("yes", "no", "ambiguous", "annulled")
    items: list[tuple] = []
    for n in range(rng.randint(1, 7)):
        p = rng.choice((0.0, 0.1, 0.25, 0.5, 0.65, 0.9, 1.0))
        verdict = rng.choice(verdicts)
        if rng.random() < 0.5:
            alternative = rng.choice([v for v in verdicts if v != verdict])
            items.append((f"F_{n}", p, verdict, alternative))
        else:
            items.append((f"F_{n}", p, verdict))
    got = score_range(items)
    low, high = _brute(items, _brier)
    assert got.brier == (pytest.approx(low), pytest.approx(high))
    low, high = _brute(items, _log)
    assert got.log == (pytest.approx(high), pytest.approx(low))  # best log is the highest
