"""Argument checks shared by the kit's public functions: each error says what was wrong and what is accepted."""

from __future__ import annotations


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


def need_names(value: object, what: str, example: tuple[str, ...]) -> tuple[str, ...]:
    """A list or tuple of str names; a lone string is refused, since it would be read letter by letter."""
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise TypeError(f"{what} must be a list or tuple of names such as {example!r}, not {type(value).__name__}.")
    bad = [v for v in value if not isinstance(v, str)]
    if bad:
        raise TypeError(f"{what} must hold names (str) such as {example!r}; got {bad!r}.")
    return tuple(value)


def need_whole_number(value: object, what: str, example: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be a whole number such as {example}, not {value!r}.")
    return value


def need_number(value: object, what: str, accepted: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number ({accepted}), not {type(value).__name__} {value!r}.")
    return float(value)
