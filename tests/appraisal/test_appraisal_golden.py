"""A hand-worked golden example: three people, every rule, all numbers computed by hand.

Rules: dimension weights 德 20, 能 20, 勤 20, 绩 30, 廉 10; quota 0.2 (half_up); thresholds
90/70/60; bonus cap 5; trim above 5; rater weights leader 40, peer 30, public 20, self 10.

People: A (civil servant), B (institution), C (civil servant); all active the whole of 2026.

Indicators (weights within their dimension):

=====  ====  =========  ==========================================================  ===
id     dim   rule       parameters                                                  w
=====  ====  =========  ==========================================================  ===
M1     德    rating                                                                 100
A1     能    ratio      higher, target 50 (B's own target 40), cap 120              60
A2     能    binary     higher, target 1, applies to civil_servant only             40
D1     勤    band       duty_completion_rate; threshold .8, target .9, stretch 1,   50
                        cap 110
D2     勤    deduction  events naming D2                                            50
P1     绩    band       lower is better; threshold 6, target 2, stretch 0, cap 110   50
P2     绩    ratio      lower is better; target 2, cap 100                          20
P3     绩    ratio      tasks_on_time_rate; target 1, cap 100                       30
I1     廉    deduction  events naming I1                                            100
=====  ====  =========  ==========================================================  ===

德 (M1 ballots). Leader V gives A, B and C 80 → void (3 people, one score).
  A: leader L1 90; peers 70 80 85 90 95 100 (6 > 5 → drop 70, 100 → 87.5); self 100.
     (40·90 + 30·87.5 + 10·100) / 80 = 7225 / 80 = 90.3125
  B: leader 80; peers 60 70 80 90 100 (exactly 5, kept → 80); public 60 70 → 65.
     (40·80 + 30·80 + 20·65) / 90 = 6900 / 90 = 76.6667
  C: leader 95; self 90.  (40·95 + 10·90) / 50 = 94

能. A1: A 100·50/50 = 100; B 100·40/40 = 100 (own target); C 100·60/50 = 120 (= cap).
  A2: A 1 → 100; C 1 → 100; B not applicable → B renormalises over A1 alone.
  A (60·100 + 40·100)/100 = 100;  B 100;  C (60·120 + 40·100)/100 = 112

勤. D1 duty rates: A 4 done + 1 swapped → 1.0 → cap 110; B 17/20 = .85 → 60 + 40·.5 = 80;
  C 19/20 = .95 → 100 + 10·.5 = 105.  D2: A late once (2 points) → 98; B 16 absence days of
  1 point → 84; C → 100.
  A (50·110 + 50·98)/100 = 104;  B (50·80 + 50·84)/100 = 82;  C (50·105 + 50·100)/100 = 102.5

绩. P1 errors: A 2 (= target) → 100; B 4 → 60 + 40·(6−4)/(6−2) = 80; C 0 (= stretch) → 110.
  P2 complaints: A 0 → cap 100; B 4 → 100·2/4 = 50; C 1 → 200 → cap 100.
  P3 tasks: T1 (lead A, helper B) on time, T2 (lead A) late, T3 (lead C, helpers A;B) on
  the due day, T4 (lead C) open → A 2/3 → 66.667; B 2/2 → 100; C 1/2 → 50.
  A (50·100 + 20·100 + 30·66.667)/100 = 90;  B (4000 + 1000 + 3000)/100 = 80;
  C (50·110 + 20·100 + 30·50)/100 = 90

廉. I1: A 100; B 100; C violation naming I1 of 5 points → 95.

Totals (Σ dimension weight × score / 100 + bonus − deductions):
  A: (20·90.3125 + 20·100 + 20·104 + 30·90 + 10·100)/100 = 9586.25/100 = 95.8625
  B: (20·76.6667 + 20·100 + 20·82 + 30·80 + 10·100)/100 = 8573.333/100 = 85.7333
  C: (20·94 + 20·112 + 20·102.5 + 30·90 + 10·95)/100 = 98.2; commendations 4 + 3 = 7 →
     bonus capped at 5; violation of 3 points naming no indicator → deductions 3;
     total 98.2 + 5 − 3 = 100.2

Ranks: C 1, A 2, B 3. Quota 0.2 × 3 = 0.6 → 1 place.
Grades: C ≥ 90 but 警告 → 称职, does not use the place; A ≥ 90 → 优秀; B (institution)
  85.7 would be 合格 but was absent 16 consecutive working days (2–23 Mar, weekdays
  only) → 不合格 + dismissal_review flag.
Suggestions with history (A 优秀 in 2024 and 2025; B 不合格 in 2025): A → 三等功 instead of
  嘉奖, + year-end bonus; B → dismissal review (lowest twice running); C → year-end bonus.
"""

from __future__ import annotations

import pandas as pd
import pytest

from appraisal import DIMENSIONS, Rules, make_cycle, run

RULES = Rules(year=2026, dimension_weights=(("德", 20.0), ("能", 20.0), ("勤", 20.0),
                                            ("绩", 30.0), ("廉", 10.0)))
STAFF = [
    {"staff_id": "A", "name": "甲", "department": "综合办", "rank": "cadre",
     "category": "civil_servant", "post": "科员"},
    {"staff_id": "B", "name": "乙", "department": "财政所", "rank": "worker",
     "category": "institution", "post": "工作人员"},
    {"staff_id": "C", "name": "丙", "department": "综合办", "rank": "cadre",
     "category": "civil_servant", "post": "科员"},
]
INDICATORS = [
    {"indicator_id": "M1", "dimension": "德", "weight": 100, "rule": "rating"},
    {"indicator_id": "A1", "dimension": "ability", "weight": 60, "rule": "ratio", "target": 50,
     "cap": 120},
    {"indicator_id": "A2", "dimension": "能", "weight": 40, "rule": "binary", "target": 1,
     "applies_to": "civil_servant"},
    {"indicator_id": "D1", "dimension": "勤", "weight": 50, "rule": "band", "target": 0.9,
     "threshold": 0.8, "stretch": 1.0, "cap": 110, "source": "duty_completion_rate"},
    {"indicator_id": "D2", "dimension": "勤", "weight": 50, "rule": "deduction"},
    {"indicator_id": "P1", "dimension": "绩", "weight": 50, "rule": "band", "direction": "lower",
     "target": 2, "threshold": 6, "stretch": 0, "cap": 110},
    {"indicator_id": "P2", "dimension": "绩", "weight": 20, "rule": "ratio", "direction": "lower",
     "target": 2, "cap": 100},
    {"indicator_id": "P3", "dimension": "绩", "weight": 30, "rule": "ratio", "target": 1,
     "cap": 100, "source": "tasks_on_time_rate"},
    {"indicator_id": "I1", "dimension": "廉", "weight": 100, "rule": "deduction"},
]


def _ballots():
    b = [("L1", "leader", "A", 90), ("L1", "leader", "B", 80), ("L1", "leader", "C", 95)]
    b += [("V", "leader", s, 80) for s in "ABC"]
    b += [(f"P{k}", "peer", "A", v) for k, v in enumerate((70, 80, 85, 90, 95, 100), 1)]
    b += [(f"P{k}", "peer", "B", v) for k, v in enumerate((60, 70, 80, 90, 100), 1)]
    b += [("Q1", "public", "B", 60), ("Q2", "public", "B", 70)]
    b += [("A", "self", "A", 100), ("C", "self", "C", 90)]
    return [{"rater_id": r, "rater_group": g, "staff_id": s, "indicator_id": "M1", "score": v}
            for r, g, s, v in b]


def _actuals():
    vals = {"A1": {"A": 50, "B": 40, "C": 60}, "A2": {"A": 1, "C": 1},
            "P1": {"A": 2, "B": 4, "C": 0}, "P2": {"A": 0, "B": 4, "C": 1}}
    return [{"staff_id": s, "indicator_id": i, "value": v} for i, d in vals.items()
            for s, v in d.items()]


def _duty_log():
    rows = [("A", "done")] * 4 + [("A", "swapped")]
    rows += [("B", "done")] * 17 + [("B", "missed")] * 3
    rows += [("C", "done")] * 19 + [("C", "missed")]
    return [{"staff_id": s, "date": f"2026-{1 + k % 12:02d}-{1 + k % 28:02d}", "post_id": "P",
             "status": st} for k, (s, st) in enumerate(rows)]


def _events():
    ev = [("A", "2026-02-10", "violation", 2, "D2"), ("C", "2026-04-01", "警告", 0, ""),
          ("C", "2026-05-01", "commendation", 4, ""), ("C", "2026-09-01", "commendation", 3, ""),
          ("C", "2026-06-15", "violation", 3, ""), ("C", "2026-07-01", "violation", 5, "I1")]
    ev += [("B", str(d.date()), "absence", 1, "D2")
           for d in pd.date_range("2026-03-02", "2026-03-23") if d.weekday() < 5]
    return [{"staff_id": s, "date": d, "kind": k, "points": p, "indicator_id": i, "note": ""}
            for s, d, k, p, i in ev]


TASKS = [
    {"task_id": "T1", "lead": "A", "helpers": "B", "assigned": "2026-03-01", "due": "2026-03-10",
     "done": "2026-03-09"},
    {"task_id": "T2", "lead": "A", "helpers": "", "assigned": "2026-04-01", "due": "2026-04-10",
     "done": "2026-04-12"},
    {"task_id": "T3", "lead": "C", "helpers": "A;B", "assigned": "2026-05-01",
     "due": "2026-05-10", "done": "2026-05-10"},
    {"task_id": "T4", "lead": "C", "helpers": "", "assigned": "2026-05-20", "due": "2026-06-01",
     "done": ""},
]
HISTORY = [{"staff_id": "A", "year": 2024, "level": 1}, {"staff_id": "A", "year": 2025, "level": 1},
           {"staff_id": "B", "year": 2025, "level": 4}]


@pytest.fixture(scope="module")
def results():
    cycle = make_cycle(STAFF, INDICATORS, RULES, ratings=_ballots(), actuals=_actuals(),
                       targets=[{"staff_id": "B", "indicator_id": "A1", "target": 40}],
                       duty_log=_duty_log(), events=_events(), tasks=TASKS)
    return run(cycle, history=HISTORY)


def test_dimension_scores(results):
    """Each dimension score as worked out in the module docstring."""
    p = results.people.set_index("staff_id")[list(DIMENSIONS)]
    assert p.loc["A"].tolist() == pytest.approx([90.3125, 100, 104, 90, 100])
    assert p.loc["B"].tolist() == pytest.approx([6900 / 90, 100, 82, 80, 100])
    assert p.loc["C"].tolist() == pytest.approx([94, 112, 102.5, 90, 95])


def test_ledgers_and_totals(results):
    """C's 7 commendation points are capped at 5 and the 3-point free violation deducted."""
    p = results.people.set_index("staff_id")
    assert p["bonus"].tolist() == pytest.approx([0, 0, 5])
    assert p["deductions"].tolist() == pytest.approx([0, 0, 3])
    assert p["total"].tolist() == pytest.approx([95.8625, 857.3333333 / 10, 100.2])
    assert p["violation_points"].tolist() == pytest.approx([2, 0, 8])


def test_breakdown_raw_scores_and_contributions(results):
    """Raw values and scores per indicator; contributions add up to the weighted base."""
    b = results.breakdown.set_index(["staff_id", "indicator_id"])
    assert b.loc[("A", "M1"), "raw"] == pytest.approx(90.3125)
    assert b.loc[("B", "A1"), ["raw", "score"]].tolist() == pytest.approx([40, 100])
    assert b.loc[("C", "A1"), "score"] == pytest.approx(120)
    assert ("B", "A2") not in b.index
    assert b.loc[("B", "D1"), ["raw", "score"]].tolist() == pytest.approx([0.85, 80])
    assert b.loc[("A", "D2"), ["raw", "score"]].tolist() == pytest.approx([2, 98])
    assert b.loc[("B", "D2"), "score"] == pytest.approx(84)
    assert b.loc[("C", "P1"), "score"] == pytest.approx(110)
    assert b.loc[("A", "P2"), "score"] == pytest.approx(100)
    assert b.loc[("A", "P3"), ["raw", "score"]].tolist() == pytest.approx([2 / 3, 200 / 3])
    assert b.loc[("B", "A1"), "effective_weight"] == pytest.approx(20)  # renormalised
    assert b.loc[("A", "A1"), "contribution"] == pytest.approx(12)
    sums = results.breakdown.groupby("staff_id")["contribution"].sum()
    assert sums.tolist() == pytest.approx([95.8625, 85.7333333, 98.2])


def test_void_rater_reported(results):
    """V is void in M1 with three ballots of 80."""
    v = results.void_raters
    assert v[["rater_id", "indicator_id"]].values.tolist() == [["V", "M1"]]
    assert results.notes[0].key == "appraisal.note.void_rater"


def test_ranks_grades_flags(results):
    """C first but barred by 警告, so A takes the single place; B forced lowest by absence."""
    p = results.people.set_index("staff_id")
    assert p["rank"].to_dict() == {"A": 2, "B": 3, "C": 1}
    assert p["level"].to_dict() == {"A": 1, "B": 4, "C": 2}
    assert (results.quota, results.quota_used, results.quota_open) == (1, 1, 0)
    assert p.loc["B", "flags"] == ("dismissal_review",)
    assert p.loc["A", "flags"] == () and p.loc["C", "flags"] == ()
    assert p.loc["B", "longest_run"] == 16


def test_suggestions(results):
    """三等功 for A, dismissal review for B, bonus for A and C."""
    p = results.people.set_index("staff_id")["suggestions"]
    assert p.to_dict() == {"A": ("merit_citation", "year_end_bonus"),
                           "B": ("dismissal_review",), "C": ("year_end_bonus",)}


def test_reasons_explain_the_decisions(results):
    """Reasons name the cap, the sanction, the absence run, the quota and the history."""
    keys = {s: [r.key for r in rs] for s, rs in
            zip(results.people["staff_id"], results.people["reasons"], strict=True)}
    assert "appraisal.reason.sanction_no_excellent" in keys["C"]
    assert "appraisal.reason.bonus_capped" in keys["C"]
    assert "appraisal.reason.in_quota" in keys["A"]
    assert "appraisal.reason.three_excellent" in keys["A"]
    assert "appraisal.reason.absence" in keys["B"]
    assert "appraisal.reason.two_lowest" in keys["B"]
