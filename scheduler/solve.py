"""The roster solver's public face: ``solve`` and ``replan``.

Pure core: problem in, :class:`SolveResult` out, no printing. Pre-checks run first (they name
the obvious conflicts without a solver), then the lexicographic CP-SAT loop; when the model is
infeasible the explanation names a small conflicting set of rule instances.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from fractions import Fraction

from .cpsat.eligibility import Facts, why_not
from .cpsat.explain import explain, prechecks
from .cpsat.lexico import solve_lexico
from .cpsat.model import build_model
from .problem import (
    REPLAN_LEVELS,
    Assignment,
    Finding,
    LevelResult,
    Problem,
    Roster,
    SolveParams,
    SolveResult,
)


def solve(problem: Problem, params: SolveParams | None = None, on_progress=None,
          should_stop=None) -> SolveResult:
    """Solve ``problem`` lexicographically over ``params.levels`` or ``problem.levels``.

    Status is ``optimal`` (every level proven), ``feasible`` (a roster, some level not proven
    within the time limit), ``stopped`` (``should_stop()`` said so; best roster so far),
    ``infeasible`` (``conflicts`` says why) or ``unknown`` (no roster within the time limit).
    """
    return _solve(problem, params or SolveParams(), on_progress, should_stop)


def _solve(problem: Problem, params: SolveParams, on_progress, should_stop,
           prepare=None) -> SolveResult:
    """``solve`` with an optional ``prepare(ctx)`` hook that may fix variables (re-planning);
    a prepared model that turns out infeasible is reported as ``infeasible`` without an
    explanation, so the caller can fall back to the full model."""
    t0 = time.monotonic()
    from .cpsat.rules import RULES

    unknown = sorted({t for level in (params.levels or problem.levels) for t, _ in level
                      if RULES.get(t, ("", None, ""))[2] != "term" and t != "cover"})
    if unknown:
        raise ValueError(f"unknown objective term(s) in levels: {unknown}")
    found = prechecks(problem, params)
    if found:
        return SolveResult("infeasible", None, conflicts=tuple(found),
                           seconds=time.monotonic() - t0)
    ctx = build_model(problem, params, lazy=True)
    if prepare is not None:
        prepare(ctx)
    specs = params.levels or problem.levels
    build_s = time.monotonic() - t0
    out = solve_lexico(ctx, specs, max(0.1, params.time_limit - build_s), on_progress,
                       should_stop, t0)
    stats = (("variables", len(ctx.model.proto.variables)),
             ("constraints", len(ctx.model.proto.constraints)),
             ("duty_variables", len(ctx.x)), ("build_seconds", round(build_s, 3)))
    if out.status == "infeasible" and prepare is not None:
        return SolveResult("infeasible", None, seconds=time.monotonic() - t0, stats=stats)
    if out.status == "infeasible":
        left = max(1.0, params.time_limit - (time.monotonic() - t0))
        conflicts = explain(problem, params, min(left, 30.0))
        return SolveResult("infeasible", None, conflicts=tuple(conflicts),
                           seconds=time.monotonic() - t0, stats=stats)
    if out.solution is None:
        if out.status == "unknown" and prepare is None:
            fallback = _greedy_fallback(ctx, problem, params, specs, t0, stats)
            if fallback is not None:
                return fallback
        return SolveResult(out.status, None, seconds=time.monotonic() - t0, stats=stats)
    sol = out.solution
    # Scalars only: shells write stats into report cells. When each solved level ended:
    stats += tuple((f"level_end_seconds.{lv.name}", round(lv.ended_at, 3))
                   for lv in out.levels if lv.solved)
    roster = Roster.of(Assignment(d, p, s) for (s, d, p), v in ctx.x.items() if sol[v.index])
    levels = tuple(
        LevelResult(lv.name, Fraction(lv.value, lv.scale),
                    Fraction(max(0, min(lv.value, lv.bound if lv.bound is not None else 0)),
                             lv.scale),
                    lv.bound is not None and lv.bound >= lv.value, round(lv.seconds, 3))
        for lv in out.levels)
    return SolveResult(out.status, roster, levels=levels, uncovered=_uncovered(problem, roster),
                       seconds=time.monotonic() - t0, seconds_to_best=out.seconds_to_best,
                       stats=stats)


def _greedy_fallback(ctx, problem: Problem, params: SolveParams, specs, t0: float,
                     stats) -> SolveResult | None:
    """When the time limit ends before CP-SAT's first roster, return the greedy roster if
    the validator finds it breaks no rule: a roster the director can use beats none. Its
    levels are the validator's values with the trivial bound 0 (not proven)."""
    from .cpsat.greedy import construct
    from .validate import validate

    state = construct(ctx)
    roster = Roster.of(Assignment(d, p, s) for (s, d, p), v in state.values().items() if v)
    v = validate(problem, roster, allow_gaps=params.allow_gaps, reference=params.reference)
    if v.violations:
        return None
    levels = tuple(
        LevelResult("+".join(t for t, _ in spec), value, Fraction(0), value == 0, 0.0)
        for spec in specs
        for value in [sum((w * v.terms[t] for t, w in spec), Fraction(0))])
    return SolveResult("feasible", roster, levels=levels,
                       uncovered=_uncovered(problem, roster), seconds=time.monotonic() - t0,
                       stats=stats + (("fallback", "greedy"),))


def _uncovered(problem: Problem, roster: Roster) -> tuple[Finding, ...]:
    """Slots with fewer people than required (only possible with gaps or soft cover)."""
    n: dict[tuple, list[str]] = {}
    for a in roster.assignments:
        n.setdefault((a.date, a.post_id), []).append(a.staff_id)
    out = []
    for s in problem.slots:
        got = n.get((s.date, s.post_id), [])
        if len(got) < s.required:
            out.append(Finding("cover", s.date, s.post_id, tuple(got),
                               (("required", s.required), ("actual", len(got)),
                                ("missing", s.required - len(got)))))
    return tuple(out)


def replan(problem: Problem, roster: Roster, params: SolveParams | None = None,
           on_progress=None, should_stop=None) -> SolveResult:
    """Re-plan after a sick call or new leave: keep ``roster`` wherever the rules still allow.

    ``problem`` already contains the new leave. The published roster becomes the reference and
    the levels put fewest changes right after cover, before fairness. For speed, every day
    farther than a few days from a broken duty is first fixed to the published roster (the
    minimum number of changes almost never needs to touch them); only if that restricted
    model has no roster is the whole horizon re-solved.
    """
    t0 = time.monotonic()
    params = params or SolveParams()
    params = replace(params, reference=roster, levels=params.levels or REPLAN_LEVELS)
    broken = _broken(problem, roster)
    published = set(roster.assignments)
    broken |= {p.date for p in problem.pins
               if Assignment(p.date, p.post_id, p.staff_id) not in published}
    r = problem.rules
    reach = max([r.min_gap_days, *(p.rest_days_after for p in problem.posts)]) + 2
    for width in (reach, 3 * reach):
        free = {d + dt.timedelta(days=k) for d in broken for k in range(-width, width + 1)}
        quick = replace(params, time_limit=max(0.5, params.time_limit / 4))
        result = _solve(problem, quick, on_progress, should_stop,
                        prepare=lambda ctx, free=free: _fix_outside(ctx, roster, free))
        if result.roster is not None or result.status == "stopped":
            return result
    left = max(1.0, params.time_limit - (time.monotonic() - t0))
    return _solve(problem, replace(params, time_limit=left), on_progress, should_stop)


def _broken(problem: Problem, roster: Roster) -> set[dt.date]:
    """Dates of published duties the changed problem no longer allows (leave, inactive...)."""
    facts = Facts.of(problem)
    staff, posts = problem.staff_by_id(), problem.post_by_id()
    days = {d.date for d in problem.days}
    out = set()
    for a in roster.assignments:
        if a.date not in days:
            continue
        s, p = staff.get(a.staff_id), posts.get(a.post_id)
        if s is None or p is None or why_not(facts, s, a.date, p) is not None:
            out.add(a.date)
    return out


def _fix_outside(ctx, roster: Roster, free: set[dt.date]) -> None:
    """Fix every duty variable on days outside ``free`` to the published roster."""
    keep = {(a.staff_id, a.date, a.post_id) for a in roster.assignments}
    proto = ctx.model.proto
    for key, var in ctx.x.items():
        if key[1] in free:
            continue
        v = 1 if key in keep else 0
        dom = proto.variables[var.index].domain
        dom.clear()
        dom.extend([v, v])
