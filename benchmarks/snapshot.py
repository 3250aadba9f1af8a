"""Write what every activity of every lesson shows, through all its settings, to one JSON file.

A change meant only to make an activity faster must leave this file byte for byte the same. From the
repository root, before and after the change:

    python benchmarks/snapshot.py before.json
    python benchmarks/snapshot.py after.json
    cmp before.json after.json

Each activity of the lesson registry is built with its defaults and taken through ``Activity.settings()``
(the same settings the benchmark times). Each state holds the figure's JSON as plotly writes it (numbers and key
order included), the text, and for a timeline its list and the card of every item in the list.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from netgov.lessons import LESSONS


def state(activity) -> dict:
    """What a learner sees of an activity now."""
    shown = {"text": activity.text.value}
    if activity.figure is not None:
        shown["figure"] = activity.figure.to_json()
    picker = getattr(activity, "picker", None)
    if picker is not None:
        chosen = picker.value
        shown["options"] = [list(option) for option in picker.options]
        shown["cards"] = {}
        for _, item in picker.options:
            picker.value = item
            shown["cards"][item] = activity.detail.value
        picker.value = chosen
    return shown


def snapshot() -> dict:
    states: dict = {}
    for lesson in LESSONS:
        for cls in lesson.activity_classes():
            activity = cls()
            name = f"{lesson.name}.{cls.__name__}"
            states[f"{name} 000 as built"] = state(activity)
            for n, (control, value) in enumerate(activity.settings(), start=1):
                control.value = value
                states[f"{name} {n:03d} {control.description}={value!r}"] = state(activity)
    return states


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__)
        return 2
    states = snapshot()
    Path(args[0]).write_text(json.dumps(states, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    print(f"{len(states)} states written to {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
