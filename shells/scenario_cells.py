"""Reading single cells of a scenario sheet, with every failure recorded, never raised.

A cell may come from Excel (numbers, date cells, times), from a CSV (always text) or from
the UI's data editor (pandas Timestamps, NaN). :class:`Row` turns any of them into plain
values and, when a value is unusable, records an :class:`InputProblem` at the exact cell and
marks the row as failed, so the sheet checks can skip building an object from it while still
reporting every other bad cell of the same row.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import pandas as pd

from .input_problems import ERROR, WARNING, InputProblem

LIST_SEPARATORS = re.compile(r"[;；]")
_DATE_TEXT = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]0{1,2}:00(?::00)?)?$")
_EMPTY_WORDS = frozenset({"nan", "NaN", "None", "NaT", "<NA>"})
_TIME_TEXT = re.compile(r"^(\d{1,2})[:：](\d{2})(?::(\d{2}))?$")


def blank(value: object) -> bool:
    """Empty cells arrive as None, NaN, NaT or whitespace; all of them mean "not given"."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NaT:
        return True
    # "nan"/"None"/"NaT" are what str() makes of empty cells in edited frames
    return isinstance(value, str) and (not value.strip() or value.strip() in _EMPTY_WORDS)


def as_text(value: object) -> str:
    """Cell as text: Excel stores ids like 1001 as numbers, so 1001.0 must read as "1001"."""
    if blank(value):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def split_items(value: object) -> list[str]:
    """A list cell: items separated by ``;`` (or the full-width ``；`` a Chinese IME types)."""
    return [p.strip() for p in LIST_SEPARATORS.split(as_text(value)) if p.strip()]


def parse_date(value: object) -> dt.date | None:
    """Excel date cell, Timestamp or ISO-like text; ``None`` if it is none of these."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _DATE_TEXT.match(value.strip())
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def parse_time(value: object) -> dt.time | None:
    """Excel time cell, ``HH:MM`` text, or a fraction of a day; ``None`` if unreadable."""
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    if isinstance(value, float | int) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(float(value) * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    if isinstance(value, str):
        m = _TIME_TEXT.match(value.strip())
        if m and int(m[1]) < 24 and int(m[2]) < 60:
            return dt.time(int(m[1]), int(m[2]))
    return None


def parse_decimal(value: object) -> Decimal | None:
    """A finite number from a numeric cell or text; ``None`` if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        text = repr(float(value)) if isinstance(value, float) else str(value)
    else:
        text = as_text(value).replace("，", ",")
    try:
        num = Decimal(text)
    except InvalidOperation:
        return None
    return num if num.is_finite() else None


class SheetView:
    """One sheet's frame plus the shared problem list it reports into."""

    def __init__(self, name: str, frame: pd.DataFrame, out: list[InputProblem]):
        self.name = name
        self.frame = frame
        self.out = out

    def has(self, column: str) -> bool:
        return column in self.frame.columns

    def require(self, *columns: str) -> bool:
        """Report each missing required column; rows are only read when all are present."""
        ok = True
        for col in columns:
            if not self.has(col):
                self.add(None, col, "reader.missing_column", column=col)
                ok = False
        return ok

    def add(self, row: int | None, column: str, key: str, severity: str = ERROR, /,
            **params: object) -> None:
        self.out.append(InputProblem(self.name, row, column, key,
                                     tuple(sorted(params.items())), severity))

    def rows(self) -> Iterator[Row]:
        """Every non-blank row; row number = position + 2 (header is row 1)."""
        columns = list(self.frame.columns)
        for pos, values in enumerate(self.frame.itertuples(index=False, name=None)):
            cells = dict(zip(columns, values, strict=False))
            if all(blank(v) for v in cells.values()):
                continue
            yield Row(self, pos + 2, cells)


class Row:
    """One spreadsheet row; each getter returns ``None`` for a blank or unusable cell.

    ``ok`` turns False as soon as one cell is unusable, so the caller knows not to build
    an object from the row (its problems are already recorded).
    """

    def __init__(self, view: SheetView, number: int, cells: dict[str, object]):
        self.view = view
        self.number = number
        self.cells = cells
        self.ok = True

    def error(self, column: str, key: str, /, **params: object) -> None:
        self.ok = False
        self.view.add(self.number, column, key, **params)

    def warn(self, column: str, key: str, /, **params: object) -> None:
        self.view.add(self.number, column, key, WARNING, **params)

    def raw(self, column: str) -> object:
        value = self.cells.get(column)
        return None if blank(value) else value

    def _missing(self, column: str, required: bool) -> None:
        if required:
            self.error(column, "reader.required_value", column=column)

    def text(self, column: str, required: bool = False) -> str:
        value = as_text(self.raw(column))
        if not value:
            self._missing(column, required)
        return value

    def items(self, column: str) -> list[str]:
        return split_items(self.raw(column))

    def date(self, column: str, required: bool = False) -> dt.date | None:
        value = self.raw(column)
        if value is None:
            self._missing(column, required)
            return None
        day = parse_date(value)
        if day is None:
            self.error(column, "reader.bad_date", value=as_text(value))
        return day

    def time(self, column: str) -> dt.time | None:
        value = self.raw(column)
        if value is None:
            return None
        parsed = parse_time(value)
        if parsed is None:
            self.error(column, "reader.bad_time", value=as_text(value))
        return parsed

    def decimal(self, column: str, required: bool = False,
                minimum: Decimal | int | None = None) -> Decimal | None:
        value = self.raw(column)
        if value is None:
            self._missing(column, required)
            return None
        num = parse_decimal(value)
        if num is None:
            self.error(column, "reader.bad_number", value=as_text(value))
        elif minimum is not None and num < minimum:
            key = "reader.negative" if minimum == 0 else "reader.too_small"
            self.error(column, key, value=as_text(value), minimum=minimum)
            return None
        return num

    def integer(self, column: str, required: bool = False, minimum: int | None = 0,
                default: int | None = None) -> int | None:
        value = self.raw(column)
        if value is None:
            self._missing(column, required)
            return default
        num = parse_decimal(value)
        if num is None or num != num.to_integral_value():
            self.error(column, "reader.bad_integer", value=as_text(value))
            return None
        if minimum is not None and num < minimum:
            key = "reader.negative" if minimum == 0 else "reader.too_small"
            self.error(column, key, value=as_text(value), minimum=minimum)
            return None
        return int(num)

    def points100(self, column: str, default: int, allow_negative: bool = False) -> int | None:
        """Points with at most two decimals, as an exact count of hundredths."""
        num = self.decimal(column, minimum=None if allow_negative else 0)
        if num is None:
            return default if self.raw(column) is None else None
        hundredths = num * 100
        if hundredths != hundredths.to_integral_value():
            self.error(column, "reader.points_decimals", value=as_text(self.raw(column)))
            return None
        return int(hundredths)

    def fraction(self, column: str, default: Fraction) -> Fraction | None:
        num = self.decimal(column)
        if num is None:
            return default if self.raw(column) is None else None
        return Fraction(num)
