"""The Curtois–Qu reader: all twelve shared files, a hand-written instance, malformed input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shells.curtois_reader import CurtoisFormatError, parse_instance, read_instance

SHARED = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "curtois-qu"

# instance: days, employees, shift types, days off, on requests, off requests, cover rows
# (the table of FORMAT.md)
TABLE = {
    1: (14, 8, 1, 8, 21, 5, 14), 2: (14, 14, 2, 14, 50, 12, 28),
    3: (14, 20, 3, 20, 39, 25, 42), 4: (28, 10, 2, 20, 52, 19, 56),
    5: (28, 16, 2, 32, 79, 27, 56), 6: (28, 18, 3, 36, 87, 48, 84),
    7: (28, 20, 3, 40, 104, 64, 84), 8: (28, 30, 4, 60, 139, 86, 112),
    9: (28, 36, 4, 72, 144, 88, 112), 10: (28, 40, 5, 80, 210, 74, 140),
    11: (28, 50, 6, 100, 197, 139, 168), 12: (28, 60, 10, 120, 294, 128, 280),
}

TINY = """# tiny hand-written instance
SECTION_HORIZON
# days
7

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated
D,480,
N,480,D

SECTION_STAFF
# ID, MaxShifts, MaxMinutes, MinMinutes, MaxConsec, MinConsec, MinDaysOff, MaxWeekends
A,D=7|N=2,2400,960,3,2,2,1
B,D=7|N=0,1920,480,5,1,1,1

SECTION_DAYS_OFF
# EmployeeID, DayIndexes (start at zero)
A,6
B,0

SECTION_SHIFT_ON_REQUESTS
# EmployeeID, Day, ShiftID, Weight
A,0,D,2
B,3,D,1

SECTION_SHIFT_OFF_REQUESTS
# EmployeeID, Day, ShiftID, Weight
A,2,N,3
B,5,D,2

SECTION_COVER
# Day, ShiftID, Requirement, Weight for under, Weight for over
""" + "".join(f"{d},D,1,100,1\n{d},N,{1 if d == 2 else 0},100,1\n" for d in range(7))


@pytest.mark.parametrize("n", sorted(TABLE))
def test_reads_each_shared_instance(n):
    """Counts of days, staff, shifts, fixed days off, requests and cover rows match FORMAT.md,
    and day 0 is the Monday 2024-01-01."""
    p = read_instance(SHARED / f"Instance{n}.txt")
    on = sum(r.kind == "want" for r in p.requests)
    got = (len(p.days), len(p.staff), len(p.posts), len(p.leave), on, len(p.requests) - on,
           len(p.slots))
    assert got == TABLE[n]
    assert p.days[0].date == dt.date(2024, 1, 1) and p.name == f"Instance{n}"
    assert {d.day_type for d in p.days} == {"workday", "weekend"}
    assert all(s.weight_under == 100 and s.weight_over == 1 for s in p.slots)
    assert not p.rules.fairness and p.levels == ((("cover", 1), ("requests", 1)),)


def test_tiny_instance_maps_every_field():
    """Each field lands in the township object that carries its rule."""
    p = parse_instance(TINY, "tiny")
    posts = p.post_by_id()
    assert posts["N"].cannot_follow == frozenset({"D"}) and posts["D"].minutes == 480
    a = p.limits_of("A")
    assert dict(a.max_per_post) == {"D": 7, "N": 2}
    assert (a.max_minutes, a.min_minutes, a.max_consecutive_days, a.min_consecutive_days,
            a.min_consecutive_days_off, a.max_weekends) == (2400, 960, 3, 2, 2, 1)
    assert [(lv.staff_id, lv.start) for lv in p.leave] == [
        ("A", dt.date(2024, 1, 7)), ("B", dt.date(2024, 1, 1))]
    kinds = sorted((r.staff_id, r.kind, r.post_id, r.weight) for r in p.requests)
    assert kinds == [("A", "avoid", "N", 3), ("A", "want", "D", 2), ("B", "avoid", "D", 2),
                     ("B", "want", "D", 1)]
    assert len(p.slots) == 14


BROKEN = [
    # what is broken, (old, new) text replacement, the line number reported
    ("non-integer minutes", ("A,D=7|N=2,2400,", "A,D=7|N=2,24x0,"), 13),
    ("unknown shift in a request", ("B,3,D,1", "B,3,Q,1"), 24),
    ("day beyond the horizon", ("A,6\n", "A,9\n"), 18),
    ("missing field in a cover row", ("3,D,1,100,1", "3,D,1,100"), 39),
    ("sections out of order", ("SECTION_SHIFTS", "SECTION_STAFF"), 6),
    ("MaxShifts without N", ("B,D=7|N=0,", "B,D=7,"), 14),
]


@pytest.mark.parametrize(("what", "change", "line"), BROKEN, ids=[b[0] for b in BROKEN])
def test_malformed_instance_names_the_line(what, change, line):
    """A malformed file raises CurtoisFormatError whose first problem is on the right line,
    and the message says so in both languages."""
    text = TINY.replace(*change, 1)
    assert text != TINY, what
    with pytest.raises(CurtoisFormatError) as info:
        parse_instance(text, "broken")
    assert info.value.line == line
    assert f"line {line}:" in info.value.text("en")
    assert f"第 {line} 行" in info.value.text("zh")


def test_crlf_and_missing_file_section():
    """CRLF line endings parse as well; a truncated file reports the missing sections."""
    p = parse_instance(TINY.replace("\n", "\r\n"), "crlf")
    assert len(p.slots) == 14
    cut = TINY.split("SECTION_SHIFT_ON_REQUESTS")[0]
    with pytest.raises(CurtoisFormatError) as info:
        parse_instance(cut, "cut")
    assert "SECTION_COVER" in info.value.text("en")


def test_generated_instance_reads_at_the_requested_size():
    """``tools/gen_curtois`` writes the published format: the reader takes it without a
    problem, with every day, person and shift type asked for and one cover row per day and
    shift (the generator measures the engine at the held-out sizes)."""
    from tools.gen_curtois import generate

    problem = parse_instance(generate(28, 12, 5, seed=3), "gen")
    assert (len(problem.days), len(problem.staff), len(problem.posts)) == (28, 12, 5)
    assert len(problem.slots) == 28 * 5
    assert problem.days[0].date.weekday() == 0


def test_held_out_stand_ins_have_the_published_sizes(tmp_path):
    """``--held-out DIR`` writes one file for each of Instance13–24, named ``SynN.txt``,
    each read by the reader at the days, people and shift types that ``FORMAT.md`` gives
    for InstanceN, so the held-out table of the README can be reproduced by one command;
    asking for neither an output file nor the folder is a usage error."""
    from tools.gen_curtois import HELD_OUT_SIZES, main

    assert main(["--held-out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"Syn{n}.txt" for n in range(13, 25))
    for n, size in HELD_OUT_SIZES.items():
        problem = parse_instance((tmp_path / f"Syn{n}.txt").read_text(), f"Syn{n}")
        assert (len(problem.days), len(problem.staff), len(problem.posts)) == size
    published = {}
    for line in (SHARED / "FORMAT.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0].startswith("Instance") and cells[0][8:].isdigit() and len(cells) > 3:
            published[int(cells[0][8:])] = tuple(map(int, cells[1:4]))
    assert {n: published[n] for n in range(13, 25)} == HELD_OUT_SIZES
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
