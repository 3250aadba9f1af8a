"""The Kazakh state's case in its own words: what its bodies and office holders said, and where it was read.

Each lesson shows the critics' arguments at length; this module selects, from ``positions.csv``, the statements
of the state that made the measures (and, where a lesson asks for them, the other voices of the same years), and
lists them with the kind and language of the source each was read in. A *government* page or a *legal text* is
the state's own publication; a news report relays an official's words and may paraphrase them, which the row's
``note`` says.

Who counts as the state is read from the data (``actors.csv``): a Kazakh actor of kind ``state``, ``state_body`` or
``court``, and the heads of state and foreign ministers whom the data codes as actors in their own right
(data/README.md, "How positions and speakers are coded").
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from . import data
from ._validate import need_items

__all__ = [
    "OFFICE_HOLDERS",
    "PRIMARY_KINDS",
    "other_positions",
    "primary_rows",
    "show",
    "state_positions",
    "state_speakers",
]

#: Kinds of Kazakh actor that are the state itself.
STATE_KINDS = ("state", "state_body", "court")

#: People who speak for the state in their own name: the presidents and the foreign ministers who made and held
#: the OSCE chairmanship (data/README.md, "Who speaks"). Other Kazakh people in the data are not the state.
OFFICE_HOLDERS = ("nazarbayev", "tokayev", "tazhin", "saudabayev")

#: Kinds of source that are the state's own texts (data/README.md, "What the sources are").
PRIMARY_KINDS = ("government", "legal_text")

_LANGUAGES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}


def state_speakers() -> list[str]:
    """The ids of the actors that speak for the Kazakh state, in the order of ``actors.csv``."""
    actors = data.load("actors")
    state = (actors["country"] == "KZ") & actors["kind"].isin(STATE_KINDS)
    people = actors["id"].isin(OFFICE_HOLDERS)
    return list(actors.loc[state | people, "id"])


def _issues(issues: object) -> list[str]:
    issues = [issues] if isinstance(issues, str) else need_items(issues, "issues", "a list of issue codes")
    known = data.labels("positions", "issue")
    unknown = [i for i in issues if i not in known]
    if unknown:
        raise ValueError(f"Unknown issue(s) {unknown}. Issues: {', '.join(known)}.")
    return list(issues)


def _need_case(frame: object, what: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame) or not {"actor_id", "issue", "date", "source_ids"} <= set(frame.columns):
        raise TypeError(f"{what} needs the table that state_positions() returns, not {type(frame).__name__}.")
    return frame


def _years(frame: pd.DataFrame, years: tuple[int, int] | None) -> pd.DataFrame:
    if years is None:
        return frame
    if (
        not isinstance(years, tuple)
        or len(years) != 2
        or not all(isinstance(y, int) and not isinstance(y, bool) for y in years)
    ):
        raise TypeError(f"years must be a pair of whole years such as (2009, 2011), not {years!r}.")
    first, last = years
    return frame[frame["date"].dt.year.between(first, last)]


def state_positions(
    issues: str | Iterable[str], *, years: tuple[int, int] | None = None, speakers: Iterable[str] | None = None
) -> pd.DataFrame:
    """The positions on ``issues`` stated by the Kazakh state (or by ``speakers``, when given), oldest first.

    ``years`` keeps the positions dated from its first to its last year. The actors' names are added as
    ``speaker``.
    """
    chosen_issues = _issues(issues)
    positions = data.load("positions")
    who = list(speakers) if speakers is not None else state_speakers()
    unknown = sorted(set(who) - set(data.load("actors")["id"]))
    if unknown:
        raise ValueError(f"Unknown actor id(s) {unknown}.")
    chosen = positions[positions["issue"].isin(chosen_issues) & positions["actor_id"].isin(who)]
    return _with_speakers(_years(chosen, years))


def other_positions(state_case: pd.DataFrame) -> pd.DataFrame:
    """Everyone else's positions on the same issues and in the same years as ``state_case``, oldest first."""
    _need_case(state_case, "other_positions()")
    if state_case.empty:
        return state_case
    positions = data.load("positions")
    years = (int(state_case["date"].dt.year.min()), int(state_case["date"].dt.year.max()))
    same_issues = positions["issue"].isin(set(state_case["issue"]))
    others = positions[same_issues & ~positions["actor_id"].isin(state_speakers())]
    return _with_speakers(_years(others, years))


def _with_speakers(frame: pd.DataFrame) -> pd.DataFrame:
    names = data.load("actors").set_index("id")["name"]
    return frame.assign(speaker=frame["actor_id"].map(names)).sort_values(["date", "id"], kind="stable")


def _source_kinds(ids: object) -> list[tuple[str, str, str]]:
    """(source id, kind, language) for each source a row cites."""
    sources = data.load("sources").set_index("id")
    return [(s, sources.at[s, "kind"], sources.at[s, "language"]) for s in data.split_ids(ids)]


def primary_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows spoken by the Kazakh state that cite at least one of the state's own texts."""
    _need_case(frame, "primary_rows()")
    state = frame["actor_id"].isin(state_speakers())
    own = frame["source_ids"].map(lambda ids: any(kind in PRIMARY_KINDS for _, kind, _ in _source_kinds(ids)))
    return frame[state & own]


def _items(frame: pd.DataFrame, numbers: dict[str, int]) -> str:
    kinds = data.labels("sources", "kind")
    stances = data.labels("positions", "stance")
    items = []
    for _, row in frame.iterrows():
        cited = _source_kinds(row["source_ids"])
        refs = []
        for source, _, _ in cited:
            numbers.setdefault(source, len(numbers) + 1)
            refs.append(str(numbers[source]))
        read_in = "; ".join(
            f"[{numbers[source]}] {kinds[kind]}, {_LANGUAGES.get(lang, lang)}" for source, kind, lang in cited
        )
        when = data.format_date(row["date"], row["date_precision"])
        stance = stances[row["stance"]].lower()
        items.append(
            f"<li><strong>{html.escape(when)}: {html.escape(row['speaker'])}</strong>, stance: {html.escape(stance)}. "
            f"{html.escape(row['summary'])} <sup>[{', '.join(refs)}]</sup>"
            f"<br><small>Read in: {html.escape(read_in)}</small></li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def show(state_case: pd.DataFrame, *, others: pd.DataFrame | None = None):
    """The state's statements as a list (date, who speaks, stance, words, and the kind of source each was read
    in), with ``others`` (if given) after them, and the sources of both. Returns an ``IPython.display.HTML``."""
    from IPython.display import HTML

    from .cards import message, sources_list

    if "speaker" not in _need_case(state_case, "show()").columns:
        raise TypeError("show() needs the table that state_positions() returns, with its 'speaker' column.")
    if others is not None and "speaker" not in _need_case(others, "show(others=...)").columns:
        raise TypeError("show(others=...) needs the table that other_positions() returns.")
    if state_case.empty:
        return HTML(message("No statement of the state matches this selection."))
    own = len(primary_rows(state_case))
    numbers: dict[str, int] = {}
    parts = [
        f"<p><strong>The state's case: {len(state_case)} statements, "
        f"{own} of them read in the state's own texts (a government page or a legal text).</strong></p>",
        _items(state_case, numbers),
    ]
    if others is not None and not others.empty:
        parts += ["<p><strong>Beside it: what others said in the same years</strong></p>", _items(others, numbers)]
    return HTML("".join(parts) + sources_list(list(numbers), heading="Sources for this list"))
