"""From sheets to numbers: applicable indicators, raw values, scores, dimensions and totals.

Everything is done on one long frame with a row per (person, applicable indicator), so the
breakdown the committee reads is literally the table the totals were summed from.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .derived import derived_long
from .indicator_rules import score_rows
from .model import DIMENSIONS, Cycle
from .ratings import rating_raw

KEY = ["staff_id", "indicator_id"]


def split_list(cell: str) -> list[str]:
    """Items of a ``;``-list cell (full-width ``；`` and commas tolerated), blanks dropped."""
    text = str(cell or "").replace("；", ";").replace("，", ";").replace(",", ";")
    return [p.strip() for p in text.split(";") if p.strip()]


def applicable_pairs(staff: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Every (person, indicator) pair where the indicator applies to the person.

    ``applies_to`` blank means everyone; otherwise a person matches when their category,
    department, rank, post or own id is in the list. Looping over indicators (tens) and
    not over people keeps this vectorised.
    """
    attrs = ("category", "department", "rank", "post", "staff_id")
    parts = []
    for row in indicators.itertuples(index=False):
        wanted = set(split_list(row.applies_to))
        if wanted:
            mask = np.zeros(len(staff), dtype=bool)
            for col in attrs:
                mask |= staff[col].isin(wanted).to_numpy()
            ids = staff["staff_id"].to_numpy()[mask]
        else:
            ids = staff["staff_id"].to_numpy()
        parts.append(pd.DataFrame({"staff_id": ids, "indicator_id": row.indicator_id}))
    if not parts:
        return pd.DataFrame(columns=KEY)
    return pd.concat(parts, ignore_index=True)


def _with_targets(pairs: pd.DataFrame, cycle: Cycle) -> pd.DataFrame:
    """Indicator parameters per pair, with the person's own overrides where given."""
    ind = cycle.indicators[["indicator_id", "dimension", "name", "weight", "rule", "direction",
                            "target", "threshold", "stretch", "cap", "source"]]
    out = pairs.merge(ind, on="indicator_id", how="left")
    tg = cycle.targets
    if not tg.empty:
        tg = tg[[*KEY, "target", "threshold", "stretch"]].drop_duplicates(KEY, keep="last")
        out = out.merge(tg, on=KEY, how="left", suffixes=("", "_own"))
        for col in ("target", "threshold", "stretch"):
            out[col] = out[f"{col}_own"].combine_first(out[col])
            out = out.drop(columns=f"{col}_own")
    return out


def raw_values(pairs: pd.DataFrame, cycle: Cycle) -> tuple[pd.Series, pd.DataFrame]:
    """Raw value per pair by where it comes from, and the void raters found on the way.

    Sources: ``rating`` rules from the ballots; ``deduction`` rules from the events naming
    the indicator (commendations excluded: praise never deducts); any ``source`` naming a
    derived metric from the duty log or tasks; otherwise the ``actuals`` sheet.
    """
    n = len(pairs)
    raw = pd.Series(np.nan, index=pairs.index)
    rule = pairs["rule"].to_numpy()
    source = pairs["source"].fillna("").to_numpy()

    act = cycle.actuals[[*KEY, "value"]].drop_duplicates(KEY, keep="last")
    from_act = pairs[KEY].merge(act, on=KEY, how="left")["value"].to_numpy()

    need_derived = source != ""
    if need_derived.any():
        long = derived_long(cycle.duty_log, cycle.tasks, cycle.staff["staff_id"])
        dv = pairs[["staff_id"]].assign(source=source).merge(
            long, on=["staff_id", "source"], how="left")["value"].to_numpy()
    else:
        dv = np.full(n, np.nan)

    ev = cycle.events
    ev = ev[(ev["indicator_id"] != "") & (ev["kind"] != "commendation")]
    pts = ev.groupby(KEY, sort=True)["points"].sum().rename("pts").reset_index()
    from_ev = pairs[KEY].merge(pts, on=KEY, how="left")["pts"].fillna(0.0).to_numpy()

    rated, void = rating_raw(cycle.ratings, cycle.rules)
    from_rt = pairs[KEY].merge(rated, on=KEY, how="left")["raw"].to_numpy()

    values = np.select(
        [rule == "rating", need_derived, rule == "deduction"],
        [from_rt, dv, from_ev],
        default=from_act,
    )
    raw[:] = values
    return raw, void


def score_pairs(cycle: Cycle) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The breakdown frame (one row per person and applicable indicator) and void raters.

    Columns: ``staff_id``, ``indicator_id``, ``dimension``, ``name``, ``rule``, ``raw``,
    ``score``, ``weight``, ``missing`` (no value: left out and renormalised), plus the
    effective parameters.
    """
    pairs = _with_targets(applicable_pairs(cycle.staff, cycle.indicators), cycle)
    raw, void = raw_values(pairs, cycle)
    pairs["raw"] = raw.to_numpy()
    lower = (pairs["direction"] == "lower").to_numpy()
    pairs["score"] = score_rows(pairs["rule"].to_numpy(), pairs["raw"].to_numpy(),
                               pairs["target"], pairs["threshold"], pairs["stretch"],
                               pairs["cap"], lower)
    pairs["missing"] = pairs["score"].isna()
    return pairs, void


def dimension_totals(pairs: pd.DataFrame, cycle: Cycle) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dimension scores per person and each indicator's contribution to the total.

    Dimension = Σ w·s / Σ w over the person's indicators that have a value. The dimensions are
    combined with the rule weights; should a person have no value at all in a dimension, the
    remaining dimensions are renormalised (and the gap is reported as missing data).
    Returns (wide frame ``staff_id`` + one column per dimension + ``base``, pairs with
    ``contribution`` and ``effective_weight`` columns).
    """
    p = pairs.copy()
    w = np.where(p["missing"], 0.0, p["weight"].to_numpy())
    p["_w"] = w
    p["_ws"] = w * np.nan_to_num(p["score"].to_numpy())
    g = p.groupby(["staff_id", "dimension"], sort=True)[["_w", "_ws"]].sum().reset_index()
    g["dim"] = np.where(g["_w"] > 0, g["_ws"] / g["_w"].where(g["_w"] > 0), np.nan)
    g["dimw"] = g["dimension"].map(dict(cycle.rules.dimension_weights)).fillna(0.0)
    g["dimw"] = np.where(g["dim"].notna(), g["dimw"], 0.0)
    dim_sum = g.groupby("staff_id")["dimw"].transform("sum")
    g["share"] = np.where(dim_sum > 0, g["dimw"] / dim_sum.where(dim_sum > 0), 0.0)
    g["part"] = g["share"] * g["dim"].fillna(0.0)
    wide = g.pivot(index="staff_id", columns="dimension", values="dim")
    wide = wide.reindex(columns=list(DIMENSIONS))
    wide["base"] = g.groupby("staff_id")["part"].sum()
    wide = wide.reindex(cycle.staff["staff_id"])
    wide["base"] = wide["base"].fillna(0.0)
    wide.index.name = "staff_id"

    p = p.merge(g[["staff_id", "dimension", "_w", "share"]].rename(columns={"_w": "_dw"}),
                on=["staff_id", "dimension"], how="left")
    with np.errstate(divide="ignore", invalid="ignore"):
        eff = np.where(p["_dw"] > 0, 100.0 * p["share"] * p["_w"] / p["_dw"], 0.0)
    p["effective_weight"] = eff
    p["contribution"] = eff * np.nan_to_num(p["score"].to_numpy()) / 100.0
    return wide.reset_index(), p.drop(columns=["_w", "_ws", "_dw", "share"])


def ledgers(cycle: Cycle) -> pd.DataFrame:
    """Bonus and deduction ledgers per person, and violation points for tie-breaking.

    ``bonus`` = min(bonus_cap, Σ commendation points); ``deductions`` = Σ points of violations
    that name no indicator (those that do are already inside their indicator's score);
    ``violation_points`` = all violation points, the second tie-breaker.
    """
    ev = cycle.events
    ids = cycle.staff["staff_id"]
    com = ev[ev["kind"] == "commendation"].groupby("staff_id")["points"].sum()
    vio = ev[ev["kind"] == "violation"]
    free = vio[vio["indicator_id"] == ""].groupby("staff_id")["points"].sum()
    allv = vio.groupby("staff_id")["points"].sum()
    out = pd.DataFrame({"staff_id": ids})
    out["commendation_points"] = out["staff_id"].map(com).fillna(0.0)
    out["bonus"] = np.minimum(cycle.rules.bonus_cap, out["commendation_points"])
    out["deductions"] = out["staff_id"].map(free).fillna(0.0)
    out["violation_points"] = out["staff_id"].map(allv).fillna(0.0)
    return out
