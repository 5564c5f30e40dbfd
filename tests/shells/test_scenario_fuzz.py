"""Bad input never gives a traceback: random garbage in random cells is always reported."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shells.scenario_reader import read_scenario_frames
from tests.shells.scenario_factory import base_frames, with_cell

SHEETS = base_frames()
CELLS = [(sheet, pos, col) for sheet, frame in SHEETS.items()
         for pos in range(len(frame)) for col in frame.columns]

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet="0123456789-:/.;；=WLEADNIGHT 春节", max_size=14),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)),
    st.times(), st.sampled_from([pd.NaT, pd.Timestamp("2026-01-05"), "", " ", "nan"]),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(CELLS), VALUES), min_size=1, max_size=4))
def test_random_cells_never_raise(changes) -> None:
    """Whatever lands in the cells, the reader returns; an error always means no Problem."""
    frames = base_frames()
    for (sheet, pos, col), value in changes:
        frames = with_cell(frames, sheet, pos, col, value)
    problem, problems = read_scenario_frames(frames)
    if any(p.is_error for p in problems):
        assert problem is None
    else:
        assert problem is not None
    for p in problems:
        assert p.sheet in SHEETS and p.text("en") and p.text("zh")
        assert p.row is None or p.row >= 2
