"""Argument checks shared by the kit's public functions: each error says what was wrong and what is accepted."""

from __future__ import annotations

from collections.abc import Iterable


def shown(value: object) -> str:
    """A value as a person would recognise it in a message: its type and a short repr."""
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"


def need_text(value: object, what: str, *, optional: bool = False) -> None:
    """``value`` must be a str (or None when ``optional``)."""
    if optional and value is None:
        return
    if not isinstance(value, str):
        accepted = "text (a str) or None" if optional else "text (a str)"
        raise TypeError(f"{what} must be {accepted}, not {type(value).__name__}.")


def need_figure(fig: object, what: str) -> None:
    from plotly.basedatatypes import BaseFigure

    if not isinstance(fig, BaseFigure):
        raise TypeError(f"{what} needs a plotly Figure or FigureWidget, not {type(fig).__name__}.")


def need_items(
    value: object, what: str, expected: str, *, item: type | None = None, containers: tuple | type = (list, tuple)
) -> list:
    """Several values in one of ``containers``, each an ``item`` when given; returned as a list.

    A lone string is never taken for several values: it would be read letter by letter. ``expected`` says
    what is accepted, for example "a list of market shares in percent, such as [40, 35, 25]".
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, containers):
        raise TypeError(f"{what} must be {expected}, not {shown(value)}.")
    items = list(value)
    if item is not None:
        bad = [type(v).__name__ for v in items if not isinstance(v, item)]
        if bad:
            raise TypeError(f"{what} must hold only {item.__name__} values ({expected}); got {', '.join(bad)}.")
    return items


#: For ``need_items``: any iterable (a list, a tuple, a Series, a generator), not only a list or tuple.
ANY_ITERABLE = Iterable


def need_whole_number(value: object, what: str, example: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be a whole number such as {example}, not {value!r}.")
    return value


def need_number(value: object, what: str, accepted: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number ({accepted}), not {type(value).__name__} {value!r}.")
    return float(value)
