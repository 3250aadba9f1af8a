"""Command line.

* ``python -m netgov check``: load and validate every table.
* ``python -m netgov dictionary [--write]``: print the data dictionary, or regenerate it (and the table of the
  sources by kind and language) in data/README.md.
* ``python -m netgov export [--audience students|instructors] [--out site]``: write the static edition (every
  notebook as an HTML page that needs no kernel) to site/; the students' edition (the default) leaves out the
  instructors' documents and pages.
* ``python -m netgov pack LESSON [--audience students|instructors] [--out DIR]``: a lesson's class pack, pages
  to print (:mod:`netgov.packs`), written to packs/lessonN-<audience>/ unless told.
* ``python -m netgov assign [LESSON ...] [--variant SEED]``: regenerate the exercise and solutions notebooks and
  the autograder from the master notebooks in assignments/ (:mod:`netgov.assign`; needs the ``instructor`` extra),
  or write variant SEED of them to variants/ (:mod:`netgov.variants`).
* ``python -m netgov grade SUBMISSIONS --lesson N [--variant SEED] [--out grades.csv]``: grade a class's
  notebooks (:mod:`netgov.grading`).
* ``python -m netgov data freshness [--months 12] [--fail-after MONTHS] [--today DATE]``: the reviewer's
  freshness report (:mod:`netgov.freshness`); exits 1 only with ``--fail-after`` and a kit staler than that.
* ``python -m netgov data as-of [--write]``: the kit's as-of date, or write it into the README's as-of block.
* ``python -m netgov glossary [--lesson N] [--out FILE]``: a printable glossary in English, Russian and Kazakh.
* ``python -m netgov roleplay [--write]``: print the role-play document's generated block (Lesson 2's
  roleplay.toml with the cards' actors), or regenerate it in docs/roleplay-osce-permanent-council.md.
* ``python -m netgov guide [--write]``: print the instructor guide's blocks generated from each lesson's
  ``plan.toml`` (times, run sheets, misconceptions, rubrics), or rewrite them in docs/instructor-guide.md.
* ``python -m netgov doctor [--quick] [--root DIR] [--timeout SECONDS]``: is this installation ready for a class
  (:mod:`netgov.doctor`)? One line per check, OK or PROBLEM with the fix; exits 1 when any check finds a problem.
* ``python -m netgov project [LESSON] [--port N]``: serve a lesson (or every lesson) with Voila in projector mode
  (:mod:`netgov.projector`), sized for a 1280x720 projector at 150 % zoom.
"""

from __future__ import annotations

from pathlib import Path

from ._notebooks import CELL_TIMEOUT
from .data import (
    BALANCE_END,
    BALANCE_START,
    DICTIONARY_END,
    DICTIONARY_START,
    balance_markdown,
    data_dir,
    dictionary_markdown,
    load,
    resource_names,
)

AS_OF_START = "<!-- as-of:start -->"
AS_OF_END = "<!-- as-of:end -->"
#: The role-play document, relative to the kit's folder (run the command there, as for the guide).
ROLEPLAY_DOC = Path("docs") / "roleplay-osce-permanent-council.md"


def _replace_block(path: Path, start_marker: str, end_marker: str, text: str) -> None:
    current = path.read_text(encoding="utf-8")
    start, end = current.find(start_marker), current.find(end_marker)
    if start < 0 or end < start:
        raise SystemExit(f"{path} has no {start_marker} ... {end_marker} block.")
    path.write_text(current[: start + len(start_marker)] + "\n" + text + current[end:], encoding="utf-8")
    print(f"{path} updated.")


def as_of_markdown() -> str:
    """The README's as-of block: the kit's as-of date, computed from the data."""
    from .freshness import as_of

    return str(as_of()) + "\n"


def _months(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of months, 1 or more (such as 6), not {text!r}")
    return value


def _seconds(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        value = 0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0 (such as 300), not {text!r}")
    return value


def _day(text: str):
    import argparse
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date written as 2026-12-01, not {text!r}") from None


def _whole(parser, name: str, text: str) -> int:
    if not str(text).isdigit() or int(text) < 1:
        parser.error(f"{name} must be a whole number of at least 1, such as 2, not {text!r}")
    return int(text)


def _grade_command(parser, args) -> int:
    from pathlib import Path

    from .grading import STATUSES, grade, write_feedback, write_gradebook

    lesson = _whole(parser, "--lesson", args.lesson)
    try:
        results = grade(
            args.submissions,
            lesson,
            workers=_whole(parser, "--workers", args.workers),
            cell_timeout=_whole(parser, "--cell-timeout", args.cell_timeout),
            variant=args.variant,
        )
    except ValueError as error:
        parser.error(str(error))
    out = write_gradebook(results, lesson, args.out, variant=args.variant)
    feedback = Path(args.feedback) if args.feedback else out.parent / "feedback"
    write_feedback(results, lesson, feedback, variant=args.variant)
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    order = list(STATUSES)  # best first; "blocked: ..." sorts with "blocked"
    ranked = sorted(counts, key=lambda status: (order.index(status.split(":")[0]), status))
    against = f" against variant {args.variant}" if args.variant else ""
    print(
        f"Graded {len(results)} submission(s) of Lesson {lesson}{against}: "
        + ", ".join(f"{counts[s]} {s}" for s in ranked)
    )
    print(f"Gradebook: {out}; feedback pages: {feedback}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m netgov", description="Tools for the kit's data and pages.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    commands.add_parser("check", help="load and validate every table")
    dictionary = commands.add_parser("dictionary", help="print or write the data dictionary")
    dictionary.add_argument("--write", action="store_true", help="update data/README.md in place")
    export_parser = commands.add_parser("export", help="write the static edition (run it in the kit's folder)")
    export_parser.add_argument("--out", default="site", help="the folder to write (default: site)")
    export_parser.add_argument(
        "--audience",
        choices=("students", "instructors"),
        default="students",
        help="students (the default): lessons, exercises, glossary and the students' packs; instructors: also the "
        "instructors' documents and packs",
    )
    pack_parser = commands.add_parser("pack", help="a lesson's class pack: printable pages")
    pack_parser.add_argument("lesson", help="the lesson's number (such as 2)")
    pack_parser.add_argument(
        "--audience",
        choices=("students", "instructors"),
        default="students",
        help="students (the default): worksheet, glossary, exit ticket, role cards; instructors: also run sheets, "
        "answer keys, rubrics and anchors, misconceptions",
    )
    pack_parser.add_argument("--out", help="the folder to write (default: packs/lessonN-<audience>)")
    grade_parser = commands.add_parser("grade", help="grade a folder of submitted exercise notebooks")
    grade_parser.add_argument("submissions", help="the folder of submitted .ipynb files")
    grade_parser.add_argument("--lesson", required=True, help="the lesson's number (such as 1)")
    grade_parser.add_argument("--out", default="grades.csv", help="the gradebook to write (default: grades.csv)")
    grade_parser.add_argument("--feedback", help="the folder for feedback pages (default: feedback/ beside --out)")
    grade_parser.add_argument("--workers", default="2", help="notebooks run at once (default: 2)")
    grade_parser.add_argument("--cell-timeout", default="60", help="seconds a cell may run (default: 60)")
    grade_parser.add_argument(
        "--variant", metavar="SEED", help="grade against variant SEED (written by `assign N --variant SEED`)"
    )
    assign_parser = commands.add_parser(
        "assign", help="write the exercise and solutions notebooks and the autograder from the master notebooks"
    )
    assign_parser.add_argument("lessons", nargs="*", help="the lessons' numbers (default: every lesson with a master)")
    assign_parser.add_argument(
        "--variant",
        metavar="SEED",
        help="write variant SEED (a whole number from 1 to 999999) to variants/, instead of the published notebooks",
    )
    data_parser = commands.add_parser("data", help="how current the data is: freshness, as-of")
    data_commands = data_parser.add_subparsers(dest="data_command", required=True, metavar="data-command")
    fresh = data_commands.add_parser(
        "freshness", help="rows that can change and were not reviewed lately; the newest source per table"
    )
    fresh.add_argument(
        "--months", type=_months, default=12, help="rows not reviewed in this many months are listed (default: 12)"
    )
    fresh.add_argument(
        "--fail-after",
        type=_months,
        metavar="MONTHS",
        help="exit with status 1 when the as-of date, or any row that can change, is older than MONTHS months",
    )
    fresh.add_argument("--today", type=_day, help="compute as if today were this date (YYYY-MM-DD)")
    glossary_parser = commands.add_parser("glossary", help="a printable glossary: English, Russian, Kazakh")
    glossary_parser.add_argument("--lesson", type=int, help="only this lesson's terms (default: every lesson)")
    glossary_parser.add_argument(
        "--out", default="glossary.html", help="the HTML file to write (default: glossary.html)"
    )
    roleplay_parser = commands.add_parser("roleplay", help="print or write the role-play document's generated block")
    roleplay_parser.add_argument("--write", action="store_true", help="update docs/roleplay-osce-permanent-council.md")
    guide_parser = commands.add_parser("guide", help="the instructor guide's blocks from each lesson's plan.toml")
    guide_parser.add_argument(
        "--write", action="store_true", help="update docs/instructor-guide.md in place (run it in the kit's folder)"
    )
    doctor_parser = commands.add_parser(
        "doctor", help="check this installation before class: one line per check, with the fix for each problem"
    )
    doctor_parser.add_argument(
        "--quick", action="store_true", help="leave out the smoke run (the start notebook in a fresh kernel)"
    )
    doctor_parser.add_argument(
        "--root", help="the kit's folder, holding notebooks/ (default: this folder, else the kit's checkout)"
    )
    doctor_parser.add_argument(
        "--timeout",
        type=_seconds,
        default=CELL_TIMEOUT,
        help=f"seconds each cell of the smoke run may take (default: {CELL_TIMEOUT})",
    )
    project_parser = commands.add_parser(
        "project", help="show a lesson on a projector: Voila in projector mode (run it in the kit's folder)"
    )
    project_parser.add_argument(
        "lesson", nargs="?", help="the lesson's number (0 to 4) or a notebook's path (default: a list of every lesson)"
    )
    project_parser.add_argument("--port", type=int, help="the port Voila listens on (default: Voila's, 8866)")
    as_of_parser = data_commands.add_parser("as-of", help="the kit's as-of date, computed from the data")
    as_of_parser.add_argument("--write", action="store_true", help="update the as-of block in README.md")

    args = parser.parse_args(argv)
    if args.command == "export":
        from .export import ExportError, export

        try:
            export(".", args.out, audience=args.audience)
        except ExportError as error:
            parser.exit(2, f"python -m netgov export: {error}\n")
        return 0
    if args.command == "pack":
        return _pack_command(parser, args)
    if args.command == "grade":
        return _grade_command(parser, args)
    if args.command == "assign":
        from .assign import assign

        numbers = [_whole(parser, "lesson", text) for text in args.lessons] or None
        try:
            written = assign(numbers, variant=args.variant)
        except ValueError as error:
            parser.error(str(error))
        for path in written:
            print(f"{path} written.")
        return 0
    if args.command == "check":
        for name in resource_names():
            print(f"{name}: {len(load(name))} rows")
        return 0
    if args.command == "data":
        return _data_command(args)
    if args.command == "guide":
        return _guide_command(args.write)
    if args.command == "doctor":
        from .doctor import PROBLEM, report, run

        results = run(args.root, quick=args.quick, timeout=args.timeout)
        print(report(results))
        return 1 if any(result.status == PROBLEM for result in results) else 0
    if args.command == "project":
        return _project(parser, args.lesson, args.port)
    if args.command == "glossary":
        from .glossary import handout

        try:
            page = handout(args.lesson)
        except ValueError as error:
            parser.exit(2, f"python -m netgov glossary: {error}\n")
        Path(args.out).write_text(page, encoding="utf-8")
        print(f"{args.out} written: print it from a browser (A4 or US Letter).")
        return 0
    if args.command == "roleplay":
        return _roleplay_command(args)
    text = dictionary_markdown()
    if not args.write:
        print(text)
        return 0
    _replace_block(data_dir() / "README.md", DICTIONARY_START, DICTIONARY_END, text)
    _replace_block(data_dir() / "README.md", BALANCE_START, BALANCE_END, balance_markdown())
    return 0


def _roleplay_command(args) -> int:
    from .lesson2.roleplay import ROLEPLAY_END, ROLEPLAY_START, roleplay_markdown

    text = roleplay_markdown()
    if args.write:
        _replace_block(_in_kit(ROLEPLAY_DOC), ROLEPLAY_START, ROLEPLAY_END, text)
    else:
        print(text, end="")
    return 0


def _guide_command(write: bool) -> int:
    from .plans import GUIDE, guide_markdown, guide_text, planned_lessons

    if not write:
        for number in planned_lessons():
            print(f"## Lesson {number}\n\n{guide_markdown(number)}")
        return 0
    guide = _in_kit(GUIDE)
    try:
        text = guide_text(guide.read_text(encoding="utf-8"))
    except ValueError as error:
        raise SystemExit(str(error)) from None
    guide.write_text(text, encoding="utf-8")
    print(f"{guide} updated.")
    return 0


def _in_kit(relative: Path) -> Path:
    """A file of the kit's folder (the one :func:`netgov.doctor.kit_root` finds), or a clear stop without one."""
    from .doctor import kit_root

    kit = kit_root()
    if kit is None or not (kit / relative).is_file():
        raise SystemExit(f"{relative} not found: run the command in the kit's folder.")
    return kit / relative


def _pack_command(parser, args) -> int:
    from .packs import PackError, build

    try:
        files = build(args.lesson, args.audience, args.out)
    except (PackError, KeyError) as error:
        message = error.args[0] if isinstance(error, KeyError) else str(error)
        parser.exit(2, f"python -m netgov pack: {message}\n")
    print(f"{len(files)} pages written to {files[0].parent}: open {files[0]} and print each page from a browser.")
    return 0


def project_target(lesson: str | None) -> Path:
    """What ``python -m netgov project`` serves: a lesson's notebook by number, a notebook by path, or the
    folder of lessons; relative to the current folder (the kit's). Raises ValueError naming what exists."""
    from .lessons import LESSONS

    numbers = {str(entry.number): entry.notebook for entry in LESSONS}
    target = Path("notebooks" if lesson is None else numbers.get(lesson, lesson))
    if not target.exists():
        raise ValueError(
            f"no lesson {lesson!r} here: give a lesson's number ({', '.join(numbers)}) or a notebook's path, "
            "and run the command in the kit's folder"
        )
    return target


def _project(parser, lesson: str | None, port: int | None) -> int:
    import subprocess

    from .projector import voila_command

    try:
        target = project_target(lesson)
        cmd, env = voila_command(target, port=port)
    except ValueError as error:
        parser.exit(2, f"python -m netgov project: {error}\n")
    print("Projector mode: zoom the browser to 150 % (Ctrl and +) on a 1280x720 projector. Ctrl-C stops Voila.")
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 0


def _data_command(args) -> int:
    if args.data_command == "as-of":
        text = as_of_markdown()
        if args.write:
            _replace_block(data_dir().parent / "README.md", AS_OF_START, AS_OF_END, text)
        else:
            print(text, end="")
        return 0
    from .freshness import report

    result = report(args.today, args.months)
    print(result.text())
    if args.fail_after is None:
        return 0
    reasons = result.stale_reasons(args.fail_after)
    if not reasons:
        print(f"\nFresh: nothing is older than {args.fail_after} months.")
        return 0
    print(f"\nSTALE: the kit is more than {args.fail_after} months behind its sources:")
    for reason in reasons:
        print(f"  - {reason}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
