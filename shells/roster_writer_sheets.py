"""The report sheets of the roster workbook: per-person summary, fairness, solver report.

Figures are written as numbers (two decimals are what a director reads) and, where the
objective is concerned, also as exact fractions, so that anyone can check that the solver's
value equals the validator's to the last digit.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from office.i18n import t
from scheduler.describe import describe_finding, level_label, names_of, rule_label
from scheduler.problem import Problem, SolveResult
from scheduler.validate import Validation

BOLD = Font(bold=True)


def header(ws, values) -> None:
    """A bold, frozen first row."""
    ws.append(list(values))
    for cell in ws[1]:
        cell.font = BOLD
    ws.freeze_panes = "A2"


def widths(ws, width: dict[int, float]) -> None:
    """Column widths by 1-based column number, so Chinese names are not cut off."""
    for col, w in width.items():
        ws.column_dimensions[get_column_letter(col)].width = w


def num(value: Fraction | None) -> float | None:
    """A Fraction as a float rounded for reading (None stays empty)."""
    return None if value is None else round(float(value), 4)


def exact(value: Fraction | None) -> str:
    """A Fraction as exact text (``7/3``)."""
    return "" if value is None else str(value)


def _bold_row(ws) -> None:
    for cell in ws[ws.max_row]:
        cell.font = BOLD


def _section(ws, title: str, columns: list[str] | None = None, first: bool = False) -> None:
    """A bold title row (after one blank row unless ``first``) and bold column names."""
    if not first:
        ws.append([])
    ws.append([title])
    _bold_row(ws)
    if columns:
        ws.append(columns)
        _bold_row(ws)


def summary_sheet(ws, problem: Problem, validation: Validation, lang: str) -> None:
    """One row per person: who, group, availability, counts, load, share, deviation."""
    staff = problem.staff_by_id()
    header(ws, ["staff_id", t("rosterio.col.name", lang), t("rosterio.col.department", lang),
                t("rosterio.col.group", lang), "fte", t("rosterio.col.weight", lang),
                t("rosterio.col.duties", lang), t("rosterio.col.weekend_holiday", lang),
                t("rosterio.col.night", lang), t("rosterio.col.load", lang),
                t("rosterio.col.share", lang), t("rosterio.col.deviation", lang),
                t("rosterio.col.share_weekend_holiday", lang),
                t("rosterio.col.share_night", lang)])
    for p in validation.people:
        s = staff[p.staff_id]
        ws.append([p.staff_id, s.name, s.department, s.group, num(Fraction(s.fte)),
                   num(p.weight), p.duties, p.weekend_holiday, p.night, num(p.load),
                   num(p.share), num(p.deviation), num(p.share_weekend_holiday),
                   num(p.share_night)])
    ws.append([])
    ws.append([t("rosterio.summary.note", lang)])
    widths(ws, {1: 10, 2: 12, 3: 14, 4: 10, **{k: 11 for k in range(5, 15)}})


def fairness_sheet(ws, problem: Problem, validation: Validation, lang: str) -> None:
    """Per group totals and extremes, every objective term and level, and what lies behind
    the soft terms (unmet wishes, close duties, festival repeats, changes)."""
    ws.title = "fairness"
    staff = problem.staff_by_id()
    groups: dict[str, list] = defaultdict(list)
    for p in validation.people:
        if p.share is not None:
            groups[staff[p.staff_id].group].append(p)
    _section(ws, t("rosterio.fair.groups", lang), first=True, columns=[
        t("rosterio.col.group", lang), t("rosterio.col.people", lang),
        t("rosterio.col.load", lang), t("rosterio.fair.max_excess", lang),
        t("rosterio.fair.who", lang), t("rosterio.fair.abs_dev", lang)])
    for group, people in sorted(groups.items()):
        worst = max(people, key=lambda p: p.deviation)
        ws.append([group, len(people), num(sum((p.load for p in people), Fraction(0))),
                   num(worst.deviation), staff[worst.staff_id].name,
                   num(sum((abs(p.deviation) for p in people), Fraction(0)))])
    left_out = [staff[p.staff_id].name for p in validation.people if p.share is None]
    if left_out:
        sep = "、" if lang == "zh" else ", "
        ws.append([t("rosterio.fair.left_out", lang), sep.join(left_out)])
    _section(ws, t("rosterio.fair.terms", lang), [
        t("rosterio.col.term", lang), "key", t("rosterio.col.value", lang),
        t("rosterio.col.exact", lang)])
    for key, value in validation.terms.items():
        ws.append([rule_label(key, lang), key, num(value), exact(value)])
    _section(ws, t("rosterio.fair.levels", lang), [
        t("rosterio.col.level", lang), "key", t("rosterio.col.value", lang),
        t("rosterio.col.exact", lang)])
    for name, value in validation.levels:
        ws.append([level_label(name, lang), name, num(value), exact(value)])
    if validation.soft:
        names = names_of(problem)
        _section(ws, t("rosterio.fair.details", lang), [
            t("rosterio.col.term", lang), t("rosterio.col.detail", lang)])
        for f in validation.soft:
            if f.rule in ("abs_dev", "abs_dev_weekend_holiday", "abs_dev_night"):
                continue  # already in the summary, person by person
            ws.append([rule_label(f.rule, lang), describe_finding(f, lang, names)])
    widths(ws, {1: 30, 2: 26, 3: 14, 4: 18, 5: 14, 6: 14})


def solver_sheet(ws, problem: Problem, validation: Validation,
                 result: SolveResult | None, lang: str) -> None:
    """Status, time, each level's value, bound and gap; uncovered places; conflicts; and
    any rule the validator finds broken (which a solved roster should never have)."""
    ws.title = "solver"
    names = names_of(problem)
    status = result.status if result is not None else "-"
    ws.append([t("rosterio.solver.status", lang), status,
               t(f"sched.status.{status}", lang) if result is not None else
               t("rosterio.solver.not_solved", lang)])
    if result is not None:
        ws.append([t("rosterio.solver.seconds", lang), round(result.seconds, 3)])
        ws.append([t("rosterio.solver.seconds_to_best", lang), round(result.seconds_to_best, 3)])
        for key, value in result.stats:
            ws.append([key, value])
    ws.append([t("rosterio.solver.valid", lang),
               t("rosterio.yes" if validation.ok else "rosterio.no", lang)])
    _section(ws, t("rosterio.solver.levels", lang), [
        t("rosterio.col.level", lang), "key", t("rosterio.col.value", lang),
        t("rosterio.col.bound", lang), t("rosterio.col.gap", lang),
        t("rosterio.col.optimal", lang), t("rosterio.col.seconds", lang),
        t("rosterio.col.exact", lang), t("rosterio.col.validator", lang)])
    checked = dict(validation.levels)
    if result is not None and result.levels:
        for lv in result.levels:
            ws.append([level_label(lv.name, lang), lv.name, num(lv.value), num(lv.bound),
                       num(lv.value - lv.bound), t("rosterio.yes" if lv.optimal else
                                                   "rosterio.no", lang),
                       lv.seconds, exact(lv.value), exact(checked.get(lv.name))])
    else:
        for name, value in validation.levels:
            ws.append([level_label(name, lang), name, num(value), None, None, "", None,
                       exact(value), exact(value)])
    for title, findings in (("rosterio.solver.uncovered", result.uncovered if result else ()),
                            ("rosterio.solver.conflicts", result.conflicts if result else ()),
                            ("rosterio.solver.violations", validation.violations)):
        if findings:
            _section(ws, t(title, lang), [t("rosterio.col.rule", lang),
                                          t("rosterio.col.detail", lang)])
            for f in findings:
                ws.append([rule_label(f.rule, lang), describe_finding(f, lang, names)])
    widths(ws, {1: 30, 2: 30, 3: 14, 4: 12, 5: 10, 6: 8, 7: 10, 8: 14, 9: 14})
