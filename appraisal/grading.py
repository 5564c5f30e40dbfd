"""Ranking and grading under the 优秀 quota.

Ranking uses the unrounded total (rounded to 1e-9 only, so that the same numbers summed in a
different row order compare equal), then the 绩 score, then fewer violation points; people
still equal share a rank and are flagged ``tie`` for the committee.

优秀 goes top-down, in rank order, to eligible people at or above the threshold whom no veto
bars from it; a barred person does not use up a place. A group of tied people that does not
fit into the remaining places gets none of them: the places stay open for the committee
(``quota_tie``) so the quota is never exceeded and no tie is broken silently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .model import BASIC, EXCELLENT, LOWEST, NOT_GRADED, SECOND, Rules

EPS_DIGITS = 9


def quota_places(share: float, graded: int, rounding: str) -> int:
    """Number of 优秀 places: ``share × graded`` rounded as the rules say.

    A tiny epsilon keeps 0.2 × 45 = 9.000000000000002 from becoming 10 under ``ceil``.
    """
    x = share * graded
    if rounding == "floor":
        return max(0, math.floor(x + 1e-9))
    if rounding == "ceil":
        return max(0, math.ceil(x - 1e-9))
    return max(0, math.floor(x + 0.5 + 1e-9))


def rank_people(people: pd.DataFrame) -> pd.DataFrame:
    """Add ``rank`` (competition ranking: 1, 2, 2, 4), ``tie_group`` and ``tie`` to eligible rows.

    Needs ``total``, ``绩``, ``violation_points`` and ``eligible``; ineligible rows get rank 0.
    """
    p = people.copy()
    keys = pd.DataFrame({
        "t": -p["total"].round(EPS_DIGITS),
        "j": -p["绩"].fillna(0.0).round(EPS_DIGITS),
        "v": p["violation_points"].round(EPS_DIGITS),
        "sid": p["staff_id"],
    })
    el = p["eligible"].to_numpy()
    k = keys[el].sort_values(["t", "j", "v", "sid"])
    change = (k[["t", "j", "v"]] != k[["t", "j", "v"]].shift()).any(axis=1)
    group = change.cumsum()
    pos = pd.Series(np.arange(1, len(k) + 1), index=k.index)
    first = pos.groupby(group).transform("min")
    size = pos.groupby(group).transform("size")
    p["rank"] = 0
    p["tie_group"] = -1
    p["tie"] = False
    p.loc[k.index, "rank"] = first.astype(int)
    p.loc[k.index, "tie_group"] = group.astype(int)
    p.loc[k.index, "tie"] = (size > 1).to_numpy()
    return p


@dataclass(frozen=True)
class QuotaUse:
    """How the 优秀 quota was used: places, filled, left open because of a boundary tie."""

    graded: int
    quota: int
    used: int
    open: int


def grade_people(people: pd.DataFrame, rules: Rules) -> tuple[pd.DataFrame, QuotaUse]:
    """Add ``base_level``, ``level``, ``candidate``, ``outside_quota`` and ``quota_tie``.

    ``people`` needs ``rank``/``tie_group`` from :func:`rank_people` and ``cap`` (the best
    level a veto allows: 1 none, 2 no 优秀, 3 at most the third grade, 4 forced lowest).
    """
    p = people.copy()
    total = p["total"].round(EPS_DIGITS)
    base = np.select(
        [total >= rules.threshold_excellent, total >= rules.threshold_competent,
         total >= rules.threshold_basic],
        [EXCELLENT, SECOND, BASIC], default=LOWEST)
    el = p["eligible"].to_numpy()
    p["base_level"] = np.where(el, base, NOT_GRADED)
    capped = np.maximum(base, p["cap"].to_numpy())
    p["candidate"] = el & (capped == EXCELLENT)

    graded = int(el.sum())
    quota = quota_places(rules.quota_excellent, graded, rules.quota_rounding)
    cand = p[p["candidate"]].sort_values(["rank", "staff_id"])
    sizes = cand.groupby("tie_group", sort=False)["staff_id"].transform("size")
    order = cand.assign(_size=sizes.to_numpy())
    grp = order.drop_duplicates("tie_group")[["tie_group", "_size"]]
    grp = grp.assign(end=grp["_size"].cumsum())
    grp["start"] = grp["end"] - grp["_size"]
    award_groups = set(grp.loc[grp["end"] <= quota, "tie_group"])
    tie_groups = set(grp.loc[(grp["start"] < quota) & (grp["end"] > quota), "tie_group"])

    awarded = p["candidate"] & p["tie_group"].isin(award_groups)
    p["quota_tie"] = p["candidate"] & p["tie_group"].isin(tie_groups)
    p["outside_quota"] = p["candidate"] & ~awarded & ~p["quota_tie"]
    level = np.where(awarded, EXCELLENT, np.where(capped == EXCELLENT, SECOND, capped))
    p["level"] = np.where(el, level, NOT_GRADED).astype(int)
    used = int(awarded.sum())
    left = quota - used if tie_groups else 0
    return p, QuotaUse(graded=graded, quota=quota, used=used, open=left)
