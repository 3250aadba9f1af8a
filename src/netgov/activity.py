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

        self.refreshes += 1
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

    def draw(self) -> None:
        """Draw the figure for the current controls (activities with a figure implement it)."""
        raise NotImplementedError(f"{type(self).__name__} has a figure but no draw().")

    def describe(self) -> str:
        """The text under the controls: a description of the figure, or the activity's result, as HTML."""
        raise NotImplementedError(f"{type(self).__name__} must say what it shows: it has no describe().")


class FilteredTimeline(Activity):
    """A timeline of table rows that the learner filters, with a list of the rows shown and a card for one.

    Subclasses build their filter widgets and a :class:`FigureOutput`, then call :meth:`_assemble`, and
    implement ``selection()`` (the rows the filters keep), ``draw_rows(rows)`` (add traces to ``self.figure``),
    ``describe_rows(rows)`` (a text description), ``label(row)`` (a row's name in the list) and ``card(row_id)``.
    """

    has_figure = True
    empty_text = "Nothing matches these filters."

    def _assemble(
        self, filters: list, years: tuple[int, int], bounds: tuple[int, int], chart: FigureOutput, picker_label: str
    ) -> None:
        """Lay out the filters, a year-range slider (``years`` within ``bounds``), the chart, the list and the card."""
        import ipywidgets as widgets

        first, last = bounds
        if not (isinstance(years, tuple) and len(years) == 2 and first <= years[0] <= years[1] <= last):
            raise ValueError(f"years must be a (start, end) pair within {first} to {last}, not {years!r}.")
        self.years = widgets.IntRangeSlider(
            value=years,
            min=first,
            max=last,
            step=1,
            description="Years",
            continuous_update=False,
            layout=widgets.Layout(width="32em"),
        )
        self.picker = widgets.Dropdown(description=picker_label, layout=widgets.Layout(width="95%"))
        self.detail = widgets.HTML()
        self.picker.observe(self.show_item, names="value")
        self._build(
            [*filters, self.years],
            chart=chart,
            layout=[widgets.HBox(filters), self.years, "chart", "text", self.picker, self.detail],
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
        options = [(self.label(row), row["id"]) for _, row in rows.iterrows()]
        self.picker.options = options
        self.picker.value = options[0][1] if options else None
        self.show_item()

    def show_item(self, change: object = None) -> None:
        self.detail.value = "" if self.picker.value is None else self.card(self.picker.value)
