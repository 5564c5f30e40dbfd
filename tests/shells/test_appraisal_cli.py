"""The appraisal command line end to end: the sample cycle, a broken cycle, options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from shells.appraisal_cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample_cycle.xlsx"
HISTORY = [str(ROOT / "data" / "results_2024.xlsx"), str(ROOT / "data" / "results_2025.xlsx")]
RESULT_COLUMNS = ["staff_id", "name", "department", "category", "德", "能", "勤", "绩", "廉",
                  "bonus", "deductions", "total", "rank", "grade", "eligible", "flags",
                  "suggestions", "reasons", "year"]


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "results.xlsx"
    code = main(["run", str(SAMPLE), "--out", str(out), "--history", *HISTORY])
    assert code == 0
    return pd.read_excel(out, sheet_name=None)


def test_sample_writes_the_three_sheets_with_contract_columns(sample_out):
    """results/breakdown/summary exist; results has exactly the contract columns in order."""
    assert {"results", "breakdown", "summary"} <= set(sample_out)
    assert list(sample_out["results"].columns) == RESULT_COLUMNS
    assert list(sample_out["breakdown"].columns[:6]) == ["staff_id", "indicator_id", "raw",
                                                         "score", "weight", "contribution"]
    assert len(sample_out["results"]) == 42


def test_sample_shows_every_story(sample_out):
    """三等功 for W009, 警告 keeps W015 from 优秀, W033 absence → 不称职 + dismissal review,
    W041 not graded, W040 (arrived 15 Jan) graded, quota 8 of 41 used."""
    r = sample_out["results"].set_index("staff_id")
    assert r.loc["W009", "grade"] == "优秀" and "三等功" in r.loc["W009", "suggestions"]
    assert r.loc["W015", "grade"] == "称职" and "警告" in r.loc["W015", "reasons"]
    assert r.loc["W033", "grade"] == "不称职" and "dismissal_review" in r.loc["W033", "flags"]
    assert "辞退" in r.loc["W033", "suggestions"]
    assert r.loc["W022", "grade"] == "基本称职"
    assert not bool(r.loc["W041", "eligible"]) and pd.isna(r.loc["W041", "grade"])
    assert bool(r.loc["W040", "eligible"]) and r.loc["W040", "grade"] in ("合格", "优秀")
    assert (r["grade"] == "优秀").sum() == 8
    summary = sample_out["summary"].astype(str).to_string()
    assert "PUB07" in summary


def test_history_flag_repeated_is_the_same(tmp_path):
    """``--history a --history b`` equals ``--history a b``."""
    out1, out2 = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main(["run", str(SAMPLE), "--out", str(out1), "--history", *HISTORY]) == 0
    assert main(["run", str(SAMPLE), "--out", str(out2), "--history", HISTORY[0],
                 "--history", HISTORY[1]]) == 0
    a = pd.read_excel(out1, sheet_name="results")
    b = pd.read_excel(out2, sheet_name="results")
    assert a["suggestions"].fillna("").tolist() == b["suggestions"].fillna("").tolist()


def test_english_labels(tmp_path, capsys):
    """``--lang en`` writes English grades and reasons and reports in English."""
    out = tmp_path / "en.xlsx"
    assert main(["run", str(SAMPLE), "--out", str(out), "--lang", "en"]) == 0
    r = pd.read_excel(out, sheet_name="results").set_index("staff_id")
    assert r.loc["W022", "grade"] == "basically competent"
    assert "rank" in r.loc["W001", "reasons"]
    assert capsys.readouterr().out.startswith("written")


def broken_cycle(tmp_path) -> Path:
    """The sample with a score of 150 and an unknown dimension."""
    sheets = pd.read_excel(SAMPLE, sheet_name=None)
    sheets["ratings"].loc[0, "score"] = 150
    sheets["indicators"].loc[0, "dimension"] = "智"
    path = tmp_path / "broken.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, frame in sheets.items():
            frame.to_excel(xw, sheet_name=name, index=False)
    return path


def test_broken_cycle_exits_2_and_writes_nothing(tmp_path, capsys):
    """Every problem on stderr as 'sheet row N column C: message'; no file appears."""
    out = tmp_path / "out.xlsx"
    code = main(["run", str(broken_cycle(tmp_path)), "--out", str(out), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert "ratings row 2 column score:" in err
    assert "indicators row 2 column dimension:" in err
    assert "Traceback" not in err


def test_existing_output_is_left_untouched_on_bad_input(tmp_path):
    """An old results file is not overwritten or truncated when the input is invalid."""
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    assert main(["run", str(broken_cycle(tmp_path)), "--out", str(out)]) == 2
    assert out.read_bytes() == b"old"


@pytest.mark.parametrize("args", [
    ["run", "no/such/cycle.xlsx", "--out", "OUT"],
    ["run", str(SAMPLE), "--out", "missing_dir/out.xlsx"],
    ["run", str(SAMPLE), "--out", "OUT.csv"],
])
def test_bad_arguments_exit_2(tmp_path, args, capsys):
    """A missing cycle, a missing output folder or a non-xlsx output: exit 2, no traceback."""
    args = [a.replace("OUT", str(tmp_path / "o")).replace("missing_dir", str(tmp_path / "nd"))
            for a in args]
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not list(tmp_path.glob("o*"))


def test_bad_history_exits_2(tmp_path, capsys):
    """A history file with an unknown grade stops the run like any other input problem."""
    hist = tmp_path / "h.xlsx"
    with pd.ExcelWriter(hist, engine="openpyxl") as xw:
        pd.DataFrame({"staff_id": ["W001"], "grade": ["superb"], "year": [2025]}).to_excel(
            xw, sheet_name="results", index=False)
    out = tmp_path / "o.xlsx"
    assert main(["run", str(SAMPLE), "--out", str(out), "--history", str(hist)]) == 2
    assert "h.xlsx:results row 2 column grade:" in capsys.readouterr().err
    assert not out.exists()


def test_python_dash_m_appraisal(tmp_path):
    """``python -m appraisal run`` works through the shim and exits 0."""
    out = tmp_path / "m.xlsx"
    proc = subprocess.run([sys.executable, "-m", "appraisal", "run", str(SAMPLE), "--out",
                           str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.exists()


def test_committed_sample_is_what_the_generator_writes(tmp_path):
    """The sample files in data/ are reproducible byte for byte from the seeded generator."""
    from tools.make_appraisal_sample import build

    for path in build(tmp_path):
        assert path.read_bytes() == (ROOT / "data" / path.name).read_bytes(), path.name
