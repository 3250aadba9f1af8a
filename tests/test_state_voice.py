"""Every lesson states the Kazakh state's own case, from the state's own texts where the data has them.

Each lesson notebook has one cell (id ``state-case``) that selects the state's statements from ``positions.csv``
with :mod:`netgov.voice` and shows them. The test runs that cell's selection and checks what it renders:

- the selection holds statements of the Kazakh state (its bodies and the office holders coded in their own name);
- at least one of them cites a source of a government kind (a government page or a legal text), except in the
  lessons listed in ``NO_OWN_TEXT_YET``, where none was found in the sources read. That list can only shrink: when
  such a lesson gains one, the test fails until the lesson is taken off it (and its prose checked);
- every source the rendered list cites appears in it with its address.

It also fails when data/README.md's table of sources by kind is stale (``python -m netgov dictionary --write``).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

import netgov
from netgov import voice
from netgov.lessons import LESSONS as REGISTRY

ROOT = Path(__file__).resolve().parents[1]
#: Every lesson after the start notebook, from the registry: a new lesson is held to the rule from its first day.
LESSONS = {entry.number: ROOT / entry.notebook for entry in REGISTRY if entry.number >= 1}

#: Lessons whose state statements were read only in news reports or company releases: no government page or
#: legal text stating the state's case on their subject was found. Empty since Lesson 3 gained the ministry's orders
#: on network management and the security certificate (2015), and Lesson 4 the grounds of Art. 41-1 of the Law on
#: Communications and the Government's state-of-emergency rules for networks.
NO_OWN_TEXT_YET: set[int] = set()


def state_case_of(path: Path):
    """The table the lesson's ``state-case`` cell selects, by running that cell's code alone."""
    notebook = nbformat.read(path, as_version=4)
    cells = [cell for cell in notebook.cells if cell.get("id") == "state-case"]
    assert len(cells) == 1, f"{path.name} needs exactly one code cell with id 'state-case'"
    assert cells[0].cell_type == "code"
    namespace: dict = {}
    exec(compile(cells[0].source, f"{path.name}:state-case", "exec"), namespace)  # noqa: S102 - the kit's own cell
    return namespace["state_case"]


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_each_lesson_shows_the_state_speaking(lesson):
    case = state_case_of(LESSONS[lesson])
    speakers = set(voice.state_speakers())
    assert not case.empty, f"Lesson {lesson} shows no statement of the state"
    assert case["actor_id"].isin(speakers).any(), f"Lesson {lesson}: none of the speakers is the Kazakh state"


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_each_lesson_cites_the_states_own_texts(lesson):
    own = voice.primary_rows(state_case_of(LESSONS[lesson]))
    if lesson in NO_OWN_TEXT_YET:
        assert own.empty, (
            f"Lesson {lesson} now cites the state's own texts ({list(own['id'])}): take it off NO_OWN_TEXT_YET "
            "and check the lesson's prose"
        )
    else:
        assert not own.empty, (
            f"Lesson {lesson} cites no government page or legal text for the state's position: add a positions row "
            "whose actor is a Kazakh state body and whose source is of kind government or legal_text"
        )


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_the_rendered_list_gives_every_source(lesson):
    case = state_case_of(LESSONS[lesson])
    html = voice.show(case, others=voice.other_positions(case)).data
    for reference in netgov.data.reference_list(netgov.data.id_list(case["source_ids"])):
        assert reference.url.replace("&", "&amp;") in html, f"Lesson {lesson}: {reference.url} is not shown"
    for speaker in case["speaker"]:
        assert speaker in html.replace("&#x27;", "'")


#: The state's statements that argue by comparison with other states (data/README.md, "Arguments by comparison"),
#: which Lesson 5 sets beside the other states' own rules, with the words that name the comparison in each summary.
COMPARISONS = {
    "pos-2008-12-10-yertysbayev-france": "France",
    "pos-2009-10-30-tokayev-amendments": "international experience",
    "pos-2022-01-29-tokayev-shutdown": "other countries",
    "pos-2023-11-30-balayeva-media-bill": "European countries",
    "pos-2025-11-12-aimagambetov-age-limits": "Denmark and Australia",
    "pos-2025-12-kochetov-australia": "Australia",
    "pos-2026-02-06-kochetov-abroad": "Spain",
}


@pytest.mark.parametrize(("row", "words"), sorted(COMPARISONS.items()))
def test_the_states_comparisons_are_the_states_and_say_what_was_checked(row, words):
    positions = netgov.load("positions").set_index("id")
    assert row in positions.index, f"{row} is not in positions.csv"
    statement = positions.loc[row]
    assert statement["actor_id"] in voice.state_speakers(), f"{row} is not spoken by the Kazakh state"
    assert words in statement["summary"], f"{row}'s summary does not name the comparison ({words!r})"
    if row not in {"pos-2009-10-30-tokayev-amendments", "pos-2022-01-29-tokayev-shutdown"}:  # named no rule
        assert "checked" in statement["note"], f"{row}'s note does not say whether the claim was checked"


def test_the_office_holders_are_kazakh_people():
    actors = netgov.load("actors").set_index("id")
    people = actors.loc[list(voice.OFFICE_HOLDERS)]
    assert (people["kind"] == "person").all() and (people["country"] == "KZ").all()
    assert set(voice.state_speakers()) <= set(actors[actors["group"] == "kazakhstan"].index)


def test_the_selection_is_checked():
    with pytest.raises(ValueError, match="Unknown issue"):
        voice.state_positions(["no-such-issue"])
    with pytest.raises(ValueError, match="Unknown actor"):
        voice.state_positions(["blocking"], speakers=["no-such-actor"])
    with pytest.raises(TypeError, match="state_positions"):
        voice.show(netgov.load("positions"))
    assert "No statement" in voice.show(voice.state_positions(["blocking"], years=(1990, 1991))).data


def test_the_readme_table_of_sources_by_kind_is_current():
    readme = (ROOT / "data" / "README.md").read_text()
    start = readme.index(netgov.data.BALANCE_START) + len(netgov.data.BALANCE_START)
    end = readme.index(netgov.data.BALANCE_END)
    assert readme[start:end].strip() == netgov.data.balance_markdown().strip(), (
        "data/README.md's table of sources by kind is out of date: run `python -m netgov dictionary --write`"
    )
