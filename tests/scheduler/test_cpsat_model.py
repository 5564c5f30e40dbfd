"""The model's duty variables: exactly where every eligibility rule allows a duty."""

from __future__ import annotations

from scheduler.cpsat.eligibility import Facts, why_not
from scheduler.cpsat.model import build_model
from shells.curtois_reader import read_instance
from tests.scheduler.factories import day, leave, make_problem, person, post

from ..shells.test_curtois_reader import SHARED


def _allowed(problem) -> set[tuple]:
    """Every (person, date, post) that no eligibility rule excludes, asked slot by slot."""
    facts, posts = Facts.of(problem), problem.post_by_id()
    return {(s.staff_id, slot.date, slot.post_id) for s in problem.staff
            for slot in problem.slots
            if why_not(facts, s, slot.date, posts[slot.post_id]) is None}


def test_duties_exist_exactly_where_every_rule_allows_them_township():
    """Qualification and the per-post rules are asked once per person and post, leave and
    activity per day: the duties are still exactly the pairs no rule excludes."""
    problem = make_problem(
        7, staff=("A", person("B", quals=("n",)), person("C", active_from=day(2)), "D"),
        posts=(post("P"), post("Q", qualification="n")), leave=(leave("D", 1, 3),))
    keys = set(build_model(problem).x)
    assert keys == _allowed(problem)
    assert ("A", day(0), "Q") not in keys and ("B", day(0), "Q") in keys
    assert ("C", day(1), "P") not in keys and ("D", day(2), "P") not in keys


def test_duties_exist_exactly_where_every_rule_allows_them_curtois():
    """Instance12 has per-person limits of 0 on some shift types and fixed days off."""
    problem = read_instance(SHARED / "Instance12.txt")
    keys = set(build_model(problem).x)
    assert keys == _allowed(problem)
    assert len(keys) < len(problem.staff) * len(problem.slots)
