"""Bulk hints and solution reads give exactly what the per-variable API gives."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from scheduler.cpsat.lns import Tracker, hint_all, set_hint, solution_vector


def _model():
    """A small model with Booleans and one integer variable, and a unique optimum."""
    m = cp_model.CpModel()
    xs = [m.new_bool_var(f"x{i}") for i in range(6)]
    total = m.new_int_var(0, 6, "total")
    m.add(total == sum(xs))
    m.add(xs[0] + xs[1] == 1)
    m.add(total >= 3)
    m.minimize(sum((i + 1) * x for i, x in enumerate(xs)))
    return m, xs + [total]


def test_set_hint_equals_add_hint():
    """The bulk hint holds the same (variable, value) pairs as one add_hint per variable,
    and replaces an earlier hint instead of adding to it."""
    bulk, variables = _model()
    slow = bulk.clone()
    values = [1, 0, 1, 1, 0, 0, 3]
    bulk.add_hint(variables[4], 1)  # replaced, not kept
    set_hint(bulk, [v.index for v in variables], values)
    for v, val in zip(variables, values, strict=True):
        slow.add_hint(slow.get_int_var_from_proto_index(v.index), val)
    assert list(bulk.proto.solution_hint.vars) == list(slow.proto.solution_hint.vars)
    assert list(bulk.proto.solution_hint.values) == values


def test_hint_all_rejects_a_vector_of_the_wrong_length():
    """A hint shorter than the variable list is an error, not a silently partial hint."""
    m, variables = _model()

    class Ctx:
        model = m

    with pytest.raises(ValueError, match="6 hint values for 7 variables"):
        hint_all(Ctx, variables, [0] * 6)


def test_solution_vector_and_tracker_read_the_solved_values():
    """The bulk read of a response, in the solver and inside the solution callback,
    equals solver.value of each variable; variables past ``n`` are left out."""
    m, variables = _model()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    tracker = Tracker(variables[:-1], 0.0, None)
    assert solver.solve(m, tracker) == cp_model.OPTIMAL
    expected = [solver.value(v) for v in variables]
    assert expected == [1, 0, 1, 1, 0, 0, 3]
    assert solution_vector(solver.response_proto, len(variables)) == expected
    assert tracker.best == expected[:-1]
    assert tracker.objective == int(solver.objective_value)
