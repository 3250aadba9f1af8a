"""Lesson 2's activities.

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

from .. import data
from ..activity import Activity, FigureOutput, FilteredTimeline
from ..cards import card, message
from ..figures import clear, fit_rows, series_style
from .tables import (
    ACTOR_GROUPS,
    ISSUES,
    KINDS,
    STANCES,
    STATUSES,
    _check_year,
    _when,
    latest_positions,
    statement_table,
)

__all__ = ["CommitmentsTracker", "PositionsMap", "StatementTimeline"]


class StatementTimeline(FilteredTimeline):
    """Filter the statements and actions by group of actors, kind and years; pick one to read it in full."""

    empty_text = "Nothing matches these filters: widen the years or pick more actors or kinds."

    def __init__(self, years: tuple[int, int] = (2003, 2011)):
        self.table = statement_table()
        self._by_id = self.table.set_index("id")  # for card(), which looks one item up per update
        # What an update filters on and draws, worked out once per row as plain values: an update then only
        # compares and picks (pandas' overhead on a few dozen rows is most of an update's time).
        self._filtered_on = list(
            zip(
                self.table["group"].tolist(),
                self.table["kind"].tolist(),
                self.table["date"].dt.year.tolist(),
                strict=True,
            )
        )
        self._drawn = list(
            zip(
                self.table["date"].dt.strftime("%Y-%m-%d").tolist(),
                self.table["actor"].tolist(),
                self.table["title"].tolist(),
                strict=True,
            )
        )
        first, last = int(self.table["date"].dt.year.min()), int(self.table["date"].dt.year.max())
        groups = [g for g in ACTOR_GROUPS.values() if g in set(self.table["group"])]
        kinds = [k for k in KINDS if k in set(self.table["kind"])]
        self.groups = widgets.SelectMultiple(options=groups, value=tuple(groups), rows=len(groups), description="Who")
        self.kinds = widgets.SelectMultiple(
            options=[(KINDS[k], k) for k in kinds], value=tuple(kinds), rows=len(kinds), description="What"
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

    def selection(self) -> pd.DataFrame:
        start, end = self.years.value
        groups, kinds = set(self.groups.value), set(self.kinds.value)
        keep = [group in groups and kind in kinds and start <= year <= end for group, kind, year in self._filtered_on]
        return self.table[keep]

    def draw_rows(self, rows: pd.DataFrame) -> None:
        by_kind: dict[str, list[tuple]] = {}  # kind: [(date, actor, title) of each row]
        for kind, row in zip(rows["kind"].tolist(), rows.index, strict=True):
            by_kind.setdefault(kind, []).append(self._drawn[row])
        traces = []
        for kind in (k for k in KINDS if k in by_kind):
            colour, symbol = series_style(list(KINDS).index(kind))  # a kind keeps its look whatever is shown
            traces.append(
                dict(
                    type="scatter",
                    x=[date for date, _, _ in by_kind[kind]],
                    y=[actor for _, actor, _ in by_kind[kind]],
                    mode="markers",
                    name=KINDS[kind],
                    marker=dict(size=13, color=colour, symbol=symbol),
                    customdata=[title for _, _, title in by_kind[kind]],
                    hovertemplate="%{customdata}<br>%{x}<extra></extra>",
                )
            )
        self.figure.add_traces(traces)  # one call with plain dicts: add_scatter() builds and checks each twice
        self.figure.update_yaxes(categoryorder="array", categoryarray=sorted(set(rows["actor"]), reverse=True))

    def label(self, row: pd.Series) -> str:
        return f"{_when(row)}: {row['actor']}: {row['title']}"

    def describe_rows(self, rows: pd.DataFrame) -> str:
        # most_common() orders as value_counts() does (most first, ties in order of appearance); like
        # value_counts(), the counts leave missing values out.
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
            ("In Russian, in Kazakh", "; ".join(n for n in (row["actor_ru"], row["actor_kk"]) if isinstance(n, str))),
            ("What", KINDS.get(row["kind"], row["kind"])),
            ("Description", row["description"]),
            ("How sure", f"Confidence: {row['confidence']}"),
            ("Note", row["note"]),
        ]
        return card(row["title"], facts, row["source_ids"])


class CommitmentsTracker(Activity):
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
        self._build([self.status])

    def describe(self) -> str:
        return self.render(list(self.status.value))

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
            as_of = f" (as of {data.format_date(row['as_of'], 'month')})" if pd.notna(row["as_of"]) else ""
            due = data.format_date(row["due"]) or "not stated"
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


class PositionsMap(Activity):
    """A grid of actors (rows) against issues (columns); each cell is the actor's latest stance as of the year."""

    has_figure = True

    def __init__(self, year: int = 2009):
        first, last = _check_year(year, data.load("positions"))
        self.year = widgets.IntSlider(
            value=year, min=first, max=last, step=1, description="As of", continuous_update=False
        )
        chart = FigureOutput(
            title_text="Who stood where: latest stated stance by actor and issue",
            xaxis_title="Issue",
            yaxis_title="Actor",
            height=640,
            margin=dict(l=300, b=120),
        )
        legend = " ".join(
            f'<span style="display:inline-block;margin-right:1em"><span style="display:inline-block;width:1em;'
            f'height:1em;background:{c};vertical-align:middle"></span> {html.escape(label)}</span>'
            for label, c, _ in STANCES.values()
        )
        self._build([self.year], chart=chart, layout=[self.year, widgets.HTML(f"<p>{legend}</p>"), "chart", "text"])

    def update(self, change: object = None) -> None:
        self.positions = latest_positions(self.year.value)
        super().update()

    def draw(self) -> None:
        table = self.positions
        issues = [i for i in ISSUES if i in set(table["issue"])]
        actors = sorted(set(table["actor"]))
        # The slider starts at the first year with a stated position, so the table is never empty here.
        clear(self.figure)
        grid = table.pivot(index="actor", columns="issue", values="stance").reindex(index=actors, columns=issues)
        scores = grid.map(lambda s: STANCES[s][2] if isinstance(s, str) else None)
        labels = grid.map(lambda s: STANCES[s][0] if isinstance(s, str) else "")
        colours = [STANCES[s][1] for s in reversed(list(STANCES))]  # score -2 (opposes) to 2 (supports)
        scale = [[i / 4, c] for i, c in enumerate(colours)]
        self.figure.add_heatmap(
            z=scores.to_numpy().tolist(),
            x=[ISSUES[i] for i in issues],
            y=actors,
            text=labels.to_numpy().tolist(),
            texttemplate="%{text}",
            zmin=-2,
            zmax=2,
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
        )
        # 640 px, enough for a readable row per actor up to 21 actors; on a projector, the rows that fit.
        self.rows_shown = fit_rows(self.figure, len(actors), row_height=21, extra=190, least=640, top_first=True)

    def describe(self) -> str:
        table = self.positions
        year = self.year.value
        counts = table["stance"].map(lambda s: STANCES[s][0].lower()).value_counts()
        parts = ", ".join(f"{label} {n}" for label, n in counts.items())
        text = (
            f"Grid of {table['actor'].nunique()} actors (rows) and {table['issue'].nunique()} issues (columns) "
            f"as of the end of {year}. Each filled cell names the actor's latest stated stance, also shown by its "
            f"colour; empty cells mean no stated position in the data. Cells: {parts}."
        )
        if self.rows_shown < table["actor"].nunique():
            text += f" The chart shows {self.rows_shown} actors at a time: drag it up or down to see the others."
        return f"<p>{html.escape(text)}</p>"
