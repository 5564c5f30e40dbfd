"""Checking and typing each sheet of an appraisal cycle (one function per sheet).

Each function takes a :class:`SheetCheck`, reports every bad cell and returns the typed
frame (rows with errors may remain; the caller discards the whole cycle when any error was
found, so nothing half-checked ever reaches the engine).
"""

from __future__ import annotations

import pandas as pd

from appraisal.model import (
    DERIVED,
    DIMENSION_ALIASES,
    RATER_GROUPS,
    RULES,
    SANCTION_ALIASES,
    normalise_frame,
)

from .cycle_fields import SheetCheck

CATEGORY_MAP = {"civil_servant": "civil_servant", "公务员": "civil_servant",
                "参公": "civil_servant", "institution": "institution",
                "事业单位": "institution", "事业编": "institution", "事业": "institution"}
RULE_MAP = {r: r for r in RULES} | {"比率": "ratio", "分段": "band", "达标": "binary",
                                    "扣分": "deduction", "评议": "rating"}
DIRECTION_MAP = {"higher": "higher", "high": "higher", "越高越好": "higher",
                 "lower": "lower", "low": "lower", "越低越好": "lower"}
GROUP_MAP = {g: g for g in RATER_GROUPS} | {"领导": "leader", "同事": "peer", "群众": "public",
                                            "服务对象": "public", "自评": "self", "本人": "self"}
KIND_MAP = {"commendation": "commendation", "表扬": "commendation", "嘉奖": "commendation",
            "violation": "violation", "违规": "violation", "违纪": "violation",
            "absence": "absence", "旷工": "absence"} | SANCTION_ALIASES
STATUS_MAP = {"done": "done", "完成": "done", "missed": "missed", "缺岗": "missed",
              "未到岗": "missed", "swapped": "swapped", "调班": "swapped", "换班": "swapped"}
DIM_MAP = {k.lower(): v for k, v in DIMENSION_ALIASES.items()}


def _ids(chk: SheetCheck, col: str, key: str | None = None) -> pd.Series:
    ids = chk.text(col)
    chk.blank_error(col, ids)
    if key:
        chk.duplicates(pd.DataFrame({col: ids}), col, key)
    return ids


def read_staff(chk: SheetCheck) -> pd.DataFrame | None:
    """Staff: unique ids, names, category; active dates in order."""
    if not chk.require(["staff_id", "name", "category"]):
        return None
    sid = _ids(chk, "staff_id", "appraisal.err.duplicate_staff")
    name = chk.text("name")
    chk.blank_error("name", name)
    out = pd.DataFrame({"staff_id": sid, "name": name,
                        "department": chk.text("department"), "rank": chk.text("rank"),
                        "category": chk.choice("category", CATEGORY_MAP,
                                               "appraisal.err.unknown_category"),
                        "post": chk.text("post"),
                        "active_from": chk.date("active_from"),
                        "active_to": chk.date("active_to")})
    bad = out["active_to"] < out["active_from"]
    for idx in out.index[bad]:
        chk.error(idx, "active_to", "appraisal.err.active_order")
    return normalise_frame("staff", out)


def _band_order(chk: SheetCheck, idx, lower: bool, th, tg, st) -> None:
    seq = [v for v in (th, tg, st) if pd.notna(v)]
    if lower:
        seq = [-v for v in seq]
    if seq != sorted(seq):
        chk.error(idx, "target", "appraisal.err.band_order")


def read_indicators(chk: SheetCheck, sheets: set[str]) -> pd.DataFrame | None:
    """Indicators: ids, dimension, weight, rule, direction, parameters, source."""
    if not chk.require(["indicator_id", "dimension", "weight", "rule"]):
        return None
    iid = _ids(chk, "indicator_id", "appraisal.err.duplicate_indicator")
    name = chk.text("name")
    out = pd.DataFrame({
        "indicator_id": iid,
        "dimension": chk.choice("dimension", DIM_MAP, "appraisal.err.unknown_dimension"),
        "name": name.where(name != "", iid),
        "weight": chk.number("weight", required=True, lo=0.0),
        "rule": chk.choice("rule", RULE_MAP, "appraisal.err.unknown_rule"),
        "direction": chk.choice("direction", DIRECTION_MAP, "appraisal.err.unknown_direction",
                                default="higher"),
        "target": chk.number("target"), "threshold": chk.number("threshold"),
        "stretch": chk.number("stretch"), "cap": chk.number("cap", lo=0.0).fillna(100.0),
        "applies_to": chk.text("applies_to"), "source": chk.text("source"),
    })
    for idx, r in out.iterrows():
        if r.source and r.source not in DERIVED:
            chk.error(idx, "source", "appraisal.err.unknown_source", value=r.source,
                      known=", ".join(DERIVED))
        elif r.source and r.rule == "rating":
            chk.error(idx, "source", "appraisal.err.rating_source")
        elif r.source:
            need = "duty_log" if r.source.startswith("dut") else "tasks"
            if need not in sheets:
                chk.error(idx, "source", "appraisal.err.needs_sheet", needed=need)
        if r.rule == "ratio" and pd.notna(r.target) and r.target <= 0:
            chk.error(idx, "target", "appraisal.err.ratio_target")
        if r.rule == "band":
            _band_order(chk, idx, r.direction == "lower", r.threshold, r.target, r.stretch)
    return normalise_frame("indicators", out)


def check_indicator_weights(chk: SheetCheck, ind: pd.DataFrame, dim_weights: dict) -> None:
    """Weights of each dimension's indicators sum to 100 (over all rows of the dimension)."""
    unclear = (ind["dimension"] == "").any()  # its own error; do not pile follow-ups on it
    ind = ind[ind["dimension"] != ""]
    for dim, rows in ind.groupby("dimension", sort=False):
        if rows["weight"].isna().any():
            continue  # a bad weight cell is already reported
        total = rows["weight"].sum()
        if abs(total - 100.0) > 1e-6:
            numbers = ", ".join(str(int(chk.rows.loc[i])) for i in rows.index)
            chk.error(rows.index[0], "weight", "appraisal.err.indicator_weights",
                      dimension=dim, total=f"{total:g}", rows=numbers)
    present = set(ind["dimension"])
    for dim, w in dim_weights.items():
        if w > 0 and dim not in present and not unclear:
            chk.error(None, "dimension", "appraisal.err.empty_dimension", dimension=dim,
                      weight=f"{w:g}")


def read_targets(chk: SheetCheck, staff: set, inds: set) -> pd.DataFrame | None:
    """Per-person target overrides."""
    if not chk.require(["staff_id", "indicator_id", "target"]):
        return None
    sid, iid = _ids(chk, "staff_id"), _ids(chk, "indicator_id")
    chk.known("staff_id", sid, staff, "appraisal.err.unknown_staff")
    chk.known("indicator_id", iid, inds, "appraisal.err.unknown_indicator")
    chk.duplicates(pd.DataFrame({"s": sid, "i": iid}), "indicator_id",
                   "appraisal.err.duplicate_target")
    out = pd.DataFrame({"staff_id": sid, "indicator_id": iid, "target": chk.number("target"),
                        "threshold": chk.number("threshold"), "stretch": chk.number("stretch")})
    return normalise_frame("targets", out)


def read_actuals(chk: SheetCheck, staff: set, inds: set) -> pd.DataFrame | None:
    """Actual values per person and indicator (one each)."""
    if not chk.require(["staff_id", "indicator_id", "value"]):
        return None
    sid, iid = _ids(chk, "staff_id"), _ids(chk, "indicator_id")
    chk.known("staff_id", sid, staff, "appraisal.err.unknown_staff")
    chk.known("indicator_id", iid, inds, "appraisal.err.unknown_indicator")
    chk.duplicates(pd.DataFrame({"s": sid, "i": iid}), "indicator_id",
                   "appraisal.err.duplicate_actual")
    out = pd.DataFrame({"staff_id": sid, "indicator_id": iid,
                        "value": chk.number("value", required=True)})
    return normalise_frame("actuals", out)


def read_ratings(chk: SheetCheck, staff: set, inds: set) -> pd.DataFrame | None:
    """Ballots: known ratee and indicator, known group, score 0–100, one per rater."""
    if not chk.require(["rater_id", "rater_group", "staff_id", "indicator_id", "score"]):
        return None
    rid, sid, iid = _ids(chk, "rater_id"), _ids(chk, "staff_id"), _ids(chk, "indicator_id")
    chk.known("staff_id", sid, staff, "appraisal.err.unknown_staff")
    chk.known("indicator_id", iid, inds, "appraisal.err.unknown_indicator")
    grp = chk.choice("rater_group", GROUP_MAP, "appraisal.err.unknown_group")
    score = chk.number("score", required=True, lo=0.0, hi=100.0,
                       range_key="appraisal.err.score_range")
    chk.duplicates(pd.DataFrame({"r": rid, "s": sid, "i": iid}), "rater_id",
                   "appraisal.err.duplicate_rating")
    out = pd.DataFrame({"rater_id": rid, "rater_group": grp, "staff_id": sid,
                        "indicator_id": iid, "score": score})
    return normalise_frame("ratings", out)


def read_events(chk: SheetCheck, staff: set, inds: set) -> pd.DataFrame | None:
    """Commendations, violations, absence days and sanctions."""
    if not chk.require(["staff_id", "date", "kind"]):
        return None
    sid = _ids(chk, "staff_id")
    chk.known("staff_id", sid, staff, "appraisal.err.unknown_staff")
    iid = chk.text("indicator_id")
    chk.known("indicator_id", iid, inds, "appraisal.err.unknown_indicator")
    out = pd.DataFrame({"staff_id": sid, "date": chk.date("date", required=True),
                        "kind": chk.choice("kind", KIND_MAP, "appraisal.err.unknown_kind"),
                        "points": chk.number("points", lo=0.0).fillna(0.0),
                        "indicator_id": iid, "note": chk.text("note")})
    return normalise_frame("events", out)


def read_duty_log(chk: SheetCheck, staff: set) -> pd.DataFrame | None:
    """One row per person and duty with its status."""
    if not chk.require(["staff_id", "date", "status"]):
        return None
    sid = _ids(chk, "staff_id")
    chk.known("staff_id", sid, staff, "appraisal.err.unknown_staff")
    out = pd.DataFrame({"staff_id": sid, "date": chk.date("date", required=True),
                        "post_id": chk.text("post_id"),
                        "status": chk.choice("status", STATUS_MAP,
                                             "appraisal.err.unknown_status")})
    return normalise_frame("duty_log", out)


def read_tasks(chk: SheetCheck, staff: set) -> pd.DataFrame | None:
    """Ad-hoc tasks (临时交办): lead, helpers, dates."""
    if not chk.require(["task_id", "lead", "due"]):
        return None
    tid = _ids(chk, "task_id", "appraisal.err.duplicate_task")
    lead = _ids(chk, "lead")
    chk.known("lead", lead, staff, "appraisal.err.unknown_staff")
    helpers = chk.text("helpers").str.replace("；", ";").str.replace("，", ";")
    for idx, cell in helpers.items():
        for h in (p.strip() for p in cell.split(";")):
            if h and staff is not None and h not in staff:
                chk.error(idx, "helpers", "appraisal.err.unknown_staff", value=h)
    out = pd.DataFrame({"task_id": tid, "lead": lead, "helpers": helpers,
                        "assigned": chk.date("assigned"), "due": chk.date("due", required=True),
                        "done": chk.date("done")})
    return normalise_frame("tasks", out)
