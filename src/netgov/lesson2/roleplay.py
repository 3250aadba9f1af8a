"""Lesson 2's role-play: the OSCE Permanent Council debates Kazakhstan's 2009 internet law.

``roleplay.toml`` beside this file holds what the kit writes for the role-play (the scene, one timing per
class length, the rules card, each role's goal, concessions, red lines and questions, the debrief). The data
package holds what the sources record. A role's card joins the two: :func:`role_card` returns it as data for
the class packs, :func:`role_brief` as Markdown for a notebook, and :func:`roleplay_markdown` renders the
role-play document's generated block.

Every fact on a card is a dated row of ``positions`` or ``events`` no later than the scene's cut-off date.
Actor descriptions are left off the cards on purpose: they are written as of the data's own date (an actor
"held the OSCE chairmanship in 2010") and would tell a July 2009 delegation about its future.
"""

from __future__ import annotations

import copy
import datetime
import tomllib
from functools import cache
from pathlib import Path

import pandas as pd

from .. import data
from ..packs.definitions import ROLEPLAY_RULES
from .tables import ISSUES, ROLES, statement_table

__all__ = ["CARDS", "CHAIR", "role_brief", "role_card", "roleplay_markdown", "roleplay_plan", "roleplay_span"]

PLAN_FILE = Path(__file__).with_name("roleplay.toml")

#: The role that runs the meeting; it speaks for no actor in ``roleplay_roles.csv``.
CHAIR = "Chair"

#: Every card of the role-play: the chair, then the roles of ``data/roleplay_roles.csv`` in their order.
CARDS = (CHAIR, *ROLES)

#: The class lengths, in minutes, that the role-play has a timing for.
LENGTHS = (50, 90)

ROLEPLAY_START = "<!-- roleplay:start -->"
ROLEPLAY_END = "<!-- roleplay:end -->"

_TOP = {"scene", "cutoff", "timing", "rules", "role", "debrief"}
_TIMING = {"length", "start", "end", "step"}
_RULES = set(ROLEPLAY_RULES)
_ROLE = {"name", "goal", "may_concede", "will_not", "questions"}
_DEBRIEF = {"questions", "exit_task"}


class _Problems:
    """Every problem of one file, raised together so that one run shows all that needs fixing."""

    def __init__(self, path: Path):
        self.path = path
        self.found: list[str] = []

    def add(self, where: str, text: str) -> None:
        self.found.append(f"{where}: {text}")

    def keys(self, where: str, table: object, expected: set[str]) -> bool:
        if not isinstance(table, dict):
            self.add(where, f"must be a table with the keys {sorted(expected)}, not {type(table).__name__}")
            return False
        missing, unknown = expected - set(table), set(table) - expected
        if missing:
            self.add(where, f"missing {sorted(missing)}")
        if unknown:
            self.add(where, f"unknown {sorted(unknown)}; the keys are {sorted(expected)}")
        return not missing

    def text(self, where: str, value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            self.add(where, f"must be some text, not {value!r}")

    def texts(self, where: str, value: object, count: int | None = None) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add(where, f"must be a list of texts, not {value!r}")
        elif count is not None and len(value) != count:
            self.add(where, f"must hold exactly {count} texts, not {len(value)}")
        elif not value:
            self.add(where, "must hold at least one text")

    def raise_if_any(self) -> None:
        if self.found:
            raise ValueError(f"{self.path} does not follow the role-play format:\n- " + "\n- ".join(self.found))


def _check_timing(rows: object, problems: _Problems) -> None:
    if not isinstance(rows, list):
        problems.add("[[timing]]", "must be a list of rows")
        return
    by_length: dict[object, list[dict]] = {}
    for n, row in enumerate(rows, start=1):
        where = f"[[timing]] row {n}"
        if not problems.keys(where, row, _TIMING):
            continue
        problems.text(f"{where} step", row["step"])
        numbers = [row["length"], row["start"], row["end"]]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in numbers):
            problems.add(where, f"length, start and end must be whole minutes, not {numbers}")
            continue
        by_length.setdefault(row["length"], []).append({**row, "n": n})
    if sorted(by_length) != sorted(LENGTHS):
        problems.add("[[timing]]", f"needs one plan for each class length {list(LENGTHS)}; got {sorted(by_length)}")
    for length, plan in by_length.items():
        where = f"[[timing]] length {length}"
        if plan[0]["start"] < 0:
            problems.add(where, f"starts at minute {plan[0]['start']}; the first row must start at 0 or later")
        for before, row in zip([None, *plan], plan, strict=False):
            if row["end"] <= row["start"]:
                problems.add(f"[[timing]] row {row['n']}", f"ends ({row['end']}) before it starts ({row['start']})")
            if before is not None and row["start"] != before["end"]:
                problems.add(
                    f"[[timing]] row {row['n']}",
                    f"starts at {row['start']}, not where the row before ends ({before['end']}): rows of one "
                    "length follow one another without gaps or overlaps",
                )
        if plan[-1]["end"] > length:
            problems.add(where, f"ends at minute {plan[-1]['end']}, after the class ({length} minutes)")


def _check(plan: dict, path: Path) -> None:
    problems = _Problems(path)
    problems.keys("the file", plan, _TOP)
    problems.text("scene", plan.get("scene"))
    cutoff = plan.get("cutoff")
    if not isinstance(cutoff, datetime.date) or isinstance(cutoff, datetime.datetime):
        problems.add("cutoff", f"must be a date written as 2009-07-31 (no quotes), not {cutoff!r}")
    _check_timing(plan.get("timing", []), problems)

    rules = plan.get("rules", {})
    if problems.keys("[rules]", rules, _RULES):
        order = rules["speaking_order"]
        if not isinstance(order, list) or sorted(map(str, order)) != sorted(CARDS) or order[:1] != [CHAIR]:
            problems.add(
                "[rules] speaking_order",
                f"must name every card once, the chair first; the cards are {list(CARDS)}; got {order!r}",
            )
        minutes = rules["statement_minutes"]
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
            problems.add("[rules] statement_minutes", f"must be a whole number of minutes, not {minutes!r}")
        for key in sorted(_RULES - {"speaking_order", "statement_minutes"}):
            problems.text(f"[rules] {key}", rules[key])

    roles = plan.get("role", [])
    names = [role.get("name") for role in roles if isinstance(role, dict)]
    for n, role in enumerate(roles, start=1):
        where = f"[[role]] {role.get('name', n)!r}" if isinstance(role, dict) else f"[[role]] {n}"
        if not problems.keys(where, role, _ROLE):
            continue
        if role["name"] not in CARDS:
            problems.add(where, f"is not a role; the roles are {list(CARDS)} (data/roleplay_roles.csv and the chair)")
        for key in ("goal", "may_concede", "will_not"):
            problems.text(f"{where} {key}", role[key])
        problems.texts(f"{where} questions", role["questions"], count=2)
    missing = [name for name in CARDS if name not in names]
    twice = sorted({name for name in names if names.count(name) > 1})
    if missing:
        problems.add("[[role]]", f"no card for {missing}")
    if twice:
        problems.add("[[role]]", f"more than one card for {twice}")

    debrief = plan.get("debrief", {})
    if problems.keys("[debrief]", debrief, _DEBRIEF):
        problems.texts("[debrief] questions", debrief["questions"])
        problems.text("[debrief] exit_task", debrief["exit_task"])
    problems.raise_if_any()


@cache
def _read(path: Path, modified: int) -> dict:
    # ``modified`` is part of the cache key: an edited file is read again in a running kernel.
    with path.open("rb") as file:
        plan = tomllib.load(file)
    _check(plan, path)
    return plan


def roleplay_plan(path: str | Path | None = None) -> dict:
    """The role-play as ``roleplay.toml`` (or the file at ``path``) defines it, checked against the format:
    ``scene``, ``cutoff`` (a date), ``timing`` (rows of ``length``, ``start``, ``end``, ``step``), ``rules``,
    ``role`` (one table per card) and ``debrief``. A file that breaks the format raises ``ValueError`` listing
    every problem with where it is and what is accepted."""
    if path is None:
        path = PLAN_FILE
    elif not isinstance(path, (str, Path)):
        raise TypeError(f"path must be the path of a role-play TOML file (a str or Path), not {type(path).__name__}.")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No role-play file at {path}; the kit's own is {PLAN_FILE}.")
    return copy.deepcopy(_read(path.resolve(), path.stat().st_mtime_ns))


def roleplay_span(length: int) -> tuple[int, int]:
    """The minutes of the class that the role-play takes in a class of ``length`` minutes (50 or 90), as
    ``(start, end)``: the role-play row of the lesson's run sheet must span the same minutes."""
    if length not in LENGTHS or isinstance(length, bool):
        raise ValueError(f"length must be one of the class lengths {list(LENGTHS)} (minutes), not {length!r}.")
    rows = [row for row in roleplay_plan()["timing"] if row["length"] == length]
    return rows[0]["start"], rows[-1]["end"]


def _cutoff(until: object, scene: datetime.date) -> pd.Timestamp:
    last = pd.Timestamp(scene)
    if until is None:
        return last
    if not isinstance(until, (str, datetime.date)):
        raise TypeError(f"until must be a date such as '{scene}' or None (the scene's date), not {until!r}.")
    try:
        cutoff = pd.Timestamp(until)
    except ValueError as exc:
        raise ValueError(f"until must be a date such as '{scene}', not {until!r}.") from exc
    if cutoff > last:
        raise ValueError(
            f"until must be no later than the scene's date, {scene}: a card cannot know what happened after "
            f"the meeting it prepares (got {until!r})."
        )
    return cutoff


def _card_actors(role: str) -> list[str]:
    if role != CHAIR:
        return list(ROLES[role])
    # The chair applies the rules of the OSCE's own bodies; the media representative's office has a card of its own.
    actors = data.load("actors")
    taken = {actor for ids in ROLES.values() for actor in ids}
    return [a for a in actors.loc[actors["group"] == "osce", "id"] if a not in taken]


def _facts(ids: list[str], cutoff: pd.Timestamp) -> pd.DataFrame:
    """The actors' stated positions and their OSCE-related acts up to ``cutoff``, one row per statement: an
    event that records the same actor's position on the same day is merged into it (the position's summary is
    the fuller text), keeping the sources of both."""
    positions = data.load("positions")
    said = positions[positions["actor_id"].isin(ids) & (positions["date"] <= cutoff)]
    events = statement_table()
    did = events[events["actor_id"].isin(ids) & (events["date"] <= cutoff)]
    rows = [
        {
            "date": row["date"],
            "precision": row["date_precision"],
            "actor_id": row["actor_id"],
            "issue": ISSUES[row["issue"]],
            "text": row["summary"],
            "source_ids": data.id_list(row["source_ids"]),
            "id": row["id"],
        }
        for _, row in said.iterrows()
    ]
    same = {(row["actor_id"], row["date"]): row for row in rows}
    for _, event in did.iterrows():
        merged = same.get((event["actor_id"], event["date"]))
        if merged is not None:
            merged["source_ids"] += [s for s in data.id_list(event["source_ids"]) if s not in merged["source_ids"]]
            continue
        rows.append(
            {
                "date": event["date"],
                "precision": event["date_precision"],
                "actor_id": event["actor_id"],
                "issue": None,
                "text": event["title"].rstrip(".") + ".",
                "source_ids": data.id_list(event["source_ids"]),
                "id": event["id"],
            }
        )
    columns = ["date", "precision", "actor_id", "issue", "text", "source_ids", "id"]
    return pd.DataFrame(rows, columns=columns).sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def role_card(role: str, *, until: str | datetime.date | None = None) -> dict:
    """One role's card for the role-play, as data for the class packs.

    ``role`` is one of :data:`CARDS`. ``until`` (default: the scene's date in ``roleplay.toml``) may move
    the cut-off earlier, never later. The card is a dict:

    * ``role``, ``chair`` (True for the chair's card);
    * ``actors``: the names of the actors whose facts the card shows (for a role, those it speaks for; for
      the chair, the OSCE's own bodies that have a fact before the cut-off);
    * ``goal``, ``may_concede``, ``will_not`` (texts) and ``questions`` (two texts), from ``roleplay.toml``;
    * ``cutoff`` (a ``datetime.date``) and ``cutoff_text`` ("31 July 2009");
    * ``facts``: dated facts in date order, each ``{"date": "2009-07-02", "when": "2 July 2009", "actor":
      name, "issue": label or None, "text": ..., "sources": [numbers in the card's source list]}``; a date
      known only to the month or year is written so (``"2009-07"``, ``"July 2009"``) and counts from its
      first day;
    * ``sources``: ``{"number", "id", "reference" (one line, as netgov.cite gives it), "published" (ISO, at
      its precision, or ""), "after_cutoff" (True for a source published after the cut-off: it reports an
      earlier fact)}``;
    * ``liberties``: on the chair's card, the liberties the simulation takes (``[rules] liberties``), which the
      chair tells the room; None on the other cards (the rules card gives them to everyone).
    """
    if not isinstance(role, str) or role not in CARDS:
        raise KeyError(f"Unknown role {role!r}. The roles are: {'; '.join(CARDS)}.")
    plan = roleplay_plan()
    cutoff = _cutoff(until, plan["cutoff"])
    written = next(entry for entry in plan["role"] if entry["name"] == role)
    ids = _card_actors(role)
    facts = _facts(ids, cutoff)
    if role == CHAIR:
        ids = [a for a in ids if a in set(facts["actor_id"])]
    names = data.load("actors").set_index("id")["name"]

    source_ids = list(dict.fromkeys(s for sources in facts["source_ids"] for s in sources))
    number = {source: n for n, source in enumerate(source_ids, start=1)}
    published = data.load("sources").set_index("id")
    sources = []
    for reference in data.reference_list(source_ids) if source_ids else []:
        row = published.loc[reference.id]
        sources.append(
            {
                "number": number[reference.id],
                "id": reference.id,
                "reference": str(reference),
                "published": reference.date,
                "after_cutoff": bool(pd.notna(row["published"]) and row["published"] > cutoff),
            }
        )
    return {
        "role": role,
        "chair": role == CHAIR,
        "actors": [names[a] for a in ids],
        "goal": written["goal"],
        "may_concede": written["may_concede"],
        "will_not": written["will_not"],
        "questions": list(written["questions"]),
        "cutoff": cutoff.date(),
        "cutoff_text": data.format_date(cutoff),
        "facts": [
            {
                "date": data.format_date(row["date"], row["precision"], style="iso"),
                "when": data.format_date(row["date"], row["precision"]),
                "actor": names[row["actor_id"]],
                "issue": row["issue"],
                "text": row["text"],
                "sources": [number[s] for s in row["source_ids"]],
            }
            for _, row in facts.iterrows()
        ],
        "sources": sources,
        "liberties": plan["rules"]["liberties"] if role == CHAIR else None,
    }


def _card_markdown(card: dict) -> str:
    side = "the OSCE's bodies" if card["chair"] else "your side"
    lines = [f"### Brief: {card['role']}", ""]
    if card["chair"]:
        lines.append("You chair the meeting. Your facts are what the OSCE's own bodies decided and did.")
    else:
        lines.append("You speak for: " + "; ".join(card["actors"]) + ".")
    lines += [
        "",
        f"**Your goal.** {card['goal']}",
        "",
        f"**You may concede.** {card['may_concede']}",
        "",
        f"**You will not.** {card['will_not']}",
        "",
        "**Questions you can ask.**",
        "",
        *(f"{n}. {question}" for n, question in enumerate(card["questions"], start=1)),
        "",
    ]
    if card["liberties"]:
        lines += [f"> **Liberties this simulation takes** (tell the room when you open). {card['liberties']}", ""]
    lines += [
        f"**What {side} said and did, up to {card['cutoff_text']}:**",
        "",
    ]
    several = len(card["actors"]) > 1
    for fact in card["facts"]:
        who = f", {fact['actor']}" if several else ""
        cited = ", ".join(map(str, sorted(fact["sources"])))
        lines.append(f"- {fact['when']}{who}: {fact['text']} [{cited}]")
    if not card["facts"]:
        lines.append("- The data records nothing before this date: argue from your role.")
    if card["sources"]:
        lines += ["", "**Sources**", ""]
        for source in card["sources"]:
            later = (
                f" (published after {card['cutoff_text']}; it reports earlier events)" if source["after_cutoff"] else ""
            )
            lines.append(f"{source['number']}. {source['reference']}{later}")
    return "\n".join(lines)


def role_brief(role: str, *, until: str | datetime.date | None = None):
    """A role's card as Markdown (``IPython.display.Markdown``): who the role speaks for, its goal, what it may
    concede and will not, two questions, and what its actors said and did up to ``until`` (default: the
    scene's date), each fact with its sources. See :func:`role_card`."""
    from IPython.display import Markdown

    return Markdown(_card_markdown(role_card(role, until=until)))


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def roleplay_markdown() -> str:
    """The role-play document's generated block (between its role-play markers): the scene, the roles and
    their goals, the rules card, the timing for each class length and the debrief, from ``roleplay.toml``."""
    plan = roleplay_plan()
    rules = plan["rules"]
    cards = {name: role_card(name) for name in CARDS}
    lines = [f"**Setting.** {plan['scene']}", "", "### Roles", ""]
    lines += _table(
        ["Role", "Speaks for", "Goal"],
        [
            [name, "the meeting" if card["chair"] else "; ".join(card["actors"]), card["goal"]]
            for name, card in ((name, cards[name]) for name in rules["speaking_order"])
        ],
    )
    lines += [
        "",
        f"Each card adds what the role may concede and will not, two questions to ask, and the role's dated facts "
        f"up to {data.format_date(plan['cutoff'])}, each with its sources.",
        "",
        "### Rules",
        "",
        "- **Speaking order:** " + ", ".join(rules["speaking_order"]) + ".",
        f"- **Statements:** {rules['statement_minutes']} minutes each.",
        f"- **Right of reply:** {rules['right_of_reply']}",
        f"- **Consensus:** {rules['consensus']}",
        f"- **Without the floor:** {rules['non_speaking']}",
        "",
        "### Liberties this simulation takes",
        "",
        rules["liberties"],
        "",
        "### Timing",
    ]
    for length in LENGTHS:
        rows = [row for row in plan["timing"] if row["length"] == length]
        span = f"minutes {rows[0]['start']}-{rows[-1]['end']} of the class"
        lines += ["", f"**{length}-minute class** ({span}):", ""]
        lines += _table(["Minutes", "Step"], [[f"{row['start']}-{row['end']}", row["step"]] for row in rows])
    lines += ["", f"**A smaller or larger class.** {rules['smaller_class']}"]
    lines += ["", "### Debrief", "", "Out of role:", ""]
    lines += [f"{n}. {question}" for n, question in enumerate(plan["debrief"]["questions"], start=1)]
    lines += ["", f"**Exit task.** {plan['debrief']['exit_task']}", ""]
    return "\n".join(lines)
