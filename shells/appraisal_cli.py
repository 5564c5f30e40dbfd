"""Command line for the year-end appraisal.

``python -m appraisal run CYCLE --out RESULTS.xlsx [--history PAST.xlsx ...] [--lang zh|en]``

Exit codes: 0 written; 2 invalid input (every problem on stderr as
``sheet row N column C: message``, nothing written); 1 the results could not be written or an
unexpected internal error (reported in one line, never as a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from appraisal import run
from office.i18n import t

from .cycle_history import read_history
from .cycle_reader import read_cycle
from .cycle_writer import write_results

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """Arguments; ``--history`` takes several files after one flag or the flag repeated."""
    parser = argparse.ArgumentParser(prog="python -m appraisal",
                                     description=t("appraisal.cli.description", "en"))
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help=t("appraisal.cli.run_help", "en"))
    p.add_argument("cycle", help=t("appraisal.cli.cycle_help", "en"))
    p.add_argument("--out", required=True, help=t("appraisal.cli.out_help", "en"))
    p.add_argument("--history", nargs="+", action="extend", default=[],
                   help=t("appraisal.cli.history_help", "en"))
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help=t("appraisal.cli.lang_help", "en"))
    return parser


def _report(problems, lang: str) -> None:
    for p in problems:
        prefix = t("appraisal.cli.warning", lang) if p.warning else t("appraisal.cli.error", lang)
        print(f"{prefix} {p.render(lang)}", file=sys.stderr)


def run_command(args) -> int:
    """Read, check, run and write; returns the exit code."""
    lang = args.lang
    out = Path(args.out)
    problems = []
    if not out.parent.exists() and str(out.parent) not in ("", "."):
        problems.append(("out", t("appraisal.cli.no_out_dir", lang, path=str(out.parent))))
    if out.suffix.lower() != ".xlsx":
        problems.append(("out", t("appraisal.cli.out_xlsx", lang, path=str(out))))
    if out.exists() and out.resolve() == Path(args.cycle).resolve():
        problems.append(("out", t("appraisal.cli.out_is_input", lang)))
    read = read_cycle(args.cycle)
    year = read.cycle.rules.year if read.cycle is not None else None
    history, hist_problems = read_history(args.history, year)
    all_problems = list(read.problems) + hist_problems
    _report(sorted(all_problems, key=lambda p: p.warning), lang)
    for where, text in problems:
        print(f"{t('appraisal.cli.error', lang)} {where}: {text}", file=sys.stderr)
    errors = [p for p in all_problems if not p.warning]
    if errors or problems or read.cycle is None:
        print(t("appraisal.cli.invalid", lang, count=len(errors) + len(problems)),
              file=sys.stderr)
        return EXIT_INVALID
    results = run(read.cycle, history=history)
    try:
        write_results(results, out, lang)
    except OSError as exc:
        print(t("appraisal.cli.write_failed", lang, path=str(out), error=exc.strerror or exc),
              file=sys.stderr)
        return EXIT_FAILED
    print(t("appraisal.cli.written", lang, path=str(out), graded=results.graded,
            quota=results.quota, used=results.quota_used, open=results.quota_open))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point; never lets a traceback reach the user."""
    args = build_parser().parse_args(argv)
    lang = getattr(args, "lang", "zh")
    try:
        return run_command(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, no traceback
        print(t("appraisal.cli.internal", lang, error=f"{type(exc).__name__}: {exc}"),
              file=sys.stderr)
        return EXIT_FAILED
