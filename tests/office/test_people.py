"""Staff and leave value objects: validation and inclusive date semantics."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from office.people import Leave, Staff, days_on_leave

D = dt.date


def test_active_dates_are_inclusive() -> None:
    """Both ``active_from`` and ``active_to`` are days on which the person is active."""
    s = Staff("W1", "A", active_from=D(2026, 1, 15), active_to=D(2026, 2, 1))
    assert not s.is_active(D(2026, 1, 14))
    assert s.is_active(D(2026, 1, 15)) and s.is_active(D(2026, 2, 1))
    assert not s.is_active(D(2026, 2, 2))


def test_group_defaults_to_rank() -> None:
    """Leaders are compared with leaders unless a fairness group is given explicitly."""
    assert Staff("W1", "A", rank="leader").group == "leader"
    assert Staff("W1", "A", rank="leader", fairness_group="all").group == "all"


@pytest.mark.parametrize("fte", [Fraction(0), Fraction(-1, 2), Fraction(3, 2)])
def test_fte_outside_unit_interval_is_rejected(fte: Fraction) -> None:
    """fte must lie in (0, 1]: a zero or over-full post would distort fair shares."""
    with pytest.raises(ValueError):
        Staff("W1", "A", fte=fte)


def test_leave_days_are_inclusive_and_per_person() -> None:
    """A leave from the 1st to the 3rd blocks three days, and only for its own person."""
    leaves = (Leave("W1", D(2026, 1, 1), D(2026, 1, 3)), Leave("W2", D(2026, 1, 5), D(2026, 1, 5)))
    assert days_on_leave(leaves, "W1") == {D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)}
    assert days_on_leave(leaves, "W3") == set()


def test_leave_ending_before_it_starts_is_rejected() -> None:
    """An inverted leave is a data error, never silently an empty leave."""
    with pytest.raises(ValueError):
        Leave("W1", D(2026, 1, 3), D(2026, 1, 1))
