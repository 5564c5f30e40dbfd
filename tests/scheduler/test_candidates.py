"""Who could take a cell: reasons in the validator's words, agreeing with a full validation."""

from __future__ import annotations

import pytest

from scheduler.candidates import candidates, legal_candidates
from scheduler.problem import Assignment, Pin, Roster, Rules
from scheduler.validate import validate
from tests.scheduler.factories import day, leave, make_problem, roster
from tests.scheduler.test_validate_rules import CASES


def _seq(people: str):
    return [(k, "P", s) for k, s in enumerate(people)]


def test_replacing_lists_reasons_and_legal_people() -> None:
    """B is on leave that day and C would have no free day before: nobody else fits."""
    p = make_problem(leave=(leave("B", 3, 3),), rules=Rules(min_gap_days=1))
    r = roster(*_seq("ABCABCA"))
    got = dict(candidates(p, r, day(3), "P", replace="A"))
    assert set(got) == {"B", "C"}
    assert {f.rule for f in got["B"]} == {"leave", "min_gap"}
    assert {f.rule for f in got["C"]} == {"min_gap"}
    assert legal_candidates(p, r, day(3), "P", replace="A") == []
    # without the gap rule C fits
    p2 = make_problem(leave=(leave("B", 3, 3),))
    assert legal_candidates(p2, r, day(3), "P", replace="A") == ["C"]


def test_taking_a_pinned_person_off_is_a_reason_for_everyone_else() -> None:
    """A pin on the cell makes any replacement break the pin."""
    p = make_problem(pins=(Pin(day(3), "P", "A"),))
    got = dict(candidates(p, roster(*_seq("ABCABCA")), day(3), "P", replace="A"))
    assert all([f.rule for f in why] == ["pin"] for why in got.values())


def test_adding_to_a_full_cell_overfills_it() -> None:
    """Without ``replace`` the newcomer is extra, which the cover rule forbids."""
    p = make_problem()
    got = dict(candidates(p, roster(*_seq("ABCABCA")), day(0), "P"))
    assert {f.rule for why in got.values() for f in why} == {"cover"}
    holes = roster(*[a for a in _seq("ABCABCA") if a[0] != 0])
    assert legal_candidates(p, holes, day(0), "P") == ["A", "B", "C"]


def test_old_problems_elsewhere_are_not_held_against_a_newcomer() -> None:
    """C already breaks a leave elsewhere; that finding is not a reason for this cell."""
    p = make_problem(leave=(leave("C", 5, 5),))
    r = roster(*_seq("ABCABCA"))
    assert not validate(p, r).ok
    assert "C" in legal_candidates(p, r, day(0), "P", replace="A")


@pytest.mark.parametrize("name", list(CASES))
def test_candidates_agree_with_a_full_validation(name: str) -> None:
    """On each rule's valid roster, a move is legal exactly when the new roster validates."""
    case = CASES[name]
    p, r = case["problem"], case["good"]
    for s in p.slots:
        occupants = [a.staff_id for a in r.assignments if (a.date, a.post_id) == (s.date,
                                                                                s.post_id)]
        for gone in occupants:
            legal = set(legal_candidates(p, r, s.date, s.post_id, replace=gone))
            for person in p.staff:
                if person.staff_id in occupants:
                    continue
                moved = Roster.of([a for a in r.assignments if a != Assignment(
                    s.date, s.post_id, gone)] + [Assignment(s.date, s.post_id, person.staff_id)])
                assert (person.staff_id in legal) == validate(p, moved).ok, (
                    s.date, s.post_id, gone, person.staff_id)


def test_a_cell_outside_the_problem_is_refused() -> None:
    """Asking about a day outside the horizon or an unknown post is a programming error."""
    p = make_problem()
    with pytest.raises(ValueError):
        candidates(p, Roster(), day(30), "P")
    with pytest.raises(ValueError):
        candidates(p, Roster(), day(0), "X")
