"""Problems found in input files, and column parsers that collect them instead of raising.

Every parser looks at a whole column at once and reports each bad cell with the sheet, the
spreadsheet's own row number and the column, so HR can fix all problems in one pass.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from office.i18n import t

_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass(frozen=True)
class Problem:
    """One input problem; ``warning`` problems are reported but do not stop the run."""

    sheet: str
    row: int | None
    column: str | None
    key: str
    params: tuple[tuple[str, object], ...] = ()
    warning: bool = False

    @classmethod
    def at(cls, sheet, row, column, key, /, warning=False, **params) -> Problem:
        """Build a problem from keyword parameters."""
        return cls(sheet, None if row is None else int(row), column, key,
                   tuple(params.items()), warning)

    def render(self, lang: str = "zh") -> str:
        """``sheet row N column C: message`` (parts without a value left out)."""
        if self.row is not None and self.column:
            where = t("appraisal.where.cell", lang, sheet=self.sheet, row=self.row,
                      column=self.column)
        elif self.row is not None:
            where = t("appraisal.where.row", lang, sheet=self.sheet, row=self.row)
        elif self.column:
            where = t("appraisal.where.column", lang, sheet=self.sheet, column=self.column)
        else:
            where = self.sheet
        text = t(self.key, lang, **dict(self.params))
        return f"{where}: {text}"


def parse_date(value) -> dt.date | None:
    """ISO ``YYYY-MM-DD`` (also ``/``, ``.`` or 年月日 separators); None if not a date."""
    m = _DATE.match(str(value).strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class SheetCheck:
    """Typed access to one raw sheet that records every bad cell as a :class:`Problem`."""

    def __init__(self, name: str, frame: pd.DataFrame, problems: list[Problem]):
        self.name = name
        self.frame = frame
        self.problems = problems
        self.rows = frame["_row"] if "_row" in frame else pd.Series(dtype=int)

    def error(self, idx, column, key, /, warning=False, **params) -> None:
        """Record a problem at the row of frame index ``idx`` (None = whole sheet)."""
        row = None if idx is None else self.rows.loc[idx]
        self.problems.append(Problem.at(self.name, row, column, key, warning, **params))

    def require(self, columns) -> bool:
        """Report each missing required column; True when all are there."""
        ok = True
        for col in columns:
            if col not in self.frame.columns:
                self.problems.append(Problem.at(self.name, 1, col, "appraisal.err.no_column"))
                ok = False
        return ok

    def text(self, col: str) -> pd.Series:
        """The column as stripped text ('' when the column is absent)."""
        if col not in self.frame.columns:
            return pd.Series("", index=self.frame.index, dtype=object)
        s = self.frame[col].map(lambda v: "" if v is None else str(v).strip())
        return s.map(lambda v: v[:-2] if re.fullmatch(r"-?\d+\.0", v) else v)

    def blank_error(self, col: str, values: pd.Series) -> pd.Series:
        """Report blank cells in a required column; returns the mask of blanks."""
        blank = values == ""
        for idx in values.index[blank]:
            self.error(idx, col, "appraisal.err.blank")
        return blank

    def number(self, col: str, required=False, lo=None, hi=None,
               range_key="appraisal.err.range") -> pd.Series:
        """Floats; blanks are NaN (an error if required), unparsable cells are errors."""
        raw = self.frame[col] if col in self.frame.columns else pd.Series(
            "", index=self.frame.index, dtype=object)
        txt = raw.map(lambda v: str(v).strip().replace(",", "") if isinstance(v, str) else v)
        nums = pd.to_numeric(txt.replace("", np.nan), errors="coerce").astype(float)
        blank = txt.map(lambda v: isinstance(v, str) and v == "")
        for idx in nums.index[nums.isna() & ~blank]:
            self.error(idx, col, "appraisal.err.number", value=raw.loc[idx])
        if required:
            for idx in nums.index[blank]:
                self.error(idx, col, "appraisal.err.blank")
        bad = pd.Series(False, index=nums.index)
        if lo is not None:
            bad |= nums < lo
        if hi is not None:
            bad |= nums > hi
        for idx in nums.index[bad]:
            self.error(idx, col, range_key, value=f"{nums.loc[idx]:g}",
                       lo=f"{lo:g}" if lo is not None else "", hi=f"{hi:g}" if hi is not None
                       else "")
        return nums.where(~bad)

    def date(self, col: str, required=False) -> pd.Series:
        """Dates as ``datetime64``; blanks NaT (an error if required), bad cells are errors."""
        txt = self.text(col)
        parsed = txt.map(parse_date)
        for idx in txt.index[(txt != "") & parsed.isna()]:
            self.error(idx, col, "appraisal.err.date", value=txt.loc[idx])
        if required:
            for idx in txt.index[txt == ""]:
                self.error(idx, col, "appraisal.err.blank")
        return pd.to_datetime(parsed, errors="coerce")

    def choice(self, col: str, mapping: dict[str, str], key: str, default: str | None = None,
               lower=True) -> pd.Series:
        """Canonical value per cell from ``mapping``; unknown cells are errors (key ``key``)."""
        txt = self.text(col)
        probe = txt.str.lower() if lower else txt
        out = probe.map(mapping)
        if default is not None:
            out = out.where(txt != "", default)
        for idx in out.index[out.isna()]:
            if txt.loc[idx] == "" and default is None:
                self.error(idx, col, "appraisal.err.blank")
            else:
                self.error(idx, col, key, value=txt.loc[idx])
        return out.astype(object).where(out.notna(), "")

    def known(self, col: str, values: pd.Series, known: set[str], key: str) -> pd.Series:
        """Mask of cells naming something in ``known``; the others are reported.

        ``known`` None means the list itself could not be read (already an error), so
        nothing is checked rather than flooding the report with follow-up errors.
        """
        if known is None:
            return pd.Series(True, index=values.index)
        ok = values.isin(known) | (values == "")
        for idx in values.index[~ok]:
            self.error(idx, col, key, value=values.loc[idx])
        return ok

    def duplicates(self, keys: pd.DataFrame, column: str, key: str) -> pd.Series:
        """Report each later duplicate of ``keys`` with the row of the first occurrence."""
        dup = keys.duplicated(keep="first")
        if dup.any():
            first = keys.reset_index().groupby(list(keys.columns))["index"].transform("min")
            first.index = keys.index
            for idx in keys.index[dup]:
                self.error(idx, column, key, first=int(self.rows.loc[first.loc[idx]]),
                           value=" / ".join(str(v) for v in keys.loc[idx]))
        return dup
