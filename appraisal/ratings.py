"""Rater aggregation for ``rating`` indicators: void raters, normalisation, trimming, groups.

Order of the steps, and why:

1. A rater who gave the same score to at least three people in one indicator did not really
   rate them; those ballots are void (never self ballots: one self ballot is always "uniform").
2. Optional per-rater z-score normalisation (``normalise_raters``) removes each rater's
   leniency: a rater's scores in one indicator are standardised and mapped back onto the mean
   and spread of all non-self ballots of that indicator, then clipped to 0–100. Raters with a
   single ballot (no spread) are left as they are.
3. Per ratee, indicator and group: with more than ``trim_above`` valid ballots the single
   highest and lowest are dropped (exactly ``trim_above``: nothing dropped), then the mean.
4. Groups are combined with the rule weights, renormalised over the groups present.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import Rules

MIN_BALLOTS_TO_VOID = 3


def void_raters(ratings: pd.DataFrame) -> pd.DataFrame:
    """Raters void per indicator: ≥ 3 distinct ratees, all with one and the same score.

    Returns a frame ``rater_id``, ``indicator_id``, ``ballots``, ``score`` (the repeated score).
    """
    cols = ["rater_id", "indicator_id", "ballots", "score"]
    r = ratings[ratings["rater_group"] != "self"]
    if r.empty:
        return pd.DataFrame(columns=cols)
    g = r.groupby(["rater_id", "indicator_id"], sort=True, observed=True)["score"]
    stats = g.agg(ballots="size", lo="min", hi="max").reset_index()
    void = stats[(stats["ballots"] >= MIN_BALLOTS_TO_VOID) & (stats["lo"] == stats["hi"])]
    return void.rename(columns={"lo": "score"})[cols].reset_index(drop=True)


def _normalise(valid: pd.DataFrame) -> pd.Series:
    """Per-rater z-scores mapped back onto the indicator's overall mean and spread."""
    score = valid["score"]
    others = valid["rater_group"] != "self"
    keys = [valid["rater_id"], valid["indicator_id"]]
    r_mean = score.groupby(keys, observed=True).transform("mean")
    r_std = score.groupby(keys, observed=True).transform("std", ddof=0)
    ind = valid["indicator_id"]
    o_mean = score.where(others).groupby(ind, observed=True).transform("mean")
    o_std = score.where(others).groupby(ind, observed=True).transform("std", ddof=0)
    z = (score - r_mean) / r_std
    mapped = (o_mean + z * o_std).clip(0.0, 100.0)
    usable = others & (r_std > 0) & o_std.notna()
    return score.where(~usable, mapped)


def group_means(ratings: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Mean of valid ballots per ratee, indicator and rater group (after voiding and trimming).

    Returns ``staff_id``, ``indicator_id``, ``rater_group``, ``ballots`` (kept after voiding),
    ``trimmed`` (bool) and ``mean``.
    """
    void = void_raters(ratings)
    valid = ratings
    if not void.empty:
        key = pd.MultiIndex.from_frame(ratings[["rater_id", "indicator_id"]])
        bad = pd.MultiIndex.from_frame(void[["rater_id", "indicator_id"]])
        valid = ratings[~(key.isin(bad) & (ratings["rater_group"] != "self").to_numpy())]
    if rules.normalise_raters and not valid.empty:
        valid = valid.assign(score=_normalise(valid))
    keys = ["staff_id", "indicator_id", "rater_group"]
    g = valid.groupby(keys, sort=True, observed=True)["score"]
    s = g.agg(ballots="size", total="sum", hi="max", lo="min").reset_index()
    trim = s["ballots"] > rules.trim_above
    n = np.where(trim, s["ballots"] - 2, s["ballots"])
    total = np.where(trim, s["total"] - s["hi"] - s["lo"], s["total"])
    s["trimmed"] = trim
    s["mean"] = total / n
    return s[[*keys, "ballots", "trimmed", "mean"]]


def combine_groups(means: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Weighted mean of the group means, renormalised over the groups that rated the person.

    Returns ``staff_id``, ``indicator_id``, ``raw`` (the combined rating) and ``groups``
    (how many groups contributed), so the breakdown can say what the number is made of.
    """
    weights = dict(rules.rater_weights)
    m = means.assign(w=means["rater_group"].astype(str).map(weights).fillna(0.0))
    m = m[m["w"] > 0]
    m = m.assign(ws=m["w"] * m["mean"])
    g = m.groupby(["staff_id", "indicator_id"], sort=True, observed=True)
    out = g.agg(ws=("ws", "sum"), w=("w", "sum"), groups=("w", "size")).reset_index()
    out["raw"] = out["ws"] / out["w"]
    return out[["staff_id", "indicator_id", "raw", "groups"]]


def rating_raw(ratings: pd.DataFrame, rules: Rules) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Combined rating per ratee and indicator, and the void raters (for the summary)."""
    return combine_groups(group_means(ratings, rules), rules), void_raters(ratings)
