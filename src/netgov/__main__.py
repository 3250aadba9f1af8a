"""Command line.

* ``python -m netgov check``: load and validate every table.
* ``python -m netgov dictionary [--write]``: print the data dictionary, or regenerate it (and the table of the
  sources by kind and language) in data/README.md.
* ``python -m netgov export [--out site]``: write the static edition (every notebook as an HTML page that needs
  no kernel) to site/.
* ``python -m netgov data freshness [--months 12] [--fail-after MONTHS] [--today DATE]``: the reviewer's
  freshness report (:mod:`netgov.freshness`); exits 1 only with ``--fail-after`` and a kit staler than that.
* ``python -m netgov data as-of [--write]``: the kit's as-of date, or write it into the README's as-of block.
* ``python -m netgov glossary [--lesson N] [--out FILE]``: a printable glossary in English, Russian and Kazakh.
* ``python -m netgov project [LESSON] [--port N]``: serve a lesson (or every lesson) with Voila in projector mode
  (:mod:`netgov.projector`), sized for a 1280x720 projector at 150 % zoom.
"""

from __future__ import annotations

from pathlib import Path

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


def _day(text: str):
    import argparse
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date written as 2026-12-01, not {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m netgov", description="Tools for the kit's data and pages.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    commands.add_parser("check", help="load and validate every table")
    dictionary = commands.add_parser("dictionary", help="print or write the data dictionary")
    dictionary.add_argument("--write", action="store_true", help="update data/README.md in place")
    export_parser = commands.add_parser("export", help="write the static edition (run it in the kit's folder)")
    export_parser.add_argument("--out", default="site", help="the folder to write (default: site)")
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
            export(".", args.out)
        except ExportError as error:
            parser.exit(2, f"python -m netgov export: {error}\n")
        return 0
    if args.command == "check":
        for name in resource_names():
            print(f"{name}: {len(load(name))} rows")
        return 0
    if args.command == "data":
        return _data_command(args)
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
    text = dictionary_markdown()
    if not args.write:
        print(text)
        return 0
    _replace_block(data_dir() / "README.md", DICTIONARY_START, DICTIONARY_END, text)
    _replace_block(data_dir() / "README.md", BALANCE_START, BALANCE_END, balance_markdown())
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
