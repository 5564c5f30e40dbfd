"""Loading a scenario's sheets as raw DataFrames, from a workbook, a CSV folder or an upload.

Only loading happens here: every cell is kept as it came (``object`` dtype for Excel, text for
CSV) so that the sheet checks can tell a date cell from a typo and report the exact cell.
Sheet and column names are normalised (trimmed, lower case) because people type them by hand.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd

from .input_problems import InputProblem

REQUIRED_SHEETS = ("staff", "posts", "horizon")
OPTIONAL_SHEETS = ("calendar", "leave", "requests", "pins", "history", "rules")
ALL_SHEETS = REQUIRED_SHEETS + OPTIONAL_SHEETS
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
"""UTF-8 with or without BOM first (``utf-8-sig`` accepts both); else GB18030, a superset of
the GBK that Chinese Excel writes, so valid UTF-8 is never misread as GBK."""


def normalise(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Trim and lower-case sheet and column names, keeping the cells untouched."""
    out: dict[str, pd.DataFrame] = {}
    for name, frame in frames.items():
        frame = frame.copy()
        frame.columns = [str(c).replace("\ufeff", "").strip().lower() for c in frame.columns]
        out[str(name).strip().lower()] = frame
    return out


def _problem(source: str, key: str, **params: object) -> InputProblem:
    return InputProblem(source, None, "", key, tuple(sorted(params.items())))


def decode_csv(data: bytes) -> tuple[str, str] | None:
    """Text and encoding of a CSV file, or ``None`` if no accepted encoding fits."""
    for enc in CSV_ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return None


def read_csv_folder(folder: Path) -> tuple[dict[str, pd.DataFrame], list[InputProblem]]:
    """One frame per ``<sheet>.csv``; every cell is text, blank lines kept for line numbers."""
    frames: dict[str, pd.DataFrame] = {}
    problems: list[InputProblem] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv" or not path.is_file():
            continue
        decoded = decode_csv(path.read_bytes())
        if decoded is None:
            problems.append(_problem(path.name, "reader.bad_encoding", file=path.name))
            continue
        try:
            frame = pd.read_csv(io.StringIO(decoded[0]), dtype=str, keep_default_na=False,
                                skip_blank_lines=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
            problems.append(_problem(path.name, "reader.unreadable_csv", file=path.name,
                                     reason=str(exc).strip()))
            continue
        frames[path.stem] = frame
    return frames, problems


def read_workbook(data: object, label: str) -> tuple[dict[str, pd.DataFrame], list[InputProblem]]:
    """Every sheet of an ``.xlsx`` (path, bytes or file-like), cells as Excel stored them."""
    if isinstance(data, bytes | bytearray):
        data = io.BytesIO(bytes(data))
    try:
        frames = pd.read_excel(data, sheet_name=None, dtype=object, engine="openpyxl")
    except Exception as exc:  # noqa: BLE001 — any unreadable upload is one clear message
        # openpyxl and zipfile raise many unrelated types for a damaged or foreign file.
        return {}, [_problem(label, "reader.unreadable_workbook", file=label,
                             reason=str(exc).strip() or type(exc).__name__)]
    return frames, []


def load_frames(source: object) -> tuple[dict[str, pd.DataFrame], str, str, list[InputProblem]]:
    """Frames, source kind (``xlsx``/``csv``), a name for the scenario, and loading problems.

    ``source`` is a path to an ``.xlsx`` or to a folder of CSVs, or the bytes / file-like
    object of an uploaded workbook.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            frames, problems = read_csv_folder(path)
            return normalise(frames), "csv", path.name, problems
        if not path.exists():
            return {}, "xlsx", path.stem, [_problem(path.name, "reader.no_source",
                                                    file=str(path))]
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            return {}, "xlsx", path.stem, [_problem(path.name, "reader.not_xlsx",
                                                    file=path.name)]
        frames, problems = read_workbook(path, path.name)
        return normalise(frames), "xlsx", path.stem, problems
    label = str(getattr(source, "name", "") or "upload.xlsx")
    frames, problems = read_workbook(source, label)
    return normalise(frames), "xlsx", Path(label).stem, problems
