"""What every activity in the kit is made of, so that each lesson writes only what is its own.

An :class:`Activity` has ``controls`` (the widgets a learner changes), an optional ``figure`` (a plotly figure
shown through a :class:`FigureOutput`), a ``text`` (an HTML widget: the description of the figure for screen
readers, or the activity's result) and ``widget`` (everything laid out, ready to display). A change of any
control calls :meth:`Activity.update`, which redraws the figure with :meth:`Activity.draw` and rewrites the text
with :meth:`Activity.describe`. Tests, the benchmarks and the browser drivers rely on these names only.

:class:`FilteredTimeline` is the activity that two lessons share: a timeline of table rows the learner filters,
with a list of the rows shown and a card for the one picked.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._validate import need_figure
from .cards import message


class FigureOutput:
    """A plotly figure shown inside an ``ipywidgets.Output`` and redrawn on demand.

    The kit does not use ``go.FigureWidget``: it ships a 5 MB JavaScript bundle through the kernel
    the first time one is created, which costs several seconds per notebook. Redrawing a plain
    ``go.Figure`` into an Output sends only the figure's JSON, a few kilobytes.

    Change ``figure`` (``figure.data = []``, ``figure.add_scatter(...)``, ``figure.update_layout(...)``),
    then call :meth:`refresh`. Tests read ``figure`` directly; no kernel is needed.
    """

    def __init__(self, figure=None, **layout):
        import ipywidgets as widgets
        import plotly.graph_objects as go

        if figure is not None:
            need_figure(figure, "FigureOutput(figure=...)")
        self.figure = figure if figure is not None else go.Figure()
        if layout:
            self.figure.update_layout(**layout)
        self.output = widgets.Output()
        self.refreshes = 0

    def refresh(self) -> None:
        from IPython import get_ipython

        from .figures import fit_screen

        self.refreshes += 1
        # Here rather than in each activity: no figure an activity shows can be taller than a projector's screen.
        fit_screen(self.figure)
        if getattr(get_ipython(), "kernel", None) is None:
            # No kernel (a test or a benchmark): do the serialisation display() would do, show nothing.
            self.figure.to_json()
            return
        # The figure's own MIME bundle, as a cell result would show it: display(figure) goes through
        # plotly's renderer machinery instead, whose first call costs several seconds of imports.
        # The bundle replaces the Output's state directly rather than being captured with
        # ``with self.output: display(...)``: captured output is routed through the executing client,
        # and Voila's executor never receives the cell's reply after such a capture (the page hangs).
        bundle = self.figure._repr_mimebundle_(None, None)
        self.output.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)


def sample_values(control) -> list:
    """Values a control can be set to, ending with the one it has now: every choice of a list, a few selections
    of a multiple choice, both states of a checkbox, the ends and the middle of a slider or a number field."""
    import ipywidgets as widgets

    # ``_options_values`` holds the values behind the labels whether the options were given as values or as
    # (label, value) pairs; ipywidgets has no public attribute for it.
    if isinstance(control, widgets.SelectMultiple):
        values = list(control._options_values)
        tried = [(), tuple(values[:1]), tuple(values[1:3]), tuple(values)]
    elif isinstance(control, widgets.Dropdown | widgets.RadioButtons | widgets.Select):
        tried = [value for value in control._options_values if value is not None]
    elif isinstance(control, widgets.Checkbox):
        tried = [not control.value]
    elif isinstance(control, widgets.IntRangeSlider | widgets.FloatRangeSlider):
        low, high = control.min, control.max
        middle = (low + high) // 2 if isinstance(control, widgets.IntRangeSlider) else (low + high) / 2
        tried = [(middle, middle), (low, middle), (middle, high), (low, high)]
    elif isinstance(
        control, widgets.IntSlider | widgets.BoundedIntText | widgets.FloatSlider | widgets.BoundedFloatText
    ):
        low, high = control.min, control.max
        whole = isinstance(control, widgets.IntSlider | widgets.BoundedIntText)
        tried = [low, (low + high) // 2 if whole else (low + high) / 2, high]
    else:
        raise TypeError(f"sample_values() knows no values for a {type(control).__name__}; add them here.")
    # Back to where it was, so that the next control is tried in the activity's usual state, not an empty one.
    return [value for value in tried if value != control.value] + [control.value]


def year_range(value: tuple[int, int], first: int, last: int):
    """A slider for a span of years (``value``, a pair within ``first`` and ``last``), wide enough to show its
    range whole (``2000 – 2023``)."""
    import ipywidgets as widgets

    if not (isinstance(value, tuple) and len(value) == 2 and first <= value[0] <= value[1] <= last):
        raise ValueError(f"years must be a (start, end) pair within {first} to {last}, not {value!r}.")
    return widgets.IntRangeSlider(
        value=value,
        min=first,
        max=last,
        step=1,
        description="Years",
        continuous_update=False,
        layout=widgets.Layout(width="32em"),
    )


class Activity:
    """The base of every activity. A subclass builds its controls and, if it draws, a :class:`FigureOutput`,
    then calls :meth:`_build`; it implements :meth:`describe` and, if it draws, :meth:`draw`.

    Class attribute ``has_figure`` says whether instances draw a figure (the tests count figures by it).
    """

    has_figure = False
    chart: FigureOutput | None = None
    figure = None

    def _build(self, controls: list, *, chart: FigureOutput | None = None, layout: list | None = None) -> None:
        """Observe ``controls``, make ``text`` and ``widget`` and draw for the first time.

        ``layout`` lists what the widget shows, top to bottom, with ``"chart"`` and ``"text"`` standing for the
        figure and the text; by default the controls, then the figure, then the text.
        """
        import ipywidgets as widgets

        if (chart is not None) != self.has_figure:
            raise TypeError(f"{type(self).__name__}: has_figure is {self.has_figure} but chart is {chart!r}.")
        self.controls = list(controls)
        self.chart = chart
        self.figure = chart.figure if chart is not None else None
        self.text = widgets.HTML()
        parts = layout if layout is not None else [*self.controls, "chart", "text"]
        named = {"chart": chart.output if chart is not None else None, "text": self.text}
        children = [named[p] if isinstance(p, str) else p for p in parts]
        self.widget = widgets.VBox([c for c in children if c is not None])
        for control in self.controls:
            control.observe(self.update, names="value")
        self.update()

    def update(self, change: object = None) -> None:
        """Redraw the figure and rewrite the text from the controls' current values."""
        if self.chart is not None:
            with self.figure.batch_update():
                self.draw()
            self.chart.refresh()
        self.text.value = self.describe()

    def settings(self) -> Iterator[tuple[object, object]]:
        """Settings to try, as ``(control, value)`` pairs: a handful of values for each control in turn, spread
        across what it offers. What the benchmarks time and what the tests try every activity with.

        A control's values are read when its turn comes, so that a control whose choices depend on an earlier
        one (the networks of the chosen era) is only given values it offers at that moment.
        """
        position = 0
        while position < len(self.controls):
            control = self.controls[position]
            for value in sample_values(control):
                yield control, value
            position += 1

    def draw(self) -> None:
        """Draw the figure for the current controls (activities with a figure implement it)."""
        raise NotImplementedError(f"{type(self).__name__} has a figure but no draw().")

    def describe(self) -> str:
        """The text under the controls: a description of the figure, or the activity's result, as HTML."""
        raise NotImplementedError(f"{type(self).__name__} must say what it shows: it has no describe().")


#: The longest name a timeline's list shows whole; longer ones end in an ellipsis.
LONGEST_LABEL = 96


def _shortened(text: str) -> str:
    return text if len(text) <= LONGEST_LABEL else text[: LONGEST_LABEL - 1].rstrip() + "…"


class FilteredTimeline(Activity):
    """A timeline of table rows that the learner filters, with a list of the rows shown and a card for one.

    Subclasses set ``self.table`` (every row the timeline can show, with an ``id`` column), build their filter
    widgets and a :class:`FigureOutput`, then call :meth:`_assemble`, and implement ``selection()`` (the rows of
    ``self.table`` the filters keep), ``draw_rows(rows)`` (add traces to ``self.figure``), ``describe_rows(rows)``
    (a text description), ``label(row)`` (a row's name in the list) and ``card(row_id)``.
    """

    has_figure = True
    empty_text = "Nothing matches these filters."

    def _assemble(
        self,
        filters: list,
        years: tuple[int, int],
        bounds: tuple[int, int],
        chart: FigureOutput,
        picker_label: str,
        under_chart: tuple = (),
    ) -> None:
        """Lay out the filters, a year-range slider (``years`` within ``bounds``), the chart (and ``under_chart``,
        widgets shown under it, such as a legend), the list and the card."""
        import ipywidgets as widgets

        self.years = year_range(years, *bounds)
        self.picker = widgets.Dropdown(description=picker_label, layout=widgets.Layout(width="95%"))
        self.detail = widgets.HTML()
        # A row's name in the list depends on the row alone: worked out once, not on every update. A list cannot
        # wrap its lines, so a long name is shortened; the card under the list gives it whole.
        self._labels = {row["id"]: _shortened(self.label(row)) for _, row in self.table.iterrows()}
        self._refilling = False
        self.picker.observe(self.show_item, names="value")
        self._build(
            [*filters, self.years],
            chart=chart,
            layout=[widgets.HBox(filters), self.years, "chart", *under_chart, "text", self.picker, self.detail],
        )

    def update(self, change: object = None) -> None:
        from .figures import clear, date_axis_years

        rows = self.selection()
        with self.figure.batch_update():
            clear(self.figure, self.empty_text if rows.empty else None)
            if not rows.empty:
                self.draw_rows(rows)
            date_axis_years(self.figure, *self.years.value)
        self.chart.refresh()
        self.text.value = message(self.empty_text) if rows.empty else self.describe_rows(rows)
        options = [(self._labels[row_id], row_id) for row_id in rows["id"].tolist()]
        # New options make the picker change its value, which would draw a card that is drawn again below:
        # the card is drawn once, after the list is in place.
        self._refilling = True
        try:
            self.picker.options = options
            self.picker.value = options[0][1] if options else None
        finally:
            self._refilling = False
        self.show_item()

    def show_item(self, change: object = None) -> None:
        if self._refilling:
            return
        self.detail.value = "" if self.picker.value is None else self.card(self.picker.value)
