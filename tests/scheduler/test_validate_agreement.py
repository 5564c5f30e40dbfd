"""The solver's level values equal the validator's on every rule's tiny problem.

The solver must also keep each rule (its roster validates); this is the issue's
"validator = specification" promise, checked on the keep/break problems of every hard rule.
"""

from __future__ import annotations

import pytest

from scheduler import SolveParams, solve
from scheduler.validate import validate
from tests.scheduler.test_validate_rules import CASES


@pytest.mark.parametrize("name", list(CASES))
def test_solver_levels_equal_validator_levels(name: str) -> None:
    """Solved roster keeps every hard rule and each level's value is the validator's, exactly."""
    problem = CASES[name]["problem"]
    result = solve(problem, SolveParams(time_limit=5, workers=1, seed=1))
    assert result.roster is not None, result.status
    v = validate(problem, result.roster)
    assert v.violations == ()
    assert {lv.name: lv.value for lv in result.levels}.items() <= dict(v.levels).items()
