"""A redundant automaton per person over the work/off sequence: the strong formulation.

The linear rules of :mod:`scheduler.cpsat.sequence` are exact and guardable, but their LP
relaxation is weak: fractional ``work`` values satisfy every window and start implication
while being far from any real roster. CP-SAT expands an automaton into a layered network
(one state layer per day), whose LP relaxation is the convex hull of all the person's legal
work/off patterns. Adding it next to the linear rules therefore raises the lower bound a
lot (on Curtois Instance4 the gap closed and optimality was proven, see the benchmark
notes) while the linear rules keep explanations working.

One automaton per person combines max/min consecutive working days, min consecutive days
off (with the horizon-edge exemptions) and, when the state count stays small, a counter of
worked weekends. The day's label is ``work + 2·kind`` with kind 0 = Monday–Friday,
1 = Saturday, 2 = Sunday, so the time-invariant automaton still knows where weekends are.
It is never added in explain mode (an automaton cannot be guarded).
"""

from __future__ import annotations

import datetime as dt

from .context import ModelContext

MAX_STATES = 400
"""Above this many states per person the weekend counter is left to the linear rule."""

_START, _OFF0 = "start", "off0"


def _run_next(state, worked: bool, k: int | None, a: int, b: int):
    """Next run state, or None when the step breaks a run-length rule.

    States: ``start``; ``off0`` (days off from day 0, exempt); ``("w0", j)`` (work from
    day 0, exempt from the minimum); ``("w", j)`` work run of length j; ``("o", j)`` days
    off, j capped at ``b``. Lengths of work runs are capped at ``a`` when there is no max.
    """
    if state == _START:
        if not worked:
            return _OFF0
        return ("w0", 1) if a > 1 else ("w", 1)
    if state == _OFF0:
        return ("w", 1) if worked else _OFF0
    kind, j = state
    if kind in ("w", "w0"):
        if worked:
            if k is not None and j + 1 > k:
                return None
            nj = j + 1 if k is not None else min(j + 1, a)
            return ("w0", nj) if kind == "w0" and nj < a else ("w", nj)
        return ("o", 1) if (kind == "w0" or j >= a) else None
    if not worked:
        return ("o", min(j + 1, b))
    return ("w", 1) if j >= b else None


def pattern_automaton(k: int | None, a: int | None, b: int | None, weekends: int | None):
    """Transitions, start and final states of the combined rules for one person.

    Every state is final: a run cut by the last day is exempt from both minimums.
    ``weekends`` (None = no counter) bounds the worked weekends; a Saturday sets a flag so
    that the Sunday of the same weekend is not counted twice.
    """
    a = a if a and a > 1 else 1
    b = b if b and b > 1 else 1
    ids: dict[tuple, int] = {}

    def sid(st) -> int:
        return ids.setdefault(st, len(ids))

    start = (_START, 0, 0)
    sid(start)
    trans, todo, seen = [], [start], set()
    kinds = (0, 1, 2) if weekends is not None else (0,)
    while todo:
        st = todo.pop()
        if st in seen:
            continue
        seen.add(st)
        run, count, flag = st
        for kind in kinds:
            for worked in (0, 1):
                nrun = _run_next(run, bool(worked), k, a, b)
                if nrun is None:
                    continue
                ncount, nflag = count, 0
                if kind == 1 and worked:
                    ncount, nflag = count + 1, 1
                elif kind == 2 and worked and not flag:
                    ncount = count + 1
                if weekends is not None and ncount > weekends:
                    continue
                nxt = (nrun, ncount, nflag)
                trans.append((sid(st), worked + 2 * kind, sid(nxt)))
                todo.append(nxt)
    return trans, 0, sorted(ids.values())


def _kind(date: dt.date) -> int:
    wd = date.weekday()
    return 1 if wd == 5 else 2 if wd == 6 else 0


def _contiguous(dates: list[dt.date]) -> bool:
    return all((b - a).days == 1 for a, b in zip(dates, dates[1:], strict=False))


def plan_automata(ctx: ModelContext) -> tuple[list, int]:
    """The automata :func:`add_sequence_automata` would add, and their expansion size.

    Size = Σ transitions × days, what CP-SAT's expansion grows with. Empty in explain mode
    and for horizons with gaps between days (the automaton reads consecutive list entries
    as consecutive days).
    """
    from .sequence import _limit, weekends

    problem = ctx.problem
    dates = [d.date for d in problem.days]
    if ctx.explain or not dates or not _contiguous(dates):
        return [], 0
    n_weekends = len(weekends(dates).get(None, []))
    plans = []
    for staff in problem.staff:
        sid = staff.staff_id
        k = _limit(ctx, sid, "max_consecutive_days")
        a = _limit(ctx, sid, "min_consecutive_days")
        b = _limit(ctx, sid, "min_consecutive_days_off")
        w = _limit(ctx, sid, "max_weekends")
        if w is not None and w >= n_weekends:
            w = None
        if k is None and (a or 1) <= 1 and (b or 1) <= 1 and w is None:
            continue
        trans, start, finals = pattern_automaton(k, a, b, w)
        if w is not None and len(finals) > MAX_STATES:
            trans, start, finals = pattern_automaton(k, a, b, None)
            w = None
            if k is None and (a or 1) <= 1 and (b or 1) <= 1:
                continue
        plans.append((sid, w is not None, trans, start, finals))
    return plans, sum(len(p[2]) for p in plans) * len(dates)


def add_sequence_automata(ctx: ModelContext, max_size: int | None = None) -> int:
    """Add the redundant pattern automaton for every person with a run or weekend limit.

    Returns the number of automata added: none when the expansion (see
    :func:`plan_automata`) would exceed ``max_size``, because CP-SAT expands each automaton
    into a layered network and past some size the slower LP costs more than the stronger
    bound gives (measured on the benchmark, see docs/readme_parts/benchmark.md).
    """
    from .sequence import _person_posts, _work_of

    plans, size = plan_automata(ctx)
    if not plans or (max_size is not None and size > max_size):
        return 0
    index = _person_posts(ctx)
    dates = [d.date for d in ctx.problem.days]
    for sid, weekend_labels, trans, start, finals in plans:
        work = _work_of(ctx, index, sid)
        labels = [work[d] + (2 * _kind(d) if weekend_labels else 0) for d in dates]
        ctx.model.add_automaton(labels, start, finals, trans)
    return len(plans)
