"""The shipped data: the sample quarter, its CSV twin, the infeasible variant, the template."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from office.i18n import has
from shells.scenario_dictionary import COLUMNS, SHEET_ORDER, columns_of
from shells.scenario_reader import read_scenario
from tests.shells.scenario_greedy import greedy_roster
from tools import make_sample_scenario

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
D = dt.date


@pytest.fixture(scope="module")
def sample():
    problem, problems = read_scenario(DATA / "sample_scenario.xlsx")
    assert problems == [], [p.text("en") for p in problems]
    return problem


def test_sample_reads_without_any_problem(sample) -> None:
    """The sample office: 42 staff (7 leaders), five posts, the first quarter of 2026."""
    assert len(sample.staff) == 42 and len(sample.posts) == 5
    assert sum(s.group == "leader" for s in sample.staff) == 7
    assert (sample.start, sample.end) == (D(2026, 1, 1), D(2026, 3, 31))
    assert len({s.department for s in sample.staff}) == 6


def test_sample_has_the_special_cases(sample) -> None:
    """Part-timer, new arrival, long sick leave, Spring Festival, pins, requests, history."""
    people = sample.staff_by_id()
    assert people["W012"].fte == Fraction(1, 2)
    assert people["W040"].active_from == D(2026, 1, 15)
    sick = [lv for lv in sample.leave if lv.staff_id == "W021" and lv.kind == "sick"]
    assert sick and (sick[0].end - sick[0].start).days + 1 >= 40
    days = sample.day_by_date()
    assert all(days[D(2026, 2, k)].festival == "spring" for k in range(15, 24))
    assert len(sample.pins) == 4 and len(sample.requests) >= 15
    assert {r.kind for r in sample.requests} == {"want", "avoid"}
    assert any(r.post_id == "" for r in sample.requests)
    hist = sample.history_by_id()
    assert sum("spring" in h.holidays_worked for h in hist.values()) >= 4
    assert hist["W001"].last_duty == D(2025, 12, 31) and hist["W001"].points100 > 0
    assert sample.rules.never_together[0] == ("W001", "W002")
    assert (sample.rules.min_gap_days, sample.rules.max_duties_per_month,
            sample.rules.max_weekend_holiday_duties_per_month) == (2, 6, 3)


def test_sample_keeps_fairness_groups_apart(sample) -> None:
    """Every post is open to one fairness group only (no shared-post warning possible)."""
    for post in sample.posts:
        groups = {s.group for s in sample.staff if post.qualification in s.qualifications}
        assert len(groups) == 1, post.post_id


def test_csv_twin_is_gb18030_and_gives_an_equal_problem(sample) -> None:
    """The CSV folder (GB18030, as Chinese Excel saves) holds the same scenario."""
    raw = (DATA / "sample_scenario_csv" / "staff.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    problem, problems = read_scenario(DATA / "sample_scenario_csv")
    assert problems == []
    assert dataclasses.replace(problem, name="") == dataclasses.replace(sample, name="")


def test_sample_is_feasible_by_a_plain_greedy(sample) -> None:
    """A greedy that keeps every hard rule fills every slot and honours every pin."""
    roster, missing = greedy_roster(sample)
    assert missing == []
    assert sum(len(v) for v in roster.values()) == sum(s.required for s in sample.slots)
    for pin in sample.pins:
        assert pin.staff_id in roster[(pin.date, pin.post_id)]


def test_infeasible_variant_fails_for_one_clear_reason() -> None:
    """January with every leader at the county plenum on Jan 20: no one can lead that day."""
    problem, problems = read_scenario(DATA / "infeasible_scenario.xlsx")
    assert problems == []
    leaders = {s.staff_id for s in problem.staff if "leader" in s.qualifications}
    away = {lv.staff_id for lv in problem.leave if lv.covers(D(2026, 1, 20))}
    assert leaders <= away
    _, missing = greedy_roster(problem)
    assert [(m.date, m.post_id) for m in missing] == [(D(2026, 1, 20), "LEAD")]


def test_template_has_every_header_and_a_bilingual_dictionary() -> None:
    """Each sheet of the blank template carries its header row; the dictionary covers all."""
    wb = openpyxl.load_workbook(DATA / "template.xlsx")
    for sheet in SHEET_ORDER:
        header = [c.value for c in wb[sheet][1]]
        assert header == columns_of(sheet)
        assert wb[sheet].max_row == 1
    rows = list(wb["data_dictionary"].iter_rows(values_only=True))
    assert "表" in rows[0][0] and "sheet" in rows[0][0]
    assert len(rows) - 1 == len(COLUMNS)
    for row in rows[1:]:
        assert all(row[k] for k in range(6)), row
        assert row[3] != row[4]  # Chinese and English meanings differ


def test_template_reads_to_empty_sheet_errors_only() -> None:
    """Reading the blank template says what to fill in, and nothing crashes."""
    problem, problems = read_scenario(DATA / "template.xlsx")
    assert problem is None
    assert {(p.sheet, p.key) for p in problems} == {
        ("staff", "reader.no_rows"), ("posts", "reader.no_rows"), ("horizon", "reader.no_rows")}


def test_generator_is_deterministic_and_matches_the_shipped_files(tmp_path, sample) -> None:
    """Two runs write identical bytes, and the shipped sample is what the generator writes."""
    first = make_sample_scenario.main(tmp_path / "a")
    make_sample_scenario.main(tmp_path / "b")
    for path in first:
        other = tmp_path / "b" / path.name
        if path.is_dir():
            for f in path.iterdir():
                assert f.read_bytes() == (other / f.name).read_bytes()
        else:
            assert path.read_bytes() == other.read_bytes()
    regenerated, _ = read_scenario(tmp_path / "a" / "sample_scenario.xlsx")
    assert dataclasses.replace(regenerated, name="") == dataclasses.replace(sample, name="")


def test_every_reader_message_key_is_in_the_catalogue() -> None:
    """Keys passed as literals anywhere in the reader modules exist, in both languages."""
    keys = set()
    for path in (ROOT / "shells").glob("scenario_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and node.value.startswith(("reader.", "calendar.")) \
                    and " " not in node.value and not node.value.endswith("."):
                keys.add(node.value)
    keys |= {f"reader.dict.{s}.{c}" for s, c, _r, _e in COLUMNS}
    assert len(keys) > 60
    assert sorted(k for k in keys if not has(k)) == []
