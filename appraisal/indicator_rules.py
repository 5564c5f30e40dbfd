"""Indicator scoring rules: raw value → score on the 0–100 (up to ``cap``) scale.

Each rule is one vectorised function over aligned arrays (one element per person and
indicator), so the whole office is scored in a handful of numpy operations. ``lower`` is a
boolean array: True where lower is better. Missing raw values (NaN) stay NaN; the caller
leaves such an indicator out and says so.
"""

from __future__ import annotations

import numpy as np


def _arr(x) -> np.ndarray:
    return np.asarray(x, dtype=float)


def score_ratio(actual, target, cap, lower) -> np.ndarray:
    """``min(cap, 100·actual/target)``; lower is better: ``min(cap, 100·target/actual)``.

    A lower-is-better actual of 0 (no incidents at all) earns ``cap`` because nothing could be
    better. Negative results (a negative actual) are floored at 0 so one odd entry cannot pull
    a dimension below zero.
    """
    a, t, c, low = _arr(actual), _arr(target), _arr(cap), np.asarray(lower, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        up = 100.0 * a / t
        down = np.where(a == 0, c, 100.0 * t / np.where(a == 0, 1.0, a))
    raw = np.where(low, down, up)
    out = np.clip(np.minimum(c, raw), 0.0, None)
    return np.where(np.isnan(a), np.nan, out)


def score_band(actual, target, threshold, stretch, cap, lower) -> np.ndarray:
    """Piecewise linear: below threshold 0, threshold→target 60→100, target→stretch 100→cap.

    Mirrored when lower is better (computed by negating every value, which turns "lower" into
    "higher" with the same breakpoints). A blank threshold means the target itself (so below
    target scores 0); a blank stretch means no stretch segment (at or above target scores 100).
    """
    low = np.asarray(lower, dtype=bool)
    sign = np.where(low, -1.0, 1.0)
    a, t = _arr(actual) * sign, _arr(target) * sign
    th = _arr(threshold) * sign
    st = _arr(stretch) * sign
    c = _arr(cap)
    th = np.where(np.isnan(th), t, th)
    no_stretch = np.isnan(st)
    st = np.where(no_stretch, t, st)
    with np.errstate(divide="ignore", invalid="ignore"):
        rise = 60.0 + 40.0 * (a - th) / (t - th)
        over = 100.0 + (c - 100.0) * (a - t) / (st - t)
    top = np.where(no_stretch, np.minimum(100.0, c), c)
    out = np.select(
        [a < th, a < t, (a <= st) & (st > t), a > st],
        [0.0, np.where(t > th, rise, 100.0), over, top],
        default=np.minimum(100.0, c),
    )
    return np.where(np.isnan(a), np.nan, out)


def score_binary(actual, target, lower) -> np.ndarray:
    """100 when the target is met (≥ target, or ≤ target when lower is better), else 0."""
    a, t, low = _arr(actual), _arr(target), np.asarray(lower, dtype=bool)
    met = np.where(low, a <= t, a >= t)
    return np.where(np.isnan(a), np.nan, np.where(met, 100.0, 0.0))


def score_deduction(points) -> np.ndarray:
    """``max(0, 100 − Σ points)``; ``points`` is already the sum per person and indicator.

    No incident at all is a full 100, so NaN (no rows) counts as 0 points here: a deduction
    indicator is never "missing".
    """
    p = np.nan_to_num(_arr(points), nan=0.0)
    return np.maximum(0.0, 100.0 - p)


def score_rows(rule, actual, target, threshold, stretch, cap, lower) -> np.ndarray:
    """Score mixed rows by their ``rule`` column (ratings arrive already on the 0–100 scale)."""
    rule = np.asarray(rule, dtype=object)
    a = _arr(actual)
    out = np.full(a.shape, np.nan)
    for name, fn in (
        ("ratio", lambda m: score_ratio(a[m], _arr(target)[m], _arr(cap)[m], lower[m])),
        ("band", lambda m: score_band(a[m], _arr(target)[m], _arr(threshold)[m],
                                      _arr(stretch)[m], _arr(cap)[m], lower[m])),
        ("binary", lambda m: score_binary(a[m], _arr(target)[m], lower[m])),
        ("deduction", lambda m: score_deduction(a[m])),
        ("rating", lambda m: np.clip(a[m], 0.0, 100.0)),
    ):
        mask = rule == name
        if mask.any():
            out[mask] = fn(mask)
    return out
