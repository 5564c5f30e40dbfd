"""One problem found in a scenario (or any input table): where it is and what is wrong.

Readers never raise on bad input: they collect every :class:`InputProblem` so that the user
can fix the whole workbook in one pass. A problem stores only a catalogue key and its
parameters, never finished text, so the CLI and the UI can show it in either language.
"""

from __future__ import annotations

from dataclasses import dataclass

from office.i18n import t

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class InputProblem:
    """A located error or warning.

    Parameters
    ----------
    sheet : str
        Sheet (or CSV file stem) the problem is in.
    row : int or None
        The spreadsheet's own row number (header = row 1; in a CSV, the line number);
        ``None`` when the problem concerns the sheet or a column as a whole.
    column : str
        Column name, or ``""`` when the problem concerns a whole row or sheet.
    key : str
        Catalogue key of the message (``reader.*`` or ``calendar.*``).
    params : tuple of (name, value)
        Values that fill the message; a tuple so the record stays hashable and comparable.
    severity : str
        ``"error"`` (the scenario cannot be used) or ``"warning"`` (usable, but look at it).
    """

    sheet: str
    row: int | None
    column: str
    key: str
    params: tuple[tuple[str, object], ...] = ()
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        """Errors block the scenario; warnings only inform, so callers filter on this."""
        return self.severity == ERROR

    def where(self, lang: str = "zh") -> str:
        """The location in words, so the user can go straight to the cell."""
        if self.row is not None and self.column:
            return t("reader.where.cell", lang, sheet=self.sheet, row=self.row,
                     column=self.column)
        if self.row is not None:
            return t("reader.where.row", lang, sheet=self.sheet, row=self.row)
        if self.column:
            return t("reader.where.column", lang, sheet=self.sheet, column=self.column)
        return t("reader.where.sheet", lang, sheet=self.sheet)

    def text(self, lang: str = "zh") -> str:
        """Location and message in ``lang``, e.g. ``leave row 7, column staff_id: ...``."""
        sep = "：" if lang == "zh" else ": "
        return self.where(lang) + sep + t(self.key, lang, **dict(self.params))


def errors(problems: list[InputProblem]) -> list[InputProblem]:
    """Only the errors (the ones that stop a run)."""
    return [p for p in problems if p.is_error]


def warnings(problems: list[InputProblem]) -> list[InputProblem]:
    """Only the warnings (shown, but the scenario is still used)."""
    return [p for p in problems if not p.is_error]
