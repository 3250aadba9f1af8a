"""Command line: `python -m netgov check` validates every table; `python -m netgov dictionary --write`
regenerates the data dictionary in data/README.md from datapackage.json; `python -m netgov export` writes the
static edition (every notebook as an HTML page that needs no kernel) to site/."""

from __future__ import annotations

from .data import DICTIONARY_END, DICTIONARY_START, data_dir, dictionary_markdown, load, resource_names


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m netgov", description="Tools for the kit's data and pages.")
    parser.add_argument(
        "command",
        choices=["dictionary", "check", "export"],
        help="dictionary: print or write the data dictionary; check: load and validate every table; "
        "export: write the static edition (run it in the kit's folder)",
    )
    parser.add_argument("--write", action="store_true", help="with dictionary: update data/README.md in place")
    parser.add_argument("--out", default="site", help="with export: the folder to write (default: site)")
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
    text = dictionary_markdown()
    if not args.write:
        print(text)
        return 0
    readme = data_dir() / "README.md"
    current = readme.read_text(encoding="utf-8")
    start, end = current.find(DICTIONARY_START), current.find(DICTIONARY_END)
    if start < 0 or end < start:
        raise SystemExit(f"{readme} has no {DICTIONARY_START} ... {DICTIONARY_END} block.")
    readme.write_text(current[: start + len(DICTIONARY_START)] + "\n" + text + current[end:], encoding="utf-8")
    print(f"{readme} updated.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
