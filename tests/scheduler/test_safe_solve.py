"""CP-SAT's internal presolve error on a hinted model never reaches the user."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler import History, SolveParams, solve
from scheduler.cpsat.safe_solve import solve_model
from scheduler.validate import validate
from tests.scheduler.factories import make_problem, person, post


def test_hypothesis_scenario_that_crashed_presolve_now_solves() -> None:
    """Six equal people, one 12-hour post for 8 days, history for two: OR-Tools 9.15 raised
    ``IndexError: absl::btree_map::at`` in presolve on the hinted level model (found by the
    property test); the guarded solve returns a valid optimal roster for several seeds."""
    problem = make_problem(
        8, staff=tuple(person(f"S{k}") for k in range(6)),
        posts=(post("P0", day_types=("workday", "weekend"), minutes=720),),
        history=(History("S0"), History("S1")))
    for seed in range(3):
        for workers in (1, 2):
            result = solve(problem, SolveParams(time_limit=5, workers=workers, seed=seed))
            assert result.status == "optimal", (seed, workers, result.status)
            assert validate(problem, result.roster).ok


class _FlakySolver(cp_model.CpSolver):
    """Raises the C++ IndexError on the first ``fail`` calls, then solves normally."""

    def __init__(self, fail: int) -> None:
        super().__init__()
        self.fail, self.calls = fail, 0

    def solve(self, model, solution_callback=None):
        self.calls += 1
        if self.calls <= self.fail:
            raise IndexError("absl::btree_map::at")
        return super().solve(model, solution_callback)


def _hinted_model() -> cp_model.CpModel:
    m = cp_model.CpModel()
    x = m.new_int_var(0, 10, "x")
    m.add(x >= 3)
    m.minimize(x)
    m.add_hint(x, 7)
    return m


def test_retry_drops_the_hint_first() -> None:
    """After one internal error the run is repeated without the hint, presolve still on."""
    solver, m = _FlakySolver(fail=1), _hinted_model()
    assert solve_model(solver, m) == cp_model.OPTIMAL
    assert solver.value(m.get_int_var_from_proto_index(0)) == 3
    assert solver.calls == 2 and len(m.proto.solution_hint.vars) == 0
    assert solver.parameters.cp_model_presolve


def test_second_retry_turns_presolve_off() -> None:
    """When the model fails again without hint, presolve is switched off for the last try."""
    solver, m = _FlakySolver(fail=2), _hinted_model()
    assert solve_model(solver, m) == cp_model.OPTIMAL
    assert solver.calls == 3 and not solver.parameters.cp_model_presolve
