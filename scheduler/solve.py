"""The roster solver's public face: ``solve`` and ``replan``.

Pure core: problem in, :class:`SolveResult` out, no printing. Pre-checks run first (they name
the obvious conflicts without a solver), then the lexicographic CP-SAT loop; when the model is
infeasible the explanation names a small conflicting set of rule instances.
"""

from __future__ import annotations

import time
from fractions import Fraction

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
    params = params or SolveParams()
    t0 = time.monotonic()
    found = prechecks(problem, params)
    if found:
        return SolveResult("infeasible", None, conflicts=tuple(found),
                           seconds=time.monotonic() - t0)
    ctx = build_model(problem, params)
    specs = params.levels or problem.levels
    build_s = time.monotonic() - t0
    out = solve_lexico(ctx, specs, max(0.1, params.time_limit - build_s), on_progress,
                       should_stop, t0)
    stats = (("variables", len(ctx.model.proto.variables)),
             ("constraints", len(ctx.model.proto.constraints)),
             ("duty_variables", len(ctx.x)), ("build_seconds", round(build_s, 3)))
    if out.status == "infeasible":
        left = max(1.0, params.time_limit - (time.monotonic() - t0))
        conflicts = explain(problem, params, min(left, 30.0))
        return SolveResult("infeasible", None, conflicts=tuple(conflicts),
                           seconds=time.monotonic() - t0, stats=stats)
    if out.solution is None:
        return SolveResult(out.status, None, seconds=time.monotonic() - t0, stats=stats)
    sol = out.solution
    stats += (("level_end_seconds", tuple((lv.name, round(lv.ended_at, 3))
                                          for lv in out.levels if lv.solved)),)
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

    ``problem`` already contains the new leave. The published roster becomes the reference,
    and the levels put fewest changes right after cover, before fairness.
    """
    from dataclasses import replace

    params = params or SolveParams()
    params = replace(params, reference=roster,
                     levels=params.levels or REPLAN_LEVELS)
    return solve(problem, params, on_progress, should_stop)
