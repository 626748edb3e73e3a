"""Scores of resolved binary forecasts: Brier, log score, Murphy decomposition, calibration, skill.

Pure standard library (no numpy), because the Sphinx extension imports it to draw the track
record and ``report-checks score`` must start fast.

Conventions, which the report's method page prints from :func:`measures`:

- Only verdicts ``yes`` (outcome 1) and ``no`` (outcome 0) are scored. The void verdicts
  ``ambiguous`` and ``annulled`` are excluded and counted; a forecast without a verdict is open
  and ignored.
- Brier score: the mean of ``(p - o)^2``; 0 is perfect, 0.25 is always saying 50%, 1 is the worst.
- Log score: the mean of ``ln p`` of what happened (``ln p`` for yes, ``ln (1 - p)`` for no), so it
  is at most 0 and 0 is perfect. Probabilities are clipped to ``[0.001, 0.999]`` first, so a
  forecast of 0 or 1 that misses scores ``ln 0.001 = -6.91`` instead of minus infinity.
- Murphy decomposition ``BS = reliability - resolution + uncertainty``. It is exact when each bin
  holds a single probability, which is the default binning (the distinct probabilities used).
  With coarser bins a within-bin variance term is left out and the identity is approximate.
- Brier skill score ``1 - BS / BS_ref`` against always saying 50% (``BS_ref = 0.25``) and against
  always saying the base rate (``BS_ref = uncertainty``); the latter is undefined (``None``) when
  every scored forecast resolved the same way.
- Bootstrap interval of the mean Brier score: percentile interval of ``resamples`` resamples
  (with replacement) of the scored forecasts, drawn from ``random.Random(seed)``, so it is
  reproducible. A resample's mean depends only on how often each distinct per-forecast score is
  drawn, so a large record draws those counts from their multinomial distribution (exact, and
  independent of the number of forecasts); a small one (a group of ``score --by``) draws its
  forecasts one by one, which is cheaper there and has the same distribution.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from tradecraft.vocabulary import VERDICTS, VOID_VERDICTS

#: Outcome of each scored verdict: yes -> 1, no -> 0.
OUTCOMES: dict[str, int] = {v: int(v == "yes") for v in VERDICTS if v not in VOID_VERDICTS}
#: Probabilities are clipped to [LOG_CLIP, 1 - LOG_CLIP] before taking logarithms.
LOG_CLIP = 0.001
#: Defaults of the bootstrap interval.
RESAMPLES = 2000
LEVEL = 0.95
SEED = 2021
#: Probabilities closer than this share a bin in the default (distinct) binning.
_PRECISION = 9


@dataclass(frozen=True)
class Measure:
    """A row of the method page's table of scores: a measure, what it is, and how to read it.

    Text in backticks names a field or value (the method page sets it as code).
    """

    name: str
    what: str
    reading: str


def _or(words: Sequence[str]) -> str:
    quoted = [f"`{w}`" for w in words]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else "".join(quoted)


def measures() -> tuple[Measure, ...]:
    """What the track record reports, in words, with the numbers of the code that computes it."""
    scored = ", ".join(f"`{verdict}` as {outcome}" for verdict, outcome in OUTCOMES.items())
    half = forecast_brier(0.5, 1)
    return (
        Measure(
            "Outcome o",
            f"{scored}; {_or(VOID_VERDICTS)} is void: counted, never scored",
            "a forecast without a verdict is open and left out",
        ),
        Measure(
            "Brier score",
            "the mean of (p - o)², where p is the probability scored",
            f"from 0 (perfect) to {forecast_brier(0, 1):g}; always saying 50% scores {half:g}",
        ),
        Measure(
            "Log score",
            "the mean natural logarithm of the probability given to what happened: ln p for "
            f"a yes, ln (1 - p) for a no, with p first clipped to [{LOG_CLIP:g}, {1 - LOG_CLIP:g}]",
            f"from {math.log(LOG_CLIP):.2f} (a certain forecast that missed) to 0 (perfect); "
            f"always saying 50% scores {math.log(0.5):.3f}",
        ),
        Measure(
            "As published",
            "each forecast's first published estimate, corrections applied",
            "an update never changes it, whenever it is recorded",
        ),
        Measure(
            "Time-weighted",
            "every estimate weighted by the days it was in force, from its date to the earlier "
            "of the outcome's `resolved_on` and the forecast's `resolve_by`",
            "equal to as published when no forecast was updated",
        ),
        Measure(
            "Best and worst",
            "the mean scores over every choice among the readings of the contested outcomes "
            "(the verdict, the other reading, the second reader's verdict), each measure on its "
            "own",
            "equal to the score as coded when no outcome is contested",
        ),
        Measure(
            "Agreement",
            "of the outcomes read twice, how many second verdicts agree with the verdict, and "
            "Cohen's κ between the two readers over the four verdicts: (observed - expected) / "
            "(1 - expected), expected from each reader's own shares",
            "κ 1 is full agreement, 0 no better than chance; undefined when chance alone "
            "would agree fully (both readers always give the same one verdict)",
        ),
        Measure(
            "Calibration",
            "the forecasts grouped by probability, one bin for each probability used (or a "
            "chosen number of equal-width bins): each bin's mean probability, count and share "
            "that resolved yes",
            "well calibrated where the share resolved yes matches the probability",
        ),
        Measure(
            "Murphy decomposition",
            "Brier = reliability - resolution + uncertainty, over the calibration bins; "
            "uncertainty is b (1 - b), b the base rate (the share resolved yes)",
            "reliability: lower is better; resolution: higher is better; exact with one bin "
            "for each probability",
        ),
        Measure(
            "Skill",
            f"1 - Brier / reference, against always saying 50% (reference {half:g}) and against "
            "always saying the base rate (reference: the uncertainty)",
            "1 is perfect, 0 no better than the reference, below 0 worse; against the base rate "
            "undefined when every forecast resolved the same way",
        ),
        Measure(
            "Bootstrap interval",
            f"the {LEVEL:.0%} percentile interval of the mean Brier score over {RESAMPLES} "
            f"resamples (with replacement) of the scored forecasts, drawn with seed {SEED}",
            "how far the mean could move with another draw of forecasts like these; the same "
            "on every build",
        ),
    )


def forecast_brier(probability: float, outcome: int) -> float:
    """The Brier score of one forecast: ``(p - o)^2``."""
    return (probability - outcome) ** 2


def brier_score(probabilities: Sequence[float], outcomes: Sequence[int]) -> float | None:
    """The mean Brier score, or ``None`` for no forecasts."""
    _check(probabilities, outcomes)
    if not probabilities:
        return None
    return math.fsum(
        forecast_brier(p, o) for p, o in zip(probabilities, outcomes, strict=True)
    ) / len(probabilities)


def log_score(probabilities: Sequence[float], outcomes: Sequence[int]) -> float | None:
    """The mean natural-log score of what happened (≤ 0; p clipped to [0.001, 0.999])."""
    _check(probabilities, outcomes)
    if not probabilities:
        return None
    total = math.fsum(
        math.log(_clip(p) if o else 1 - _clip(p))
        for p, o in zip(probabilities, outcomes, strict=True)
    )
    return total / len(probabilities)


@dataclass(frozen=True)
class CalibrationBin:
    """Forecasts sharing a bin: their mean probability, how many, and how often yes happened."""

    probability: float
    low: float
    high: float
    count: int
    observed: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return asdict(self)


def calibration(
    probabilities: Sequence[float], outcomes: Sequence[int], bins: int | None = None
) -> list[CalibrationBin]:
    """Calibration bins, lowest first; ``bins=None`` gives one bin per distinct probability.

    ``bins=n`` gives ``n`` equal-width bins over [0, 1] (empty ones left out; 1.0 falls in the
    last bin).
    """
    _check(probabilities, outcomes)
    if bins is not None and bins < 1:
        raise ValueError(f"bins must be at least 1, not {bins}")
    groups: dict[float | int, list[tuple[float, int]]] = {}
    for p, o in zip(probabilities, outcomes, strict=True):
        slot = round(p, _PRECISION) if bins is None else min(int(p * bins), bins - 1)
        groups.setdefault(slot, []).append((p, o))
    result = []
    for slot in sorted(groups):
        members = groups[slot]
        ps = [p for p, _ in members]
        result.append(
            CalibrationBin(
                probability=math.fsum(ps) / len(ps),
                low=min(ps) if bins is None else slot / bins,
                high=max(ps) if bins is None else (slot + 1) / bins,
                count=len(members),
                observed=sum(o for _, o in members) / len(members),
            )
        )
    return result


@dataclass(frozen=True)
class Murphy:
    """Murphy's decomposition: ``BS = reliability - resolution + uncertainty``."""

    reliability: float
    resolution: float
    uncertainty: float

    def to_dict(self) -> dict[str, float]:
        """JSON-ready fields."""
        return asdict(self)


def murphy(
    probabilities: Sequence[float], outcomes: Sequence[int], bins: int | None = None
) -> Murphy | None:
    """The decomposition over :func:`calibration` bins (exact for the default, distinct bins)."""
    if not probabilities:
        return None
    n = len(probabilities)
    base = sum(outcomes) / n
    table = calibration(probabilities, outcomes, bins)
    reliability = math.fsum(b.count * (b.probability - b.observed) ** 2 for b in table) / n
    resolution = math.fsum(b.count * (b.observed - base) ** 2 for b in table) / n
    return Murphy(reliability, resolution, base * (1 - base))


def skill_score(score: float | None, reference: float | None) -> float | None:
    """``1 - score / reference``; ``None`` when either is missing or the reference is 0."""
    if score is None or reference is None or reference == 0:
        return None
    return 1 - score / reference


@dataclass(frozen=True)
class Interval:
    """A bootstrap percentile interval of the mean Brier score."""

    low: float
    high: float
    level: float
    resamples: int
    seed: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return asdict(self)


def bootstrap_brier(
    probabilities: Sequence[float],
    outcomes: Sequence[int],
    resamples: int = RESAMPLES,
    level: float = LEVEL,
    seed: int = SEED,
) -> Interval | None:
    """A seeded percentile bootstrap interval of the mean Brier score; ``None`` for no forecasts."""
    _check(probabilities, outcomes)
    if not probabilities:
        return None
    if resamples < 1 or not 0 < level < 1:
        raise ValueError("resamples must be at least 1 and level within (0, 1)")
    n = len(probabilities)
    counts: dict[float, int] = {}
    for p, o in zip(probabilities, outcomes, strict=True):
        value = forecast_brier(p, o)
        counts[value] = counts.get(value, 0) + 1
    values = sorted(counts)
    rng = random.Random(seed)
    # the cheaper of two exact ways: draw n forecasts, or the counts of the distinct scores
    if n <= DIRECT_FACTOR * len(values):
        means = sorted(_means_direct(rng, values, counts, resamples))
    else:
        means = sorted(_means_multinomial(rng, values, counts, resamples))
    tail = (1 - level) / 2
    return Interval(_quantile(means, tail), _quantile(means, 1 - tail), level, resamples, seed)


@dataclass(frozen=True)
class Scored:
    """One scored forecast."""

    id: str
    probability: float
    outcome: int

    @property
    def brier(self) -> float:
        """Its own Brier score."""
        return forecast_brier(self.probability, self.outcome)


#: A forecast as resolved: ``(id, probability, verdict)``, or with ``alternative``, the verdict
#: under the other reading of a contested outcome, as a fourth item, and the second reader's
#: verdict as a fifth.
Resolution = (
    tuple[str, float | None, str | None]
    | tuple[str, float | None, str | None, str | None]
    | tuple[str, float | None, str | None, str | None, str | None]
)


def readings_of(resolution: Resolution) -> tuple[str | None, ...]:
    """An outcome's distinct readings: its verdict, the other reading, the second verdict.

    More than one makes the outcome contested, whether a resolver said so or two readers
    disagree.
    """
    found: list[str | None] = [resolution[2]]
    for extra in resolution[3:]:
        if extra is not None and extra not in found:
            found.append(extra)
    return tuple(found)


def second_verdict(resolution: Resolution) -> str | None:
    """The second reader's verdict of a resolved forecast, or ``None``."""
    extra = resolution[4:]
    return extra[0] if extra else None


@dataclass(frozen=True)
class Agreement:
    """How far the second readings agree with the verdicts; Cohen's κ over the four verdicts.

    ``kappa`` is ``None`` where it is undefined: no outcome read twice, or chance agreement of
    1 (both readers gave one and the same verdict throughout).
    """

    agree: int = 0
    disagree: int = 0
    kappa: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return asdict(self)


def agreement(pairs: Iterable[tuple[str | None, str | None]]) -> Agreement:
    """The agreement of ``(verdict, second verdict)`` pairs; pairs without both are left out."""
    both = [(a, b) for a, b in pairs if a in VERDICTS and b in VERDICTS]
    n = len(both)
    agree = sum(a == b for a, b in both)
    if not n:
        return Agreement()
    observed = agree / n
    expected = math.fsum(
        sum(a == v for a, _ in both) * sum(b == v for _, b in both) for v in VERDICTS
    ) / (n * n)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    return Agreement(agree, n - agree, kappa)


@dataclass(frozen=True)
class ScoreRange:
    """How far the mean scores move over the readings of the contested outcomes.

    ``brier`` and ``log`` are ``(best, worst)``: the best and worst mean over every assignment
    of one of its readings to each contested outcome, each measure on its own (best Brier is
    the lowest, best log the highest). ``None`` where no assignment leaves a forecast to score.
    """

    contested: int
    brier: tuple[float | None, float | None]
    log: tuple[float | None, float | None]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {"brier": list(self.brier), "log": list(self.log)}


def _reading_score(probability: float, verdict: str | None, log: bool) -> float | None:
    """One forecast's score under one reading, or ``None`` when that reading voids it."""
    if verdict not in OUTCOMES:
        return None
    outcome = OUTCOMES[verdict]
    if log:
        return math.log(_clip(probability) if outcome else 1 - _clip(probability))
    return forecast_brier(probability, outcome)


def extreme_mean(
    fixed: Sequence[float],
    choices: Sequence[tuple[float | None, ...]],
    highest: bool,
) -> float | None:
    """The highest (or lowest) mean over every way of taking one of each tuple in ``choices``.

    ``fixed`` are scores always counted; each tuple holds a forecast's score under each of its
    readings, ``None`` for a reading that voids it (it then leaves the mean). Exact without
    enumerating every assignment: a tuple with no void reading always counts, so take its
    extreme; a tuple with a void reading counts or not, and counted gives its extreme score, so
    of those, the best choice for a given number taken is the most extreme ones: try each prefix
    of them sorted; tuples void every way never count. ``None`` when every assignment leaves
    nothing to average.
    """
    pick = max if highest else min
    total, count = math.fsum(fixed), len(fixed)
    optional: list[float] = []
    for scores in choices:
        counted = [value for value in scores if value is not None]
        if not counted:
            continue
        if len(counted) == len(scores):
            total += pick(counted)
            count += 1
        else:
            optional.append(pick(counted))
    optional.sort(reverse=highest)
    best: float | None = total / count if count else None
    for taken, value in enumerate(optional, 1):
        total += value
        mean = total / (count + taken)
        best = mean if best is None else pick(best, mean)
    return best


def score_range(resolutions: Iterable[Resolution]) -> ScoreRange:
    """The best and worst mean Brier and log scores over the contested outcomes' readings."""
    fixed: dict[bool, list[float]] = {False: [], True: []}
    pairs: dict[bool, list[tuple[float | None, ...]]] = {False: [], True: []}
    contested = 0
    for item in resolutions:
        probability = item[1]
        if probability is None or not 0 <= probability <= 1:
            continue
        options = readings_of(item)
        for log in (False, True):
            scores = tuple(_reading_score(probability, verdict, log) for verdict in options)
            if len(scores) > 1:
                pairs[log].append(scores)
            elif scores[0] is not None:
                fixed[log].append(scores[0])
        contested += len(options) > 1

    def bounds(log: bool) -> tuple[float | None, float | None]:
        # best Brier is the lowest mean, best log score the highest
        return (
            extreme_mean(fixed[log], pairs[log], highest=log),
            extreme_mean(fixed[log], pairs[log], highest=not log),
        )

    return ScoreRange(contested, bounds(False), bounds(True))


@dataclass(frozen=True)
class Timeline:
    """A resolved forecast's estimates, each from the day it was made, and the day it ended.

    ``estimates`` are ``(day, probability)`` in the order made; the first is in force from the day
    the forecast was made. ``end`` is the earlier of the outcome's date and the resolve-by date.
    """

    id: str
    estimates: tuple[tuple[date | None, float], ...]
    end: date | None
    verdict: str | None


def time_weights(timeline: Timeline) -> list[float]:
    """The share of its days each estimate was in force (Good Judgment Open's daily average).

    An estimate counts from its day to the next one's (or the end); days after the end do not
    count. A timeline with no day in it (made and resolved the same day, or undated) gives all
    the weight to the first estimate.
    """
    days = []
    for number, (start, _p) in enumerate(timeline.estimates):
        following = (
            timeline.estimates[number + 1][0] if number + 1 < len(timeline.estimates) else None
        )
        stop = timeline.end if following is None else min(following, timeline.end or following)
        days.append(max(0, (stop - start).days) if start and stop else 0)
    total = sum(days)
    if total == 0:
        return [1.0] + [0.0] * (len(days) - 1)
    return [d / total for d in days]


def time_weighted(timelines: Iterable[Timeline]) -> dict[str, float | None]:
    """Mean Brier and log scores with each forecast's estimates weighted by their days in force.

    Only forecasts resolved yes or no count; with no updates this equals the plain means.
    """
    briers, logs = [], []
    for timeline in timelines:
        if timeline.verdict not in OUTCOMES or not timeline.estimates:
            continue
        outcome = OUTCOMES[timeline.verdict]
        weights = time_weights(timeline)
        ps = [p for _day, p in timeline.estimates]
        briers.append(
            math.fsum(w * forecast_brier(p, outcome) for w, p in zip(weights, ps, strict=True))
        )
        logs.append(
            math.fsum(
                w * math.log(_clip(p) if outcome else 1 - _clip(p))
                for w, p in zip(weights, ps, strict=True)
            )
        )
    return {
        "brier": math.fsum(briers) / len(briers) if briers else None,
        "log": math.fsum(logs) / len(logs) if logs else None,
    }


@dataclass(frozen=True)
class ScoreReport:
    """Everything ``report-checks score`` prints and the track-record page draws."""

    resolved: int
    void: int
    brier: float | None
    log: float | None
    murphy: Murphy | None
    calibration: list[CalibrationBin]
    vs_half: float | None
    vs_base_rate: float | None
    base_rate: float | None
    bootstrap: Interval | None
    forecasts: list[Scored] = field(default_factory=list)
    #: Resolved forecasts left out because they have no usable probability.
    unscorable: list[str] = field(default_factory=list)
    #: The scores' range over the readings of contested outcomes.
    range: ScoreRange = field(default_factory=lambda: ScoreRange(0, (None, None), (None, None)))
    #: Mean Brier and log scores with every estimate weighted by its days in force.
    time_weighted: dict[str, float | None] = field(default_factory=dict)
    #: How many updates (new estimates after the published one) the time weighting counts.
    updates: int = 0
    #: How many outcomes were read a second time, and how far the readers agree.
    second_read: int = 0
    agreement: Agreement = field(default_factory=Agreement)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``report-checks score --format json``."""
        return {
            "resolved": self.resolved,
            "void": self.void,
            "brier": self.brier,
            "log": self.log,
            "base_rate": self.base_rate,
            "murphy": self.murphy.to_dict() if self.murphy else None,
            "calibration": [b.to_dict() for b in self.calibration],
            "skill": {"vs_half": self.vs_half, "vs_base_rate": self.vs_base_rate},
            "bootstrap": self.bootstrap.to_dict() if self.bootstrap else None,
            "forecasts": [
                {"id": s.id, "probability": s.probability, "outcome": s.outcome, "brier": s.brier}
                for s in self.forecasts
            ],
            "unscorable": list(self.unscorable),
            "contested": self.range.contested,
            "range": self.range.to_dict(),
            "time_weighted": dict(self.time_weighted) or {"brier": self.brier, "log": self.log},
            "updates": self.updates,
            "second_read": self.second_read,
            "agreement": self.agreement.to_dict(),
        }


def score(
    resolutions: Iterable[Resolution],
    bins: int | None = None,
    resamples: int = RESAMPLES,
    level: float = LEVEL,
    seed: int = SEED,
) -> ScoreReport:
    """Score resolved forecasts: yes/no scored, void counted, others ignored.

    Each is ``(id, probability, verdict)`` or, for a contested outcome, ``(id, probability,
    verdict, alternative)``, and for an outcome read twice ``(id, probability, verdict,
    alternative or None, second verdict)``: the figures are the record as coded,
    :attr:`ScoreReport.range` how far they move over the other readings, and
    :attr:`ScoreReport.agreement` how far the two readers agree.
    """
    items = list(resolutions)
    scored: list[Scored] = []
    void = 0
    unscorable: list[str] = []
    for item in items:
        forecast_id, probability, verdict = item[:3]
        if verdict in VOID_VERDICTS:
            void += 1
        elif verdict in OUTCOMES:
            if probability is None or not 0 <= probability <= 1:
                unscorable.append(forecast_id)
            else:
                scored.append(Scored(forecast_id, probability, OUTCOMES[verdict]))
    ps = [s.probability for s in scored]
    os = [s.outcome for s in scored]
    brier = brier_score(ps, os)
    decomposition = murphy(ps, os, bins)
    base_rate = sum(os) / len(os) if os else None
    return ScoreReport(
        resolved=len(scored),
        void=void,
        brier=brier,
        log=log_score(ps, os),
        murphy=decomposition,
        calibration=calibration(ps, os, bins),
        vs_half=skill_score(brier, 0.25),
        vs_base_rate=skill_score(brier, decomposition.uncertainty if decomposition else None),
        base_rate=base_rate,
        bootstrap=bootstrap_brier(ps, os, resamples, level, seed),
        forecasts=scored,
        unscorable=unscorable,
        range=score_range(items),
        second_read=sum(1 for item in items if second_verdict(item) is not None),
        agreement=agreement((item[2], second_verdict(item)) for item in items),
    )


def _check(probabilities: Sequence[float], outcomes: Sequence[int]) -> None:
    if len(probabilities) != len(outcomes):
        raise ValueError("probabilities and outcomes differ in length")


def _clip(p: float) -> float:
    return min(max(p, LOG_CLIP), 1 - LOG_CLIP)


def _quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default method)."""
    position = (len(ordered) - 1) * q
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


#: Below this many forecasts per distinct score, resampling forecasts one by one is cheaper than
#: drawing the counts of each distinct score (measured: a group of 50 with 20 distinct scores).
DIRECT_FACTOR = 4


def _means_direct(
    rng: random.Random, values: Sequence[float], counts: dict[float, int], resamples: int
) -> list[float]:
    """Resample means, drawing the forecasts one by one (with replacement)."""
    population = [v for v in values for _ in range(counts[v])]
    n = len(population)
    return [math.fsum(rng.choices(population, k=n)) / n for _ in range(resamples)]


def _means_multinomial(
    rng: random.Random, values: Sequence[float], counts: dict[float, int], resamples: int
) -> list[float]:
    """Resample means from the multinomial counts of the distinct scores (as many draws as
    there are distinct scores, whatever the number of forecasts)."""
    n = sum(counts.values())
    weights = [counts[v] / n for v in values]
    return [
        math.fsum(v * c for v, c in zip(values, _multinomial(rng, n, weights), strict=True)) / n
        for _ in range(resamples)
    ]


def _multinomial(rng: random.Random, n: int, weights: Sequence[float]) -> list[int]:
    """Counts of ``n`` draws over categories with ``weights``, by conditional binomials."""
    counts = []
    left, mass = n, 1.0
    for weight in weights[:-1]:
        drawn = _binomial(rng, left, min(1.0, weight / mass)) if left and mass > 0 else 0
        counts.append(drawn)
        left -= drawn
        mass -= weight
    counts.append(left)
    return counts


def _binomial(rng: random.Random, n: int, p: float) -> int:
    """A binomial draw; the algorithms of CPython 3.12's ``random.binomialvariate``.

    Kept here (rather than calling it) so results are the same on Python 3.11.
    """
    if p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    if n == 1:
        return int(rng.random() < p)
    if p > 0.5:
        return n - _binomial(rng, n, 1.0 - p)
    if n * p < 10.0:
        # Devroye's geometric method, O(np)
        x = y = 0
        c = math.log2(1.0 - p)
        if not c:
            return x
        while True:
            y += math.floor(math.log2(1.0 - rng.random()) / c) + 1
            if y > n:
                return x
            x += 1
    # BTRS: transformed rejection with squeeze (Hörmann 1993)
    spq = math.sqrt(n * p * (1.0 - p))
    b = 1.15 + 2.53 * spq
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    vr = 0.92 - 4.2 / b
    alpha = (2.83 + 5.1 / b) * spq
    lpq = math.log(p / (1.0 - p))
    m = math.floor((n + 1) * p)
    h = math.lgamma(m + 1) + math.lgamma(n - m + 1)
    while True:
        u = rng.random() - 0.5
        us = 0.5 - abs(u)
        if us == 0.0:
            continue
        k = math.floor((2.0 * a / us + b) * u + c)
        if k < 0 or k > n:
            continue
        v = rng.random()
        if us >= 0.07 and v <= vr:
            return k
        v *= alpha / (a / (us * us) + b)
        if math.log(v) <= h - math.lgamma(k + 1) - math.lgamma(n - k + 1) + (k - m) * lpq:
            return k
