"""The roster command line: exit codes, messages, and what is (not) written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from shells.roster_writer import SHEETS
from shells.scheduler_cli import main

DATA = Path(__file__).resolve().parents[2] / "data"


def _scenario(tmp_path: Path, *, broken: bool = False, short: bool = False) -> Path:
    """Three people, one daily post, one week of March 2026; ``broken`` adds a leave for an
    unknown person, ``short`` puts two of three on leave all week (nobody left for a slot)."""
    leave = pd.DataFrame({"staff_id": ["B"], "start": ["2026-03-03"], "end": ["2026-03-03"]})
    if broken:
        leave = pd.concat([leave, pd.DataFrame({"staff_id": ["ZZZ"], "start": ["2026-03-04"],
                                                "end": ["2026-03-04"]})])
    if short:
        leave = pd.DataFrame({"staff_id": ["A", "B", "C"], "start": ["2026-03-02"] * 3,
                              "end": ["2026-03-08", "2026-03-08", "2026-03-02"]})
    frames = {
        "staff": pd.DataFrame({"staff_id": ["A", "B", "C"], "name": ["王一", "李二", "张三"],
                               "rank": ["worker"] * 3}),
        "posts": pd.DataFrame({"post_id": ["P"], "name": ["值班"],
                               "day_types": ["workday;weekend;holiday"], "headcount": [1]}),
        "horizon": pd.DataFrame({"start": ["2026-03-02"], "end": ["2026-03-08"]}),
        "leave": leave,
    }
    path = tmp_path / ("broken.xlsx" if broken else "scenario.xlsx")
    with pd.ExcelWriter(path) as xw:
        for name, frame in frames.items():
            frame.to_excel(xw, sheet_name=name, index=False)
    return path


def _roster(tmp_path: Path, rows) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "assignments"
    ws.append(["date", "post_id", "staff_id"])
    for r in rows:
        ws.append(list(r))
    path = tmp_path / "hand.xlsx"
    wb.save(path)
    return path


def test_bad_scenario_exits_2_lists_the_problem_and_writes_nothing(tmp_path, capsys) -> None:
    """An unknown person in the leave sheet: exit 2, located message, no output file."""
    out = tmp_path / "out.xlsx"
    code = main(["solve", str(_scenario(tmp_path, broken=True)), "--out", str(out),
                 "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert "leave" in err and "ZZZ" in err and "Traceback" not in err


def test_bad_output_path_exits_2_before_solving(tmp_path, capsys) -> None:
    """An output that is not .xlsx or lies in a missing folder is refused up front."""
    code = main(["solve", str(_scenario(tmp_path)), "--out", str(tmp_path / "no" / "r.xlsx")])
    assert code == 2 and "不存在" in capsys.readouterr().err


def test_solve_then_check_a_tiny_scenario(tmp_path, capsys) -> None:
    """Solving writes every sheet (exit 0), and checking that roster finds nothing broken."""
    scenario = _scenario(tmp_path)
    out = tmp_path / "roster.xlsx"
    code = main(["solve", str(scenario), "--out", str(out), "--time-limit", "10", "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert openpyxl.load_workbook(out).sheetnames == list(SHEETS)
    assert "wrote" in captured.out and "differs" not in captured.err
    assert main(["check", str(scenario), str(out), "--lang", "en", "--people"]) == 0
    printed = capsys.readouterr().out
    assert "every hard rule is kept" in printed and "max_excess" in printed
    assert "王一(A) [worker]: " in printed and "share 7/3" not in printed


def test_check_on_a_hand_broken_roster_exits_1_with_plain_words(tmp_path, capsys) -> None:
    """B on duty on their leave day, an empty day, a stranger: each rule named, exit 1."""
    rows = [("2026-03-02", "P", "A"), ("2026-03-03", "P", "B"), ("2026-03-05", "P", "C"),
            ("2026-03-06", "P", "A"), ("2026-03-07", "P", "B"), ("2026-03-08", "P", "C"),
            ("2026-03-08", "P", "X9")]
    code = main(["check", str(_scenario(tmp_path)), str(_roster(tmp_path, rows))])
    out = capsys.readouterr().out
    assert code == 1
    assert "休假期间不值班" in out and "李二(B)" in out and "2026-03-03" in out
    assert "2026-03-04 值班(P)：需要 1 人，实际 0 人" in out
    assert "X9" in out and "目标层级" in out


def test_check_on_an_unreadable_roster_exits_2(tmp_path, capsys) -> None:
    """A roster with a bad date is input trouble (exit 2), named by row."""
    path = _roster(tmp_path, [("2026-03-02", "P", "A"), ("someday", "P", "B")])
    code = main(["check", str(_scenario(tmp_path)), str(path), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "row 3" in err and "Traceback" not in err


def test_infeasible_exits_3_with_an_explanation_and_writes_nothing(tmp_path, capsys) -> None:
    """Nobody is available on some days: exit 3, the day and rule named, no file."""
    out = tmp_path / "roster.xlsx"
    code = main(["solve", str(_scenario(tmp_path, short=True)), "--out", str(out),
                 "--time-limit", "10"])
    err = capsys.readouterr().err
    assert code == 3 and not out.exists()
    assert "2026-03-02" in err


def test_allow_gaps_writes_a_partial_roster_and_lists_the_holes(tmp_path, capsys) -> None:
    """With --allow-gaps the short week gives a roster (exit 0) with the holes on stderr."""
    out = tmp_path / "roster.xlsx"
    code = main(["solve", str(_scenario(tmp_path, short=True)), "--out", str(out),
                 "--time-limit", "10", "--allow-gaps", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 0 and out.exists()
    assert "could not be filled" in err and "2026-03-02" in err


@pytest.mark.skipif(not (DATA / "sample_scenario.xlsx").exists(),
                    reason="data/sample_scenario.xlsx not generated yet")
def test_solve_the_sample_quarter(tmp_path, capsys) -> None:
    """The sample scenario solves (short time limit) into a workbook with all sheets that the
    validator accepts, and the solver's level values equal the validator's."""
    out = tmp_path / "sample.xlsx"
    code = main(["solve", str(DATA / "sample_scenario.xlsx"), "--out", str(out),
                 "--time-limit", "8", "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == list(SHEETS)
    assert "differs from the validator" not in captured.err
    assert main(["check", str(DATA / "sample_scenario.xlsx"), str(out)]) == 0


@pytest.mark.skipif(not (DATA / "infeasible_scenario.xlsx").exists(),
                    reason="data/infeasible_scenario.xlsx not generated yet")
def test_the_infeasible_sample_exits_3(tmp_path, capsys) -> None:
    """The shipped infeasible scenario is explained, not solved."""
    out = tmp_path / "x.xlsx"
    code = main(["solve", str(DATA / "infeasible_scenario.xlsx"), "--out", str(out),
                 "--time-limit", "10", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 3 and not out.exists() and "conflict" in err


def test_module_entry_point_shows_usage_without_traceback(capsys) -> None:
    """``python -m scheduler`` without a command is a usage error (exit 2), not a crash."""
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2 and "usage" in capsys.readouterr().err
