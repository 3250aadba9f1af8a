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

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from ._validate import ANY_ITERABLE, need_items, need_text, shown
from .cards import status_box

__all__ = [
    "Feedback",
    "as_days",
    "as_int",
    "as_number",
    "as_text",
    "as_text_set",
    "blank",
    "check",
    "correct",
    "judge",
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


def as_days(answer: object, expected: str) -> int | Feedback:
    """Read a whole number of days; a ``Timedelta`` (one date minus another) counts as its days."""
    if isinstance(answer, pd.Timedelta) and not pd.isna(answer):
        return int(answer.days)
    return as_int(answer, expected)


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


def judge(
    value: object,
    expected: object,
    right: str,
    *,
    mistakes: Sequence[tuple[object, str, str]] = (),
    otherwise: tuple[str, str],
    tolerance: float = 0,
) -> Feedback:
    """Compare a value with the expected answer, then with each known mistake.

    ``mistakes`` are ``(wrong value, message, hint)``; the first that matches is the feedback. ``otherwise``
    is the ``(message, hint)`` for any other value. Numbers match within ``tolerance``.
    """

    need_text(right, "judge()'s right, what a right answer is told,")

    def same(a: object, b: object) -> bool:
        if tolerance and isinstance(a, int | float) and isinstance(b, int | float):
            return abs(a - b) <= tolerance
        return a == b

    if same(value, expected):
        return correct(right)
    for wrong, message, hint in mistakes:
        if same(value, wrong):
            return not_yet(message, hint)
    message, hint = otherwise
    return not_yet(message, hint)
