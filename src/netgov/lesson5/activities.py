"""Lesson 5's activities.

* :class:`LawComparator`: which jurisdictions have which rules, and since when: the order in time in which
  they adopted them.
* :class:`ThreePartTest`: rate a measure against the three-part test of Article 19(3) of the ICCPR, then
  compare with how international bodies judged it.
* :class:`Trajectory`: Freedom on the Net scores over time on one scale, with the acts signed near each
  turning point.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..activity import Activity, FigureOutput
from ..cards import card, message, status_box
from ..figures import MISSING, fit_rows, series_style, year_axis
from .tables import (
    FEATURES,
    JURISDICTIONS,
    PARTS,
    SCORED,
    VERDICTS,
    comparison_table,
    feature_matrix,
    first_rules,
    judgment_table,
    score_table,
)

__all__ = ["LawComparator", "ThreePartTest", "Trajectory"]

#: Acts older than this are drawn at this year (with their real year in the hover and the text), so that a
#: nineteenth-century criminal code does not squeeze three decades of internet law into a corner.
EARLIEST_DRAWN = 1990

#: Line dashes for the score lines, so that a line is told apart by its dash as well as its colour and marker.
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")


def _pick_many(labels: dict[str, str], chosen: tuple[str, ...], description: str, width: str):
    """A list to pick several codes from, shown by their labels, every option visible."""
    return widgets.SelectMultiple(
        options=[(label, code) for code, label in labels.items()],
        value=tuple(chosen),
        description=description,
        rows=len(labels),
        layout=widgets.Layout(width=width),
    )


class LawComparator(Activity):
    """Pick features and jurisdictions: see who has each rule and since when, up to a year you choose."""

    has_figure = True

    def __init__(
        self,
        features: tuple[str, ...] = ("blocking_order", "false_information_offence", "platform_representative"),
        until: int | None = None,
    ):
        self.table = comparison_table()
        last = int(self.table["since"].max())
        # Worked out once as plain values: an update then only filters and formats (pandas' overhead on a few
        # hundred rows would be most of an update's time). The earliest act up to a year is the earliest act
        # overall when that is not later than the year, so one list serves every position of the slider.
        firsts = first_rules()
        self._firsts = list(
            zip(
                firsts["jurisdiction"],
                firsts["feature"],
                firsts["since"].astype(int),
                firsts["jurisdiction_name"],
                firsts["act_title"],
                strict=True,
            )
        )
        full = feature_matrix()
        self._status = {
            (code, feature): full.loc[JURISDICTIONS[code], FEATURES[feature]]
            for code in JURISDICTIONS
            for feature in FEATURES
        }
        if until is not None and not (isinstance(until, int) and EARLIEST_DRAWN <= until <= last):
            raise ValueError(f"until must be a year from {EARLIEST_DRAWN} to {last}, not {until!r}.")
        unknown = [f for f in features if f not in FEATURES]
        if unknown:
            raise ValueError(f"Unknown features {unknown}. Accepted: {', '.join(FEATURES)}.")
        self.features = _pick_many(FEATURES, features, "Features", "40em")
        self.jurisdictions = _pick_many(JURISDICTIONS, tuple(JURISDICTIONS), "Where", "20em")
        self.until = widgets.IntSlider(
            value=until or last, min=EARLIEST_DRAWN, max=last, description="Up to", continuous_update=False
        )
        chart = FigureOutput(
            title_text="Who has the rule, and since when",
            xaxis_title="Year the earliest act was signed (or came into force)",
            yaxis_title="Jurisdiction",
            height=480,
            margin=dict(l=140),
        )
        self._build(
            [self.features, self.jurisdictions, self.until],
            chart=chart,
            layout=[widgets.HBox([self.features, self.jurisdictions]), self.until, "chart", "text"],
        )

    def rules(self) -> pd.DataFrame:
        """The earliest act of each chosen jurisdiction for each chosen feature, up to the chosen year."""
        return first_rules(self.features.value, self.jurisdictions.value, until=self.until.value)

    def update(self, change: object = None) -> None:
        features, places, until = set(self.features.value), set(self.jurisdictions.value), self.until.value
        self.shown = [r for r in self._firsts if r[1] in features and r[0] in places and r[2] <= until]
        super().update()

    def _cell(self, code: str, feature: str) -> str:
        """What the grid says for a jurisdiction and feature up to the chosen year."""
        status = self._status[(code, feature)]
        if status.isdigit():
            return status if int(status) <= self.until.value else "later"
        return status

    def draw(self) -> None:
        self.figure.data = []
        places = [code for code in JURISDICTIONS if code in self.jurisdictions.value]
        row_of = {code: i for i, code in enumerate(places)}
        features = list(self.features.value)
        for k, feature in enumerate(features):
            colour, symbol = series_style(list(FEATURES).index(feature))
            rows = [r for r in self.shown if r[1] == feature]
            # Side by side within a jurisdiction's row, so that two rules of the same year stay visible.
            offset = (k - (len(features) - 1) / 2) * 0.14
            self.figure.add_scatter(
                x=[max(since, EARLIEST_DRAWN) for _, _, since, _, _ in rows],
                y=[row_of[code] + offset for code, *_ in rows],
                mode="markers",
                name=FEATURES[feature],
                marker=dict(color=colour, symbol=symbol, size=13, line=dict(width=1, color="#333333")),
                customdata=[(name, since, title) for _, _, since, name, title in rows],
                hovertemplate="%{customdata[0]}, %{customdata[1]}<br>%{customdata[2]}<extra>"
                + html.escape(FEATURES[feature])
                + "</extra>",
            )
        self.figure.update_yaxes(
            tickvals=list(range(len(places))),
            ticktext=[JURISDICTIONS[c] for c in places],
            range=[len(places) - 0.5, -0.5],
        )
        self.figure.update_xaxes(range=[EARLIEST_DRAWN - 1, self.until.value + 1])
        year_axis(self.figure, range(EARLIEST_DRAWN, self.until.value + 1))
        self.figure.update_layout(legend=dict(orientation="h", y=-0.25))
        fit_rows(self.figure, len(places), row_height=40, extra=260, least=360)

    def describe(self) -> str:
        if not self.features.value or not self.jurisdictions.value:
            return message("Pick at least one feature and one jurisdiction (hold Ctrl or Cmd to pick several).")
        until = self.until.value
        places = [code for code in JURISDICTIONS if code in self.jurisdictions.value]
        chosen = [feature for feature in FEATURES if feature in self.features.value]
        parts = []
        for feature in chosen:
            order = (
                ", ".join(f"{html.escape(name)} {since}" for _, f, since, name, _ in self.shown if f == feature)
                or "no jurisdiction you picked"
            )
            cells = {code: self._cell(code, feature) for code in places}
            others = {
                word: ", ".join(html.escape(JURISDICTIONS[c]) for c in places if cells[c] == word)
                for word in ("later", "year unknown", "none found", "not researched")
            }
            rest = "; ".join(f"{word}: {who}" for word, who in others.items() if who)
            parts.append(
                f"<li><strong>{html.escape(FEATURES[feature])}</strong>, in order of the earliest act up to "
                f"{until}: {order}.{' ' + rest[0].upper() + rest[1:] + '.' if rest else ''}</li>"
            )
        early = [r for r in self.shown if r[2] < EARLIEST_DRAWN]
        early_note = (
            f"<p>Drawn at {EARLIEST_DRAWN} but older: "
            + "; ".join(f"{html.escape(name)}, {since}" for _, _, since, name, _ in early)
            + ".</p>"
            if early
            else ""
        )
        head = "".join(f"<th>{html.escape(FEATURES[f])}</th>" for f in chosen)
        body = "".join(
            f"<tr><th>{html.escape(JURISDICTIONS[c])}</th>"
            + "".join(f"<td>{html.escape(self._cell(c, f))}</td>" for f in chosen)
            + "</tr>"
            for c in places
        )
        table = f'<table class="netgov-table"><tr><th>Jurisdiction</th>{head}</tr>{body}</table>'
        return (
            f"<ul>{''.join(parts)}</ul>{early_note}"
            "<p><em>An order in time shows who came first, not who copied whom: a later law can look like an "
            "earlier one because both answer the same problem. 'None found' means the sources were searched and no "
            "such law was found; 'not researched' means nobody has looked yet.</em></p>"
            f"<details><summary>The same as a table</summary>{table}</details>"
            "<p>Chart: one row per jurisdiction; each marker is the year of the earliest act with that rule, "
            "shaped and coloured by feature.</p>"
        )


class Trajectory(Activity):
    """Freedom on the Net scores by edition, on the scale used since 2019 (100 = most free), with the acts
    each country signed near a turning point."""

    has_figure = True
    #: A move of at least this many points since the country's previous edition is named under the chart.
    TURN = 4

    def __init__(self, countries: tuple[str, ...] = ("KZ", "RU", "KG"), show_acts: bool = True):
        self.scores = score_table()
        known = [c for c in SCORED if c in set(self.scores["country"])]
        unknown = [c for c in countries if c not in known]
        if unknown:
            raise ValueError(f"No scores for {unknown}. Countries with scores: {', '.join(known)}.")
        # Worked out once per country as plain values, so that an update only picks and formats.
        acts = comparison_table()
        acts = acts[(acts["finding"] == "has_rule") & acts["since"].notna()]
        self._series, self._acts = {}, {}
        for code in known:
            rows = self.scores[self.scores["country"] == code]
            self._series[code] = (
                rows["edition"].astype(int).tolist(),
                rows["score"].astype(int).tolist(),
                rows["converted"].tolist(),
            )
            mine = acts[acts["jurisdiction"] == code]
            by_year: dict[int, list[str]] = {}
            for year, title in zip(mine["since"].astype(int), mine["act_title"], strict=True):
                by_year.setdefault(year, []).append(title)
            self._acts[code] = by_year
        self.countries = widgets.SelectMultiple(
            options=[(JURISDICTIONS[c], c) for c in known],
            value=tuple(countries),
            description="Countries",
            rows=len(known),
        )
        self.show_acts = widgets.Checkbox(value=show_acts, description="Show acts signed that year")
        chart = FigureOutput(
            title_text="Freedom on the Net total score by edition (100 = most free)",
            xaxis_title="Edition (year published)",
            yaxis_title="Total score, scale of 2019 (0-100)",
            yaxis_range=[0, 100],
            height=460,
        )
        self._build([self.countries, self.show_acts], chart=chart)

    def turning_points(self, country: str, points: int | None = None) -> pd.DataFrame:
        """Editions where ``country``'s score moved by at least ``points`` (by default :attr:`TURN`) since its
        previous edition, with the change."""
        if country not in self._series:
            raise ValueError(f"No scores for {country!r}. Countries with scores: {', '.join(self._series)}.")
        points = self.TURN if points is None else points
        editions, scores, _ = self._series[country]
        moves = [
            (edition, score - before)
            for edition, score, before in zip(editions[1:], scores[1:], scores[:-1], strict=True)
            if abs(score - before) >= points
        ]
        return pd.DataFrame(moves, columns=["edition", "change"])

    def _acts_near(self, country: str, edition: int) -> list[str]:
        """Acts of the comparison table signed in the edition's year or the year before (as :func:`laws_near`)."""
        by_year = self._acts[country]
        return [*by_year.get(edition - 1, []), *by_year.get(edition, [])]

    def draw(self) -> None:
        self.figure.data = []
        for code in self.countries.value:
            n = list(SCORED).index(code)
            colour, symbol = series_style(n)
            editions, scores, converted = self._series[code]
            self.figure.add_scatter(
                x=editions,
                y=scores,
                mode="lines+markers",
                name=JURISDICTIONS[code],
                line=dict(color=colour, dash=DASHES[n]),
                marker=dict(
                    color=colour,
                    size=10,
                    # Hollow markers: a score first published on the old scale and converted here.
                    symbol=[symbol + "-open" if c else symbol for c in converted],
                ),
                customdata=["converted from the old scale" if c else "as published" for c in converted],
                hovertemplate="%{x}: %{y} (%{customdata})<extra>" + JURISDICTIONS[code] + "</extra>",
            )
            if self.show_acts.value:
                by_year = self._acts[code]
                marked = [(e, s) for e, s in zip(editions, scores, strict=True) if e in by_year]
                if marked:
                    self.figure.add_scatter(
                        x=[e for e, _ in marked],
                        y=[s + 3 for _, s in marked],
                        mode="markers",
                        name=f"Acts signed, {JURISDICTIONS[code]}",
                        marker=dict(color=colour, symbol="line-ns-open", size=16, line=dict(width=2, color=colour)),
                        text=["<br>".join(t[:80] for t in by_year[e]) for e, _ in marked],
                        hovertemplate="%{x}<br>%{text}<extra></extra>",
                        showlegend=False,
                    )
        # Set, not added: a redraw must not pile up a line per update.
        self.figure.layout.shapes = [
            dict(type="line", x0=2018.5, x1=2018.5, yref="paper", y0=0, y1=1, line=dict(dash="dot", color=MISSING))
        ]
        self.figure.layout.annotations = [
            dict(x=2018.6, y=98, text="scale inverted from 2019", showarrow=False, xanchor="left", font=dict(size=12))
        ]
        shown = [e for code in self.countries.value for e in self._series[code][0]]
        year_axis(self.figure, shown or [2011, 2025])

    def describe(self) -> str:
        if not self.countries.value:
            return message("Pick at least one country (hold Ctrl or Cmd to pick several).")
        lines = []
        for code in self.countries.value:
            editions, scores, _ = self._series[code]
            gaps = sorted(set(range(editions[0], editions[-1] + 1)) - set(editions))
            turns = []
            for edition, change in self.turning_points(code).itertuples(index=False):
                titles = [html.escape(t if len(t) <= 70 else t[:69] + "…") for t in self._acts_near(code, edition)]
                named = "; ".join(titles[:2]) + (f"; and {len(titles) - 2} more" if len(titles) > 2 else "")
                named = named or "none in the table"
                turns.append(f"{edition} ({change:+d}; acts signed that year or the year before: {named})")
            lines.append(
                f"<li><strong>{html.escape(JURISDICTIONS[code])}</strong>: {scores[0]} in {editions[0]}"
                f", {scores[-1]} in {editions[-1]}."
                + (f" No score for {', '.join(map(str, gaps))}." if gaps else "")
                + (
                    f" Moves of {self.TURN} points or more: {'; '.join(turns)}."
                    if turns
                    else f" No move of {self.TURN} points or more."
                )
                + "</li>"
            )
        return (
            f"<ul>{''.join(lines)}</ul>"
            "<p><em>Scores up to the 2018 edition were published on a scale where 100 meant least free; they are "
            "shown here as 100 minus the published score (hollow markers). An act signed near a move is a lead to "
            "check, not its cause: a score sums many things over a year.</em></p>"
            "<p>Line chart: one line per country, by edition, with a dotted line where the scale changed; short "
            "vertical marks above a line are acts in the comparison table signed that year.</p>"
        )


_RATINGS = (
    ("Your rating...", None),
    ("Meets it", "meets"),
    ("Raises concern", "raises_concern"),
    ("Fails it", "fails"),
)


class ThreePartTest(Activity):
    """Rate a measure against legality, legitimate aim, and necessity and proportionality (Article 19(3)
    ICCPR, General Comment 34), then compare with how international bodies judged it.

    ``text`` shows the measure; ``feedback`` the comparison after Compare (or :meth:`compare`)."""

    def __init__(self, measure: str | None = None):
        self.judgments = judgment_table()
        self.table = comparison_table().set_index("id")
        # Kazakhstan's measures first, then the others in the order of the comparison, each by year.
        order = {code: n for n, code in enumerate(JURISDICTIONS)}
        judged = self.table.loc[list(dict.fromkeys(self.judgments["comparison_id"]))]
        judged = judged.assign(place=judged["jurisdiction"].map(order)).sort_values(["place", "since"], kind="stable")
        measures = list(judged.index)
        if measure is not None and measure not in measures:
            raise ValueError(f"No judgments of {measure!r}. Measures with judgments: {', '.join(measures)}.")
        self.measure = widgets.Dropdown(
            options=[(self._label(m), m) for m in measures],
            value=measure or measures[0],
            description="Measure",
            layout=widgets.Layout(width="95%"),
        )
        self.ratings = {
            part: widgets.Dropdown(
                options=_RATINGS,
                description=PARTS[part],  # whole: a label cut short reads as another word to a screen reader
                style={"description_width": "17em"},
                layout=widgets.Layout(width="35em"),
            )
            for part in ("legality", "legitimate_aim", "necessity")
        }
        self.button = widgets.Button(description="Compare", button_style="primary")
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _: self.compare(**{p: w.value for p, w in self.ratings.items()}))
        self._build(
            [self.measure],
            layout=[self.measure, "text", *self.ratings.values(), self.button, self.feedback],
        )

    def _label(self, measure: str) -> str:
        row = self.table.loc[measure]
        since = f" ({int(row['since'])})" if pd.notna(row["since"]) else ""
        title = row["act_title"] if len(row["act_title"]) <= 80 else row["act_title"][:79] + "…"
        return f"{JURISDICTIONS[row['jurisdiction']]}: {title}{since}"

    def update(self, change: object = None) -> None:
        """A new measure: show it, and clear the ratings and the comparison."""
        super().update()
        self.feedback.value = ""
        for widget in getattr(self, "ratings", {}).values():
            widget.value = None

    def describe(self) -> str:
        row = self.table.loc[self.measure.value]
        facts = [
            ("Where", JURISDICTIONS[row["jurisdiction"]]),
            ("Feature", FEATURES[row["feature"]]),
            ("What it does", row["what_it_does"]),
            ("Who decides", row["who_decides"]),
            ("Oversight", row["oversight"]),
        ]
        return card(row["act_title"], [(k, v) for k, v in facts if isinstance(v, str) and v], row["source_ids"])

    def compare(
        self, legality: str | None = None, legitimate_aim: str | None = None, necessity: str | None = None
    ) -> int:
        """Show how bodies judged the measure beside the learner's ratings; return how many rated parts agree
        with at least one body's verdict on that part."""
        mine = {"legality": legality, "legitimate_aim": legitimate_aim, "necessity": necessity}
        for part, value in mine.items():
            if value is not None and value not in VERDICTS:
                raise ValueError(f"Unknown rating {value!r} for {part}. Ratings: meets, raises_concern, fails.")
        if all(v is None for v in mine.values()):
            self.feedback.value = message("Rate at least one part of the test, then press Compare.")
            return 0
        rows = self.judgments[self.judgments["comparison_id"] == self.measure.value]
        agreed, blocks = 0, []
        for part in (*mine, "overall"):
            theirs = rows[rows["part"] == part]
            said = "".join(
                f"<li><strong>{html.escape(r.assessor)}</strong> ({r.date:%Y}): "
                f"{html.escape(VERDICTS[r.verdict].lower())}. {html.escape(r.summary)}"
                + (" <em>(the kit maps the body's reasons to this part)</em>" if r.mapping == "kit" else "")
                + "</li>"
                for r in theirs.itertuples()
            )
            if part == "overall":
                if said:
                    blocks.append(f"<p><strong>Overall</strong></p><ul>{said}</ul>")
                continue
            yours = mine[part]
            said_yours = html.escape(VERDICTS[yours].lower()) if yours else "nothing"
            head = f"<strong>{html.escape(PARTS[part])}</strong>: you said {said_yours}"
            if yours is not None and yours in set(theirs["verdict"]):
                agreed += 1
            body = f"<ul>{said}</ul>" if said else "<p>No body in the data addressed this part.</p>"
            blocks.append(f"<p>{head}</p>{body}")
        rated = sum(v is not None for v in mine.values())
        kind = "good" if agreed == rated else "info"
        summary = (
            f"<p>{agreed} of your {rated} ratings match a body's verdict on the same part. A body's verdict is "
            "evidence, not an answer key: where you differ, say which fact of the measure leads you elsewhere.</p>"
        )
        self.feedback.value = status_box(summary + "".join(blocks), kind, label="Compared")
        return agreed
