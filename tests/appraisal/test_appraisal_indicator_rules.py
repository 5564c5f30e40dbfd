"""Worked examples for each indicator scoring rule (ratio, band, binary, deduction)."""

from __future__ import annotations

import numpy as np
import pytest

from appraisal import score_band, score_binary, score_deduction, score_ratio
from appraisal.indicator_rules import score_rows


def one(fn, *args):
    return float(fn(*[np.atleast_1d(a) for a in args])[0])


class TestRatio:
    def test_higher_is_better_is_actual_over_target(self):
        """Higher is better: 100 × 45 / 50 = 90."""
        assert one(score_ratio, 45, 50, 100, False) == pytest.approx(90.0)

    def test_higher_is_better_is_capped(self):
        """Higher is better: 100 × 70 / 50 = 140, capped at 120."""
        assert one(score_ratio, 70, 50, 120, False) == pytest.approx(120.0)

    def test_higher_is_better_actual_zero_scores_zero(self):
        """Higher is better with nothing achieved: 100 × 0 / 50 = 0."""
        assert one(score_ratio, 0, 50, 100, False) == 0.0

    def test_lower_is_better_is_target_over_actual(self):
        """Lower is better: 4 complaints against a target of 2 → 100 × 2 / 4 = 50."""
        assert one(score_ratio, 4, 2, 100, True) == pytest.approx(50.0)

    def test_lower_is_better_is_capped(self):
        """Lower is better: 1 against target 2 → 200, capped at 110."""
        assert one(score_ratio, 1, 2, 110, True) == pytest.approx(110.0)

    def test_lower_is_better_actual_zero_scores_cap(self):
        """Lower is better with no incident at all: the cap, not a division by zero."""
        assert one(score_ratio, 0, 2, 105, True) == pytest.approx(105.0)

    def test_missing_actual_stays_missing(self):
        """No actual → NaN, so the caller can leave the indicator out instead of scoring 0."""
        assert np.isnan(one(score_ratio, np.nan, 2, 100, False))


class TestBand:
    ARGS = dict(target=100.0, threshold=80.0, stretch=120.0, cap=110.0)

    def band(self, actual, lower=False, **kw):
        p = {**self.ARGS, **kw}
        return one(score_band, actual, p["target"], p["threshold"], p["stretch"], p["cap"], lower)

    def test_below_threshold_is_zero(self):
        """79 < threshold 80 → 0."""
        assert self.band(79) == 0.0

    def test_at_threshold_is_sixty(self):
        """At the threshold the line starts at 60."""
        assert self.band(80) == pytest.approx(60.0)

    def test_threshold_to_target_is_linear(self):
        """90 is halfway from 80 to 100 → 60 + 40 × 0.5 = 80."""
        assert self.band(90) == pytest.approx(80.0)

    def test_at_target_is_hundred(self):
        """At the target exactly 100."""
        assert self.band(100) == pytest.approx(100.0)

    def test_target_to_stretch_is_linear_to_cap(self):
        """110 is halfway from 100 to 120 → 100 + (110 − 100) × 0.5 = 105."""
        assert self.band(110) == pytest.approx(105.0)

    def test_above_stretch_is_cap(self):
        """Anything beyond the stretch earns the cap."""
        assert self.band(150) == pytest.approx(110.0)

    def test_mirrored_when_lower_is_better(self):
        """Errors (lower is better): threshold 6, target 2, stretch 0, cap 110.

        7 → 0; 6 → 60; 4 → 60 + 40 × (6−4)/(6−2) = 80; 2 → 100; 1 → 105; 0 → 110.
        """
        kw = dict(target=2.0, threshold=6.0, stretch=0.0, cap=110.0, lower=True)
        got = [self.band(a, **kw) for a in (7, 6, 4, 2, 1, 0)]
        assert got == pytest.approx([0.0, 60.0, 80.0, 100.0, 105.0, 110.0])

    def test_blank_stretch_means_hundred_above_target(self):
        """Without a stretch there is no segment above the target: 150 → 100, not the cap."""
        assert self.band(150, stretch=np.nan) == pytest.approx(100.0)

    def test_blank_threshold_means_target_is_the_threshold(self):
        """Without a threshold, below the target is 0 and at the target 100."""
        assert self.band(99, threshold=np.nan) == 0.0
        assert self.band(100, threshold=np.nan) == pytest.approx(100.0)


class TestBinaryAndDeduction:
    def test_binary_higher(self):
        """Met (≥ target) → 100, not met → 0."""
        assert one(score_binary, 1, 1, False) == 100.0
        assert one(score_binary, 0.99, 1, False) == 0.0

    def test_binary_lower(self):
        """Lower is better: met when actual ≤ target."""
        assert one(score_binary, 2, 2, True) == 100.0
        assert one(score_binary, 3, 2, True) == 0.0

    def test_deduction_subtracts_points(self):
        """Three incidents of 5, 5 and 2 points: 100 − 12 = 88."""
        assert one(score_deduction, 12) == pytest.approx(88.0)

    def test_deduction_is_floored_at_zero(self):
        """130 points of deductions cannot go below 0."""
        assert one(score_deduction, 130) == 0.0

    def test_deduction_without_incidents_is_full_marks(self):
        """No event rows (NaN sum) is 100, never missing."""
        assert one(score_deduction, np.nan) == 100.0

    def test_score_rows_dispatches_by_rule(self):
        """Mixed rows are each scored by their own rule (ratings pass through, clipped)."""
        rule = np.array(["ratio", "band", "binary", "deduction", "rating"], dtype=object)
        actual = np.array([5.0, 90.0, 1.0, 30.0, 87.5])
        target = np.array([10.0, 100.0, 1.0, np.nan, np.nan])
        threshold = np.array([np.nan, 80.0, np.nan, np.nan, np.nan])
        stretch = np.array([np.nan, 120.0, np.nan, np.nan, np.nan])
        cap = np.full(5, 100.0)
        got = score_rows(rule, actual, target, threshold, stretch, cap, np.zeros(5, bool))
        assert got == pytest.approx([50.0, 80.0, 100.0, 70.0, 87.5])
