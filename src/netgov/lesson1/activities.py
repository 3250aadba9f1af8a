"""Lesson 1's activities.

* :class:`ProvisionExplorer`: pick a provision; see what it does, whom it affects, the sanction and how
  international standards judge it, each with its sources.
* :class:`LiabilityExplorer`: pick an actor and a kind of content; see what the 2009 framework implied
  and what international standards recommend, as the sources put it.
* :class:`LegislationTimeline`: the laws from 1999 to the newest act in the data, filtered by theme, with the 2009 law's
  descendants highlighted.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import data
from .._validate import need_items
from ..activity import Activity, FigureOutput
from ..cards import card, message
from ..figures import BAD, NEUTRAL, clear, date_axis_years
from .tables import ACTOR_ROLES, AFFECTED, CONTENT, GROUPS, THEMES, VERDICTS, legislation_table, provision_table

__all__ = ["LegislationTimeline", "LiabilityExplorer", "ProvisionExplorer"]

FIRST_PROVISION = "prov-2009-internet-as-media"


class ProvisionExplorer(Activity):
    """A dropdown of provisions and a card that explains the chosen one, with its sources."""

    def __init__(self, act_id: str | None = None, initial: str | None = None):
        self.table = provision_table()
        if act_id is not None:
            known = list(dict.fromkeys(self.table["act_id"]))
            if act_id not in known:
                raise ValueError(f"Unknown act {act_id!r}. Acts with provisions in the data: {known}.")
            self.table = self.table[self.table["act_id"] == act_id].reset_index(drop=True)
        self.assessments = data.load("assessments")
        self.actors = data.load("actors").set_index("id")["name"]
        options = [(f"{row.act}: {row.label}", row.id) for row in self.table.itertuples()]
        ids = [value for _, value in options]
        if initial is None:  # the provision at the heart of the lesson, when the list has it
            initial = FIRST_PROVISION if FIRST_PROVISION in ids else (ids[0] if ids else None)
        elif initial not in ids:
            raise ValueError(f"Unknown provision {initial!r} for initial. Known provisions: {', '.join(ids)}.")
        self.provision = widgets.Dropdown(
            options=options, value=initial, description="Provision", layout=widgets.Layout(width="95%")
        )
        self._build([self.provision])

    def describe(self) -> str:
        return self.render(self.provision.value)

    def render(self, provision_id: str | None) -> str:
        if provision_id is None:
            return message("Choose a provision in the list above.")
        rows = self.table[self.table["id"] == provision_id]
        if rows.empty:
            known = ", ".join(self.table["id"])
            raise ValueError(f"Unknown provision {provision_id!r}. Known provisions: {known}.")
        row = rows.iloc[0]
        affected = ", ".join(AFFECTED.get(a, a) for a in data.split_ids(row["affects"]))
        judged = self.assessments[self.assessments["provision_id"] == provision_id]
        signed = data.format_date(row["act_date"], style="iso")
        facts = [
            ("Law", f"{row['act']} (signed {signed})" if signed else row["act"]),
            ("Article", row["article"]),
            ("What it does", row["summary"]),
            ("Whom it affects", affected),
            ("Sanction", row["sanction"]),
        ]
        if judged.empty:
            facts.append(("How international standards judge it", "No assessment in the data for this provision."))
        for item in judged.itertuples():
            who = self.actors.get(item.assessor_id, item.assessor_id)
            facts.append(
                (
                    f"Assessment by {who}",
                    f"{VERDICTS[item.verdict].capitalize()}. {item.summary} (Standard: {item.standard}.)",
                )
            )
        ids = data.id_list([row["source_ids"], *judged["source_ids"].tolist()])
        note = "" if pd.isna(row["note"]) else row["note"]
        if note:
            facts.append(("Note", note))
        return card(row["label"], facts, ids)


class LegislationTimeline(Activity):
    """Tick themes to show the acts that deal with them; the 2009 law's descendants stand out.

    Controls: ``themes`` (one checkbox per theme) and ``highlight`` (a checkbox).
    """

    has_figure = True

    def __init__(self, themes: tuple[str, ...] = ("liability", "blocking_powers", "shutdowns", "platform_regulation")):
        themes = need_items(themes, "themes", "a list or tuple such as ('liability', 'blocking_powers')", item=str)
        self.table = legislation_table()
        present = [t for t in THEMES if t in set(self.table["theme"])]
        unknown = [t for t in themes if t not in present]
        if unknown:
            raise ValueError(f"Unknown theme(s) {unknown}. Themes in the data: {present}.")
        self.themes = {t: widgets.Checkbox(value=t in themes, description=THEMES[t], indent=False) for t in present}
        self.highlight = widgets.Checkbox(
            value=True, description="Highlight laws that extend the 2009 law", indent=False
        )
        chart = FigureOutput(
            title_text="Kazakhstan's laws on media and the internet, by theme",
            xaxis_title="Year the act was signed (or adopted)",
            yaxis_title="Theme",
            height=480,
            legend=dict(orientation="h", y=-0.22),
            hovermode="closest",
            margin=dict(l=220),
        )
        boxes = widgets.GridBox(
            list(self.themes.values()),
            layout=widgets.Layout(grid_template_columns="repeat(3, minmax(14em, 1fr))"),
        )
        self._build(
            [*self.themes.values(), self.highlight], chart=chart, layout=[boxes, self.highlight, "chart", "text"]
        )

    @property
    def selected(self) -> list[str]:
        return [t for t, box in self.themes.items() if box.value]

    @property
    def rows(self) -> pd.DataFrame:
        """The table's rows for the ticked themes."""
        return self.table[self.table["theme"].isin(self.selected)]

    def draw(self) -> None:
        chosen = self.selected
        rows = self.rows
        first, last = int(self.table["date"].dt.year.min()), int(self.table["date"].dt.year.max())
        clear(self.figure, "No theme ticked: tick at least one theme above." if rows.empty else None)
        groups = [
            (True, GROUPS[True], BAD, "diamond"),
            (False, GROUPS[False], NEUTRAL, "circle"),
        ]
        if not self.highlight.value:
            groups = [(None, "Acts", NEUTRAL, "circle")]
        for flag, name, colour, symbol in groups:
            part = rows if flag is None else rows[rows["extends_2009_law"] == flag]
            if part.empty:
                continue
            self.figure.add_scatter(
                x=part["date"].dt.strftime("%Y-%m-%d").tolist(),
                y=[THEMES[t] for t in part["theme"]],
                mode="markers",
                name=name,
                marker=dict(color=colour, symbol=symbol, size=14, line=dict(width=1, color="#333")),
                customdata=list(zip(part["short_title"], part["date"].dt.strftime("%Y-%m-%d"), strict=True)),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        self.figure.update_yaxes(
            categoryorder="array", categoryarray=[THEMES[t] for t in reversed(list(self.themes)) if t in chosen]
        )
        date_axis_years(self.figure, first, last)

    def describe(self) -> str:
        chosen = self.selected
        rows = self.rows
        if not chosen:
            return message("No theme ticked: tick at least one theme to see the acts that deal with it.")
        acts = rows.drop_duplicates("id")
        descendants = acts[acts["extends_2009_law"]]
        themes = ", ".join(THEMES[t].lower() for t in chosen)
        text = (
            f"Timeline of {len(acts)} legal acts dealing with {themes}, from "
            f"{acts['date'].dt.year.min()} to {acts['date'].dt.year.max()}. Each marker is an act, placed at "
            f"the date it was signed (or adopted) and in the row of each theme it deals with."
        )
        if self.highlight.value and not descendants.empty:
            names = "; ".join(
                r.short_title if str(r.date.year) in r.short_title else f"{r.short_title} ({r.date.year})"
                for r in descendants.itertuples()
            )
            text += f" {len(descendants)} of them extend the 2009 law (orange diamonds): {names}."
        return f"<p>{html.escape(text)}</p>"


class LiabilityExplorer(Activity):
    """Pick who published and what; see what the 2009 framework implied and what standards recommend."""

    def __init__(self):
        self.table = data.load("liability")
        self.provision_labels = data.load("provisions").set_index("id")["label"].to_dict()
        roles = list(dict.fromkeys(self.table["actor_role"]))
        contents = list(dict.fromkeys(self.table["content"]))
        self.actor = widgets.Dropdown(options=[(ACTOR_ROLES.get(r, r), r) for r in roles], description="Who")
        self.content = widgets.Dropdown(
            options=[(CONTENT.get(c, c), c) for c in contents],
            description="Content",
            layout=widgets.Layout(width="36em"),
        )
        self._build([self.actor, self.content], layout=[widgets.HBox([self.actor, self.content]), "text"])

    def describe(self) -> str:
        return self.render(self.actor.value, self.content.value)

    def render(self, actor_role: str, content: str) -> str:
        if actor_role not in ACTOR_ROLES or content not in CONTENT:
            raise ValueError(
                f"Unknown combination {actor_role!r} / {content!r}. "
                f"Actors: {list(ACTOR_ROLES)}; contents: {list(CONTENT)}."
            )
        rows = self.table[(self.table["actor_role"] == actor_role) & (self.table["content"] == content)]
        who = ACTOR_ROLES[actor_role]
        what = CONTENT[content]
        if rows.empty:
            return message(
                f"The sources in the data say nothing specific about {who.lower()} and "
                f'"{what.lower()}". Try another combination.'
            )
        row = rows.iloc[0]
        facts = [
            ("What the 2009 framework implied, according to the sources", row["framework_2009"]),
            ("What international standards recommend", row["standards"]),
        ]
        if pd.notna(row["note"]):
            facts.append(("Note", row["note"]))
        facts.append(("Remember", "This summarises what the cited sources say. It is not legal advice."))
        facts.append(
            ("Provisions", "; ".join(self.provision_labels.get(p, p) for p in data.split_ids(row["provision_ids"])))
        )
        facts.append(("How sure", f"Confidence: {row['confidence']}"))
        return card(f"{who}: {what.lower()}", facts, row["source_ids"])
