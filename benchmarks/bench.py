"""Measure what a learner waits for: notebook execution, importing the kit, loading data, widget updates.

Run from the repository root with plain Python:

    python benchmarks/bench.py                  # print the results
    python benchmarks/bench.py --update-readme  # also write them into README.md

Every notebook in notebooks/ and exercises/ is executed in a fresh kernel (start-up included) and
compared with benchmarks/floor.ipynb, which only imports the stack and shows one figure and one widget.
The targets the lessons are held to: each notebook at most 1.5 times the floor; a widget update
under 50 ms (median and 95th percentile are printed by time_widget_updates()).

Lesson benchmarks import time_widget_updates() from here and register their widgets in WIDGETS.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = ROOT / "benchmarks" / "floor.ipynb"
NOTEBOOK_RATIO_TARGET = 1.5
WIDGET_TARGET_MS = 50.0


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("percentile() needs at least one value.")
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def time_widget_updates(name: str, apply: Callable[[object], None], values: Iterable[object], n: int = 50) -> dict:
    """Time ``n`` widget updates: ``apply(value)`` sets a control, cycling through ``values``.

    Prints and returns the median and 95th percentile in milliseconds. Observers run synchronously
    when a trait changes, so the time covers the whole update the learner waits for (the browser's
    drawing aside).
    """
    cycle = list(values)
    if len(cycle) < 2:
        raise ValueError("time_widget_updates() needs at least two values to alternate between.")
    apply(cycle[-1])  # warm-up
    times = []
    for i in range(n):
        start = time.perf_counter()
        apply(cycle[i % len(cycle)])
        times.append((time.perf_counter() - start) * 1000)
    result = {"widget": name, "median_ms": statistics.median(times), "p95_ms": percentile(times, 95), "n": n}
    verdict = "ok" if result["p95_ms"] < WIDGET_TARGET_MS else "SLOW"
    print(f"  {name}: median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms over {n} updates [{verdict}]")
    return result


def start_notebook_widgets() -> list[dict]:
    from netgov.start import UsersExplorer

    explorer = UsersExplorer()
    last = explorer.years.max
    return [
        time_widget_updates(
            "start: users explorer, year range",
            lambda v: setattr(explorer.years, "value", v),
            [(2000, last), (2005, last), (2010, 2020)],
        ),
        time_widget_updates(
            "start: users explorer, countries",
            lambda v: setattr(explorer.countries, "value", v),
            [("KZ",), ("KZ", "KG", "RU"), ("KZ", "KG", "UZ", "TJ", "RU")],
        ),
    ]


def lesson1_widgets() -> list[dict]:
    from netgov import lesson1

    provisions = lesson1.ProvisionExplorer()
    liability = lesson1.LiabilityExplorer()
    timeline = lesson1.LegislationTimeline()
    box = timeline.themes["registration"]
    return [
        time_widget_updates(
            "lesson 1: provision explorer",
            lambda v: setattr(provisions.provision, "value", v),
            [value for _, value in provisions.provision.options],
        ),
        time_widget_updates(
            "lesson 1: who is liable",
            lambda v: setattr(liability.actor, "value", v),
            [value for _, value in liability.actor.options],
        ),
        time_widget_updates(
            "lesson 1: legislation timeline, one theme", lambda v: setattr(box, "value", v), [True, False]
        ),
    ]


def lesson2_widgets() -> list[dict]:
    from netgov import lesson2

    timeline = lesson2.StatementTimeline()
    tracker = lesson2.CommitmentsTracker()
    positions = lesson2.PositionsMap()
    groups = timeline.groups.options
    return [
        time_widget_updates(
            "lesson 2: statement timeline, who",
            lambda v: setattr(timeline.groups, "value", v),
            [tuple(groups), groups[:1], groups[1:3]],
        ),
        time_widget_updates(
            "lesson 2: commitments tracker",
            lambda v: setattr(tracker.status, "value", v),
            [("not_met",), ("partly_met", "not_met"), tuple(s for _, s in tracker.status.options)],
        ),
        time_widget_updates(
            "lesson 2: positions map, year",
            lambda v: setattr(positions.year, "value", v),
            list(range(positions.year.min, positions.year.max + 1)),
        ),
    ]


def lesson3_widgets() -> list[dict]:
    from netgov import lesson3

    chokepoint = lesson3.ChokepointExplorer()
    calculator = lesson3.ConcentrationCalculator()
    gateways = lesson3.GatewayExplorer()
    candidates = [value for _, value in gateways.gateways.options]
    return [
        time_widget_updates(
            "lesson 3: chokepoint, block point",
            lambda v: setattr(chokepoint.blocked_at, "value", v),
            [value for _, value in chokepoint.blocked_at.options],
        ),
        time_widget_updates(
            "lesson 3: concentration slider",
            lambda v: setattr(calculator.sliders["Beeline"], "value", v),
            [10.0, 40.0, 70.0],
        ),
        time_widget_updates(
            "lesson 3: add a gateway",
            lambda v: setattr(gateways.gateways, "value", v),
            [(), tuple(candidates[:1]), tuple(candidates[:4])],
        ),
    ]


def lesson4_widgets() -> list[dict]:
    from netgov import lesson4

    cases = lesson4.CaseExplorer()
    detect = lesson4.DetectTheBlock()
    damage = lesson4.CollateralDamage()
    return [
        time_widget_updates(
            "lesson 4: case explorer, years",
            lambda v: setattr(cases.years, "value", v),
            [(2003, 2024), (2008, 2011), (2019, 2023)],
        ),
        time_widget_updates(
            "lesson 4: detect the block",
            lambda v: setattr(detect.method, "value", v),
            [value for _, value in detect.method.options],
        ),
        time_widget_updates(
            "lesson 4: collateral damage", lambda v: setattr(damage.hosted_exponent, "value", v), [2.0, 5.0, 8.0]
        ),
    ]


#: Widget benchmarks, one function per notebook; lessons add theirs.
WIDGETS: list[Callable[[], list[dict]]] = [
    start_notebook_widgets,
    lesson1_widgets,
    lesson2_widgets,
    lesson3_widgets,
    lesson4_widgets,
]


def execute_seconds(path: Path) -> float:
    """Wall time to start a fresh kernel, run every cell of the notebook and shut the kernel down."""
    import nbformat

    from netgov._notebooks import execute

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    execute(nb, cwd=path.parent, timeout=300)
    return time.perf_counter() - start


def subprocess_seconds(code: str, repeat: int) -> float:
    """Median time a snippet reports for itself in fresh interpreters (so imports are not cached)."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(runs)


IMPORT_CODE = "import time; t = time.perf_counter(); import netgov; print(time.perf_counter() - t)"
LOAD_CODE = (
    "import netgov, time; t = time.perf_counter()\n"
    "for name in netgov.data.resource_names(): netgov.load(name)\n"
    "print(time.perf_counter() - t)"
)


def voila_seconds(notebooks: list[Path]) -> dict[str, float]:
    """Seconds from request to the last byte of each lesson's Voila page (the notebook runs in between)."""
    import urllib.request

    from netgov._servers import voila_server

    with voila_server(ROOT / "notebooks") as url:
        out = {}
        for path in notebooks:
            start = time.perf_counter()
            urllib.request.urlopen(f"{url}/voila/render/{path.name}", timeout=120).read()
            out[path.name] = time.perf_counter() - start
        return out


def export_seconds() -> float:
    """Wall time of the static edition's export (every lesson and exercise run once, pages written)."""
    import tempfile

    from netgov.export import export

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        export(ROOT, Path(tmp) / "site", log=lambda message: None)
        return time.perf_counter() - start


def notebooks(folders: tuple[str, ...] = ("notebooks", "exercises", "exercises/solutions")) -> list[Path]:
    from netgov._notebooks import notebooks

    return notebooks(ROOT, folders)


def run(repeat: int) -> tuple[list[str], bool]:
    lines: list[str] = []
    ok = True
    print(f"Python {platform.python_version()} on {platform.machine()}, repeat={repeat}")
    floor = statistics.median(execute_seconds(FLOOR) for _ in range(repeat))
    print(f"floor notebook: {floor:.2f} s")
    lines.append("| measure | result | target |")
    lines.append("|---|---|---|")
    lines.append(f"| floor notebook (fresh kernel, imports, one figure, one widget) | {floor:.2f} s | |")
    for path in notebooks():
        seconds = statistics.median(execute_seconds(path) for _ in range(repeat))
        ratio = seconds / floor
        ok &= ratio <= NOTEBOOK_RATIO_TARGET
        rel = path.relative_to(ROOT)
        print(f"{rel}: {seconds:.2f} s, {ratio:.2f} x floor")
        lines.append(f"| `{rel}` | {seconds:.2f} s ({ratio:.2f} x floor) | at most {NOTEBOOK_RATIO_TARGET} x |")
    imp = subprocess_seconds(IMPORT_CODE, repeat)
    load = subprocess_seconds(LOAD_CODE, repeat)
    print(f"import netgov: {imp * 1000:.0f} ms; load every table: {load * 1000:.0f} ms")
    lines.append(f"| `import netgov` (fresh interpreter) | {imp * 1000:.0f} ms | |")
    lines.append(f"| load and validate every table | {load * 1000:.0f} ms | |")
    lessons = notebooks(("notebooks",))
    for name, seconds in voila_seconds(lessons).items():
        print(f"Voila {name}: {seconds:.2f} s")
        lines.append(f"| Voila page (dashboard mode): `{name}` | {seconds:.2f} s | |")
    seconds = export_seconds()
    print(f"static edition export: {seconds:.1f} s")
    lines.append(f"| static edition: `python -m netgov export` (all lessons and exercises) | {seconds:.1f} s | |")
    print("widget updates:")
    for bench in WIDGETS:
        for result in bench():
            ok &= result["p95_ms"] < WIDGET_TARGET_MS
            lines.append(
                f"| widget update: {result['widget']} | median {result['median_ms']:.1f} ms, "
                f"p95 {result['p95_ms']:.1f} ms | under {WIDGET_TARGET_MS:.0f} ms |"
            )
    return lines, ok


def update_readme(lines: list[str]) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    machine = f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores"
    stamp = f"Measured with `python benchmarks/bench.py` ({machine}, {time.strftime('%Y-%m-%d')}):"
    block = "<!-- bench:start -->\n" + stamp + "\n\n" + "\n".join(lines) + "\n<!-- bench:end -->"
    new, count = re.subn(r"<!-- bench:start -->.*?<!-- bench:end -->", block, text, flags=re.S)
    if count != 1:
        raise SystemExit("README.md has no <!-- bench:start --> ... <!-- bench:end --> block to update.")
    readme.write_text(new)
    print("README.md updated.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument("--update-readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat needs a whole number of at least 1")
    lines, ok = run(args.repeat)
    print()
    print("\n".join(lines))
    if args.update_readme:
        update_readme(lines)
    print("\nAll targets met." if ok else "\nSome targets missed (see above).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
