"""Scoring against hand-computed values and against the properties every score must have."""

from __future__ import annotations

import math
import random

import pytest

from checks import score_text
from tradecraft import scoring
from tradecraft.scoring import (
    bootstrap_brier,
    brier_score,
    calibration,
    log_score,
    murphy,
    score,
    skill_score,
)

P = [0.8, 0.3, 0.65]
OUT = [1, 0, 0]


def triples(ps: list[float], os: list[int]) -> list[tuple[str, float, str]]:
    return [
        (f"F_{i}", p, "yes" if o else "no") for i, (p, o) in enumerate(zip(ps, os, strict=True))
    ]


def test_brier_by_hand() -> None:
    # (0.2^2 + 0.3^2 + 0.65^2) / 3 = (0.04 + 0.09 + 0.4225) / 3
    assert brier_score(P, OUT) == pytest.approx(0.5525 / 3)


def test_log_score_by_hand() -> None:
    expected = (math.log(0.8) + math.log(0.7) + math.log(0.35)) / 3
    assert log_score(P, OUT) == pytest.approx(expected)
    assert log_score(P, OUT) == pytest.approx(-0.543213, abs=1e-6)


def test_log_score_clips_certainties() -> None:
    assert log_score([1.0], [0]) == pytest.approx(math.log(0.001))
    assert log_score([0.0], [0]) == pytest.approx(math.log(0.999))


def test_murphy_by_hand() -> None:
    m = murphy(P, OUT)
    assert m is not None
    assert m.uncertainty == pytest.approx(2 / 9)  # base rate 1/3
    assert m.resolution == pytest.approx(2 / 9)  # ((2/3)^2 + (1/3)^2 + (1/3)^2) / 3
    assert m.reliability == pytest.approx(0.5525 / 3)  # each bin holds one forecast


def test_skill_by_hand() -> None:
    report = score(triples(P, OUT))
    assert report.vs_half == pytest.approx(1 - (0.5525 / 3) / 0.25)
    assert report.vs_base_rate == pytest.approx(1 - (0.5525 / 3) / (2 / 9))


def test_calibration_bins_are_distinct_probabilities() -> None:
    bins = calibration([0.65, 0.65, 0.3, 0.65], [1, 0, 0, 1])
    assert [(b.probability, b.count, b.observed) for b in bins] == [
        (0.3, 1, 0.0),
        (pytest.approx(0.65), 3, pytest.approx(2 / 3)),
    ]


def test_calibration_equal_width_bins() -> None:
    bins = calibration([0.05, 0.15, 0.12, 1.0], [0, 1, 0, 1], bins=10)
    assert [(b.low, b.high, b.count) for b in bins] == [
        (0.0, 0.1, 1),
        (0.1, 0.2, 2),
        (0.9, 1.0, 1),
    ]


def random_case(seed: int, n: int = 40) -> tuple[list[float], list[int]]:
    rng = random.Random(seed)
    ps = [rng.choice([0.025, 0.15, 0.3, 0.45, 0.65, 0.85, 0.975, rng.random()]) for _ in range(n)]
    return ps, [int(rng.random() < 0.4) for _ in range(n)]


@pytest.mark.parametrize("seed", range(20))
def test_brier_within_zero_and_one(seed: int) -> None:
    ps, os = random_case(seed)
    assert 0 <= brier_score(ps, os) <= 1  # type: ignore[operator]
    assert log_score(ps, os) <= 0  # type: ignore[operator]


@pytest.mark.parametrize("seed", range(20))
def test_murphy_identity_is_exact_with_distinct_bins(seed: int) -> None:
    ps, os = random_case(seed)
    m = murphy(ps, os)
    assert m is not None
    assert m.reliability - m.resolution + m.uncertainty == pytest.approx(
        brier_score(ps, os), abs=1e-12
    )


def test_perfect_forecasts_score_zero() -> None:
    report = score(triples([1.0, 0.0, 1.0], [1, 0, 1]))
    assert report.brier == 0
    assert report.log == pytest.approx(math.log(0.999))
    assert report.vs_half == 1


def test_half_everywhere_scores_a_quarter() -> None:
    ps, os = random_case(3)
    report = score(triples([0.5] * len(ps), os))
    assert report.brier == pytest.approx(0.25)
    assert report.vs_half == pytest.approx(0)
    assert report.log == pytest.approx(math.log(0.5))


def test_void_verdicts_never_change_a_score() -> None:
    base = triples(P, OUT)
    with_void = [
        *base,
        ("F_V1", 0.99, "ambiguous"),
        ("F_V2", 0.01, "annulled"),
        ("F_OPEN", 0.5, None),
    ]
    plain, voided = score(base), score(with_void)
    assert voided.void == 2 and plain.void == 0
    assert voided.resolved == plain.resolved == 3
    for key in ("brier", "log", "murphy", "calibration", "skill", "bootstrap", "forecasts"):
        assert voided.to_dict()[key] == plain.to_dict()[key], key


def test_base_rate_skill_undefined_when_all_resolved_alike() -> None:
    report = score(triples([0.7, 0.9], [1, 1]))
    assert report.vs_base_rate is None
    assert report.vs_half is not None
    assert skill_score(0.1, 0) is None


def test_nothing_resolved() -> None:
    report = score([("F_A", 0.7, None), ("F_B", 0.2, "annulled")])
    data = report.to_dict()
    assert data["resolved"] == 0 and data["void"] == 1
    assert data["brier"] is None and data["murphy"] is None and data["bootstrap"] is None
    assert "nothing to score" in score_text.format_report(report)


def test_to_dict_keys_and_types() -> None:
    data = score(triples(P, OUT)).to_dict()
    assert isinstance(data["resolved"], int) and isinstance(data["void"], int)
    assert set(data["murphy"]) == {"reliability", "resolution", "uncertainty"}
    assert set(data["skill"]) == {"vs_half", "vs_base_rate"}
    assert {"low", "high"} <= set(data["bootstrap"])
    assert all({"probability", "count", "observed"} <= set(b) for b in data["calibration"])
    assert [f["brier"] for f in data["forecasts"]] == pytest.approx([0.04, 0.09, 0.4225])


def test_bootstrap_is_seeded_and_brackets_the_mean() -> None:
    ps, os = random_case(7, n=60)
    first = bootstrap_brier(ps, os, seed=5)
    again = bootstrap_brier(ps, os, seed=5)
    other = bootstrap_brier(ps, os, seed=6)
    assert first == again
    assert first != other
    assert first is not None
    assert first.low <= brier_score(ps, os) <= first.high  # type: ignore[operator]
    assert first.low < first.high


def test_bootstrap_matches_plain_resampling() -> None:
    """The multinomial shortcut has the distribution of resampling forecasts one by one."""
    ps, os = random_case(11, n=30)
    values = [(p - o) ** 2 for p, o in zip(ps, os, strict=True)]
    counts: dict[float, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    distinct = sorted(counts)
    fast = sorted(scoring._means_multinomial(random.Random(1), distinct, counts, 4000))
    plain = sorted(scoring._means_direct(random.Random(2), distinct, counts, 4000))
    for q in (0.025, 0.5, 0.975):
        assert scoring._quantile(fast, q) == pytest.approx(scoring._quantile(plain, q), abs=0.01)


@pytest.mark.parametrize("n", [8, 400])
def test_bootstrap_takes_the_cheaper_exact_way(n: int) -> None:
    ps, os = random_case(3, n=n)
    interval = bootstrap_brier(ps, os, resamples=500, seed=4)
    assert interval is not None and interval.low <= brier_score(ps, os) <= interval.high


def test_quantile_interpolates_between_order_statistics() -> None:
    assert scoring._quantile([0.0, 1.0, 2.0, 3.0], 0.5) == 1.5
    assert scoring._quantile([0.0, 1.0, 2.0, 3.0], 0.25) == 0.75
    assert scoring._quantile([0.0, 1.0, 2.0, 3.0], 1.0) == 3.0
    assert scoring._quantile([5.0], 0.975) == 5.0


def test_binomial_draws_have_the_right_mean() -> None:
    rng = random.Random(3)
    for n, p in ((5, 0.3), (40, 0.2), (1000, 0.37), (1000, 0.9)):
        draws = [scoring._binomial(rng, n, p) for _ in range(3000)]
        assert all(0 <= d <= n for d in draws)
        assert sum(draws) / len(draws) == pytest.approx(n * p, rel=0.03, abs=0.1)
