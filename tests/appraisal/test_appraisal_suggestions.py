"""Every follow-up suggestion, from this cycle's level and the two previous years."""

from __future__ import annotations

import pandas as pd
import pytest

from appraisal.suggestions import past_levels, suggest


def one(level, prev1=0, prev2=0):
    return suggest(pd.Series([level]), pd.Series([prev1]), pd.Series([prev2]))[0]


@pytest.mark.parametrize("level, prev1, prev2, expected", [
    (1, 0, 0, ("commendation", "year_end_bonus")),
    (1, 1, 0, ("commendation", "year_end_bonus")),
    (1, 1, 1, ("merit_citation", "year_end_bonus")),
    (1, 2, 1, ("commendation", "year_end_bonus")),
    (2, 1, 1, ("year_end_bonus",)),
    (3, 0, 0, ()),
    (4, 0, 0, ("demotion_review",)),
    (4, 3, 4, ("demotion_review",)),
    (4, 4, 0, ("dismissal_review",)),
    (0, 4, 4, ()),
])
def test_suggestions(level, prev1, prev2, expected):
    """优秀 → 嘉奖, three in a row → 三等功 instead; second grade → bonus only; third grade
    nothing; lowest → demotion review, twice running → dismissal review instead; not graded
    → nothing, whatever the past."""
    assert one(level, prev1, prev2) == expected


def test_past_levels_look_at_the_two_previous_years_only():
    """For 2026, 2025 is prev1 and 2024 prev2; 2023 and unknown people are 0."""
    hist = pd.DataFrame({"staff_id": ["A", "A", "A", "B"], "year": [2025, 2024, 2023, 2023],
                         "level": [1, 2, 4, 4]})
    got = past_levels(hist, pd.Series(["A", "B", "C"]), 2026).set_index("staff_id")
    assert got.loc["A"].tolist() == [1, 2]
    assert got.loc["B"].tolist() == [0, 0] and got.loc["C"].tolist() == [0, 0]


def test_a_gap_year_breaks_the_run():
    """优秀 in 2026 and 2024 but not graded in 2025 is not three consecutive years."""
    hist = pd.DataFrame({"staff_id": ["A"], "year": [2024], "level": [1]})
    p = past_levels(hist, pd.Series(["A"]), 2026)
    assert suggest(pd.Series([1]), p["prev1"], p["prev2"])[0] == ("commendation",
                                                                   "year_end_bonus")
