"""Roster performance benchmark: the sample quarter and a generated year, 2 workers.

Run from the repository root::

    python bench/bench_roster.py [--time-limit S] [--year-time-limit S] [--workers N]
                                 [--seed N] [--only sample|year|replan] [--levels N]
                                 [--direct]

For each scenario it prints the time to the first roster, when level 2 (largest excess over
fair share) reached its final value and when it was proven, and for every level its seconds,
value and proven bound; for re-planning (January of the sample, a three-day sick call for
several people in turn) the median and worst seconds and the changes made. Figures depend
on the machine's load; docs/readme_parts/roster_model.md records measured runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from office.i18n import t  # noqa: E402
from scheduler.problem import SolveParams  # noqa: E402
from scheduler.solve import solve  # noqa: E402
from scheduler.validate import validate  # noqa: E402


def run(name: str, problem, params: SolveParams, lang: str) -> dict:
    """Solve once, print the level table, return the headline figures."""
    events = []
    t0 = time.monotonic()
    result = solve(problem, params, on_progress=events.append)
    wall = time.monotonic() - t0
    stats = dict(result.stats)
    ends = {k.split(".", 1)[1]: v for k, v in stats.items()
            if k.startswith("level_end_seconds.")}
    first = min((e.seconds for e in events), default=None)
    lvl2 = next((lv for lv in result.levels if lv.name == "max_excess"), None)
    reached = None
    if lvl2 is not None:
        hits = [e.seconds for e in events if e.level == "max_excess"
                and abs(e.objective - float(lvl2.value)) < 1e-9]
        reached = min(hits) if hits else ends.get("max_excess")
    proven = ends.get("max_excess") if lvl2 is not None and lvl2.optimal else None
    if proven is not None and reached is not None:
        reached = min(reached, proven)
    agree = None
    if result.roster is not None:
        v = validate(problem, result.roster, allow_gaps=params.allow_gaps)
        specs = params.levels or problem.levels
        agree = not v.violations and all(
            sum(w * v.terms[term] for term, w in spec) == lv.value
            for spec, lv in zip(specs, result.levels, strict=True))
    print(t("sched.bench.scenario", lang, name=name, staff=len(problem.staff),
            posts=len(problem.posts), days=len(problem.days),
            duties=sum(s.required for s in problem.slots)))
    print(t("sched.bench.summary", lang, status=result.status, wall=f"{wall:.2f}",
            build=stats.get("build_seconds"), first=_s(first), reached=_s(reached),
            proven=_s(proven), agree=agree))
    print(f"  {'level':28s} {'seconds':>8s} {'value':>12s} {'bound':>12s}  optimal")
    for lv in result.levels:
        print(f"  {lv.name:28s} {lv.seconds:8.2f} {float(lv.value):12.4f} "
              f"{float(lv.bound):12.4f}  {lv.optimal}")
    return {"first": first, "reached": reached, "proven": proven, "status": result.status}


def replan_month(problem, params: SolveParams, lang: str, cases: int = 7) -> None:
    """Re-plan January of the sample after a sick call, for several people; median seconds."""
    import datetime as dt
    import statistics
    from dataclasses import replace

    from scheduler.problem import Leave
    from scheduler.solve import replan

    end = dt.date(problem.start.year, problem.start.month, 28)
    while (end + dt.timedelta(days=1)).month == problem.start.month:
        end += dt.timedelta(days=1)
    month = replace(
        problem, days=tuple(d for d in problem.days if d.date <= end),
        slots=tuple(s for s in problem.slots if s.date <= end),
        pins=tuple(p for p in problem.pins if p.date <= end),
        requests=tuple(r for r in problem.requests if r.date <= end))
    base = solve(month, params)
    duties = sorted({a.staff_id for a in base.roster.assignments})
    times, changes = [], []
    for sid in duties[::max(1, len(duties) // cases)][:cases]:
        first = min(a.date for a in base.roster.assignments if a.staff_id == sid)
        sick = replace(month, leave=month.leave + (Leave(sid, first, first + dt.timedelta(
            days=2), "sick"),))
        t0 = time.monotonic()
        r = replan(sick, base.roster, params)
        times.append(time.monotonic() - t0)
        changes.append(next((float(lv.value) for lv in r.levels if lv.name == "changes"), -1))
    print(t("sched.bench.replan", lang, staff=len(month.staff), days=len(month.days),
            cases=len(times), median=f"{statistics.median(times):.2f}",
            worst=f"{max(times):.2f}", changes=changes))


def _s(x) -> str:
    return "-" if x is None else f"{x:.2f}s"


def _params(args, problem, limit: float) -> SolveParams:
    levels = problem.levels[:args.levels] if args.levels else None
    return SolveParams(time_limit=limit, workers=args.workers, seed=args.seed, levels=levels)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time-limit", type=float, default=60.0, help="sample quarter")
    ap.add_argument("--year-time-limit", type=float, default=300.0, help="generated year")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0, help="solver seed and year generator seed")
    ap.add_argument("--only", choices=("sample", "year", "replan"))
    ap.add_argument("--lang", default="en")
    ap.add_argument("--levels", type=int, default=None,
                    help="solve only the first N objective levels")
    ap.add_argument("--direct", action="store_true",
                    help="plain CP-SAT minimisation only (no greedy hint, no bounded probes)")
    args = ap.parse_args(argv)
    if args.direct:
        from scheduler.cpsat import lexico

        lexico.OPTIONS.update(greedy=False, probes=False)
    if args.only in (None, "sample"):
        from shells.scenario_reader import read_scenario

        problem, problems = read_scenario(ROOT / "data" / "sample_scenario.xlsx")
        if problem is None:
            for p in problems:
                print(p, file=sys.stderr)
            return 2
        run("sample quarter", problem, _params(args, problem, args.time_limit), args.lang)
    if args.only in (None, "replan"):
        from shells.scenario_reader import read_scenario

        problem, _ = read_scenario(ROOT / "data" / "sample_scenario.xlsx")
        replan_month(problem, SolveParams(time_limit=10.0, workers=args.workers,
                                          seed=args.seed), args.lang)
    if args.only in (None, "year"):
        from tools.gen_year import generate_year

        problem = generate_year(args.seed)
        run(problem.name, problem, _params(args, problem, args.year_time_limit), args.lang)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
