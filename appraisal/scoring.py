"""From sheets to numbers: applicable indicators, raw values, scores, dimensions and totals.

Everything is done on one long frame with a row per (person, applicable indicator), so the
breakdown the committee reads is literally the table the totals were summed from. Ids are
turned into positions once (person ``si``, indicator ``ii``, key ``si × n_ind + ii``) and
every lookup is a dense-array index, which keeps 400,000 pairs well inside the time budget.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .derived import derived_arrays
from .indicator_rules import score_rows
from .model import DIMENSIONS, Cycle
from .ratings import rating_raw

ATTRS = ("category", "department", "rank", "post", "staff_id")


def split_list(cell: str) -> list[str]:
    """Items of a ``;``-list cell (full-width ``；`` and commas tolerated), blanks dropped."""
    text = str(cell or "").replace("；", ";").replace("，", ";").replace(",", ";")
    return [p.strip() for p in text.split(";") if p.strip()]


class Positions:
    """Staff and indicator positions, and dense per-(person, indicator) lookups."""

    def __init__(self, staff: pd.DataFrame, indicators: pd.DataFrame):
        self.staff = pd.Index(staff["staff_id"].to_numpy())
        self.inds = pd.Index(indicators["indicator_id"].to_numpy())
        self.n = max(len(self.staff) * len(self.inds), 1)

    def key(self, frame: pd.DataFrame) -> np.ndarray:
        """Pair key per row (−1 where the person or indicator is unknown)."""
        si = self.staff.get_indexer(frame["staff_id"])
        ii = self.inds.get_indexer(frame["indicator_id"])
        return np.where((si >= 0) & (ii >= 0), si * len(self.inds) + ii, -1)

    def dense(self, frame: pd.DataFrame, col: str) -> np.ndarray:
        """``frame[col]`` spread over all pair keys (NaN where absent; the last row wins)."""
        out = np.full(self.n, np.nan)
        k = self.key(frame)
        ok = k >= 0
        out[k[ok]] = frame[col].to_numpy(float)[ok]
        return out

    def dense_sum(self, frame: pd.DataFrame, col: str) -> np.ndarray:
        """Sum of ``frame[col]`` per pair key (0 where absent)."""
        k = self.key(frame)
        ok = k >= 0
        return np.bincount(k[ok], weights=frame[col].to_numpy(float)[ok], minlength=self.n)


def applicable_mask(staff: pd.DataFrame, indicators: pd.DataFrame) -> np.ndarray:
    """Boolean matrix [person, indicator]: does the indicator apply to the person?

    ``applies_to`` blank means everyone; otherwise a person matches when their category,
    department, rank, post or own id is in the list. The loop runs over indicators (tens),
    never over people.
    """
    mask = np.ones((len(staff), len(indicators)), dtype=bool)
    attrs = {c: staff[c].to_numpy() for c in ATTRS}
    for j, cell in enumerate(indicators["applies_to"].to_numpy()):
        wanted = split_list(cell)
        if wanted:
            hit = np.zeros(len(staff), dtype=bool)
            for values in attrs.values():
                hit |= np.isin(values, wanted)
            mask[:, j] = hit
    return mask


def applicable_pairs(staff: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """All (``staff_id``, ``indicator_id``) pairs where the indicator applies to the person."""
    si, ii = np.nonzero(applicable_mask(staff, indicators))
    return pd.DataFrame({"staff_id": staff["staff_id"].to_numpy()[si],
                         "indicator_id": indicators["indicator_id"].to_numpy()[ii]})


def score_pairs(cycle: Cycle) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The breakdown frame (one row per person and applicable indicator) and void raters.

    Raw values come from: ``rating`` rules → the ballots; ``deduction`` rules → the points of
    events naming the indicator (commendations excluded: praise never deducts); a ``source``
    naming a derived metric → the duty log or tasks; otherwise the ``actuals`` sheet.
    Per-person ``targets`` override the indicator's target, threshold and stretch.
    Columns: ``staff_id``, ``indicator_id``, ``dimension``, ``name``, ``rule``, ``raw``,
    ``score``, ``weight``, ``missing`` (no value: left out and renormalised), parameters,
    and the positions ``si``/``ii``.
    """
    staff, ind = cycle.staff, cycle.indicators
    pos = Positions(staff, ind)
    si, ii = np.nonzero(applicable_mask(staff, ind))
    key = si * len(pos.inds) + ii
    take = {c: ind[c].to_numpy()[ii] for c in ("indicator_id", "dimension", "name", "weight",
                                                "rule", "direction", "target", "threshold",
                                                "stretch", "cap", "source")}
    pairs = pd.DataFrame({"staff_id": staff["staff_id"].to_numpy()[si], **take,
                          "si": si, "ii": ii})
    if not cycle.targets.empty:
        for col in ("target", "threshold", "stretch"):
            own = pos.dense(cycle.targets, col)[key]
            pairs[col] = np.where(np.isnan(own), pairs[col].to_numpy(float), own)

    rule = pairs["rule"].to_numpy()
    source = pairs["source"].to_numpy()
    from_act = pos.dense(cycle.actuals, "value")[key]
    ev = cycle.events
    ev = ev[(ev["indicator_id"] != "") & (ev["kind"] != "commendation")]
    from_ev = pos.dense_sum(ev, "points")[key]
    rated, void = rating_raw(cycle.ratings, cycle.rules)
    from_rt = pos.dense(rated, "raw")[key]
    from_dv = np.full(len(pairs), np.nan)
    if (source != "").any():
        metrics = derived_arrays(cycle.duty_log, cycle.tasks, pos.staff)
        for name, values in metrics.items():
            m = source == name
            from_dv[m] = values[si[m]]

    pairs["raw"] = np.select([rule == "rating", source != "", rule == "deduction"],
                             [from_rt, from_dv, from_ev], default=from_act)
    lower = (pairs["direction"] == "lower").to_numpy()
    pairs["score"] = score_rows(rule, pairs["raw"].to_numpy(), pairs["target"],
                                pairs["threshold"], pairs["stretch"], pairs["cap"], lower)
    pairs["missing"] = pairs["score"].isna()
    return pairs, void


def dimension_totals(pairs: pd.DataFrame, cycle: Cycle) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dimension scores per person and each indicator's contribution to the total.

    Dimension = Σ w·s / Σ w over the person's indicators that have a value. The dimensions are
    combined with the rule weights; should a person have no value at all in a dimension, the
    remaining dimensions are renormalised (and the gap is reported as missing data).
    Returns (``staff_id`` + one column per dimension + ``base``; pairs with
    ``effective_weight`` — the share of the total in points per 100 — and ``contribution``).
    """
    n_s, n_d = len(cycle.staff), len(DIMENSIONS)
    d = pd.Index(DIMENSIONS).get_indexer(pairs["dimension"])
    si = pairs["si"].to_numpy()
    k = si * n_d + d
    score = pairs["score"].to_numpy(float)
    w = np.where(pairs["missing"].to_numpy(), 0.0, pairs["weight"].to_numpy(float))
    dw = np.bincount(k, weights=w, minlength=n_s * n_d).reshape(n_s, n_d)
    dws = np.bincount(k, weights=w * np.nan_to_num(score), minlength=n_s * n_d).reshape(n_s, n_d)
    with np.errstate(divide="ignore", invalid="ignore"):
        dim = np.where(dw > 0, dws / dw, np.nan)
    rule_w = np.array([cycle.rules.dimension_weight(x) for x in DIMENSIONS])
    present_w = np.where(np.isnan(dim), 0.0, rule_w)
    total_w = present_w.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total_w > 0, present_w / total_w, 0.0)
        eff = np.where(dw[si, d] > 0, 100.0 * share[si, d] * w / dw[si, d], 0.0)
    wide = pd.DataFrame(dim, columns=list(DIMENSIONS))
    wide.insert(0, "staff_id", cycle.staff["staff_id"].to_numpy())
    wide["base"] = (share * np.nan_to_num(dim)).sum(axis=1)
    out = pairs.assign(effective_weight=eff, contribution=eff * np.nan_to_num(score) / 100.0)
    return wide, out


def ledgers(cycle: Cycle) -> pd.DataFrame:
    """Bonus and deduction ledgers per person, and violation points for tie-breaking.

    ``bonus`` = min(bonus_cap, Σ commendation points); ``deductions`` = Σ points of violations
    that name no indicator (those that do are already inside their indicator's score);
    ``violation_points`` = all violation points, the second tie-breaker.
    """
    ev = cycle.events
    staff = pd.Index(cycle.staff["staff_id"].to_numpy())
    n = len(staff)
    pos = staff.get_indexer(ev["staff_id"])
    pts = ev["points"].to_numpy(float)
    kind = ev["kind"].to_numpy()
    free = (ev["indicator_id"] == "").to_numpy()

    def total(mask):
        ok = mask & (pos >= 0)
        return np.bincount(pos[ok], weights=pts[ok], minlength=n)

    com = total(kind == "commendation")
    out = pd.DataFrame({"staff_id": staff.to_numpy(), "commendation_points": com,
                        "bonus": np.minimum(cycle.rules.bonus_cap, com),
                        "deductions": total((kind == "violation") & free),
                        "violation_points": total(kind == "violation")})
    return out
