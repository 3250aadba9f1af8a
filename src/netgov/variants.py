"""Variants of a lesson's exercises: the same tasks about another year, case, country or network.

The solutions to the published exercises are in the kit for anyone to read, so their auto-checked tasks can
only be formative. A *variant* asks the same tasks with other parameters, chosen from the data by a seed the
instructor picks; the right answers are worked out from the data by the same checks, so nothing is typed twice.

Each lesson's ``checks`` module keeps its parameters in one :class:`Variants` (``VARIANTS``): the published
values, and a function that chooses other values with a seeded random generator. Its checks and its
``answers()`` read ``VARIANTS["name"]``, never a value of their own, so that::

    from netgov.lesson5 import checks as check
    check.use_variant(7)        # every check now expects variant 7's answers
    check.use_variant(None)     # back to the published exercises

``python -m netgov assign N --variant 7`` writes variant 7's exercise notebook (whose first cell makes this
call), its solutions and its autograder, and ``python -m netgov grade ... --variant 7`` grades against it.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Iterator, Mapping

from ._validate import shown

__all__ = ["SEED_MAX", "Variants", "need_seed"]

#: The largest seed: six digits are enough for a class and short enough to read out.
SEED_MAX = 999_999


def need_seed(seed: object) -> int | None:
    """A variant's seed, a whole number from 1 to :data:`SEED_MAX` (given as a number or as text, as a command
    line gives it); None is the published exercises."""
    if seed is None:
        return None
    if isinstance(seed, str) and seed.strip().isdigit():
        seed = int(seed.strip())
    if isinstance(seed, bool) or not isinstance(seed, int) or not 1 <= seed <= SEED_MAX:
        raise ValueError(
            f"A variant is a whole number from 1 to {SEED_MAX:,} (such as 7), or None for the published exercises; "
            f"not {shown(seed)}."
        )
    return seed


class Variants:
    """A lesson's exercise parameters: the published values and how a seed chooses others.

    ``defaults`` are the published values; ``choose(rng)`` returns the values a variant changes (a dict with some
    of the same keys), choosing with ``rng`` (a :class:`random.Random`) among values the data allows and never
    the published one. ``tasks`` says which parameters each task reads (``{"q1": ("by_year",)}``): the tasks
    a variant changes are those whose parameters it changes. ``texts(parameters)`` gives the prompts' words for
    the parameters (``{"country_name": "Russia"}``); every parameter is also there as ``str(value)``.
    """

    def __init__(
        self,
        lesson: int,
        defaults: Mapping[str, object],
        choose: Callable[[random.Random], Mapping[str, object]],
        tasks: Mapping[str, tuple[str, ...]],
        texts: Callable[[Mapping[str, object]], Mapping[str, str]] | None = None,
    ):
        if isinstance(lesson, bool) or not isinstance(lesson, int):
            raise TypeError(f"Variants() needs the lesson's number, not {shown(lesson)}.")
        unknown = sorted({name for names in tasks.values() for name in names} - set(defaults))
        if unknown:
            raise ValueError(f"The tasks read parameters that have no published value: {', '.join(unknown)}.")
        self.lesson = lesson
        self.defaults = dict(defaults)
        self.tasks = {task: tuple(names) for task, names in tasks.items()}
        self._choose = choose
        self._texts = texts
        self._cache: dict[int, dict[str, object]] = {}
        self.seed: int | None = None
        self._current = self.defaults

    def __getitem__(self, name: str) -> object:
        return self._current[name]

    def parameters(self, seed: object = None) -> dict[str, object]:
        """Every parameter's value in variant ``seed`` (the published values for None)."""
        seed = need_seed(seed)
        if seed is None:
            return dict(self.defaults)
        if seed not in self._cache:
            # A str seed makes random.Random hash it with SHA-512: the same choice on every machine and version.
            chosen = dict(self._choose(random.Random(f"netgov-lesson{self.lesson}-variant{seed}")))
            unknown = sorted(set(chosen) - set(self.defaults))
            if unknown:
                raise ValueError(f"Lesson {self.lesson}'s variants chose parameters it does not have: {unknown}.")
            self._cache[seed] = self.defaults | chosen
        return dict(self._cache[seed])

    def changed_tasks(self, seed: object) -> list[str]:
        """The tasks whose parameters variant ``seed`` changes, in order."""
        values = self.parameters(seed)
        return [task for task, names in self.tasks.items() if any(values[n] != self.defaults[n] for n in names)]

    def use(self, seed: object) -> None:
        """Make every check of the lesson expect variant ``seed``'s answers (None: the published exercises)."""
        values = self.parameters(seed)
        self.seed = need_seed(seed)
        self._current = values

    @contextlib.contextmanager
    def using(self, seed: object) -> Iterator[dict[str, object]]:
        """Variant ``seed`` inside a ``with`` block, and whatever was in use before it afterwards."""
        before = self.seed
        self.use(seed)
        try:
            yield dict(self._current)
        finally:
            self.use(before)

    def texts(self, seed: object = None) -> dict[str, str]:
        """The words the prompts of variant ``seed`` use for its parameters, by name."""
        values = self.parameters(seed)
        words = {name: _word(value) for name, value in values.items()}
        if self._texts is not None:
            words |= {name: str(text) for name, text in self._texts(values).items()}
        return words


def _word(value: object) -> str:
    if isinstance(value, tuple | list):
        return ", ".join(map(str, value))
    return str(value)
