"""Small valid scenarios as DataFrames, for reader tests that break exactly one thing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from shells.input_problems import InputProblem
from shells.scenario_reader import read_scenario_frames


def base_frames() -> dict[str, pd.DataFrame]:
    """Four people, two posts, January 2026: valid, with every optional sheet present."""
    return {
        "staff": pd.DataFrame({
            "staff_id": ["W001", "W002", "W003", "W004"],
            "name": ["王一", "李二", "张三", "赵四"],
            "rank": ["leader", "leader", "cadre", "cadre"],
            "qualifications": ["leader", "leader", "duty;night", "duty"],
            "fte": [1, 1, 1, 0.5],
            "active_from": ["", "", "", "2026-01-10"],
        }),
        "posts": pd.DataFrame({
            "post_id": ["LEAD", "NIGHT"],
            "name": ["带班领导", "夜间值班"],
            "day_types": ["workday;weekend;holiday", "workday"],
            "headcount": [1, 1],
            "qualification": ["leader", "night"],
            "start": ["08:30", "17:30"],
            "hours": [24, 15],
            "points": [1, 1.5],
            "rest_days_after": [0, 1],
        }),
        "horizon": pd.DataFrame({"start": ["2026-01-01"], "end": ["2026-01-31"]}),
        "calendar": pd.DataFrame({"date": [], "day_type": [], "holiday_name": []}),
        "leave": pd.DataFrame({"staff_id": ["W003"], "start": ["2026-01-12"],
                               "end": ["2026-01-14"], "kind": ["annual"]}),
        "requests": pd.DataFrame({"staff_id": ["W003"], "date": ["2026-01-20"],
                                  "kind": ["avoid"], "post_id": [""], "weight": [""]}),
        "pins": pd.DataFrame({"date": ["2026-01-05"], "post_id": ["NIGHT"],
                              "staff_id": ["W003"]}),
        "history": pd.DataFrame({"staff_id": ["W001"], "points": [2.5],
                                 "last_duty": ["2025-12-30"], "holidays_worked": ["春节"]}),
        "rules": pd.DataFrame({"rule": ["min_gap_days"], "value": ["1"]}),
    }


def with_row(frames: dict[str, pd.DataFrame], sheet: str, **cells) -> dict[str, pd.DataFrame]:
    """``frames`` with one row appended to ``sheet`` (other columns blank)."""
    out = dict(frames)
    out[sheet] = pd.concat([frames[sheet], pd.DataFrame([cells])], ignore_index=True)
    return out


def with_cell(frames: dict[str, pd.DataFrame], sheet: str, pos: int, column: str,
              value) -> dict[str, pd.DataFrame]:
    """``frames`` with one cell replaced (``pos`` = 0-based data row, i.e. sheet row pos+2)."""
    out = dict(frames)
    frame = frames[sheet].copy().astype(object)
    frame.loc[pos, column] = value
    out[sheet] = frame
    return out


def read(frames: dict[str, pd.DataFrame]):
    return read_scenario_frames(frames)


def only(problems: list[InputProblem], key: str) -> InputProblem:
    """The single problem with ``key``; fails loudly listing all problems otherwise."""
    hits = [p for p in problems if p.key == key]
    assert len(hits) == 1, [(p.key, p.sheet, p.row, p.column) for p in problems]
    return hits[0]


def where(p: InputProblem) -> tuple[str, int | None, str]:
    return p.sheet, p.row, p.column


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return path


def write_csvs(frames: dict[str, pd.DataFrame], folder: Path, encoding: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        (folder / f"{name}.csv").write_bytes(frame.to_csv(index=False).encode(encoding))
    return folder
