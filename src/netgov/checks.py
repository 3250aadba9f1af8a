"""Immediate, explained feedback for exercises.

A check takes what the learner typed and returns :class:`Feedback`: whether it is right, why, and a
hint that helps without giving the answer away. Checks never raise on a learner's answer: a blank
answer (``...`` or ``None``), a wrong type or an empty list all get a message saying what was
expected.

A lesson writes each check as the expected answer plus the mistakes it knows, for example::

    @check(as_int, "a whole number of cases")
    def q1(n):
        cases = data.load("blocking_cases")
        want = int(cases["methods"].str.contains("unknown").sum())
        return judge(n, want, f"{want} of {len(cases)} cases ...",
                     mistakes=[(len(cases), "That counts every case.", "Keep only the rows ...")],
                     otherwise=("Not the number in the data.", "Use .str.contains('unknown') ..."))

:func:`check` reads the answer once with a reader (``as_int``, ``as_text``...) and makes sure the check never
raises on what a learner typed; :func:`judge` compares the value read with the answer and the known mistakes.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import html
import math
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

import pandas as pd

from ._validate import ANY_ITERABLE, need_items, need_text, shown
from .cards import status_box

__all__ = [
    "Feedback",
    "as_days",
    "as_figure",
    "as_int",
    "as_number",
    "as_text",
    "as_text_set",
    "blank",
    "chart_title",
    "check",
    "correct",
    "judge",
    "named_traces",
    "names_match",
    "not_yet",
    "text_key",
    "trace_points",
    "trace_values",
    "unlabelled_chart",
]

_BLANKS = (None, Ellipsis)
_STATUSES = ("correct", "not yet", "unanswered", "unreadable")


class Feedback:
    """The result of a check. Shown as a labelled box in Jupyter; ``bool(feedback)`` is whether it was right."""

    def __init__(self, status: str, message: str, hint: str | None = None):
        if status not in _STATUSES:
            raise ValueError(f"Unknown feedback status {status!r}. Statuses: {', '.join(map(repr, _STATUSES))}.")
        need_text(message, "A feedback message")
        need_text(hint, "A feedback hint", optional=True)
        self.status = status
        self.message = message
        self.hint = hint

    def __bool__(self) -> bool:
        return self.status == "correct"

    @property
    def label(self) -> str:
        return {
            "correct": "Correct",
            "not yet": "Not yet",
            "unanswered": "No answer yet",
            "unreadable": "Check the form of your answer",
        }[self.status]

    def __str__(self) -> str:
        text = f"{self.label}: {self.message}"
        if self.hint:
            text += f"\nHint: {self.hint}"
        return text

    __repr__ = __str__

    def _repr_html_(self) -> str:
        kind = {"correct": "good", "not yet": "bad"}.get(self.status, "info")
        hint = f"<br><em>Hint:</em> {html.escape(self.hint)}" if self.hint else ""
        return status_box(f"{html.escape(self.message)}{hint}", kind, label=self.label)


def correct(message: str) -> Feedback:
    return Feedback("correct", message)


def not_yet(message: str, hint: str | None = None) -> Feedback:
    return Feedback("not yet", message, hint)


def blank(expected: str) -> Feedback:
    need_text(expected, "blank(expected=...), what the answer should be,")
    return Feedback("unanswered", f"Replace the `...` with {expected}, then run the cell again.")


def _is_blank(answer: object) -> bool:
    return any(answer is b for b in _BLANKS) or (isinstance(answer, str) and not answer.strip())


def _is_missing(value: object) -> bool:
    """NaN, NaT, None or pandas' NA: what pandas gives for a calculation on no rows."""
    try:
        return value is None or bool(pd.api.types.is_scalar(value) and pd.isna(value))
    except (TypeError, ValueError):
        return False


def _missing(expected: str) -> Feedback:
    return Feedback(
        "unreadable",
        f"Expected {expected}, but the value is missing (NaN). Pandas gives a missing value for a calculation on "
        "no rows: check that your filter kept some.",
    )


#: "1,200" and "12,000.5": commas between groups of three digits. Anything else with a comma ("0,86", "3,5")
#: is a decimal comma, which many countries write.
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")


def _is_array(value: object) -> bool:
    """A column, an index or an array: the containers of several values that pandas and numpy hand back."""
    return pd.api.types.is_array_like(value)


def _several(value: object) -> bool:
    """A table, a column, an index or an array."""
    return isinstance(value, pd.DataFrame) or _is_array(value)


def _first(values: object) -> object:
    """The first value of a table, column, index or array, as pandas or numpy holds it."""
    flat = values.to_numpy() if hasattr(values, "to_numpy") else values
    return flat.ravel()[0]


def _is_duration(value: object) -> bool:
    """One duration (one date minus another): a Timedelta, a timedelta, or numpy's timedelta64."""
    if isinstance(value, datetime.timedelta):
        return not _is_missing(value)
    scalar = pd.api.types.is_scalar(value) and not isinstance(value, str)
    return scalar and pd.api.types.is_timedelta64_dtype(getattr(value, "dtype", None)) and not _is_missing(value)


def _number_in_text(text: str, expected: str) -> float | Feedback:
    text = text.strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return Feedback("unreadable", f"Expected {expected}, but {text!r} is text that is not a number.")


def _several_values(answer: object, expected: str) -> Feedback:
    """What to say of a table or a column given where one number was expected: what it most likely is."""
    if isinstance(answer, pd.DataFrame):
        if answer.empty:
            return Feedback("unreadable", f"Expected {expected}, but got an empty table: your filter kept no rows.")
        return Feedback(
            "unreadable",
            f"Expected {expected}, but got a whole table ({_plural(len(answer), 'row')}, "
            f"{_plural(answer.shape[1], 'column')}). If the answer is how many rows it has, pass the table to `len`.",
        )
    values = pd.Series((answer.to_numpy() if hasattr(answer, "to_numpy") else answer).ravel())
    if values.empty:
        return Feedback("unreadable", f"Expected {expected}, but got no values at all: your filter kept no rows.")
    if pd.api.types.is_bool_dtype(getattr(answer, "dtype", None)):
        return Feedback(
            "unreadable",
            f"Expected {expected}, but got {len(values)} True/False values, one per row: a condition, not yet "
            "counted. `.sum()` counts the rows where it is True.",
        )
    return Feedback(
        "unreadable",
        f"Expected {expected}, but got {len(values)} values at once. The answer is one value: pick it out, "
        "or count or combine the values.",
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def as_number(answer: object, expected: str) -> float | Feedback:
    """Read a number from an int, float, numpy scalar, one-element Series or array, or numeric string
    ("1,200" and "0,86" too)."""
    if _is_blank(answer):
        return blank(expected)
    if _several(answer):
        if answer.size != 1:
            return _several_values(answer, expected)
        answer = _first(answer)
    if pd.api.types.is_bool(answer):
        return Feedback("unreadable", f"Expected {expected}, not True or False.")
    if _is_duration(answer):
        return Feedback(
            "unreadable",
            f"Expected {expected}, but got a duration ({pd.Timedelta(answer)}). A duration's `.days` is its "
            "number of days.",
        )
    if _is_missing(answer):
        return _missing(expected)
    if isinstance(answer, str):
        value = _number_in_text(answer, expected)
        if isinstance(value, Feedback):
            return value
    else:
        try:
            value = float(answer)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            return Feedback("unreadable", f"Expected {expected}, not {shown(answer)}.")
    if value != value:  # NaN, also typed as text
        return _missing(expected)
    if not math.isfinite(value):
        return Feedback("unreadable", f"Expected {expected}, not {value}.")
    return value


def as_int(answer: object, expected: str) -> int | Feedback:
    """Read a whole number (a year, a count); a Timestamp gives its year."""
    if isinstance(answer, pd.Timestamp):
        return int(answer.year)
    value = as_number(answer, expected)
    if isinstance(value, Feedback):
        return value
    if value != int(value):
        return Feedback("unreadable", f"Expected {expected}, a whole number, not {value:g}.")
    return int(value)


def as_days(answer: object, expected: str, *, whole: bool = True) -> int | float | Feedback:
    """Read a number of days; a duration (one date minus another: a ``Timedelta``, or a column of one) counts
    as its days. With ``whole=False`` the days may have a fraction, as a median or a mean may."""
    duration = _first(answer) if _several(answer) and answer.size == 1 else answer
    if _is_duration(duration):
        days = pd.Timedelta(duration) / pd.Timedelta(days=1)
        if whole and days != int(days):
            return Feedback("unreadable", f"Expected {expected}, but {pd.Timedelta(duration)} is not whole days.")
        return int(days) if whole else float(days)
    return as_int(answer, expected) if whole else as_number(answer, expected)


def as_figure(answer: object, expected: str) -> object | Feedback:
    """Read a plotly figure (what ``px.line`` or ``go.Figure`` gives); the check reads its traces and layout."""
    if _is_blank(answer):
        return blank(expected)
    if not (hasattr(answer, "data") and hasattr(answer, "layout") and type(answer).__module__.startswith("plotly.")):
        return Feedback("unreadable", f"Expected {expected}, not {shown(answer)}.")
    return answer


_TYPED_ARRAYS = {
    "i1": "b",
    "u1": "B",
    "i2": "h",
    "u2": "H",
    "i4": "i",
    "u4": "I",
    "i8": "q",
    "u8": "Q",
    "f4": "f",
    "f8": "d",
}


def chart_title(axis_or_layout: object) -> str:
    """The text of a figure's title (``figure.layout``) or an axis's title (``figure.layout.xaxis``), or ""."""
    title = getattr(axis_or_layout, "title", None)
    return (getattr(title, "text", None) or "").strip()


def unlabelled_chart(figure: object, column_names: Iterable[str], *, says: str, labels_hint: str) -> Feedback | None:
    """What a chart task tells a learner whose figure has no title, or an axis titled by nothing or by a column's
    name (one of ``column_names``); None when both are labelled in words. ``says`` ends the title hint ("what is
    plotted"); ``labels_hint`` shows a ``labels={...}`` that fits the task."""
    if not (hasattr(figure, "data") and hasattr(figure, "layout")):
        raise TypeError(f"unlabelled_chart() needs a plotly figure, not {shown(figure)}.")
    function = "px.bar" if any(getattr(t, "type", "") == "bar" for t in getattr(figure, "data", ())) else "px.line"
    if not chart_title(figure.layout):
        return not_yet("The chart has no title.", f"Add `title='...'` to `{function}`, saying {says}.")
    bare = set(column_names)
    for axis, what in ((figure.layout.xaxis, "x"), (figure.layout.yaxis, "y")):
        if not chart_title(axis) or chart_title(axis) in bare:
            return not_yet(
                f"The {what} axis is not labelled in words (it shows a column name or nothing).", labels_hint
            )
    return None


def trace_values(values: object) -> list:
    """A trace's ``x`` or ``y`` as a plain list: plotly may hold them as a numpy array, a tuple, or (once a figure
    has been through JSON) a typed array ``{"dtype": ..., "bdata": ...}`` in base64."""
    if values is None:
        return []
    if isinstance(values, dict) and {"dtype", "bdata"} <= set(values):
        import base64
        import struct

        # plotly's typed arrays are little-endian numpy dtypes ("i2", "f8"...); struct reads them without numpy.
        code = _TYPED_ARRAYS.get(str(values["dtype"]).lstrip("<|"))
        if code is None:
            raise ValueError(f"trace_values() cannot read a typed array of {values['dtype']!r}.")
        raw = base64.b64decode(values["bdata"])
        return list(struct.unpack(f"<{len(raw) // struct.calcsize(code)}{code}", raw))
    if isinstance(values, str) or not isinstance(values, ANY_ITERABLE):
        raise TypeError(
            f"trace_values() needs a trace's x or y (a list, an array or a typed array), not {shown(values)}."
        )
    return list(values)


def named_traces(figure: object, names: Mapping[Hashable, Iterable[str]]) -> dict:
    """{key: trace} for the traces of a chart that are named after a key: ``names`` gives each key the names a
    learner may give its series (a code and its label, say), compared whole as :func:`names_match` compares them.
    Traces with no name the task knows, or without x or y, are left out; a chart task then names what is missing."""
    if not (hasattr(figure, "data") and hasattr(figure, "layout")):
        raise TypeError(f"named_traces() needs a plotly figure, not {shown(figure)}.")
    if not isinstance(names, Mapping):
        raise TypeError(
            f"named_traces() needs {{key: [names]}}, such as {{'KZ': ['KZ', 'Kazakhstan']}}, not {shown(names)}."
        )
    accepted = {
        key: [str(n) for n in need_items(n, "A key's names", "a list of names", containers=ANY_ITERABLE)]
        for key, n in names.items()
    }
    found = {}
    for trace in figure.data:
        name = str(getattr(trace, "name", "") or "")
        if not name.strip() or getattr(trace, "x", None) is None or getattr(trace, "y", None) is None:
            continue
        key = next((key for key, ok in accepted.items() if names_match(name, ok)), None)
        if key is not None:
            found[key] = trace
    return found


def trace_points(trace: object, *, x: Callable = int, y: Callable = float) -> dict:
    """A trace's points as {x: y}, each read with the given function (``int`` for years, ``float`` for values); the
    points with no y (None or NaN: the gaps a wide table leaves) are left out. A value the function cannot read
    raises TypeError or ValueError, for the check to say what the axis should hold."""
    pairs = zip(trace_values(getattr(trace, "x", None)), trace_values(getattr(trace, "y", None)), strict=False)
    points = {}
    for a, b in pairs:
        if _is_missing(b):
            continue
        try:
            points[x(a)] = y(b)
        except (TypeError, ValueError) as error:
            what = f"{getattr(x, '__name__', 'x')} and {getattr(y, '__name__', 'y')}"
            raise type(error)(f"trace_points() cannot read the point ({a!r}, {b!r}) with {what}.") from error
    return points


def _looks_like_counts(series: pd.Series) -> bool:
    """Whether a Series is what ``value_counts()`` gives: numbers, labelled by what was counted."""
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_integer_dtype(series.index)


def as_text(answer: object, expected: str, *, top_of_counts: bool = False) -> str | Feedback:
    """Read a short text answer, stripped; a Series, index or array holding one text counts as that text.
    With ``top_of_counts``, a ``value_counts()`` Series counts as its most common label, so a learner may pass
    the counts themselves."""
    if _is_blank(answer):
        return blank(expected)
    if isinstance(answer, str):
        return answer.strip()
    if top_of_counts and isinstance(answer, pd.Series) and len(answer) and _looks_like_counts(answer):
        return str(answer.index[0])
    if _is_array(answer) and answer.size == 1:
        item = _first(answer)
        if isinstance(item, str) and item.strip():
            return item.strip()
    if _is_array(answer) and answer.size > 1:
        return Feedback("unreadable", f"Expected {expected} as text, but got {answer.size} values at once: give one.")
    return Feedback("unreadable", f"Expected {expected} as text, not {shown(answer)}.")


#: What separates the items of a list typed as one string: "KG, TJ" or "blogger;commenter".
_ITEM_SEPARATORS = re.compile(r"[,;]")


def _items_in_text(text: str) -> list[str]:
    """The items of a list typed as one string, with the brackets and quotes of a copied list taken off:
    "['KG', 'TJ']" and "KG, TJ" give the same two items."""
    return [item.strip().strip("'\"").strip() for item in _ITEM_SEPARATORS.split(text.strip().strip("[](){}"))]


def as_text_set(answer: object, expected: str) -> set[str] | Feedback:
    """Read a collection of labels, ignoring order and case: a list, tuple or set, a Series, an index or an
    array (what ``.unique()`` gives), or one string, whose items may be separated by commas or semicolons."""
    if _is_blank(answer):
        return blank(expected)
    if isinstance(answer, str):
        items: Iterable[object] = _items_in_text(answer)
    elif isinstance(answer, pd.DataFrame):
        return Feedback(
            "unreadable", f"Expected {expected}, but got a whole table: give one of its columns, not the table."
        )
    elif _is_array(answer) and getattr(answer, "ndim", 1) > 1:
        return Feedback(
            "unreadable", f"Expected {expected} (a list of names), not a table of {_plural(answer.size, 'value')}."
        )
    elif _is_array(answer) or isinstance(answer, list | tuple | set | frozenset):
        items = list(answer)
    else:
        return Feedback("unreadable", f"Expected {expected} (a list of names), not {shown(answer)}.")
    cleaned = set()
    for item in items:
        if _is_missing(item):
            return Feedback(
                "unreadable",
                f"Expected {expected}, but one item is missing (NaN). `.dropna()` removes the missing values "
                "of a column.",
            )
        if not isinstance(item, str):
            return Feedback("unreadable", f"Expected {expected}, but one item is not text: {shown(item)}.")
        if item.strip():
            cleaned.add(item.strip().casefold())
    if not cleaned:
        return Feedback("unreadable", f"Expected {expected}, but the collection is empty.")
    return cleaned


def text_key(text: str) -> str:
    """A text answer reduced to what matters when comparing names: case, punctuation, separators
    (``-``, ``_``, ``/``, ``.``) and extra spaces do not count. ``"TLS_SNI"`` and ``"tls-sni"`` both give
    ``"tls sni"``."""
    need_text(text, "text_key()'s text")
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def names_match(answer: str, accepted: Iterable[str]) -> bool:
    """Whether a text answer is one of the accepted names, compared whole with :func:`text_key`.

    Never a substring test: a fragment ("kaz"), a single letter or a negation ("no SNI") is not a name."""
    need_text(answer, "names_match()'s answer")
    names = need_items(
        accepted,
        "names_match()'s accepted names",
        "a list of names such as ['tls_sni', 'SNI']",
        item=str,
        containers=ANY_ITERABLE,
    )
    key = text_key(answer)
    return bool(key) and key in {text_key(name) for name in names}


def check(read: Callable[..., object], expected: str, **options) -> Callable:
    """Make a function of the value read into an exercise check that takes the learner's raw answer.

    ``read(answer, expected, **options)`` (one of the ``as_*`` readers) turns the answer into a value or into
    :class:`Feedback` saying why it cannot be read, which the check returns as it is. A check never raises on a
    learner's answer: should the function fail on a value the reader let through, the learner is told the
    answer could not be checked and what was expected, instead of seeing a traceback.
    """
    if not callable(read):
        raise TypeError(f"check() needs a reader such as as_int as its first argument, not {shown(read)}.")
    need_text(expected, "check()'s expected, what the answer should be,")

    def decorate(function: Callable[[object], Feedback]) -> Callable[[object], Feedback]:
        @functools.wraps(function)
        def checked(answer: object) -> Feedback:
            value = read(answer, expected, **options)
            if isinstance(value, Feedback):
                return value
            try:
                return function(value)
            except Exception as error:  # noqa: BLE001 - a learner must never see a traceback from a check
                return Feedback(
                    "unreadable",
                    f"This answer could not be checked ({type(error).__name__}). Expected {expected}.",
                )

        checked.expected = expected
        return checked

    return decorate


def _decimals(value: float) -> int:
    """How many decimal places a number shows: 2 for 0.86, 0 for 86, -1 for 90, -3 for 4000."""
    exponent = decimal.Decimal(repr(float(value))).normalize().as_tuple().exponent
    return -int(exponent)


def _rounded_places(value: object, expected: object) -> int | None:
    """The decimal places to which ``expected`` rounds to ``value``, when a non-whole ``expected`` was rounded
    to as many places as ``value`` shows (0.9 for 0.857, 90 for 85.7, 4,000 for 4,012.5); else None."""
    numbers = (int, float)
    if isinstance(value, bool) or not isinstance(value, numbers) or not isinstance(expected, float):
        return None
    if not math.isfinite(value) or not math.isfinite(expected) or value == 0 or expected.is_integer():
        return None
    shown_places = _decimals(value)
    for places in range(max(shown_places, 0), shown_places - 1, -1):  # the most precise rounding first
        # A fraction rounded to a whole number (1 for 0.86) says nothing: 1 is also "all of them".
        if round(expected, places) == value and (places > 0 or abs(expected) >= 1):
            return places
    return None


def _places(places: int) -> str:
    if places > 0:
        return f"{places} decimal place{'s' if places > 1 else ''}"
    return {0: "a whole number", -1: "the nearest ten", -2: "the nearest hundred"}.get(
        places, f"the nearest {10**-places:,}"
    )


def judge(
    value: object,
    expected: object,
    right: str,
    *,
    mistakes: Sequence[tuple[object, str, str]] = (),
    otherwise: tuple[str, str],
    tolerance: float = 0,
    no_rows_hint: str | None = None,
) -> Feedback:
    """Compare a value with the expected answer, then with each known mistake.

    ``mistakes`` are ``(wrong, message, hint)``; ``wrong`` is a value, or a function of the value that says
    whether it is this mistake. The first that matches is the feedback. Numbers match within ``tolerance``.
    Then come the mistakes any such answer may hold: for a count of the rows a filter keeps, 0 when the answer
    is not 0 means the filter kept no rows, and ``no_rows_hint`` says what to look at (the values compared, as
    the data spells them); a non-whole answer rounded too far is named as such. ``otherwise`` is the
    ``(message, hint)`` for any other value.
    """

    need_text(right, "judge()'s right, what a right answer is told,")
    need_text(no_rows_hint, "judge()'s no_rows_hint", optional=True)

    def same(a: object, b: object) -> bool:
        if tolerance and isinstance(a, int | float) and isinstance(b, int | float):
            return abs(a - b) <= tolerance
        return a == b

    if same(value, expected):
        return correct(right)
    for wrong, message, hint in mistakes:
        if wrong(value) if callable(wrong) else same(value, wrong):
            return not_yet(message, hint)
    if no_rows_hint is not None and value == 0 and expected != 0:
        return not_yet("0: your filter kept no rows.", no_rows_hint)
    places = _rounded_places(value, expected)
    if places is not None:
        return not_yet(
            f"{value:,g} is close: it is the answer rounded to {_places(places)}.",
            "Give the number as your code computes it, without rounding it: the check allows for small differences.",
        )
    message, hint = otherwise
    return not_yet(message, hint)
