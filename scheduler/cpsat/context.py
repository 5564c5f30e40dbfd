"""The shared state of one CP-SAT model: variables, guards and objective terms.

Every rule function (one per rule, see ``RULES`` in ``scheduler.cpsat.rules``) receives a
:class:`ModelContext` and adds its constraints or its objective term to it. Keeping variable
creation here means all rules see the same ``x`` and ``work`` variables; keeping guards here
means any hard rule can be switched into "explain" mode, where each rule instance is enforced
only under an assumption literal so CP-SAT can name the conflicting ones.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..problem import Problem, SolveParams

Key = tuple[str, dt.date, str]  # (staff_id, date, post_id)


@dataclass(frozen=True)
class Guard:
    """What one assumption literal stands for, in data the explanation turns into words."""

    rule: str
    date: dt.date | None = None
    post_id: str = ""
    staff_ids: tuple[str, ...] = ()
    params: tuple[tuple[str, object], ...] = ()


@dataclass
class Term:
    """An integer objective term and the divisor that turns it into its real value."""

    expr: cp_model.LinearExprT
    scale: int = 1
    lower_bound: int = 0
    exact: Callable[[list[int]], int] | None = None
    """Exact integer value from a solution vector, where ``expr`` is only a bound on it
    (e.g. ``z >= excess_i``); None means the value of ``expr`` itself."""


@dataclass
class ModelContext:
    """Model, decision variables and bookkeeping for one solve.

    ``x[(staff_id, date, post_id)]`` exists only where the person may legally take the post
    that day (slot exists, qualified, active, not on leave, per-post limit above 0), so the
    eligibility rules shrink the model instead of adding constraints.
    ``work[(staff_id, date)]`` is 1 when the person has any duty that day; it exists for every
    person and horizon day (a constant 0 where nothing is eligible) so that sequence rules
    can index it without checks.

    Rules should add duty variables through :meth:`add_x` and read them through the
    indexed views (:meth:`person_day_vars`, :meth:`slot_vars`, :meth:`person_vars`), which
    are O(1) lookups instead of scans over all of ``x``.
    """

    problem: Problem
    params: SolveParams
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    work: dict[tuple[str, dt.date], cp_model.IntVar] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    explain: bool = False
    guards: dict[int, Guard] = field(default_factory=dict)
    guard_lits: list[cp_model.IntVar] = field(default_factory=list)
    _guard_cache: dict[Guard, cp_model.IntVar] = field(default_factory=dict)
    by_person_day: dict[tuple[str, dt.date], dict[str, cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(dict))
    by_slot: dict[tuple[dt.date, str], dict[str, cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(dict))
    by_person: dict[str, dict[tuple[dt.date, str], cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(dict))
    info: dict[str, object] = field(default_factory=dict)
    zero: cp_model.IntVar | None = None

    def __post_init__(self) -> None:
        if self.zero is None:
            self.zero = self.model.new_constant(0)

    def guard(self, g: Guard) -> list[cp_model.IntVar]:
        """Literals to pass to ``OnlyEnforceIf`` for one rule instance.

        Outside explain mode this is the empty list, so the constraint is unconditional and
        costs nothing extra. In explain mode each distinct :class:`Guard` gets one literal,
        later assumed true; CP-SAT's ``sufficient_assumptions_for_infeasibility`` then returns
        the guards of a small conflicting set.
        """
        if not self.explain:
            return []
        lit = self._guard_cache.get(g)
        if lit is None:
            lit = self.model.new_bool_var(f"guard_{len(self.guard_lits)}")
            self._guard_cache[g] = lit
            self.guards[lit.index] = g
            self.guard_lits.append(lit)
        return [lit]

    def add_term(self, name: str, expr, scale: int = 1, lower_bound: int = 0,
                 exact: Callable[[list[int]], int] | None = None) -> None:
        """Register an objective term; levels are sums of weighted terms."""
        self.terms[name] = Term(expr=expr, scale=scale, lower_bound=lower_bound, exact=exact)

    def add_x(self, key: Key, var: cp_model.IntVar) -> None:
        """Register one duty variable in ``x`` and in the indices the views read."""
        s, d, p = key
        self.x[key] = var
        self.by_person_day[(s, d)][p] = var
        self.by_slot[(d, p)][s] = var
        self.by_person[s][(d, p)] = var

    # Convenience views used by many rules -------------------------------------------------
    def person_day_vars(self, staff_id: str, date: dt.date) -> list[cp_model.IntVar]:
        """All duty variables of one person on one day."""
        return list(self.by_person_day.get((staff_id, date), {}).values())

    def slot_vars(self, date: dt.date, post_id: str) -> list[cp_model.IntVar]:
        """All duty variables of one slot."""
        return list(self.by_slot.get((date, post_id), {}).values())

    def person_vars(self, staff_id: str) -> dict[tuple[dt.date, str], cp_model.IntVar]:
        """All duty variables of one person, keyed by (date, post_id)."""
        return self.by_person.get(staff_id, {})
