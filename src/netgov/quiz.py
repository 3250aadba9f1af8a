"""Check-your-understanding questions: pick an answer, press Check, read why it is right or wrong.

Each lesson keeps its questions as text in ``quiz.toml`` next to its code (see :func:`from_file`): a question,
its choices, which one is right and why each is right or wrong. Numbers and dates in that text are written as
``{placeholders}`` and filled from the data when the quiz is built, so a correction to the data reaches the
explanations.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets

from ._validate import need_items, need_text
from .cards import status_box

__all__ = ["Choice", "MultipleChoice", "from_file", "quiz"]

#: Radio-button labels do not wrap in JupyterLab; longer ones overlap the next choice.
MAX_CHOICE_LENGTH = 90


@dataclass(frozen=True)
class Choice:
    """One answer to a question: its text, whether it is right, and why (shown after Check)."""

    text: str
    correct: bool
    why: str

    def __post_init__(self):
        for field, value in (("text", self.text), ("why", self.why)):
            need_text(value, f"A choice's {field}")
            if not value.strip():
                raise ValueError(f"A choice needs some {field}: it is shown to the learner.")
        if not isinstance(self.correct, bool):
            raise TypeError(f"A choice's correct must be True or False, not {type(self.correct).__name__}.")


class MultipleChoice:
    """One question with explained feedback for every choice.

    ``answer(index)`` checks a choice from code (tests use it); the widget's Check button does the same
    for the choice selected in the radio buttons.
    """

    def __init__(self, question: str, choices: list[Choice]):
        need_text(question, "A question")
        if not question.strip():
            raise ValueError("A question needs some text.")
        choices = need_items(choices, "A question's choices", "a list of Choice(text, correct, why)", item=Choice)
        if len(choices) < 2 or sum(c.correct for c in choices) != 1:
            raise ValueError("A question needs at least two choices, exactly one of them correct.")
        long = [c.text for c in choices if len(c.text) > MAX_CHOICE_LENGTH]
        if long:
            raise ValueError(
                f"Choices are shown on one line each and must be at most {MAX_CHOICE_LENGTH} characters: {long}"
            )
        self.question = question
        self.choices = list(choices)
        self.options = widgets.RadioButtons(
            options=[(c.text, i) for i, c in enumerate(self.choices)],
            value=None,
            layout=widgets.Layout(width="auto"),
        )
        self.button = widgets.Button(description="Check", button_style="primary", tooltip="Check your answer")
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _: self.answer(self.options.value))
        self.widget = widgets.VBox(
            [widgets.HTML(f"<p><strong>{html.escape(question)}</strong></p>"), self.options, self.button, self.feedback]
        )

    def answer(self, index: int | None) -> bool:
        """Show the feedback for a choice (by position) and return whether it was right."""
        if index is None:
            self.feedback.value = status_box("Pick one of the answers above, then press <em>Check</em>.")
            return False
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.choices):
            raise ValueError(f"Choose an answer by its position, 0 to {len(self.choices) - 1}, not {index!r}.")
        choice = self.choices[index]
        kind, label = ("good", "Correct") if choice.correct else ("bad", "Not quite")
        self.feedback.value = status_box(html.escape(choice.why), kind, label=label)
        return choice.correct


def quiz(questions: list[MultipleChoice]) -> widgets.VBox:
    """Stack several questions, numbered."""
    questions = need_items(questions, "quiz()'s questions", "a list of MultipleChoice questions", item=MultipleChoice)
    if not questions:
        raise ValueError("quiz() got no questions; give it a list of one or more MultipleChoice questions.")
    boxes = []
    for n, q in enumerate(questions, start=1):
        boxes.append(widgets.HTML(f"<h4>Question {n}</h4>"))
        boxes.append(q.widget)
    return widgets.VBox(boxes)


#: Where the right answer goes in the 1st, 2nd, 3rd... question of a quiz (modulo the number of choices), so that
#: its position tells a learner nothing: authors may write it anywhere, often first.
RIGHT_ANSWER_POSITIONS = (2, 0, 3, 1)


def _place_right_answer(choices: list[Choice], number: int) -> list[Choice]:
    """The choices with the right one moved to its place for question ``number``; the others keep their order."""
    right = [c for c in choices if c.correct]
    if len(right) != 1:
        return choices  # MultipleChoice explains what is wrong
    others = [c for c in choices if not c.correct]
    position = RIGHT_ANSWER_POSITIONS[(number - 1) % len(RIGHT_ANSWER_POSITIONS)] % len(choices)
    return [*others[:position], right[0], *others[position:]]


def from_file(path: str | Path, **values: object) -> list[MultipleChoice]:
    """The questions written in a lesson's ``quiz.toml``, with ``{placeholders}`` filled from ``values``.

    The file holds ``[[questions]]`` tables, each with a ``question`` and ``[[questions.choices]]`` tables of
    ``text``, ``correct`` (true or false) and ``why``. The right choice is moved to a position that changes from
    question to question (:data:`RIGHT_ANSWER_POSITIONS`); the others keep the order the file gives. A
    placeholder takes Python's format syntax, so a date may say how it is written: ``{signed:%d %B %Y}``.
    """
    import tomllib

    path = Path(path)
    try:
        content = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"Cannot read the quiz in {path}: {error}") from error

    def fill(text: object, where: str) -> str:
        need_text(text, f"{path.name}: {where}")
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(
                f"{path.name}: {where} has a placeholder that cannot be filled ({error!r}); "
                f"the values given are {sorted(values)}."
            ) from error

    questions = []
    for n, entry in enumerate(content.get("questions", []), start=1):
        choices = [
            Choice(
                fill(c.get("text"), f"question {n}, choice {m}"),
                c.get("correct"),
                fill(c.get("why"), f"question {n}, choice {m}'s why"),
            )
            for m, c in enumerate(entry.get("choices", []), start=1)
        ]
        questions.append(MultipleChoice(fill(entry.get("question"), f"question {n}"), _place_right_answer(choices, n)))
    if not questions:
        raise ValueError(f"{path} has no [[questions]].")
    return questions
