"""Who could take a cell of the roster: the director's "replace this person" question.

For every staff member the check puts them into one (date, post) cell — in addition to the
people there, or instead of one of them — and re-runs the validator's per-rule functions for
only what that change touches: the newcomer, the person taken off, and that cell. A finding
that was already there before the change (say, an old leave clash elsewhere) is not held
against the newcomer; what remains are the reasons they cannot take the cell.
"""

from __future__ import annotations

import datetime as dt

from .problem import Assignment, Finding, Problem, Roster
from .validate import hard_findings
from .validate_facts import Scope, build_facts

Candidate = tuple[str, tuple[Finding, ...]]


def candidates(problem: Problem, roster: Roster, date: dt.date, post_id: str, *,
               replace: str | None = None, allow_gaps: bool = False) -> list[Candidate]:
    """Every staff member not already in the cell, with the rules the move would break.

    Parameters
    ----------
    problem, roster : Problem, Roster
        The problem and the current roster (which may already break rules).
    date, post_id : date, str
        The cell to fill; it must be a day of the horizon and a known post.
    replace : str, optional
        The person taken off the cell; ``None`` adds someone to it.
    allow_gaps : bool
        As in :func:`scheduler.validate.validate`.

    Returns
    -------
    list of (staff_id, findings)
        In staff order; an empty tuple of findings means the move keeps every hard rule.
    """
    if date not in problem.day_by_date():
        raise ValueError(f"{date} is outside the horizon")
    if post_id not in problem.post_by_id():
        raise ValueError(f"unknown post {post_id!r}")
    cell = (date, post_id)
    facts = build_facts(problem, roster, allow_gaps=allow_gaps)
    present = set(facts.by_cell.get(cell, ()))
    out: list[Candidate] = []
    for s in problem.staff:
        i = s.staff_id
        if i in present:
            continue
        people = {i} if replace is None else {i, replace}
        scope = Scope(people=people, slots={cell})
        before = set(hard_findings(facts, scope))
        after = hard_findings(facts.with_change(Assignment(date, post_id, i), replace), scope)
        out.append((i, tuple(f for f in after if f not in before)))
    return out


def legal_candidates(problem: Problem, roster: Roster, date: dt.date, post_id: str, *,
                     replace: str | None = None, allow_gaps: bool = False) -> list[str]:
    """Only the people who can take the cell without breaking any hard rule."""
    return [i for i, why in candidates(problem, roster, date, post_id, replace=replace,
                                       allow_gaps=allow_gaps) if not why]
