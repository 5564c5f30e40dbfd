"""Loading the raw sheets of an appraisal cycle: an .xlsx workbook or a folder of CSV files.

Only loading happens here (cells as the user typed them, with their spreadsheet row numbers);
checking and typing is in :mod:`shells.cycle_reader`. CSV files may be UTF-8 (with or without
BOM, as Excel writes it) or GB18030/GBK (as WPS and older Excel on Chinese Windows write it).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .cycle_fields import Problem

ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True, eq=False)
class RawSheet:
    """One sheet as text cells, with ``_row`` = the spreadsheet row (or CSV line) number."""

    name: str
    frame: pd.DataFrame


def clean_cell(value) -> object:
    """Excel dates become ISO text, numbers stay numbers, text is NFKC-normalised and stripped.

    NFKC turns full-width digits and punctuation (１２３，：) into ASCII, which Chinese input
    methods produce all the time and which would otherwise be "unparsable numbers".
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    return unicodedata.normalize("NFKC", str(value)).strip()


def _header(cells) -> list[str]:
    return [unicodedata.normalize("NFKC", str(c or "")).strip().lower() for c in cells]


def _frame(rows: list[tuple[int, list]], header: list[str]) -> pd.DataFrame:
    """Rows → frame of cleaned cells; fully blank rows are skipped but keep numbering."""
    data, numbers = [], []
    width = len(header)
    for number, cells in rows:
        cells = [clean_cell(c) for c in list(cells)[:width]]
        cells += [""] * (width - len(cells))
        if all(c == "" for c in cells):
            continue
        data.append(cells)
        numbers.append(number)
    keep = [i for i, h in enumerate(header) if h]
    names = [header[i] for i in keep]
    frame = pd.DataFrame([[r[i] for i in keep] for r in data], columns=names, dtype=object)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame["_row"] = numbers
    return frame


def load_xlsx(path: Path) -> tuple[dict[str, RawSheet], list[Problem]]:
    """All sheets of a workbook (sheet names matched case-insensitively)."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's input problem
        return {}, [Problem.at(path.name, None, None, "appraisal.err.unreadable",
                               error=type(exc).__name__)]
    sheets: dict[str, RawSheet] = {}
    for ws in wb.worksheets:
        rows = ws.iter_rows(values_only=True)
        head = next(rows, None)
        if head is None:
            continue
        body = [(n, list(cells)) for n, cells in enumerate(rows, start=2)]
        name = ws.title.strip().lower()
        sheets[name] = RawSheet(name, _frame(body, _header(head)))
    wb.close()
    return sheets, []


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (BOM or not) first, else GB18030 (a superset of GBK)."""
    for enc in ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace")


def load_csv_text(name: str, text: str) -> RawSheet:
    """One CSV sheet from its decoded text; row numbers are the file's line numbers."""
    reader = csv.reader(io.StringIO(text))
    head = next(reader, None) or []
    body = []
    for cells in reader:
        body.append((reader.line_num, cells))
    return RawSheet(name, _frame(body, _header(head)))


def load_csv_folder(path: Path) -> tuple[dict[str, RawSheet], list[Problem]]:
    """Every ``<sheet>.csv`` in a folder."""
    sheets: dict[str, RawSheet] = {}
    for f in sorted(path.iterdir()):
        if f.suffix.lower() != ".csv" or not f.is_file():
            continue
        name = f.stem.strip().lower()
        sheets[name] = load_csv_text(name, decode(f.read_bytes()))
    return sheets, []


def load_sheets(path: str | Path) -> tuple[dict[str, RawSheet], list[Problem]]:
    """Raw sheets of a cycle given as a workbook or a CSV folder, or the problem why not."""
    p = Path(path)
    if p.is_dir():
        return load_csv_folder(p)
    if not p.exists():
        return {}, [Problem.at(str(p), None, None, "appraisal.err.no_file")]
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return load_xlsx(p)
    return {}, [Problem.at(p.name, None, None, "appraisal.err.format")]
