"""Command line of the roster engine: ``python -m scheduler solve|check`` (and ``bench``).

Exit codes (the same for every roster command, documented in ``docs/readme_parts/cli.md``):
0 roster written / roster keeps every hard rule; 1 ``check``: hard rules broken (or a solved
roster failed the validator, which would be a bug); 2 invalid or unreadable input, nothing
written; 3 infeasible, the conflicting rules explained, nothing written; 4 no roster found
within the time limit. A user error never shows a traceback: every problem is listed on
stderr with sheet, row and column.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from office.i18n import t
from scheduler.describe import describe_finding, fmt_value, level_label, names_of, rule_label
from scheduler.problem import Problem, Progress, SolveParams
from scheduler.validate import Validation, validate

from .input_problems import InputProblem
from .roster_reader import read_roster
from .roster_writer import write_roster

EXIT_OK, EXIT_BROKEN, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_ROSTER = 0, 1, 2, 3, 4


def _err(text: str = "") -> None:
    print(text, file=sys.stderr, flush=True)


def _out(text: str = "") -> None:
    print(text, flush=True)


def report_problems(problems: list[InputProblem], lang: str) -> bool:
    """Print every input problem on stderr; tell whether any is an error."""
    for p in problems:
        label = t("cli.error" if p.is_error else "cli.warning", lang)
        _err(f"{label} {p.text(lang)}")
    bad = [p for p in problems if p.is_error]
    if bad:
        _err(t("cli.nothing_written", lang, count=len(bad)))
    return bool(bad)


class ProgressPrinter:
    """Prints a progress line on stderr whenever a level's objective or bound improves."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.last: dict[str, tuple[float, float]] = {}

    def __call__(self, event: Progress) -> None:
        key = (round(event.objective, 6), round(event.bound, 6))
        if self.last.get(event.level) == key:
            return
        self.last[event.level] = key
        _err(t("cli.progress", self.lang, seconds=f"{event.seconds:7.2f}",
               level=level_label(event.level, self.lang),
               objective=f"{event.objective:.4g}", bound=f"{event.bound:.4g}"))


def _read_inputs(args, roster_path: str | None):
    """Scenario, optional roster and optional reference; problems of all of them at once."""
    from .scenario_reader import read_scenario

    problem, problems = read_scenario(args.scenario)
    roster = reference = None
    if roster_path is not None:
        roster, more = read_roster(roster_path)
        problems = problems + more
    if getattr(args, "reference", None):
        reference, more = read_roster(args.reference)
        problems = problems + more
    return problem, roster, reference, problems


def _out_problems(out: Path, scenario: str) -> list[tuple[str, dict]]:
    """Reasons the output file cannot be written, found before any solving starts."""
    found: list[tuple[str, dict]] = []
    if out.suffix.lower() != ".xlsx":
        found.append(("cli.out_not_xlsx", {"path": str(out)}))
    if not out.parent.exists():
        found.append(("cli.out_no_folder", {"path": str(out.parent)}))
    if out.exists() and Path(scenario).exists() and out.resolve() == Path(scenario).resolve():
        found.append(("cli.out_is_input", {"path": str(out)}))
    return found


def cmd_solve(args) -> int:
    """Read, solve, validate and write; see the module docstring for the exit codes."""
    from scheduler import solve

    lang = args.lang
    out = Path(args.out)
    problem, _, reference, problems = _read_inputs(args, None)
    bad_out = _out_problems(out, args.scenario)
    for key, params in bad_out:
        _err(f"{t('cli.error', lang)} {t(key, lang, **params)}")
    if report_problems(problems, lang) or problem is None or bad_out:
        return EXIT_INVALID
    params = SolveParams(time_limit=args.time_limit, workers=args.workers, seed=args.seed,
                         allow_gaps=args.allow_gaps, reference=reference)
    _err(t("cli.solving", lang, staff=len(problem.staff), posts=len(problem.posts),
           days=len(problem.days), slots=len(problem.slots)))
    result = solve(problem, params, on_progress=ProgressPrinter(lang))
    names = names_of(problem)
    if result.roster is None:
        if result.status == "infeasible":
            _err(t("cli.infeasible", lang))
            for f in result.conflicts:
                _err(f"  - {describe_finding(f, lang, names)}")
            return EXIT_INFEASIBLE
        _err(t(f"sched.status.{result.status}", lang))
        _err(t("cli.no_roster", lang, status=result.status))
        return EXIT_NO_ROSTER
    validation = validate(problem, result.roster, allow_gaps=args.allow_gaps, reference=reference)
    try:
        write_roster(out, problem, result, validation, lang)
    except OSError as err:
        _err(t("cli.cannot_write", lang, path=str(out), error=str(err)))
        return EXIT_INVALID
    _out(t("cli.written", lang, path=str(out), status=t(f"sched.status.{result.status}", lang),
           seconds=f"{result.seconds:.1f}", duties=len(result.roster)))
    checked = dict(validation.levels)
    for lv in result.levels:
        _out(t("cli.level_line", lang, level=level_label(lv.name, lang), value=fmt_value(lv.value),
               bound=fmt_value(lv.bound), seconds=f"{lv.seconds:.1f}",
               proven=t("cli.proven" if lv.optimal else "cli.not_proven", lang)))
        if lv.name in checked and checked[lv.name] != lv.value:
            _err(t("cli.level_mismatch", lang, level=lv.name, solver=str(lv.value),
                   validator=str(checked[lv.name])))
    if result.uncovered:
        _err(t("cli.uncovered", lang, count=len(result.uncovered)))
        for f in result.uncovered:
            _err(f"  - {describe_finding(f, lang, names)}")
    if validation.violations:
        _print_violations(validation, lang, names, _err)
        return EXIT_BROKEN
    return EXIT_OK


def _print_violations(v: Validation, lang: str, names: dict[str, str], emit) -> None:
    emit(t("cli.check.broken", lang, count=len(v.violations)))
    by_rule: dict[str, list] = {}
    for f in v.violations:
        by_rule.setdefault(f.rule, []).append(f)
    for rule, findings in by_rule.items():
        emit(t("cli.check.rule_head", lang, label=rule_label(rule, lang), key=rule,
               count=len(findings)))
        for f in findings:
            emit(f"    - {describe_finding(f, lang, names)}")


def print_breakdown(problem: Problem, v: Validation, lang: str, details: bool) -> None:
    """Every objective term and level, exact, then (optionally) what lies behind them."""
    _out(t("cli.check.terms", lang))
    for key, value in v.terms.items():
        _out(t("cli.check.value_line", lang, label=rule_label(key, lang), key=key,
               value=fmt_value(value), exact=str(value)))
    _out(t("cli.check.levels", lang))
    for name, value in v.levels:
        _out(t("cli.check.value_line", lang, label=level_label(name, lang), key=name,
               value=fmt_value(value), exact=str(value)))
    soft = [f for f in v.soft if f.rule not in ("abs_dev", "abs_dev_weekend_holiday",
                                                "abs_dev_night")]
    if details and soft:
        names = names_of(problem)
        _out(t("cli.check.details", lang))
        for f in soft:
            _out(f"    - {describe_finding(f, lang, names)}")
    elif soft:
        _out(t("cli.check.details_hint", lang, count=len(soft)))


def cmd_check(args) -> int:
    """Validate any roster; exit 0 only when no hard rule is broken."""
    lang = args.lang
    problem, roster, reference, problems = _read_inputs(args, args.roster)
    if report_problems(problems, lang) or problem is None or roster is None:
        return EXIT_INVALID
    v = validate(problem, roster, allow_gaps=args.allow_gaps, reference=reference)
    names = names_of(problem)
    _out(t("cli.check.head", lang, duties=len(roster), days=len(problem.days)))
    if v.ok:
        _out(t("cli.check.ok", lang))
    else:
        _print_violations(v, lang, names, _out)
    print_breakdown(problem, v, lang, args.details)
    if args.people:
        print_people(problem, v, lang)
    return EXIT_OK if v.ok else EXIT_BROKEN


def print_people(problem: Problem, v: Validation, lang: str) -> None:
    """One line per person: duties, weekend/holiday, nights, load, fair share, deviation."""
    staff = problem.staff_by_id()
    _out(t("cli.check.people", lang))
    for p in sorted(v.people, key=lambda p: (staff[p.staff_id].group, p.staff_id)):
        s = staff[p.staff_id]
        _out(t("cli.check.person_line", lang, name=f"{s.name}({s.staff_id})", group=s.group,
               duties=p.duties, weekend_holiday=p.weekend_holiday, night=p.night,
               load=fmt_value(p.load), share=fmt_value(p.share),
               deviation=fmt_value(p.deviation)))


def build_parser() -> argparse.ArgumentParser:
    """``solve`` and ``check`` here; ``bench`` is added by ``shells.curtois_cli`` if present."""
    parser = argparse.ArgumentParser(prog="python -m scheduler",
                                     description=t("cli.description", "en"))
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("solve", help=t("cli.solve_help", "en"))
    s.add_argument("scenario", help=t("cli.scenario_help", "en"))
    s.add_argument("--out", required=True, help=t("cli.out_help", "en"))
    s.add_argument("--time-limit", type=float, default=60.0, help=t("cli.time_help", "en"))
    s.add_argument("--workers", type=int, default=2, help=t("cli.workers_help", "en"))
    s.add_argument("--seed", type=int, default=0, help=t("cli.seed_help", "en"))
    s.add_argument("--reference", help=t("cli.reference_help", "en"))
    s.add_argument("--allow-gaps", action="store_true", help=t("cli.gaps_help", "en"))
    s.add_argument("--lang", choices=("zh", "en"), default="zh", help=t("cli.lang_help", "en"))
    s.set_defaults(func=cmd_solve)
    c = sub.add_parser("check", help=t("cli.check_help", "en"))
    c.add_argument("scenario", help=t("cli.scenario_help", "en"))
    c.add_argument("roster", help=t("cli.roster_help", "en"))
    c.add_argument("--reference", help=t("cli.reference_help", "en"))
    c.add_argument("--allow-gaps", action="store_true", help=t("cli.gaps_help", "en"))
    c.add_argument("--details", action="store_true", help=t("cli.details_help", "en"))
    c.add_argument("--people", action="store_true", help=t("cli.people_help", "en"))
    c.add_argument("--lang", choices=("zh", "en"), default="zh", help=t("cli.lang_help", "en"))
    c.set_defaults(func=cmd_check)
    try:
        from shells import curtois_cli

        curtois_cli.register(sub)
    except ImportError:
        pass
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _err(t("cli.interrupted", getattr(args, "lang", "zh")))
        return 130
