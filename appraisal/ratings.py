"""Rater aggregation for ``rating`` indicators: void raters, normalisation, trimming, groups.

Order of the steps, and why:

1. A rater who gave the same score to at least three people in one indicator did not really
   rate them; those ballots are void (never self ballots: one self ballot is always "uniform").
2. Optional per-rater z-score normalisation (``normalise_raters``) removes each rater's
   leniency: a rater's scores in one indicator are standardised and mapped back onto the mean
   and spread of all non-self ballots of that indicator, then clipped to 0–100. Raters whose
   scores in the indicator have no spread (a single ballot) are left as they are.
3. Per ratee, indicator and group: with more than ``trim_above`` valid ballots the single
   highest and lowest are dropped (exactly ``trim_above``: nothing dropped), then the mean.
4. Groups are combined with the rule weights, renormalised over the groups present.

Ballots can number in the millions, so ids are turned into integer codes once and every
aggregate is a ``numpy.bincount`` or ``ufunc.at`` over dense integer keys.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import RATER_GROUPS, Rules

MIN_BALLOTS_TO_VOID = 3
_GROUP_CODE = {g: i for i, g in enumerate(RATER_GROUPS)}
_SELF = _GROUP_CODE["self"]


def _codes(s: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and their labels (free for categorical columns)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.codes.to_numpy(np.int64), pd.Index(s.cat.categories)
    codes, uniques = pd.factorize(s)
    return codes.astype(np.int64), pd.Index(uniques)


def _stats(key: np.ndarray, values: np.ndarray, n: int):
    """Count, sum, max and min of ``values`` per dense key in ``[0, n)``."""
    cnt = np.bincount(key, minlength=n)
    tot = np.bincount(key, weights=values, minlength=n)
    hi = np.full(n, -np.inf)
    lo = np.full(n, np.inf)
    np.maximum.at(hi, key, values)
    np.minimum.at(lo, key, values)
    return cnt, tot, hi, lo


class _Ballots:
    """The ballots as integer codes, shared by every step below."""

    def __init__(self, ratings: pd.DataFrame):
        self.rater, self.raters = _codes(ratings["rater_id"])
        self.staff, self.staffs = _codes(ratings["staff_id"])
        self.ind, self.inds = _codes(ratings["indicator_id"])
        gcodes, guniques = _codes(ratings["rater_group"])
        lut = np.array([_GROUP_CODE.get(str(u), -1) for u in guniques] + [-1], dtype=np.int64)
        self.group = lut[gcodes]  # code -1 (missing) picks the trailing -1
        self.score = ratings["score"].to_numpy(float)
        self.n_ind = max(len(self.inds), 1)

    def void_mask(self) -> tuple[np.ndarray, pd.DataFrame]:
        """Ballot mask of void ballots, and the void (rater, indicator) list."""
        others = self.group != _SELF
        key = self.rater * self.n_ind + self.ind
        n = max(len(self.raters), 1) * self.n_ind
        cnt, _, hi, lo = _stats(key[others], self.score[others], n)
        bad = (cnt >= MIN_BALLOTS_TO_VOID) & (hi == lo)
        where = np.flatnonzero(bad)
        void = pd.DataFrame({"rater_id": self.raters[where // self.n_ind].astype(str),
                             "indicator_id": self.inds[where % self.n_ind].astype(str),
                             "ballots": cnt[where], "score": hi[where]})
        void = void.sort_values(["rater_id", "indicator_id"], ignore_index=True)
        return bad[key] & others, void

    def normalised(self, keep: np.ndarray) -> np.ndarray:
        """Scores after per-rater z-score normalisation (only ``keep`` ballots count)."""
        s = self.score.copy()
        others = keep & (self.group != _SELF)
        key = self.rater * self.n_ind + self.ind
        n = max(len(self.raters), 1) * self.n_ind
        w = others.astype(float)
        cnt = np.bincount(key, weights=w, minlength=n)
        tot = np.bincount(key, weights=w * s, minlength=n)
        sq = np.bincount(key, weights=w * s * s, minlength=n)
        icnt = np.bincount(self.ind, weights=w, minlength=self.n_ind)
        itot = np.bincount(self.ind, weights=w * s, minlength=self.n_ind)
        isq = np.bincount(self.ind, weights=w * s * s, minlength=self.n_ind)
        with np.errstate(divide="ignore", invalid="ignore"):
            r_mean = tot / cnt
            r_std = np.sqrt(np.maximum(0.0, sq / cnt - r_mean**2))
            i_mean = itot / icnt
            i_std = np.sqrt(np.maximum(0.0, isq / icnt - i_mean**2))
            z = (s - r_mean[key]) / r_std[key]
        mapped = np.clip(i_mean[self.ind] + z * i_std[self.ind], 0.0, 100.0)
        usable = others & (r_std[key] > 1e-9) & np.isfinite(mapped)
        return np.where(usable, mapped, s)


def void_raters(ratings: pd.DataFrame) -> pd.DataFrame:
    """Raters void per indicator: ≥ 3 ratees, all with one and the same score.

    Returns a frame ``rater_id``, ``indicator_id``, ``ballots``, ``score`` (the repeated score).
    """
    if ratings.empty:
        return pd.DataFrame(columns=["rater_id", "indicator_id", "ballots", "score"])
    return _Ballots(ratings).void_mask()[1]


def _group_arrays(b: _Ballots, rules: Rules):
    """Per (ratee, indicator, group): ballots kept, trimmed flag and mean (dense arrays)."""
    void, void_list = b.void_mask()
    keep = ~void & (b.group >= 0)
    score = b.normalised(keep) if rules.normalise_raters else b.score
    n_g = len(RATER_GROUPS)
    key = (b.staff * b.n_ind + b.ind) * n_g + b.group
    n = max(len(b.staffs), 1) * b.n_ind * n_g
    cnt, tot, hi, lo = _stats(key[keep], score[keep], n)
    trim = cnt > rules.trim_above
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(trim, (tot - hi - lo) / (cnt - 2), tot / cnt)
    return cnt, trim, mean, void_list


def group_means(ratings: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Mean of valid ballots per ratee, indicator and rater group (after voiding and trimming).

    Returns ``staff_id``, ``indicator_id``, ``rater_group``, ``ballots`` (kept after voiding),
    ``trimmed`` (bool) and ``mean``.
    """
    cols = ["staff_id", "indicator_id", "rater_group", "ballots", "trimmed", "mean"]
    if ratings.empty:
        return pd.DataFrame(columns=cols)
    b = _Ballots(ratings)
    cnt, trim, mean, _ = _group_arrays(b, rules)
    where = np.flatnonzero(cnt > 0)
    n_g = len(RATER_GROUPS)
    si, g = where // n_g, where % n_g
    return pd.DataFrame({"staff_id": b.staffs[si // b.n_ind].astype(str),
                         "indicator_id": b.inds[si % b.n_ind].astype(str),
                         "rater_group": np.asarray(RATER_GROUPS)[g], "ballots": cnt[where],
                         "trimmed": trim[where], "mean": mean[where]})


def rating_raw(ratings: pd.DataFrame, rules: Rules) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Combined rating per ratee and indicator, and the void raters (for the summary).

    The combined value is the weighted mean of the group means with the rule weights,
    renormalised over the groups that have at least one valid ballot. Returns (``staff_id``,
    ``indicator_id``, ``raw``, ``groups``) and the void-rater frame.
    """
    if ratings.empty:
        return (pd.DataFrame(columns=["staff_id", "indicator_id", "raw", "groups"]),
                void_raters(ratings))
    b = _Ballots(ratings)
    cnt, _, mean, void = _group_arrays(b, rules)
    n_g = len(RATER_GROUPS)
    weights = dict(rules.rater_weights)
    w = np.array([weights.get(g, 0.0) for g in RATER_GROUPS])
    cnt = cnt.reshape(-1, n_g)
    mean = np.nan_to_num(mean.reshape(-1, n_g))
    present = (cnt > 0) & (w > 0)
    wsum = (present * w).sum(axis=1)
    where = np.flatnonzero(wsum > 0)
    raw = (present * w * mean).sum(axis=1)[where] / wsum[where]
    out = pd.DataFrame({"staff_id": b.staffs[where // b.n_ind].astype(str),
                        "indicator_id": b.inds[where % b.n_ind].astype(str),
                        "raw": raw, "groups": present.sum(axis=1)[where]})
    return out, void
