"""Property tests: invariants that must hold for any cycle, found with hypothesis."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appraisal import Rules, make_cycle, quota_places, run

INDICATORS = [
    {"indicator_id": "M", "dimension": "德", "weight": 100, "rule": "rating"},
    {"indicator_id": "A", "dimension": "能", "weight": 70, "rule": "ratio", "target": 10,
     "cap": 120},
    {"indicator_id": "B", "dimension": "能", "weight": 30, "rule": "binary", "target": 1,
     "applies_to": "civil_servant"},
    {"indicator_id": "D", "dimension": "勤", "weight": 100, "rule": "deduction"},
    {"indicator_id": "P", "dimension": "绩", "weight": 100, "rule": "band", "target": 100,
     "threshold": 80, "stretch": 120, "cap": 110},
    {"indicator_id": "I", "dimension": "廉", "weight": 100, "rule": "ratio", "target": 2,
     "direction": "lower"},
]
HIGHER = ("A", "B", "P")
KINDS = ("commendation", "violation", "警告", "记过", "降级")
SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def cycles(draw):
    """Small random offices with ties likely (integer values), vetoes and part-year staff."""
    n = draw(st.integers(3, 10))
    ids = [f"S{k:02d}" for k in range(n)]
    staff = [{"staff_id": s, "name": s, "department": draw(st.sampled_from(["D1", "D2"])),
              "rank": "cadre", "category": draw(st.sampled_from(["civil_servant",
                                                                 "institution"])),
              "post": "科员",
              "active_from": draw(st.sampled_from(["", "", "", "2026-03-01", "2026-09-01"]))}
             for s in ids]
    val = st.integers(0, 30)
    actuals = []
    for s in ids:
        actuals.append({"staff_id": s, "indicator_id": "A", "value": draw(val)})
        actuals.append({"staff_id": s, "indicator_id": "B", "value": draw(st.integers(0, 1))})
        actuals.append({"staff_id": s, "indicator_id": "P", "value": draw(st.integers(70, 130))})
        actuals.append({"staff_id": s, "indicator_id": "I", "value": draw(st.integers(0, 5))})
    ratings = []
    for r in ("L1", "L2", "R3"):
        for s in draw(st.lists(st.sampled_from(ids), unique=True, max_size=n)):
            ratings.append({"rater_id": r, "rater_group": "leader" if r[0] == "L" else "peer",
                            "staff_id": s, "indicator_id": "M",
                            "score": draw(st.sampled_from([70, 80, 90, 100]))})
    events = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(KINDS))
        events.append({"staff_id": draw(st.sampled_from(ids)), "date": "2026-05-04",
                       "kind": kind, "points": draw(st.integers(0, 6)),
                       "indicator_id": draw(st.sampled_from(["", "D"]))})
    if draw(st.booleans()):
        who = draw(st.sampled_from(ids))
        events += [{"staff_id": who, "date": str(d.date()), "kind": "absence", "points": 1,
                    "indicator_id": "D"}
                   for d in pd.date_range("2026-06-01", periods=draw(st.integers(1, 25)))]
    rules = Rules(year=2026, quota_excellent=draw(st.sampled_from([0.1, 0.2, 0.34, 0.5])),
                  quota_rounding=draw(st.sampled_from(["half_up", "floor", "ceil"])),
                  threshold_excellent=draw(st.sampled_from([60.0, 80.0, 90.0])))
    return dict(staff=staff, indicators=INDICATORS, rules=rules, actuals=actuals,
                ratings=ratings, events=events)


def build(spec):
    return make_cycle(spec["staff"], spec["indicators"], spec["rules"],
                      actuals=spec["actuals"], ratings=spec["ratings"], events=spec["events"])


@SETTINGS
@given(cycles())
def test_quota_is_never_exceeded(spec):
    """At most ``quota`` people are 优秀, and the quota follows the rounding rule."""
    res = run(build(spec))
    r = spec["rules"]
    assert res.quota == quota_places(r.quota_excellent, res.graded, r.quota_rounding)
    assert int((res.people["level"] == 1).sum()) == res.quota_used <= res.quota


@SETTINGS
@given(cycles())
def test_vetoed_person_is_never_excellent(spec):
    """Anybody with a sanction or an absence veto has a level other than 优秀."""
    p = run(build(spec)).people
    vetoed = p["sanction"].fillna("").ne("") | p["absence_veto"]
    assert not (vetoed & (p["level"] == 1)).any()


@SETTINGS
@given(cycles(), st.data())
def test_raising_a_higher_is_better_actual_never_lowers_the_total(spec, data):
    """Increase one actual of A, B or P for one person: that person's total does not drop."""
    before = run(build(spec)).people.set_index("staff_id")["total"]
    k = data.draw(st.sampled_from([i for i, a in enumerate(spec["actuals"])
                                   if a["indicator_id"] in HIGHER]))
    raised = [dict(a) for a in spec["actuals"]]
    raised[k]["value"] += data.draw(st.integers(1, 40))
    after = run(build({**spec, "actuals": raised})).people.set_index("staff_id")["total"]
    sid = raised[k]["staff_id"]
    assert after[sid] >= before[sid] - 1e-9


def _canonical(res):
    people = res.people.sort_values("staff_id").reset_index(drop=True)
    bd = res.breakdown.sort_values(["staff_id", "indicator_id"]).reset_index(drop=True)
    return people, bd


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert list(a.columns) == list(b.columns)
    for col in a.columns:
        x, y = a[col], b[col]
        if x.dtype.kind == "f":
            assert np.allclose(x.to_numpy(float), y.to_numpy(float), rtol=0, atol=1e-9,
                               equal_nan=True), col
        else:
            assert x.fillna("").tolist() == y.fillna("").tolist(), col


@SETTINGS
@given(cycles(), st.randoms(use_true_random=False))
def test_shuffling_rows_changes_nothing(spec, rnd):
    """Every sheet's rows in another order: the same scores, ranks, grades, flags, reasons."""
    shuffled = {k: (rnd.sample(v, len(v)) if isinstance(v, list) else v)
                for k, v in spec.items()}
    a, ab = _canonical(run(build(spec)))
    b, bb = _canonical(run(build(shuffled)))
    _same(a, b)
    _same(ab, bb)
