"""Lesson 1, "When a blog became mass media": the widgets behind its activities.

* :class:`ProvisionExplorer`: pick a provision; see what it does, whom it affects, the sanction and how
  international standards judge it, each with its sources.
* :class:`LiabilityExplorer`: pick an actor and a kind of content; see what the 2009 framework implied
  and what international standards recommend, as the sources put it.
* :class:`LegislationTimeline`: the laws from 1999 to today, filtered by theme, with the 2009 law's
  descendants highlighted.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from . import data
from ._validate import need_items
from .figures import OKABE_ITO, clear, date_axis_years
from .widgets import FigureOutput, card, message

__all__ = [
    "AFFECTED",
    "CONTENT",
    "THEMES",
    "LegislationTimeline",
    "LiabilityExplorer",
    "ProvisionExplorer",
    "legislation_table",
    "provision_table",
]

#: Plain-language names of the themes in legal_acts.themes.
THEMES = {
    "liability": "Liability for content",
    "registration": "Registration",
    "blocking_powers": "Blocking powers",
    "shutdowns": "Communications shutdowns",
    "interception": "Interception",
    "platform_regulation": "Platform regulation",
    "false_information": "False information",
    "media_regulation": "Media regulation",
    "surveillance": "Surveillance",
}

#: Plain-language names of the people and businesses in provisions.affects.
AFFECTED = {
    "blogger": "Bloggers",
    "commenter": "Commenters",
    "platform_host": "Forum and platform hosts",
    "hosting_provider": "Hosting providers",
    "isp": "Internet service providers",
    "foreign_site": "Foreign websites",
    "media_outlet": "Media outlets",
    "user": "Internet users",
}

#: Plain-language names of the kinds of content in the liability table.
CONTENT = {
    "extremism": "Calls to extremism or terrorism",
    "election_coverage": "Coverage of elections, strikes or protests",
    "others_content": "Someone else's post or site on your service",
}

VERDICTS = {
    "incompatible": "incompatible with the standard",
    "concerns": "raises concerns under the standard",
    "compatible": "compatible with the standard",
    "not_addressed": "not addressed by the standard",
}


def _date(value: object) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) and pd.notna(value) else ""


def provision_table() -> pd.DataFrame:
    """Provisions joined with the act they belong to (short title and date signed), in date order."""
    provisions = data.load("provisions")
    acts = data.load("legal_acts")[["id", "short_title", "signed", "adopted", "in_force"]]
    acts = acts.rename(columns={"id": "act_id", "short_title": "act"})
    joined = provisions.merge(acts, on="act_id", how="left", validate="many_to_one")
    joined["act_date"] = joined["signed"].fillna(joined["adopted"]).fillna(joined["in_force"])
    return joined.sort_values(["act_date", "id"], kind="stable").reset_index(drop=True)


FIRST_PROVISION = "prov-2009-internet-as-media"


class ProvisionExplorer:
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
        self.output = widgets.HTML()
        self.provision.observe(self.update, names="value")
        self.widget = widgets.VBox([self.provision, self.output])
        self.update()

    def update(self, change: object = None) -> None:
        self.output.value = self.render(self.provision.value)

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
        facts = [
            ("Law", f"{row['act']} (signed {_date(row['act_date'])})" if _date(row["act_date"]) else row["act"]),
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


def legislation_table() -> pd.DataFrame:
    """One row per act and theme (an act with two themes appears twice), with the date to plot.

    The date is when the act was signed, or adopted, or entered into force, whichever the data has first.
    """
    acts = data.load("legal_acts")
    acts["date"] = acts["signed"].fillna(acts["adopted"]).fillna(acts["in_force"])
    acts["theme"] = acts["themes"].str.split(";")
    long = acts.explode("theme").reset_index(drop=True)
    return long.dropna(subset=["date"]).sort_values(["date", "id"], kind="stable").reset_index(drop=True)


class LegislationTimeline:
    """Tick themes to show the acts that deal with them; the 2009 law's descendants stand out.

    Attributes: ``themes`` (one checkbox per theme), ``highlight`` (a checkbox), ``figure`` (the plotly
    figure), ``description`` (plain text under the figure) and ``widget`` (everything, laid out).
    """

    def __init__(self, themes: tuple[str, ...] = ("liability", "blocking_powers", "shutdowns", "platform_regulation")):
        themes = need_items(themes, "themes", "a list or tuple such as ('liability', 'blocking_powers')", item=str)
        self.table = legislation_table()
        # What update() draws of each row, worked out once: an update then only picks rows.
        self._drawn = list(
            zip(
                self.table["theme"].tolist(),
                self.table["extends_2009_law"].tolist(),
                self.table["date"].dt.strftime("%Y-%m-%d").tolist(),
                self.table["short_title"].tolist(),
                strict=True,
            )
        )
        self._years = int(self.table["date"].dt.year.min()), int(self.table["date"].dt.year.max())
        # What describe() says of each row, likewise.
        self._described = list(
            zip(
                self.table["id"].tolist(),
                self.table["date"].dt.year.tolist(),
                self.table["extends_2009_law"].tolist(),
                self.table["short_title"].tolist(),
                strict=True,
            )
        )
        present = [t for t in THEMES if t in set(self.table["theme"])]
        unknown = [t for t in themes if t not in present]
        if unknown:
            raise ValueError(f"Unknown theme(s) {unknown}. Themes in the data: {present}.")
        self.themes = {t: widgets.Checkbox(value=t in themes, description=THEMES[t], indent=False) for t in present}
        self.highlight = widgets.Checkbox(
            value=True, description="Highlight laws that extend the 2009 law", indent=False
        )
        self.chart = FigureOutput(
            title_text="Kazakhstan's laws on media and the internet, by theme",
            xaxis_title="Year the act was signed (or adopted)",
            yaxis_title="Theme",
            height=480,
            legend=dict(orientation="h", y=-0.22),
            hovermode="closest",
            margin=dict(l=220),
        )
        self.figure = self.chart.figure
        self.description = widgets.HTML()
        for box in (*self.themes.values(), self.highlight):
            box.observe(self.update, names="value")
        boxes = widgets.GridBox(
            list(self.themes.values()),
            layout=widgets.Layout(grid_template_columns="repeat(3, minmax(14em, 1fr))"),
        )
        self.widget = widgets.VBox([boxes, self.highlight, self.chart.output, self.description])
        self.update()

    @property
    def selected(self) -> list[str]:
        return [t for t, box in self.themes.items() if box.value]

    def update(self, change: object = None) -> None:
        chosen = self.selected
        rows = self.table[self.table["theme"].isin(chosen)]
        drawn = [self._drawn[i] for i in rows.index]  # (theme, extends the 2009 law, date, short title)
        first, last = self._years
        with self.figure.batch_update():
            clear(self.figure, "No theme ticked: tick at least one theme above." if rows.empty else None)
            groups = [
                (True, "Extends the 2009 law", OKABE_ITO[4], "diamond"),
                (False, "Other acts", OKABE_ITO[3], "circle"),
            ]
            if not self.highlight.value:
                groups = [(None, "Acts", OKABE_ITO[3], "circle")]
            traces = []
            for flag, name, colour, symbol in groups:
                part = [row for row in drawn if flag is None or row[1] is flag]
                if not part:
                    continue
                traces.append(
                    dict(
                        type="scatter",
                        x=[date for _, _, date, _ in part],
                        y=[THEMES[theme] for theme, _, _, _ in part],
                        mode="markers",
                        name=name,
                        marker=dict(color=colour, symbol=symbol, size=14, line=dict(width=1, color="#333")),
                        customdata=[(title, date) for _, _, date, title in part],
                        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
                    )
                )
            # One add_traces() of plain dicts: add_scatter() builds and validates each trace twice.
            self.figure.add_traces(traces)
            self.figure.update_yaxes(
                categoryorder="array", categoryarray=[THEMES[t] for t in reversed(list(self.themes)) if t in chosen]
            )
            date_axis_years(self.figure, first, last)
        self.chart.refresh()
        self.description.value = self.describe(rows, chosen)

    def describe(self, rows: pd.DataFrame, chosen: list[str]) -> str:
        if not chosen:
            return message("No theme ticked: tick at least one theme to see the acts that deal with it.")
        acts: dict[str, tuple] = {}  # id: (year, extends the 2009 law, short title) of the act's first row
        for i in rows.index:
            act_id, year, extends, title = self._described[i]
            acts.setdefault(act_id, (year, extends, title))
        years = [year for year, _, _ in acts.values()]
        descendants = [(year, title) for year, extends, title in acts.values() if extends is True]
        themes = ", ".join(THEMES[t].lower() for t in chosen)
        text = (
            f"Timeline of {len(acts)} legal acts dealing with {themes}, from "
            f"{min(years)} to {max(years)}. Each marker is an act, placed at "
            f"the date it was signed (or adopted) and in the row of each theme it deals with."
        )
        if self.highlight.value and descendants:
            names = "; ".join(title if str(year) in title else f"{title} ({year})" for year, title in descendants)
            text += f" {len(descendants)} of them extend the 2009 law (orange diamonds): {names}."
        return f"<p>{html.escape(text)}</p>"


class LiabilityExplorer:
    """Pick who published and what; see what the 2009 framework implied and what standards recommend."""

    def __init__(self):
        self.table = data.load("liability")
        self.provision_labels = data.load("provisions").set_index("id")["label"].to_dict()
        roles = list(dict.fromkeys(self.table["actor_role"]))
        contents = list(dict.fromkeys(self.table["content"]))
        self.actor = widgets.Dropdown(options=[(AFFECTED.get(r, r), r) for r in roles], description="Who")
        self.content = widgets.Dropdown(
            options=[(CONTENT.get(c, c), c) for c in contents],
            description="Content",
            layout=widgets.Layout(width="28em"),
        )
        self.output = widgets.HTML()
        self.actor.observe(self.update, names="value")
        self.content.observe(self.update, names="value")
        self.widget = widgets.VBox([widgets.HBox([self.actor, self.content]), self.output])
        self.update()

    def update(self, change: object = None) -> None:
        self.output.value = self.render(self.actor.value, self.content.value)

    def render(self, actor_role: str, content: str) -> str:
        if actor_role not in AFFECTED or content not in CONTENT:
            raise ValueError(
                f"Unknown combination {actor_role!r} / {content!r}. "
                f"Actors: {list(AFFECTED)}; contents: {list(CONTENT)}."
            )
        rows = self.table[(self.table["actor_role"] == actor_role) & (self.table["content"] == content)]
        who = AFFECTED[actor_role]
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


def quiz_questions() -> list:
    """The lesson's check-your-understanding questions; dates in the explanations come from the data."""
    from .quiz import Choice, MultipleChoice

    acts = data.load("legal_acts").set_index("id")
    law = acts.loc["law-2009-internet"]
    events = data.load("events")
    appeal = events.set_index("id").loc["ev-2009-06-29-haraszti-veto-appeal"]
    gap = (appeal["date"] - law["adopted"]).days
    gc34 = events[events["actor_id"] == "un-hrc"]["date"].min()
    return [
        MultipleChoice(
            "Under the 2009 amendments, what could be treated as a mass-media outlet?",
            [
                Choice(
                    "Only registered newspapers, magazines and broadcasters",
                    False,
                    "That was the traditional scope of the media law; the change in 2009 was to bring internet "
                    "resources into it.",
                ),
                Choice(
                    "Any internet resource: a website, blog, chat, forum, online shop or e-library",
                    True,
                    "The amendments covered every kind of internet resource, so the rules and liabilities written "
                    "for newspapers and broadcasters could apply to a personal blog.",
                ),
                Choice(
                    "Only websites hosted on servers in Kazakhstan",
                    False,
                    "Hosting did not matter: foreign resources were covered too, and a special court procedure was "
                    "created to block them.",
                ),
                Choice(
                    "Only the websites of political parties during elections",
                    False,
                    "Elections appear in the new suspension grounds, but the mass-media label itself applied to all "
                    "internet resources.",
                ),
            ],
        ),
        MultipleChoice(
            "What did the OSCE Representative on Freedom of the Media ask President Nazarbayev in June 2009?",
            [
                Choice(
                    "Not to sign the amendments Parliament had just adopted",
                    True,
                    f"On {appeal['date']:%d %B %Y}, {gap} days after Parliament adopted the law, Miklós Haraszti asked "
                    "the President not to promulgate it, arguing it broke OSCE commitments. The President signed it "
                    f"on {law['signed']:%d %B %Y}.",
                ),
                Choice(
                    "To give up the 2010 OSCE chairmanship",
                    False,
                    "He asked Kazakhstan to show, by not signing, that the coming chairmanship would honour OSCE "
                    "commitments; he did not ask it to give the chairmanship up.",
                ),
                Choice(
                    "To block extremist websites faster",
                    False,
                    "His objections were that the law restricted free expression too much, not too little.",
                ),
                Choice(
                    "To register every blogger with the ministry",
                    False,
                    "That was not part of his appeal; mandatory registration of internet resources came later, "
                    "from 2016.",
                ),
            ],
        ),
        MultipleChoice(
            "According to the 2011 Joint Declaration, who should not be liable for content that others create?",
            [
                Choice(
                    "Those who only host or transmit it, unless they alter it or ignore a court order",
                    True,
                    "This is the Declaration's rule on intermediary liability; it adds that no intermediary should be "
                    "required to monitor what users post.",
                ),
                Choice(
                    "Nobody: whoever carries content is as liable as its author",
                    False,
                    "That is close to how critics read the 2009 framework, which made owners answer for their "
                    "visitors' posts; the Declaration rejects it.",
                ),
                Choice(
                    "Only foreign websites",
                    False,
                    "The Declaration's protection depends on the role (a technical service), not on where a site "
                    "is based.",
                ),
                Choice(
                    "Only state-owned internet providers",
                    False,
                    "Ownership plays no part in the Declaration's rule.",
                ),
            ],
        ),
        MultipleChoice(
            "Why does UN General Comment 34 matter when judging the 2009 grounds for suspending a site?",
            [
                Choice(
                    "Restrictions must target specific content; generic bans on sites breach Article 19",
                    True,
                    "Suspending a whole blog or forum because of its coverage of elections or protests is a ban on "
                    "the site, not a restriction of specific content.",
                ),
                Choice(
                    "It allows states to close any site during an election campaign",
                    False,
                    "It says the opposite: a site may not be banned merely for criticising the government.",
                ),
                Choice(
                    "It applies only to printed newspapers",
                    False,
                    "Its paragraph 43 deals expressly with websites, blogs and internet service providers.",
                ),
                Choice(
                    "Kazakhstan's government cited it to justify the 2009 law",
                    False,
                    f"It was adopted in {gc34:%Y}, two years after the law; in 2009 critics cited OSCE commitments "
                    "such as Permanent Council Decision 633.",
                ),
            ],
        ),
    ]
