"""Write what the benchmarked widgets show, for many settings of their controls, to one JSON file.

A change meant only to make a widget faster must leave this file byte for byte the same. From the
repository root, before and after the change:

    PYTHONHASHSEED=0 python benchmarks/snapshot.py before.json
    PYTHONHASHSEED=0 python benchmarks/snapshot.py after.json
    cmp before.json after.json

Each state holds the figure's JSON as plotly writes it (numbers and key order included) and the HTML of
the text description, the cards and the picker's list. PYTHONHASHSEED is fixed because Lesson 3 builds
its networks from sets, whose order, and so the order of the points in a trace, changes with the seed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _timeline(states: dict, key: str, timeline) -> None:
    """A FilteredTimeline: figure, description, list, and the card of every item in the list."""
    states[key] = {
        "figure": timeline.figure.to_json(),
        "description": timeline.description.value,
        "options": [list(option) for option in timeline.picker.options],
        "value": timeline.picker.value,
        "detail": timeline.detail.value,
        "cards": {},
    }
    for _, item in timeline.picker.options:
        timeline.picker.value = item
        states[key]["cards"][item] = timeline.detail.value


def snapshot() -> dict:
    from netgov import lesson1, lesson2, lesson3, lesson4, start

    states: dict = {}

    users = start.UsersExplorer()
    for years in [(2000, users.years.max), (2005, users.years.max), (2010, 2020), (2012, 2012)]:
        for countries in [("KZ",), ("KZ", "KG", "RU"), ("KZ", "KG", "UZ", "TJ", "RU"), ()]:
            users.countries.value = countries
            users.years.value = years
            states[f"start {years} {countries}"] = {"figure": users.figure.to_json(), "html": users.description.value}

    provisions = lesson1.ProvisionExplorer()
    for _, value in provisions.provision.options:
        provisions.provision.value = value
        states[f"lesson 1 provision {value}"] = {"html": provisions.output.value}
    liability = lesson1.LiabilityExplorer()
    for _, actor in liability.actor.options:
        for _, content in liability.content.options:
            liability.actor.value, liability.content.value = actor, content
            states[f"lesson 1 liability {actor} {content}"] = {"html": liability.output.value}
    laws = lesson1.LegislationTimeline()
    themes = list(laws.themes)
    for chosen in [themes, themes[:1], themes[2:5], [], ["registration"], themes[::2]]:
        for highlight in (True, False):
            for theme, box in laws.themes.items():
                box.value = theme in chosen
            laws.highlight.value = highlight
            states[f"lesson 1 laws {chosen} {highlight}"] = {
                "figure": laws.figure.to_json(),
                "html": laws.description.value,
            }

    statements = lesson2.StatementTimeline()
    groups = statements.groups.options
    kinds = [kind for _, kind in statements.kinds.options]
    for who in [tuple(groups), groups[:1], groups[1:3], ()]:
        for what in [tuple(kinds), tuple(kinds[:2]), tuple(kinds[3:])]:
            for years in [(2003, 2011), (2009, 2009), (statements.years.min, statements.years.max)]:
                statements.groups.value, statements.kinds.value, statements.years.value = who, what, years
                _timeline(states, f"lesson 2 statements {who} {what} {years}", statements)
    tracker = lesson2.CommitmentsTracker()
    statuses = [status for _, status in tracker.status.options]
    for chosen in [("not_met",), ("partly_met", "not_met"), tuple(statuses), ()]:
        tracker.status.value = chosen
        states[f"lesson 2 commitments {chosen}"] = {"html": tracker.output.value}
    positions = lesson2.PositionsMap()
    for year in range(positions.year.min, positions.year.max + 1):
        positions.year.value = year
        states[f"lesson 2 positions {year}"] = {
            "figure": positions.figure.to_json(),
            "html": positions.description.value,
        }

    chokepoint = lesson3.ChokepointExplorer()
    for _, era in chokepoint.era.options:
        chokepoint.era.value = era
        for _, blocked_at in chokepoint.blocked_at.options:
            for _, destination in list(chokepoint.destination.options)[:3]:
                chokepoint.blocked_at.value, chokepoint.destination.value = blocked_at, destination
                states[f"lesson 3 chokepoint {era} {blocked_at} {destination}"] = {
                    "figure": chokepoint.figure.to_json(),
                    "html": chokepoint.description.value,
                }
    calculator = lesson3.ConcentrationCalculator()
    for share in [10.0, 40.0, 70.0, 0.0]:
        calculator.sliders["Beeline"].value = share
        states[f"lesson 3 concentration {share}"] = {
            "figure": calculator.figure.to_json(),
            "html": calculator.result.value,
        }
    gateways = lesson3.GatewayExplorer()
    candidates = [value for _, value in gateways.gateways.options]
    for chosen in [(), tuple(candidates[:1]), tuple(candidates[:4]), tuple(candidates)]:
        gateways.gateways.value = chosen
        states[f"lesson 3 gateways {chosen}"] = {"figure": gateways.figure.to_json(), "html": gateways.result.value}

    cases = lesson4.CaseExplorer()
    targets = [kind for _, kind in cases.kinds.options]
    methods = [method for _, method in cases.methods.options]
    for years in [(2003, 2024), (2008, 2011), (2019, 2023), (2005, 2005)]:
        for kind in [tuple(targets), tuple(targets[:3]), ()]:
            for how in [tuple(methods), tuple(methods[1:4]), ("shutdown",)]:
                cases.kinds.value, cases.methods.value, cases.years.value = kind, how, years
                _timeline(states, f"lesson 4 cases {years} {kind} {how}", cases)
    detect = lesson4.DetectTheBlock()
    for _, method in detect.method.options:
        detect.method.value = method
        states[f"lesson 4 detect {method}"] = {"html": detect.output.value}
    damage = lesson4.CollateralDamage()
    for _, case in damage.case.options:
        damage.case.value = case
        for exponent in [1.0, 2.0, 5.0, 8.0]:
            for targeted in [1, 5, 50]:
                damage.hosted_exponent.value, damage.targeted.value = exponent, targeted
                states[f"lesson 4 collateral {case} {exponent} {targeted}"] = {
                    "figure": damage.figure.to_json(),
                    "html": damage.result.value,
                }
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
