"""Benchmark of ``appraisal.run``: 10,000 staff × 40 indicators × 20 ballots each.

Builds a synthetic cycle directly as frames (the reader is not part of the timing), then
times ``run`` and reports its peak memory two ways: the process's peak resident set size
(``resource.getrusage``, which includes the generated data) and the peak of memory allocated
during ``run`` alone (``tracemalloc``, a second, slower pass).

"20 ballots each" is read as: every person receives 20 ballots on every rating indicator.
By default 10 of the 40 indicators are ratings (2 per dimension: 2,000,000 ballots); with
``--ratings 40`` every indicator is a rating (8,000,000 ballots), the heaviest reading.

Usage: ``python -m bench.bench_appraisal [--staff 10000] [--indicators 40] [--ballots 20]
[--ratings 10] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from appraisal import DIMENSIONS, Rules, make_cycle, run
from appraisal.model import Cycle

DERIVED_CYCLE = ("duty_completion_rate", "tasks_on_time_rate", "duties_missed", "tasks_led")


def _ids(prefix: str, n: int) -> np.ndarray:
    return np.array([f"{prefix}{i:05d}" for i in range(n)], dtype=object)


def build_cycle(n_staff: int, n_ind: int, n_ballots: int, n_rating: int, seed: int = 7) -> Cycle:
    """A synthetic cycle with every rule kind, deterministic for a given seed."""
    rng = np.random.default_rng(seed)
    sid = _ids("S", n_staff)
    cats = np.where(rng.random(n_staff) < 0.8, "civil_servant", "institution")
    staff = pd.DataFrame({"staff_id": sid, "name": sid, "department": rng.choice(
        [f"D{i}" for i in range(40)], n_staff), "rank": rng.choice(["leader", "cadre", "worker"],
                                                                   n_staff, p=[.1, .5, .4]),
        "category": cats, "post": "科员", "active_from": None, "active_to": None})
    staff.loc[: n_staff // 50, "active_from"] = "2026-09-01"

    kinds = ["rating"] * n_rating
    rest = ["ratio", "band", "binary", "deduction", "derived"]
    kinds += [rest[i % len(rest)] for i in range(n_ind - n_rating)]
    rows = []
    per_dim = n_ind // len(DIMENSIONS)
    for k, kind in enumerate(kinds):
        dim = DIMENSIONS[min(k % len(DIMENSIONS), len(DIMENSIONS) - 1)]
        row = {"indicator_id": f"I{k:03d}", "dimension": dim, "name": f"indicator {k}",
               "weight": 100.0 / per_dim, "rule": kind, "direction": "higher", "target": 100.0,
               "threshold": 80.0, "stretch": 110.0, "cap": 110.0, "applies_to": "",
               "source": ""}
        if kind == "derived":
            row.update(rule="ratio", target=0.95, source=DERIVED_CYCLE[k % 2])
        if k % 7 == 3 and kind in ("ratio", "band"):
            row.update(direction="lower", target=5.0, threshold=10.0, stretch=2.0)
        if k % 11 == 5:
            row["applies_to"] = "cadre;worker"
        rows.append(row)
    ind = pd.DataFrame(rows)
    actual_ids = ind.loc[ind["rule"].isin(["ratio", "band", "binary"]) & (ind["source"] == ""),
                         "indicator_id"].to_numpy()
    actuals = pd.DataFrame({"staff_id": np.repeat(sid, len(actual_ids)),
                            "indicator_id": np.tile(actual_ids, n_staff),
                            "value": rng.uniform(60, 120, n_staff * len(actual_ids)).round(1)})

    rating_ids = ind.loc[ind["rule"] == "rating", "indicator_id"].to_numpy()
    n_r = len(rating_ids)
    n_b = n_staff * n_r * n_ballots
    # Ballots are built straight as categorical codes (as the reader hands them over), so the
    # generator does not need millions of Python strings.
    group_cycle = np.array([0, 1, 1, 1, 2, 2] * 4, dtype=np.int8)[:n_ballots]  # leader/peer/public
    group_cycle[-1] = 3  # self
    ratee = np.repeat(np.arange(n_staff, dtype=np.int32), n_r * n_ballots)
    slot = np.tile(np.arange(n_ballots, dtype=np.int32), n_staff * n_r)
    rater = (ratee + (slot + 1) * 37) % n_staff
    grp = group_cycle[slot]
    rater = np.where(grp == 3, ratee, rater)
    cats = pd.Index(sid.astype(str))
    ratings = pd.DataFrame({
        "rater_id": pd.Categorical.from_codes(rater, categories=cats),
        "rater_group": pd.Categorical.from_codes(grp, categories=["leader", "peer", "public",
                                                                  "self"]),
        "staff_id": pd.Categorical.from_codes(ratee, categories=cats),
        "indicator_id": pd.Categorical.from_codes(
            np.tile(np.repeat(np.arange(n_r, dtype=np.int16), n_ballots), n_staff),
            categories=pd.Index(rating_ids.astype(str))),
        "score": rng.normal(85, 6, n_b).clip(0, 100).round()})

    n_ev = n_staff // 2
    events = pd.DataFrame({"staff_id": rng.choice(sid, n_ev),
                           "date": pd.Timestamp("2026-01-01") + pd.to_timedelta(
                               rng.integers(0, 365, n_ev), unit="D"),
                           "kind": rng.choice(["commendation", "violation", "warning"], n_ev,
                                              p=[.6, .35, .05]),
                           "points": rng.integers(1, 4, n_ev).astype(float),
                           "indicator_id": "", "note": ""})
    absent = pd.DataFrame({"staff_id": np.repeat(sid[-20:], 18), "date": np.tile(
        pd.date_range("2026-05-04", periods=18).to_numpy(), 20), "kind": "absence",
        "points": 1.0, "indicator_id": "", "note": ""})
    n_duty = n_staff * 50
    duty = pd.DataFrame({"staff_id": rng.choice(sid, n_duty),
                         "date": pd.Timestamp("2026-01-01") + pd.to_timedelta(
                             rng.integers(0, 365, n_duty), unit="D"),
                         "post_id": "P", "status": rng.choice(["done", "missed", "swapped"],
                                                              n_duty, p=[.9, .05, .05])})
    n_task = n_staff * 2
    assigned = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 330, n_task), "D")
    due = assigned + pd.to_timedelta(14, "D")
    tasks = pd.DataFrame({"task_id": _ids("T", n_task), "lead": rng.choice(sid, n_task),
                          "helpers": [f"{a};{b}" for a, b in zip(rng.choice(sid, n_task),
                                                                 rng.choice(sid, n_task),
                                                                 strict=True)],
                          "assigned": assigned,
                          "due": due, "done": due + pd.to_timedelta(rng.integers(-5, 3, n_task),
                                                                    "D")})
    return make_cycle(staff, ind, Rules(year=2026), actuals=actuals, ratings=ratings,
                      events=pd.concat([events, absent], ignore_index=True), duty_log=duty,
                      tasks=tasks)


def main(argv: list[str] | None = None) -> int:
    """Build, time and report (wall time per run, peak RSS, tracemalloc peak)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--staff", type=int, default=10_000)
    ap.add_argument("--indicators", type=int, default=40)
    ap.add_argument("--ballots", type=int, default=20)
    ap.add_argument("--ratings", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-tracemalloc", action="store_true")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    cycle = build_cycle(a.staff, a.indicators, a.ballots, a.ratings)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"built in {time.perf_counter() - t0:.1f} s: {a.staff} staff, {a.indicators} "
          f"indicators ({a.ratings} ratings), {len(cycle.ratings):,} ballots, "
          f"{len(cycle.actuals):,} actuals, {len(cycle.duty_log):,} duty rows; "
          f"peak RSS so far {rss_before:.0f} MB")
    times, cpu = [], []
    for _ in range(a.repeat):
        t, c = time.perf_counter(), time.process_time()
        res = run(cycle)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"run: best {min(times):.2f} s, median {sorted(times)[len(times) // 2]:.2f} s "
          f"over {a.repeat} runs (CPU time best {min(cpu):.2f} s; wall time includes waiting "
          f"for other processes on a shared machine); graded {res.graded}, quota {res.quota}, used "
          f"{res.quota_used}; breakdown rows {len(res.breakdown):,}")
    print(f"peak RSS of the process (data + run): {rss:.0f} MB")
    if not a.no_tracemalloc:
        tracemalloc.start()
        run(cycle)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"tracemalloc peak allocated during one run: {peak / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
