"""Write the sample scenario, its CSV twin, the infeasible variant and the blank template.

Run ``python -m tools.make_sample_scenario`` from the repository root. Everything is fixed
(no randomness, fixed file timestamps) so that regenerating gives byte-identical files and a
diff shows only real changes. The sample is the first quarter of 2026 of the fictional
青山镇 office: it contains New Year and the whole Spring Festival block (Feb 15–23).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from office.i18n import t
from shells.scenario_dictionary import (
    DICTIONARY_HEADER,
    SHEET_ORDER,
    columns_of,
    dictionary_rows,
)
from tools.sample_office import staff_rows

D = dt.date
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
START, END = D(2026, 1, 1), D(2026, 3, 31)
LEADERS = [f"W{k:03d}" for k in range(1, 8)]

POSTS = [
    # post_id, name, day_types, headcount, qualification, start, hours, points, rest_days_after
    ("LEAD", "带班领导", "workday;weekend;holiday", 1, "leader", "08:30", 24, 1, 0),
    ("NIGHT", "夜间值班", "workday", 1, "night", "17:30", 15, 1, 1),
    ("WKD_DAY", "周末日间值班", "weekend", 1, "duty", "08:30", 9, 1.5, 0),
    ("WKD_NIGHT", "周末夜间值班", "weekend", 1, "night", "17:30", 15, 1.5, 1),
    ("HOL", "节假日24小时值班", "holiday", 2, "duty", "08:30", 24, 3, 1),
]

LEAVE = [
    ("W021", D(2026, 1, 19), D(2026, 3, 1), "sick"),       # long sick leave, about six weeks
    ("W005", D(2026, 1, 12), D(2026, 1, 16), "trip"),
    ("W003", D(2026, 3, 9), D(2026, 3, 13), "annual"),
    ("W007", D(2026, 2, 16), D(2026, 2, 20), "annual"),     # a leader home for Spring Festival
    ("W010", D(2026, 2, 9), D(2026, 2, 13), "annual"),
    ("W014", D(2026, 3, 16), D(2026, 3, 27), "training"),
    ("W018", D(2026, 1, 26), D(2026, 1, 30), "trip"),
    ("W027", D(2026, 2, 24), D(2026, 3, 6), "annual"),
    ("W033", D(2026, 3, 23), D(2026, 3, 25), "other"),
    ("W036", D(2025, 12, 22), D(2026, 1, 9), "annual"),     # starts before the horizon: clipped
    ("W008", D(2026, 2, 2), D(2026, 2, 4), "sick"),
    ("W039", D(2026, 3, 30), D(2026, 4, 10), "training"),   # runs past the horizon: clipped
]

REQUESTS = [
    ("W001", D(2026, 2, 17), "avoid", "", 2),
    ("W002", D(2026, 2, 15), "want", "LEAD", 1),
    ("W004", D(2026, 3, 1), "want", "LEAD", 1),
    ("W006", D(2026, 3, 21), "avoid", "", 1),
    ("W009", D(2026, 1, 1), "avoid", "", 1),
    ("W011", D(2026, 1, 10), "want", "WKD_DAY", 1),
    ("W013", D(2026, 2, 16), "avoid", "HOL", 3),
    ("W016", D(2026, 2, 18), "want", "HOL", 1),
    ("W019", D(2026, 3, 7), "avoid", "", 1),
    ("W022", D(2026, 3, 14), "want", "WKD_NIGHT", 1),
    ("W024", D(2026, 1, 24), "avoid", "", 1),
    ("W026", D(2026, 2, 20), "want", "HOL", 1),
    ("W029", D(2026, 3, 20), "avoid", "NIGHT", 1),
    ("W031", D(2026, 1, 8), "want", "NIGHT", 1),
    ("W034", D(2026, 2, 14), "avoid", "", 2),
    ("W038", D(2026, 2, 28), "want", "NIGHT", 1),
]

PINS = [
    (D(2026, 1, 1), "LEAD", "W002"),
    (D(2026, 2, 16), "LEAD", "W001"),    # the party secretary leads on New Year's Eve
    (D(2026, 2, 17), "HOL", "W015"),
    (D(2026, 3, 5), "NIGHT", "W020"),
]

RULES = [
    ("min_gap_days", "2"),
    ("max_duties_per_month", "6"),
    ("max_weekend_holiday_duties_per_month", "3"),
    ("never_together", "W001;W002"),
    ("never_together", "W023;W024"),
    ("spacing_days", "4"),
    ("weight_spacing", "1"),
    ("weight_rotation", "2"),
]


def _history() -> list[dict]:
    """Points carried over from 2025 and last duties just before New Year, fixed by formula."""
    rows = []
    last = {"W001": D(2025, 12, 31), "W003": D(2025, 12, 30), "W004": D(2025, 12, 29),
            "W002": D(2025, 12, 28), "W011": D(2025, 12, 31), "W017": D(2025, 12, 30),
            "W025": D(2025, 12, 31), "W030": D(2025, 12, 29)}
    spring = {"W003", "W013", "W017", "W028", "W031", "W035"}
    new_year = {"W009", "W022"}
    for k in range(1, 42):  # W042 joined late 2025 and has no history row
        sid = f"W{k:03d}"
        if sid == "W040":
            continue  # the new arrival brings no history
        base = 12 if k <= 7 else 4
        points = base + ((k * 37) % 9) / 4  # quarters: at most two decimals
        if sid == "W012":
            points = points / 2
        worked = (["春节"] if sid in spring else []) + (["元旦"] if sid in new_year else [])
        rows.append({"staff_id": sid, "points": round(points, 2),
                     "last_duty": last.get(sid), "holidays_worked": ";".join(worked)})
    return rows


def sample_frames(start: dt.date = START, end: dt.date = END,
                  extra_leave: tuple = ()) -> dict[str, pd.DataFrame]:
    """All sheets of the sample, with real ``date`` objects (Excel date cells)."""
    staff = [{k: v for k, v in r.items() if k not in ("category", "post")} for r in staff_rows()]
    for r in staff:
        r["active_from"] = dt.date.fromisoformat(r["active_from"]) if r["active_from"] else None
        r["active_to"] = None
    leave = [lv for lv in LEAVE + list(extra_leave) if lv[1] <= end and lv[2] >= start]
    frames = {
        "staff": pd.DataFrame(staff),
        "posts": pd.DataFrame(POSTS, columns=["post_id", "name", "day_types", "headcount",
                                              "qualification", "start", "hours", "points",
                                              "rest_days_after"]),
        "horizon": pd.DataFrame([{"start": start, "end": end}]),
        "calendar": pd.DataFrame(columns=columns_of("calendar")),
        "leave": pd.DataFrame(leave, columns=["staff_id", "start", "end", "kind"]),
        "requests": pd.DataFrame([r for r in REQUESTS if start <= r[1] <= end],
                                 columns=["staff_id", "date", "kind", "post_id", "weight"]),
        "pins": pd.DataFrame([p for p in PINS if start <= p[0] <= end],
                             columns=["date", "post_id", "staff_id"]),
        "history": pd.DataFrame(_history()),
        "rules": pd.DataFrame(RULES, columns=["rule", "value"]),
    }
    return frames


def infeasible_frames() -> dict[str, pd.DataFrame]:
    """January only, and every leader away at the county plenum on Jan 20: nobody can lead."""
    plenum = tuple((sid, D(2026, 1, 20), D(2026, 1, 20), "training") for sid in LEADERS)
    return sample_frames(START, D(2026, 1, 31), extra_leave=plenum)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite an .xlsx with fixed entry timestamps so regenerating gives identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z",
                              body)
            dst.writestr(fixed, body)
    return out.getvalue()


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """One sheet per frame; dates become real Excel date cells."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl", date_format="YYYY-MM-DD",
                        datetime_format="YYYY-MM-DD") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for col in sheet.columns:
                width = max(len(str(c.value or "")) for c in col) + 4
                sheet.column_dimensions[col[0].column_letter].width = min(width, 60)
        stamp = dt.datetime(2026, 1, 1)
        writer.book.properties.created = stamp
        writer.book.properties.modified = stamp
    path.write_bytes(_fixed_zip(buf.getvalue()))


def _csv_cell(value: object) -> str:
    """Dates as ISO text and 1.0 as 1, the way a person would type them."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv_folder(frames: dict[str, pd.DataFrame], folder: Path,
                     encoding: str = "gb18030") -> None:
    """One CSV per sheet, dates as ISO text, in the encoding Chinese Excel uses by default."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        text = frame.astype(object).map(_csv_cell)
        (folder / f"{name}.csv").write_bytes(
            text.to_csv(index=False, lineterminator="\r\n").encode(encoding))


def template_frames() -> dict[str, pd.DataFrame]:
    """Every sheet with its header row only, plus the bilingual data dictionary."""
    frames = {s: pd.DataFrame(columns=columns_of(s)) for s in SHEET_ORDER}
    rows = dictionary_rows()
    header = {k: t(f"reader.dict.header.{k}", "zh") + " / " + t(f"reader.dict.header.{k}", "en")
              for k in DICTIONARY_HEADER}
    frames["data_dictionary"] = pd.DataFrame(rows, columns=list(DICTIONARY_HEADER)).rename(
        columns=header)
    return frames


def main(root: Path = Path("data")) -> list[Path]:
    """Write every data file and return their paths."""
    root.mkdir(parents=True, exist_ok=True)
    sample = sample_frames()
    write_xlsx(sample, root / "sample_scenario.xlsx")
    write_csv_folder(sample, root / "sample_scenario_csv")
    write_xlsx(infeasible_frames(), root / "infeasible_scenario.xlsx")
    write_xlsx(template_frames(), root / "template.xlsx")
    return [root / n for n in ("sample_scenario.xlsx", "sample_scenario_csv",
                               "infeasible_scenario.xlsx", "template.xlsx")]


if __name__ == "__main__":
    main()
