"""Write the appraisal sample: ``data/sample_cycle.xlsx`` (year 2026) and two years of results.

Same fictional 青山镇 office as the roster sample (``tools.sample_office.staff_rows``), so a
staff id means the same person everywhere. Seeded, so regenerating gives identical data.
Every rule of the engine shows up at least once:

* W009 is the office's best performer, 优秀 in 2024 and 2025 → 记三等功 proposal;
* W015 would reach 优秀 but got a 警告 → not 优秀, the place passes to the next person;
* W022 has a 记过 → at most 基本称职; W027 a violation that names no indicator;
* W033 was absent 17 consecutive calendar days → 不称职 + dismissal review, and was already
  不称职 in 2025 → dismissal review suggested;
* W039 (institution) missed 12 working days around two weekends: a working-day run of 12,
  within the limit;
* W040 arrives 2026-01-15 (still graded); W041 arrives 2026-07-20 (not graded);
* public rater PUB07 gives everybody 80 in 群众评议 → void;
* W009 has two commendations (8 points) → bonus capped at 5.

Usage: ``python -m tools.make_appraisal_sample [--out data]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import zipfile
from pathlib import Path

import pandas as pd

from tools.sample_office import staff_rows

YEAR = 2026
SEED = 20261231
INDICATORS = [
    # id, dimension, name, weight, rule, direction, target, threshold, stretch, cap, applies, source
    ("DE1", "德", "政治素质", 60, "rating", "higher", None, None, None, None, "", ""),
    ("DE2", "德", "职业道德（群众评议）", 40, "rating", "higher", None, None, None, None, "", ""),
    ("NE1", "能", "业务能力", 60, "rating", "higher", None, None, None, None, "", ""),
    ("NE2", "能", "学习培训学时", 40, "ratio", "higher", 40, None, None, 110, "", ""),
    ("QI1", "勤", "值班完成率", 40, "band", "higher", 0.98, 0.85, 1.0, 105, "",
     "duty_completion_rate"),
    ("QI2", "勤", "出勤纪律", 30, "deduction", "lower", None, None, None, None, "", ""),
    ("QI3", "勤", "交办任务按时完成率", 30, "ratio", "higher", 0.95, None, None, 105,
     "cadre;worker", "tasks_on_time_rate"),
    ("JI1", "绩", "年度目标任务完成率（%）", 35, "band", "higher", 100, 80, 110, 110, "", ""),
    ("JI2", "绩", "分管重点项目完成", 15, "binary", "higher", 1, None, None, None, "leader", ""),
    ("JI3", "绩", "办文办会差错次数", 15, "ratio", "lower", 2, None, None, 100,
     "党政综合办公室;财政所", ""),
    ("JI4", "绩", "服务对象满意度", 20, "rating", "higher", None, None, None, None, "", ""),
    ("JI5", "绩", "牵头完成交办任务数", 15, "ratio", "higher", 3, None, None, 110,
     "cadre;worker", "tasks_led"),
    ("LI1", "廉", "廉洁自律", 70, "deduction", "lower", None, None, None, None, "", ""),
    ("LI2", "廉", "廉政评议", 30, "rating", "higher", None, None, None, None, "", ""),
]
RULES = [("year", YEAR), ("weight_德", 20), ("weight_能", 15), ("weight_勤", 15),
         ("weight_绩", 40), ("weight_廉", 10), ("quota_excellent", 0.20),
         ("quota_rounding", "half_up"), ("threshold_excellent", 90),
         ("threshold_competent", 70), ("threshold_basic", 60), ("bonus_cap", 5),
         ("min_months_to_grade", 6), ("rater_weight_leader", 40), ("rater_weight_peer", 30),
         ("rater_weight_public", 20), ("rater_weight_self", 10), ("normalise_raters", "false"),
         ("trim_above", 5)]
STRONG = {"W009": 99, "W001": 96, "W002": 95, "W010": 95, "W015": 96, "W016": 94, "W003": 94,
          "W011": 93, "W021": 93, "W017": 92, "W028": 92, "W038": 93}
WEAK = {"W033": 62, "W022": 72, "W027": 74, "W035": 66}


def _quality(rng: random.Random, sid: str) -> float:
    return STRONG.get(sid) or WEAK.get(sid) or rng.uniform(78, 89)


def _staff() -> pd.DataFrame:
    rows = staff_rows()
    for r in rows:
        if r["staff_id"] == "W041":
            r["active_from"] = "2026-07-20"
    cols = ["staff_id", "name", "department", "rank", "category", "post", "active_from",
            "active_to"]
    return pd.DataFrame(rows)[cols]


def _dates(start: str, end: str) -> list[dt.date]:
    return [d.date() for d in pd.date_range(start, end)]


def _ratings(rng, staff: pd.DataFrame, q: dict) -> list[dict]:
    leaders = list(staff.loc[staff["rank"] == "leader", "staff_id"])
    out = []
    for s in staff.itertuples(index=False):
        raters = [x for x in leaders if x != s.staff_id][:2]
        others = [x for x in staff["staff_id"] if x != s.staff_id and x not in raters]
        mates = set(staff.loc[staff["department"] == s.department, "staff_id"])
        peers = sorted(others, key=lambda x: (x not in mates, x))[:7]
        for ind in ("DE1", "DE2", "NE1", "JI4", "LI2"):
            def ballot(rater, group, bias=0.0, sid=s.staff_id, ind=ind):
                score = min(100.0, max(40.0, q[sid] + bias + rng.gauss(0, 2.5)))
                out.append({"rater_id": rater, "rater_group": group, "staff_id": sid,
                            "indicator_id": ind, "score": round(score)})
            for lead in raters:
                ballot(lead, "leader")
            for p in peers[: 7 if ind in ("DE1", "NE1") else 5]:
                ballot(p, "peer", 1.0)
            if ind == "DE2":  # five real public ballots (no trimming) + one void rater
                for k in range(1, 6):
                    ballot(f"PUB{k:02d}", "public", 2.0)
                out.append({"rater_id": "PUB07", "rater_group": "public",
                            "staff_id": s.staff_id, "indicator_id": ind, "score": 80})
            if ind == "JI4":  # six public ballots: highest and lowest dropped
                for k in range(1, 7):
                    ballot(f"PUB{k:02d}", "public", 2.0)
            ballot(s.staff_id, "self", 4.0)
    return out


def _actuals(rng, staff, q) -> tuple[list[dict], list[dict]]:
    acts, targets = [], []
    for s in staff.itertuples(index=False):
        k = (q[s.staff_id] - 60) / 40  # 0 … 1
        acts.append({"staff_id": s.staff_id, "indicator_id": "NE2",
                     "value": round(24 + 26 * k + rng.uniform(-3, 3))})
        acts.append({"staff_id": s.staff_id, "indicator_id": "JI1",
                     "value": round(78 + 32 * k + rng.uniform(-2, 2), 1)})
        if s.rank == "leader":
            acts.append({"staff_id": s.staff_id, "indicator_id": "JI2",
                         "value": 1 if q[s.staff_id] > 80 else 0})
            targets.append({"staff_id": s.staff_id, "indicator_id": "NE2", "target": 32})
        if s.department in ("党政综合办公室", "财政所"):
            acts.append({"staff_id": s.staff_id, "indicator_id": "JI3",
                         "value": max(0, round(4 - 4 * k + rng.uniform(-1, 1)))})
    targets.append({"staff_id": "W040", "indicator_id": "JI1", "target": 95})
    return acts, targets


def _duty_log(rng, staff, q) -> list[dict]:
    people = list(staff["staff_id"])
    start = {r.staff_id: (r.active_from or f"{YEAR}-01-01") for r in staff.itertuples()}
    out, i = [], 0
    for day in _dates(f"{YEAR}-01-01", f"{YEAR}-12-31"):
        for post in ("day", "night"):
            while str(day) < start[people[i % len(people)]]:
                i += 1
            sid = people[i % len(people)]
            i += 1
            miss = rng.random() < (0.02 if q[sid] > 85 else 0.10 if q[sid] < 75 else 0.05)
            status = "missed" if miss else ("swapped" if rng.random() < 0.04 else "done")
            out.append({"staff_id": sid, "date": day.isoformat(), "post_id": post,
                        "status": status})
    return out


def _tasks(rng, staff, q) -> list[dict]:
    cadres = list(staff.loc[staff["rank"] != "leader", "staff_id"])
    out = []
    for n in range(1, 91):
        lead = cadres[(n * 7) % len(cadres)]
        helpers = rng.sample([c for c in cadres if c != lead], rng.choice((0, 1, 2)))
        assigned = dt.date(YEAR, 1, 5) + dt.timedelta(days=(n * 37) % 330)
        due = assigned + dt.timedelta(days=rng.choice((7, 14, 21)))
        late = rng.random() < (0.05 if q[lead] > 85 else 0.3)
        done = due + dt.timedelta(days=3) if late else due - dt.timedelta(days=rng.randint(0, 5))
        out.append({"task_id": f"T{n:03d}", "lead": lead, "helpers": ";".join(helpers),
                    "assigned": assigned.isoformat(), "due": due.isoformat(),
                    "done": "" if n == 90 else done.isoformat()})
    return out


def _events() -> list[dict]:
    ev = [
        {"staff_id": "W009", "date": "2026-04-10", "kind": "commendation", "points": 3,
         "indicator_id": "", "note": "防汛抢险表现突出，县政府通报表扬"},
        {"staff_id": "W009", "date": "2026-10-08", "kind": "commendation", "points": 5,
         "indicator_id": "", "note": "省级先进个人"},
        {"staff_id": "W016", "date": "2026-06-30", "kind": "commendation", "points": 2,
         "indicator_id": "", "note": "信访积案化解"},
        {"staff_id": "W011", "date": "2026-09-12", "kind": "commendation", "points": 1,
         "indicator_id": "", "note": "优秀调研报告"},
        {"staff_id": "W015", "date": "2026-05-20", "kind": "警告", "points": 0,
         "indicator_id": "", "note": "公车私用，给予警告处分"},
        {"staff_id": "W022", "date": "2026-03-18", "kind": "记过", "points": 0,
         "indicator_id": "", "note": "违规发放补贴，给予记过处分"},
        {"staff_id": "W022", "date": "2026-03-18", "kind": "violation", "points": 20,
         "indicator_id": "LI1", "note": "违规发放补贴"},
        {"staff_id": "W027", "date": "2026-08-03", "kind": "violation", "points": 3,
         "indicator_id": "", "note": "值班期间脱岗，通报批评"},
        {"staff_id": "W018", "date": "2026-11-02", "kind": "violation", "points": 5,
         "indicator_id": "LI1", "note": "违规接受宴请"},
        {"staff_id": "W024", "date": "2026-02-27", "kind": "violation", "points": 2,
         "indicator_id": "QI2", "note": "迟到早退三次"},
    ]
    for d in _dates("2026-06-08", "2026-06-24"):
        ev.append({"staff_id": "W033", "date": d.isoformat(), "kind": "absence", "points": 3,
                   "indicator_id": "QI2", "note": "无故旷工"})
    for d in _dates("2026-03-09", "2026-03-24"):
        if d.weekday() < 5:
            ev.append({"staff_id": "W039", "date": d.isoformat(), "kind": "absence",
                       "points": 2, "indicator_id": "QI2", "note": "无故旷工"})
    return ev


def _history(year: int, staff: pd.DataFrame, excellent: set, lowest: set, basic: set):
    rows = []
    for s in staff.itertuples(index=False):
        if s.staff_id in ("W040", "W041"):
            continue
        inst = s.category == "institution"
        grade = ("优秀" if s.staff_id in excellent else
                 ("不合格" if inst else "不称职") if s.staff_id in lowest else
                 ("基本合格" if inst else "基本称职") if s.staff_id in basic else
                 ("合格" if inst else "称职"))
        rows.append({"staff_id": s.staff_id, "name": s.name, "grade": grade, "year": year})
    return pd.DataFrame(rows)


def _freeze(path: Path) -> None:
    """Make the workbook byte-identical across runs: fixed zip times and document dates.

    openpyxl stamps the current time into the zip entries and ``docProps/core.xml``; without
    this every regeneration would show up as a changed binary file in git.
    """
    with zipfile.ZipFile(path) as zin:
        entries = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    stamp = b"2026-12-31T00:00:00Z"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp,
                              data)
            zout.writestr(zipfile.ZipInfo(name, date_time=(2026, 12, 31, 0, 0, 0)), data,
                          compress_type=zipfile.ZIP_DEFLATED)


def build(out: Path) -> list[Path]:
    """Write the three sample files under ``out`` and return their paths."""
    rng = random.Random(SEED)
    staff = _staff()
    q = {sid: _quality(rng, sid) for sid in staff["staff_id"]}
    ind = pd.DataFrame(INDICATORS, columns=["indicator_id", "dimension", "name", "weight",
                                            "rule", "direction", "target", "threshold",
                                            "stretch", "cap", "applies_to", "source"])
    acts, targets = _actuals(rng, staff, q)
    sheets = {
        "staff": staff, "indicators": ind, "targets": pd.DataFrame(targets),
        "actuals": pd.DataFrame(acts), "ratings": pd.DataFrame(_ratings(rng, staff, q)),
        "events": pd.DataFrame(_events()), "duty_log": pd.DataFrame(_duty_log(rng, staff, q)),
        "tasks": pd.DataFrame(_tasks(rng, staff, q)),
        "rules": pd.DataFrame(RULES, columns=["rule", "value"]),
    }
    out.mkdir(parents=True, exist_ok=True)
    cycle = out / "sample_cycle.xlsx"
    with pd.ExcelWriter(cycle, engine="openpyxl") as xw:
        for name, frame in sheets.items():
            frame.to_excel(xw, sheet_name=name, index=False)
    _freeze(cycle)
    written = [cycle]
    hist = {
        2024: _history(2024, staff, {"W009", "W001", "W003", "W010", "W016", "W021", "W028",
                                     "W017"}, set(), {"W035"}),
        2025: _history(2025, staff, {"W009", "W002", "W011", "W015", "W016", "W038", "W003",
                                     "W010"}, {"W033"}, {"W035", "W027"}),
    }
    for year, frame in hist.items():
        path = out / f"results_{year}.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as xw:
            frame.to_excel(xw, sheet_name="results", index=False)
        _freeze(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: write the sample files (default folder ``data``)."""
    parser = argparse.ArgumentParser(description="write the appraisal sample data")
    parser.add_argument("--out", default="data")
    args = parser.parse_args(argv)
    for path in build(Path(args.out)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
