"""Lesson 2, "Chairing the OSCE": the widgets behind its activities.

* :class:`StatementTimeline`: statements and actions around Kazakhstan's OSCE bid and chairmanship, by actor
  and kind, filterable, with a detail card and sources for the chosen item.
* :class:`CommitmentsTracker`: each Madrid commitment beside what happened afterwards and the status the
  sources support.
* :class:`PositionsMap`: actors against issues, coloured (and labelled) by stated stance, as of a year the
  learner chooses.
"""

from __future__ import annotations

import html
from collections import Counter

import ipywidgets as widgets
import pandas as pd

from . import data
from .figures import OKABE_ITO, clear
from .widgets import MARKERS, FigureOutput, FilteredTimeline, card, message

__all__ = [
    "ACTOR_GROUPS",
    "ISSUES",
    "STANCES",
    "STATUSES",
    "CommitmentsTracker",
    "PositionsMap",
    "StatementTimeline",
    "ROLES",
    "latest_positions",
    "role_brief",
    "statement_table",
]

#: How actors are grouped in the timeline's filter.
ACTOR_GROUPS = {
    "Kazakhstan": lambda a: a["country"] == "KZ" and a["kind"] in ("state", "state_body", "person", "court"),
    "OSCE bodies and officials": lambda a: (
        str(a["id"]).startswith("osce") or a["id"] in ("haraszti", "mijatovic", "ribeiro")
    ),
    "Other governments": lambda a: a["id"] in ("eu", "united-states"),
    "NGOs and media": lambda a: a["kind"] in ("ngo", "media", "researchers"),
    "UN and other bodies": lambda a: a["id"] in ("un-hrc", "special-rapporteurs", "un-sr-foe"),
}

KINDS = {
    "statement": "Statement",
    "letter": "Letter",
    "report": "Report",
    "decision": "Decision",
    "commitment": "Commitment",
    "chairmanship": "Chairmanship",
    "summit": "Summit",
    "law_signed": "Law signed",
    "law_adopted": "Law adopted",
    "other": "Other",
}

ISSUES = {
    "osce-chairmanship": "Kazakhstan's OSCE chairmanship",
    "media-law-reform": "Media-law reform",
    "internet-law-2009": "The 2009 internet law",
    "later-laws": "Later internet laws",
    "blocking": "Blocking of websites",
}

#: Stances from most to least favourable, with a colour-blind-safe colour and a score for the heatmap.
STANCES = {
    "supports": ("Supports", OKABE_ITO[3], 2),
    "welcomes_with_reservations": ("Welcomes, with reservations", OKABE_ITO[1], 1),
    "neutral": ("Neutral", "#BBBBBB", 0),
    "concerned": ("Concerned", OKABE_ITO[0], -1),
    "opposes": ("Opposes", OKABE_ITO[4], -2),
}

STATUSES = {
    "met": ("Met", OKABE_ITO[2]),
    "partly_met": ("Partly met: modest steps only", OKABE_ITO[0]),
    "not_met": ("Not met", OKABE_ITO[4]),
    "no_evidence": ("No evidence in the data", "#777777"),
}


def _group_of(actor: pd.Series) -> str:
    for name, test in ACTOR_GROUPS.items():
        if test(actor):
            return name
    return "Other"


def statement_table() -> pd.DataFrame:
    """OSCE-topic events and the 2009 law's adoption and signing, with actor name and group, in date order."""
    events = data.load("events")
    chosen = events[(events["topic"] == "osce") | events["kind"].isin(["law_adopted", "law_signed"])]
    chosen = chosen[(chosen["topic"] == "osce") | (chosen["date"].dt.year == 2009)]
    actors = data.load("actors")
    actors["group"] = actors.apply(_group_of, axis=1)
    table = chosen.merge(
        actors[["id", "name", "group"]].rename(columns={"id": "actor_id", "name": "actor"}),
        on="actor_id",
        how="left",
        validate="many_to_one",
    )
    return table.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def _when(row: pd.Series) -> str:
    fmt = {"month": "%B %Y", "year": "%Y"}.get(row["date_precision"], "%d %B %Y")
    return row["date"].strftime(fmt).lstrip("0")


class StatementTimeline(FilteredTimeline):
    """Filter the statements and actions by group of actors, kind and years; pick one to read it in full."""

    empty_text = "Nothing matches these filters: widen the years or pick more actors or kinds."

    def __init__(self, years: tuple[int, int] = (2003, 2011)):
        self.table = statement_table()
        self._by_id = self.table.set_index("id")  # for card(), which looks one item up per update
        # What selection() filters on, by row, as plain values: a few comparisons per row beat pandas' overheads.
        self._filtered_on = list(
            zip(
                self.table["group"].tolist(),
                self.table["kind"].tolist(),
                self.table["date"].dt.year.tolist(),
                strict=True,
            )
        )
        # What draw() shows of each row, worked out once: an update then only picks rows.
        self._drawn = list(
            zip(
                self.table["date"].dt.strftime("%Y-%m-%d").tolist(),
                self.table["actor"].tolist(),
                self.table["title"].tolist(),
                strict=True,
            )
        )
        first, last = int(self.table["date"].dt.year.min()), int(self.table["date"].dt.year.max())
        groups = [g for g in ACTOR_GROUPS if g in set(self.table["group"])]
        kinds = [k for k in KINDS if k in set(self.table["kind"])]
        self.groups = widgets.SelectMultiple(options=groups, value=tuple(groups), rows=len(groups), description="Who")
        self.kinds = widgets.SelectMultiple(
            options=[(KINDS[k], k) for k in kinds], value=tuple(kinds), rows=min(len(kinds), 6), description="What"
        )
        chart = FigureOutput(
            title_text="Statements and actions around Kazakhstan's OSCE chairmanship",
            xaxis_title="Date",
            yaxis_title="Who",
            height=520,
            legend=dict(orientation="h", y=-0.18),
            margin=dict(l=260),
        )
        self._assemble([self.groups, self.kinds], years, (first, last), chart, "Read")
        self.item = self.picker

    def selection(self) -> pd.DataFrame:
        start, end = self.years.value
        groups, kinds = set(self.groups.value), set(self.kinds.value)
        keep = [group in groups and kind in kinds and start <= year <= end for group, kind, year in self._filtered_on]
        return self.table[keep]

    def draw(self, rows: pd.DataFrame) -> None:
        by_kind: dict[str, list[tuple]] = {}  # kind: [(date, actor, title) of each row]
        for kind, row in zip(rows["kind"].tolist(), rows.index, strict=True):
            by_kind.setdefault(kind, []).append(self._drawn[row])
        # One add_traces() of plain dicts: add_scatter() builds and validates each trace twice.
        self.figure.add_traces(
            [
                dict(
                    type="scatter",
                    x=[date for date, _, _ in by_kind[kind]],
                    y=[actor for _, actor, _ in by_kind[kind]],
                    mode="markers",
                    name=KINDS[kind],
                    marker=dict(size=13, color=OKABE_ITO[n % 8], symbol=MARKERS[n % len(MARKERS)]),
                    customdata=[title for _, _, title in by_kind[kind]],
                    hovertemplate="%{customdata}<br>%{x}<extra></extra>",
                )
                for n, kind in enumerate(k for k in KINDS if k in by_kind)
            ]
        )
        self.figure.update_yaxes(categoryorder="array", categoryarray=sorted(set(rows["actor"]), reverse=True))

    def label(self, row: pd.Series) -> str:
        return f"{_when(row)}: {row['actor']}: {row['title']}"

    def describe(self, rows: pd.DataFrame) -> str:
        # Counter.most_common() orders as value_counts() does (most first, ties in order of appearance),
        # without pandas' overhead on a few dozen rows; like value_counts(), it leaves missing values out.
        counts = Counter(k for k in rows["kind"].tolist() if pd.notna(k)).most_common()
        parts = ", ".join(f"{KINDS[k].lower()} {n}" for k, n in counts)
        actors = Counter(a for a in rows["actor"].tolist() if pd.notna(a))
        busiest, most = actors.most_common(1)[0]
        years = [self._filtered_on[i][2] for i in rows.index]  # (group, kind, year) of each row
        text = (
            f"Timeline of {len(rows)} statements and actions by {len(actors)} actors, "
            f"{min(years)} to {max(years)}: {parts}. Each row of the chart is an "
            f"actor; marker shape and colour give the kind. Most items: {busiest} ({most})."
        )
        return f"<p>{html.escape(text)}</p>"

    def card(self, item_id: str) -> str:
        row = self._by_id.loc[item_id]
        facts = [
            ("When", _when(row)),
            ("Who", f"{row['actor']} ({row['group']})"),
            ("What", KINDS.get(row["kind"], row["kind"])),
            ("Description", row["description"]),
            ("How sure", f"Confidence: {row['confidence']}"),
            ("Note", row["note"]),
        ]
        return card(row["title"], facts, row["source_ids"])


class CommitmentsTracker:
    """The Madrid pledges beside what happened, filtered by the status the sources support."""

    def __init__(self):
        self.table = data.load("commitments")
        present = [s for s in STATUSES if s in set(self.table["status"])]
        self.status = widgets.SelectMultiple(
            options=[(STATUSES[s][0], s) for s in present],
            value=tuple(present),
            rows=len(present),
            description="Status",
        )
        self.output = widgets.HTML()
        self.status.observe(self.update, names="value")
        self.widget = widgets.VBox([self.status, self.output])
        self.update()

    def update(self, change: object = None) -> None:
        self.output.value = self.render(list(self.status.value))

    def render(self, statuses: list[str]) -> str:
        unknown = [s for s in statuses if s not in STATUSES]
        if unknown:
            raise ValueError(f"Unknown status(es) {unknown}. Statuses: {list(STATUSES)}.")
        rows = self.table[self.table["status"].isin(statuses)]
        if rows.empty:
            return message("No commitment has the status you picked: choose at least one status.")
        cards = []
        for _, row in rows.iterrows():
            label, colour = STATUSES[row["status"]]
            as_of = f" (as of {row['as_of']:%B %Y})" if pd.notna(row["as_of"]) else ""
            due = f"{row['due']:%d %B %Y}".lstrip("0") if pd.notna(row["due"]) else "not stated"
            badge = (
                f'<span style="border-left:6px solid {colour};padding-left:0.4em">'
                f"<strong>{html.escape(label)}</strong>{html.escape(as_of)}</span>"
            )
            facts = [
                ("Due", due),
                ("What happened", row["what_happened"]),
                ("How sure", f"Confidence: {row['confidence']}"),
                ("Note", row["note"]),
            ]
            cards.append(card(row["commitment"], facts, row["source_ids"]).replace("<h4", badge + "<h4", 1))
        summary = rows["status"].map(lambda s: STATUSES[s][0]).value_counts()
        head = "; ".join(f"{label}: {n}" for label, n in summary.items())
        return f"<p>{len(rows)} commitment(s) shown. {html.escape(head)}.</p>" + "".join(cards)


def _check_year(year: object, positions: pd.DataFrame) -> tuple[int, int]:
    """The years the positions cover; an error naming them when ``year`` is not one of them."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be a whole number such as 2009, not {year!r}.")
    first, last = int(positions["date"].dt.year.min()), int(positions["date"].dt.year.max())
    if not first <= year <= last:
        raise ValueError(f"year must be between {first} and {last}, the years the positions cover; got {year}.")
    return first, last


def latest_positions(year: int) -> pd.DataFrame:
    """Each actor's most recent stated stance on each issue, as of the end of ``year``."""
    positions = data.load("positions")
    _check_year(year, positions)
    known = positions[positions["date"].dt.year <= year].sort_values(["date", "id"], kind="stable")
    latest = known.groupby(["actor_id", "issue"], as_index=False).tail(1)
    names = data.load("actors").set_index("id")["name"]
    return latest.assign(actor=latest["actor_id"].map(names)).reset_index(drop=True)


class PositionsMap:
    """A grid of actors (rows) against issues (columns); each cell is the actor's latest stance as of the year."""

    def __init__(self, year: int = 2009):
        first, last = _check_year(year, data.load("positions"))
        self.year = widgets.IntSlider(
            value=year, min=first, max=last, step=1, description="As of", continuous_update=False
        )
        self.chart = FigureOutput(
            title_text="Who stood where: latest stated stance by actor and issue",
            xaxis_title="Issue",
            yaxis_title="Actor",
            height=640,
            margin=dict(l=300, b=120),
        )
        self.figure = self.chart.figure
        self.description = widgets.HTML()
        self.year.observe(self.update, names="value")
        legend = " ".join(
            f'<span style="display:inline-block;margin-right:1em"><span style="display:inline-block;width:1em;'
            f'height:1em;background:{c};vertical-align:middle"></span> {html.escape(label)}</span>'
            for label, c, _ in STANCES.values()
        )
        self.widget = widgets.VBox([self.year, widgets.HTML(f"<p>{legend}</p>"), self.chart.output, self.description])
        self.update()

    def update(self, change: object = None) -> None:
        table = latest_positions(self.year.value)
        issues = [i for i in ISSUES if i in set(table["issue"])]
        actors = sorted(set(table["actor"]))
        # The slider starts at the first year with a stated position, so the table is never empty here.
        with self.figure.batch_update():
            clear(self.figure)
            # The grid from a dict: pivot(), reindex() and two map() calls cost pandas' overhead each time.
            cells = zip(table["actor"].tolist(), table["issue"].tolist(), strict=True)
            stance = dict(zip(cells, table["stance"].tolist(), strict=True))
            if len(stance) < len(table):
                raise ValueError(f"Two actors named alike hold positions on one issue as of {self.year.value}.")
            grid = [[stance.get((actor, issue)) for issue in issues] for actor in actors]
            scores = [[STANCES[s][2] if isinstance(s, str) else None for s in row] for row in grid]
            # As before: a grid with gaps is sent as floats (2.0), a full one as integers.
            if any(None in row for row in scores):
                scores = [[None if v is None else float(v) for v in row] for row in scores]
            labels = [[STANCES[s][0] if isinstance(s, str) else "" for s in row] for row in grid]
            colours = [STANCES[s][1] for s in reversed(list(STANCES))]  # score -2 (opposes) to 2 (supports)
            scale = [[i / 4, c] for i, c in enumerate(colours)]
            self.figure.add_heatmap(
                z=scores,
                x=[ISSUES[i] for i in issues],
                y=actors,
                text=labels,
                texttemplate="%{text}",
                zmin=-2,
                zmax=2,
                colorscale=scale,
                showscale=False,
                xgap=2,
                ygap=2,
                hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
            )
            self.figure.update_yaxes(autorange="reversed")
        self.chart.refresh()
        self.description.value = self.describe(table)

    def describe(self, table: pd.DataFrame) -> str:
        year = self.year.value
        counts = table["stance"].map(lambda s: STANCES[s][0].lower()).value_counts()
        parts = ", ".join(f"{label} {n}" for label, n in counts.items())
        text = (
            f"Grid of {table['actor'].nunique()} actors (rows) and {table['issue'].nunique()} issues (columns) "
            f"as of the end of {year}. Each filled cell names the actor's latest stated stance, also shown by its "
            f"colour; empty cells mean no stated position in the data. Cells: {parts}."
        )
        return f"<p>{html.escape(text)}</p>"


#: The roles of the Permanent Council role-play (docs/roleplay-osce-permanent-council.md) and the actors
#: whose statements make up each brief.
ROLES = {
    "Kazakhstan's delegation": (
        "kazakhstan",
        "nazarbayev",
        "tazhin",
        "kz-mfa",
        "kz-government",
        "kz-ministry-information",
        "kz-ict-agency",
    ),
    "OSCE Representative on Freedom of the Media": ("osce-rfom", "haraszti"),
    "European Union": ("eu",),
    "United States": ("united-states",),
    "Human Rights Watch (observer)": ("hrw",),
    "Kazakh civil society (observer)": ("ngo-coalition-osce-2010", "adil-soz"),
}


def role_brief(role: str, *, until: str = "2009-07-31"):
    """A role-play brief built from the data: who the role speaks for, what those actors said and did up to
    ``until``, and the sources. Returns ``IPython.display.Markdown``."""
    from IPython.display import Markdown

    if role not in ROLES:
        raise KeyError(f"Unknown role {role!r}. The roles are: {'; '.join(ROLES)}.")
    try:
        cutoff = pd.Timestamp(until)
    except ValueError as exc:
        raise ValueError(f"until must be a date such as '2009-07-31', not {until!r}.") from exc
    ids = ROLES[role]
    actors = data.load("actors").set_index("id").loc[list(ids)]
    positions = data.load("positions")
    said = positions[positions["actor_id"].isin(ids) & (positions["date"] <= cutoff)].sort_values("date")
    events = statement_table()
    did = events[events["actor_id"].isin(ids) & (events["date"] <= cutoff)]
    lines = [
        f"### Brief: {role}",
        "",
        "You speak for: " + "; ".join(f"{n} ({d})" for n, d in zip(actors["name"], actors["description"], strict=True)),
        "",
    ]
    lines.append(f"**What your side said and did, up to {cutoff:%d %B %Y}:**".replace(" 0", " "))
    lines.append("")
    for _, row in said.iterrows():
        lines.append(f"- {_when(row)}, on {ISSUES[row['issue']].lower()}: {row['summary']}")
    for _, row in did.iterrows():
        lines.append(f"- {_when(row)}: {row['title']}.")
    if said.empty and did.empty:
        lines.append("- The data records nothing before this date: argue from your role.")
    sources = data.id_list([*actors["source_ids"], *said["source_ids"], *did["source_ids"]])
    lines += ["", "**Sources**", ""] + [f"{n}. {ref}" for n, ref in enumerate(data.cite(sources), start=1)]
    return Markdown("\n".join(lines))


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions; the facts in the explanations come from the data."""
    from .quiz import Choice, MultipleChoice

    events = data.load("events").set_index("id")
    madrid = events.loc["ev-2007-11-30-madrid-chairmanship-decision", "date"]
    chair = events.loc["ev-2010-01-01-kz-chairmanship", "date"]
    summit = events.loc["ev-2010-12-01-astana-summit", "date"]
    commitments = data.load("commitments")
    met = int((commitments["status"] == "met").sum())
    assessed = int((commitments["status"] != "no_evidence").sum())
    return [
        MultipleChoice(
            "What can the OSCE Representative on Freedom of the Media do about a restrictive law?",
            [
                Choice(
                    "Review it, write to the government and criticise it in public",
                    True,
                    "Every action of the office in the data is a review, a letter or a statement; OSCE commitments "
                    "are political promises, not treaties.",
                ),
                Choice(
                    "Annul it, as a constitutional court would",
                    False,
                    "The office has no court's powers; it follows media developments and speaks up.",
                ),
                Choice(
                    "Suspend the state's OSCE membership",
                    False,
                    "The office has no such power; the OSCE takes its decisions by consensus of all participating "
                    "States.",
                ),
                Choice(
                    "Fine the state until it changes the law",
                    False,
                    "No OSCE body can impose fines: its commitments are politically, not legally, binding.",
                ),
            ],
        ),
        MultipleChoice(
            "When did Kazakhstan take over the OSCE chairmanship, and how long after the Madrid decision?",
            [
                Choice(
                    f"On {chair:%d %B %Y}, about two years after Madrid".replace(" 0", " "),
                    True,
                    f"The Ministerial Council decided on {madrid:%d %B %Y}; the gap gave Kazakhstan time to carry out "
                    "the reforms it had pledged for the end of 2008.",
                ),
                Choice(
                    "Immediately after the Madrid meeting, in December 2007",
                    False,
                    "Madrid named chairs for three years ahead: Greece first, then Kazakhstan, then Lithuania.",
                ),
                Choice(
                    f"At the Astana summit in {summit:%B %Y}",
                    False,
                    "The summit came at the end of the chairmanship year, not its start.",
                ),
                Choice(
                    "In 2009, the year of the internet law",
                    False,
                    "2009 was Greece's chairmanship year; Kazakhstan's turn was in effect pushed back a year.",
                ),
            ],
        ),
        MultipleChoice(
            "According to the sources in the data, how many Madrid commitments were fully met?",
            [
                Choice(
                    str(met),
                    True,
                    "Several saw modest steps only, libel stayed a crime, and one pledge has no assessment at all.",
                ),
                Choice(
                    "All of them, by the end of 2008",
                    False,
                    "HRW found only modest changes in February 2009, after the deadline.",
                ),
                Choice(
                    "All but the pledge on libel",
                    False,
                    "The media, election and party pledges are judged partly met at best.",
                ),
                Choice(
                    "We cannot tell anything from the sources",
                    False,
                    f"The sources assess {assessed} of the {len(commitments)} pledges; only "
                    f"{len(commitments) - assessed} lacks evidence.",
                ),
            ],
        ),
        MultipleChoice(
            "Why did critics link the 2009 internet law to the chairmanship?",
            [
                Choice(
                    "A state about to lead the OSCE was breaking the commitments it would have to uphold",
                    True,
                    "Haraszti and Freedom House tied the law to the coming chairmanship, and the EU and Freedom "
                    "House to the Madrid pledge.",
                ),
                Choice(
                    "The OSCE had asked Kazakhstan to pass the law",
                    False,
                    "The OSCE's media office asked the President not to sign it.",
                ),
                Choice(
                    "The law applied only to OSCE institutions",
                    False,
                    "It applied to every internet resource available in Kazakhstan.",
                ),
                Choice(
                    "The chairmanship required new internet laws",
                    False,
                    "Nothing in the chairmanship required such a law; critics saw it as contradicting OSCE "
                    "commitments.",
                ),
            ],
        ),
    ]
