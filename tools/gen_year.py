"""Generate a seeded year-long roster problem: 60 staff, 5 posts (the performance benchmark).

The office mirrors the sample quarter at a larger scale: a leader group taking the leader post
every day, and staff taking night, weekend and holiday posts by qualification, with part-timers,
arrivals and leavers, annual and long sick leave, history points, wishes and the sample's caps.
Everything derives from ``seed``, so a benchmark figure can be reproduced exactly.

Run ``python -m tools.gen_year [--seed N]`` to print its size; ``bench/bench_roster.py`` uses
:func:`generate_year` directly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from fractions import Fraction

from office.calendar import build_calendar
from office.people import Leave, Staff
from scheduler.build import township_slots
from scheduler.problem import History, Pin, Post, Problem, Request, Rules

ONE = dt.timedelta(days=1)


def _posts() -> tuple[Post, ...]:
    """Leader post daily; night on workdays; weekend day and night; holiday 24 h (two people)."""
    t = dt.time
    return (
        Post("LEAD", "带班领导", frozenset({"workday", "weekend", "holiday"}), 1, "leader",
             t(8, 30), 24 * 60, 100, 0),
        Post("NIGHT", "夜间值班", frozenset({"workday"}), 1, "night", t(17, 30), 15 * 60, 100, 1),
        Post("WKD_DAY", "周末日间值班", frozenset({"weekend"}), 1, "duty", t(8, 30), 9 * 60,
             150, 0),
        Post("WKD_NIGHT", "周末夜间值班", frozenset({"weekend"}), 1, "night", t(17, 30),
             15 * 60, 150, 1),
        Post("HOL", "节假日24小时值班", frozenset({"holiday"}), 2, "duty", t(8, 30), 24 * 60,
             300, 1),
    )


def generate_year(seed: int = 0, n_staff: int = 60, year: int = 2026,
                  n_leaders: int = 8) -> Problem:
    """A deterministic year for ``n_staff`` people (``n_leaders`` of them leaders)."""
    rng = random.Random(seed)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = build_calendar(start, end)
    staff = []
    for k in range(n_staff):
        sid = f"Y{k + 1:03d}"
        leader = k < n_leaders
        quals = {"leader"} if leader else ({"duty", "night"} if rng.random() < 0.8 else {"duty"})
        fte = Fraction(1) if rng.random() > 0.08 or leader else Fraction(1, 2)
        a_from = a_to = None
        r = rng.random()
        if not leader and r < 0.05:
            a_from = start + rng.randrange(30, 200) * ONE
        elif not leader and r < 0.08:
            a_to = start + rng.randrange(150, 330) * ONE
        staff.append(Staff(sid, f"人员{k + 1:02d}", department=f"D{k % 6 + 1}",
                           rank="leader" if leader else "cadre",
                           fairness_group="leader" if leader else "staff",
                           qualifications=frozenset(quals), fte=fte,
                           active_from=a_from, active_to=a_to))
    leave = []
    for s in staff:
        for _ in range(rng.randrange(0, 3)):
            first = start + rng.randrange(0, 355) * ONE
            leave.append(Leave(s.staff_id, first, min(end, first + rng.randrange(2, 10) * ONE),
                               "annual"))
    for s in rng.sample(staff[n_leaders:], 2):
        first = start + rng.randrange(0, 250) * ONE
        leave.append(Leave(s.staff_id, first, min(end, first + rng.randrange(30, 90) * ONE),
                           "sick"))
    history = tuple(
        History(s.staff_id, points100=rng.choice((0, 50, 100, 150, 200, 300)),
                holidays_worked=frozenset(rng.sample(("spring", "national", "labour"),
                                                     rng.randrange(0, 2))))
        for s in staff)
    requests = []
    for _ in range(80):
        s = rng.choice(staff)
        requests.append(Request(s.staff_id, start + rng.randrange(0, 365) * ONE,
                                rng.choice(("want", "avoid", "avoid"))))
    posts = _posts()
    problem = Problem(
        days=days, staff=tuple(staff), posts=posts, slots=township_slots(days, posts),
        leave=tuple(leave), requests=tuple(requests), history=history,
        rules=Rules(min_gap_days=2, max_duties_per_month=6,
                    max_weekend_holiday_duties_per_month=3, spacing_days=4,
                    weight_rotation=2),
        name=f"generated year {year} seed {seed}")
    return _with_pins(problem, rng)


def _with_pins(problem: Problem, rng: random.Random) -> Problem:
    """A few pins on workday nights for people free that day (as a director would fix)."""
    from dataclasses import replace

    from scheduler.cpsat.eligibility import Facts, why_not

    facts = Facts.of(problem)
    nights = [d.date for d in problem.days if d.day_type == "workday"]
    post = problem.post_by_id()["NIGHT"]
    pins: list[Pin] = []
    used: set[str] = set()
    for d in rng.sample(nights, 6):
        cands = [s for s in problem.staff if s.staff_id not in used
                 and why_not(facts, s, d, post) is None]
        if cands:
            s = rng.choice(cands)
            used.add(s.staff_id)
            pins.append(Pin(d, "NIGHT", s.staff_id))
    return replace(problem, pins=tuple(pins))


def main(argv: list[str] | None = None) -> int:
    """Print the generated problem's size (a developer check, not a user command)."""
    ap = argparse.ArgumentParser(description="generate a benchmark year")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    p = generate_year(args.seed)
    print(f"{p.name}: {len(p.staff)} staff, {len(p.posts)} posts, {len(p.days)} days, "
          f"{len(p.slots)} slots, {sum(s.required for s in p.slots)} duties")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
