"""Immediate, explained feedback for exercises.

A check takes what the learner typed and returns :class:`Feedback`: whether it is right, why, and a
hint that helps without giving the answer away. Checks never raise on a learner's answer: a blank
answer (``...`` or ``None``), a wrong type or an empty list all get a message saying what was
expected.

Lessons build their checks from the helpers here, for example::

    def q1(answer):
        years = as_int(answer, "a year such as 2005")
        if isinstance(years, Feedback):
            return years                      # the answer could not be read: say why
        ...
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from ._validate import ANY_ITERABLE, need_items, need_number, need_text, shown

__all__ = [
    "Feedback",
    "as_int",
    "as_number",
    "as_text",
    "as_text_set",
    "blank",
    "correct",
    "first_year_above",
    "names_match",
    "not_yet",
    "text_key",
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
        # The label is written out in words, so colour is never the only signal.
        colour = {"correct": "#009E73", "not yet": "#D55E00"}.get(self.status, "#0072B2")
        icon = {"correct": "✔", "not yet": "✘"}.get(self.status, "?")
        hint = f"<br><em>Hint:</em> {html.escape(self.hint)}" if self.hint else ""
        return (
            f'<div role="status" style="border-left:6px solid {colour};padding:0.4em 0.8em;margin:0.3em 0;">'
            f'<strong><span aria-hidden="true">{icon} </span>{self.label}.</strong> '
            f"{html.escape(self.message)}{hint}</div>"
        )


def correct(message: str) -> Feedback:
    return Feedback("correct", message)


def not_yet(message: str, hint: str | None = None) -> Feedback:
    return Feedback("not yet", message, hint)


def blank(expected: str) -> Feedback:
    need_text(expected, "blank(expected=...), what the answer should be,")
    return Feedback("unanswered", f"Replace the `...` with {expected}, then run the cell again.")


def _is_blank(answer: object) -> bool:
    return any(answer is b for b in _BLANKS) or (isinstance(answer, str) and not answer.strip())


def as_number(answer: object, expected: str) -> float | Feedback:
    """Read a number from an int, float, numpy scalar, one-element Series or numeric string."""
    if _is_blank(answer):
        return blank(expected)
    if isinstance(answer, pd.Series | pd.DataFrame):
        if answer.size != 1:
            return Feedback("unreadable", f"Expected {expected}, but got a table with {answer.size} values.")
        answer = answer.to_numpy().ravel()[0]
    if isinstance(answer, bool):
        return Feedback("unreadable", f"Expected {expected}, not True or False.")
    if isinstance(answer, str):
        try:
            return float(answer.strip().replace(",", ""))
        except ValueError:
            return Feedback("unreadable", f"Expected {expected}, but {answer!r} is text that is not a number.")
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback("unreadable", f"Expected {expected}, not {shown(answer)}.")
    if value != value:  # NaN
        return Feedback("unreadable", f"Expected {expected}, but the value is missing (NaN).")
    return value


def as_int(answer: object, expected: str) -> int | Feedback:
    """Read a whole number (a year, a count); a Timestamp gives its year."""
    if isinstance(answer, pd.Timestamp):
        return int(answer.year)
    value = as_number(answer, expected)
    if isinstance(value, Feedback):
        return value
    if value != int(value):
        return Feedback("unreadable", f"Expected {expected}, a whole number, not {value}.")
    return int(value)


def as_text(answer: object, expected: str, *, top_of_counts: bool = False) -> str | Feedback:
    """Read a short text answer, stripped. With ``top_of_counts``, a ``value_counts()`` Series counts as its
    most common label, so a learner may pass the counts themselves."""
    if _is_blank(answer):
        return blank(expected)
    if isinstance(answer, str):
        return answer.strip()
    if top_of_counts and isinstance(answer, pd.Series) and len(answer):
        return str(answer.index[0])
    return Feedback("unreadable", f"Expected {expected} as text, not {shown(answer)}.")


def as_text_set(answer: object, expected: str) -> set[str] | Feedback:
    """Read a collection of labels (list, tuple, set, Series, Index, or one string), ignoring order and case."""
    if _is_blank(answer):
        return blank(expected)
    if isinstance(answer, str):
        items: Iterable[object] = [answer]
    elif isinstance(answer, pd.DataFrame):
        return Feedback("unreadable", f"Expected {expected}; pick one column of the table (for example df['name']).")
    elif isinstance(answer, pd.Series | pd.Index) or isinstance(answer, list | tuple | set | frozenset):
        items = list(answer)
    else:
        return Feedback("unreadable", f"Expected {expected} (a list of names), not {shown(answer)}.")
    cleaned = set()
    for item in items:
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


def first_year_above(values: pd.Series, threshold: float) -> int | None:
    """The first index label (a year) at which a Series is strictly above a threshold, or None."""
    if not isinstance(values, pd.Series):
        raise TypeError(f"first_year_above() needs a pandas Series indexed by year, not {type(values).__name__}.")
    threshold = need_number(threshold, "first_year_above(threshold=...)", "a percentage such as 50")
    above = values[values > threshold]
    return None if above.empty else int(above.index.min())
