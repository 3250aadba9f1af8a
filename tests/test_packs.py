"""Class packs (``python -m netgov pack``): made from the definitions, checked against the format with errors
that name the file and the entry, and nothing meant for instructors in a students' pack or edition.

Each test runs on every registered lesson with a plan.toml and on the fixtures in tests/fixtures/packs (Lessons 1 to 4); how the
pages print in Chromium is in tests/browser/test_packs_print.py.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from helpers import PACK_FIXTURES, ROOT, fixture_pack_files, key_answer, pack_cases, same_answer

import netgov
import netgov.packs.definitions as definitions
from netgov.__main__ import main
from netgov.export import export
from netgov.lesson2 import role_card
from netgov.lessons import lesson
from netgov.packs import PackError, build, load_plan, load_roleplay

CASES = pack_cases()
IDS = [name for name, _, _ in CASES]

#: Headings and words that only instructors' pages carry.
INSTRUCTOR_MARKERS = [
    "For instructors",
    "Run sheets",
    "Answer keys",
    "Anchor answers",
    "anchor",
    "Rubric",
    "Misconceptions",
    "data-check=",
    "Role card: Chair",
    "Role-play: debrief",
]


def instructor_only_texts(number: int, files: dict) -> list[str]:
    """Texts of a lesson's definitions that only instructors may read: the anchor answers, the misconceptions'
    corrections, the chair's card, the debrief. (A rubric's criteria are no secret: the exercise notebooks give
    them with the open task.)"""
    plan = load_plan(number, files.get("plan"))
    texts = [a["answer"][:60] for item in plan.open for a in item["anchors"]]
    texts += [m["correction"] for m in plan.misconceptions]
    if number == 2:
        roleplay = load_roleplay(files.get("roleplay"))
        texts += [roleplay.roles["Chair"]["goal"], roleplay.debrief["exit_task"], *roleplay.debrief["questions"]]
    return texts


def guide_misconceptions() -> list[str]:
    """The first words of each misconception the instructor guide lists."""
    found, inside = [], False
    for line in (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("**Misconceptions"):
            inside = True
        elif inside and line.startswith("- "):
            found.append(line[2:42])
        elif inside and not line.strip():
            inside = False
    return found


def page_text(path) -> str:
    """A page's words as a reader sees them (tags dropped, entities decoded), with its attributes kept apart."""
    raw = path.read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", " ", raw)) + raw


@pytest.mark.parametrize("name, number, files", CASES, ids=IDS)
def test_a_students_pack_has_the_handouts_and_nothing_for_instructors(tmp_path, name, number, files):
    written = build(number, "students", tmp_path / "pack", **files)
    names = [p.name for p in written]
    assert names[0] == "index.html"
    assert {"worksheet.html", "exit-ticket.html", "glossary.html"} <= set(names)
    if number == 2:
        roles = [r for r in load_roleplay(files.get("roleplay")).roles if r != "Chair"]
        assert "rules.html" in names and len([n for n in names if n.startswith("role-")]) == len(roles)
    index = (tmp_path / "pack" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{n}"' in index for n in names[1:])
    secret = instructor_only_texts(number, files) + guide_misconceptions()
    for path in written:
        text = page_text(path)
        leaked = [m for m in INSTRUCTOR_MARKERS if m.lower() in text.lower()] + [s for s in secret if s in text]
        assert leaked == [], f"{path.name} of a students' pack shows {leaked}"


def test_handouts_in_an_instructors_pack_carry_the_students_header(tmp_path):
    build(2, "instructors", tmp_path / "pack", **fixture_pack_files(2))
    for handout in ("worksheet.html", "exit-ticket.html", "rules.html", "role-1.html"):
        assert "not to be handed out" not in (tmp_path / "pack" / handout).read_text(encoding="utf-8"), handout
    for sheet in ("run-sheet.html", "answer-key.html", "chair.html", "debrief.html"):
        assert "not to be handed out" in (tmp_path / "pack" / sheet).read_text(encoding="utf-8"), sheet


@pytest.mark.parametrize("name, number, files", CASES, ids=IDS)
def test_an_instructors_pack_adds_run_sheets_keys_rubrics_and_misconceptions(tmp_path, name, number, files):
    written = build(number, "instructors", tmp_path / "pack", **files)
    names = {p.name for p in written}
    assert {"run-sheet.html", "answer-key.html", "participation.html", "misconceptions.html", "worksheet.html"} <= names
    assert ({"chair.html", "debrief.html"} <= names) == (number == 2)
    plan = load_plan(number, files.get("plan"))
    sheet = page_text(tmp_path / "pack" / "run-sheet.html")
    for length, rows in plan.runs.items():
        assert f"A {length}-minute class" in sheet
        assert all(f"{r['start']}–{r['end']}" in sheet and r["do"] in sheet for r in rows)
    assert {f"rubric-{item['id']}.html" for item in plan.open} <= names  # one page per open question
    rubrics = " ".join(page_text(tmp_path / "pack" / f"rubric-{item['id']}.html") for item in plan.open)
    for text in instructor_only_texts(number, files)[: 3 * len(plan.open)]:
        assert text in rubrics
    assert "discussions and the role-play" in page_text(tmp_path / "pack" / "participation.html")


@pytest.mark.parametrize("name, number, files", CASES, ids=IDS)
def test_the_answer_key_shows_what_each_check_accepts(tmp_path, name, number, files):
    build(number, "instructors", tmp_path / "pack", **files)
    page = (tmp_path / "pack" / "answer-key.html").read_text(encoding="utf-8")
    entry = lesson(number)
    shown = dict(re.findall(r'data-check="[^".]+\.([^"]+)" data-answer="([^"]*)">', page))
    assert list(shown) == list(entry.checks())
    for question, right in entry.answers().items():
        value = key_answer(html.unescape(shown[question]))
        assert same_answer(value, right)
        assert entry.checks()[question](value).status == "correct"
    for quiz in entry.quiz_questions():
        right = next(c for c in quiz.choices if c.correct)
        assert html.escape(right.text) in page and html.escape(right.why) in page


def test_an_answer_made_of_pairs_reads_as_each_key_with_its_value():
    from netgov.packs._pages import shown_answer

    pairs = lesson(1).answers()["q7"]
    text = shown_answer(pairs)
    assert all(f"{speaker}: \u201c{words}\u201d" in text for speaker, words in pairs.items())
    assert "{" not in text


def test_a_role_card_shows_dated_facts_up_to_the_cutoff_and_no_description(tmp_path):
    # The printed card is lesson2.role_card, the card the notebook shows: one rule for what a card may know.
    signed = "2009-07-10"  # the President signs the internet law (events.csv)
    before = role_card("Kazakhstan's delegation", until="2009-07-09")["facts"]
    on_the_day = role_card("Kazakhstan's delegation", until=signed)["facts"]
    assert [(f["when"], f["text"]) for f in on_the_day if f not in before] == [
        ("10 July 2009", "Nazarbayev signs the internet law.")
    ]
    files = fixture_pack_files(2)
    build(2, "students", tmp_path / "pack", **files)
    card = (tmp_path / "pack" / "role-1.html").read_text(encoding="utf-8")
    actors = netgov.load("actors").set_index("id")
    assert "Role card: Kazakhstan&#x27;s delegation" in card
    assert "Nazarbayev signs the internet law." in card
    assert html.escape(actors.loc["nazarbayev", "description"]) not in card
    assert "2014" not in re.sub(r"<ol class=\"sources\">.*?</ol>", "", card, flags=re.S)


def test_the_chair_and_the_rules_card_say_which_liberties_the_simulation_takes(tmp_path):
    files = fixture_pack_files(2)
    rules = load_roleplay(files["roleplay"]).rules
    build(2, "instructors", tmp_path / "pack", **files)
    chair = page_text(tmp_path / "pack" / "chair.html")
    assert "Liberties this simulation takes" in chair and rules["liberties"] in chair
    assert rules["smaller_class"] in chair  # how a smaller class doubles up or drops seats, beside the timing
    card = page_text(tmp_path / "pack" / "rules.html")
    assert "Liberties this simulation takes" in card and rules["liberties"] in card
    assert "Liberties this simulation takes" not in page_text(tmp_path / "pack" / "role-1.html")


# -------------------------------------------------------------------------------------- the format, checked


def broken(tmp_path, name: str, old: str, new: str, count: int = 1):
    """A copy of a fixture with ``old`` replaced by ``new`` (``count`` times); its path."""
    text = (PACK_FIXTURES / name).read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "old, new, fragments",
    [
        (
            "start = 10\nend = 30",
            "start = 12\nend = 30",
            ["[[run]] entry 2 (50 minutes, 12-30)", "starts at minute 12", "has reached minute 10"],
        ),
        ("start = 70\nend = 90", "start = 70\nend = 85", ["[[run]] (90 minutes)", "end at minute 85, not at 90"]),
        (
            "length = 90\nstart = 0",
            "length = 60\nstart = 0",
            ["[[run]] entry 4", "length 60 is not a class length", "[50, 90]"],
        ),
        (
            'students = "pairs"',
            'students = "teams"',
            ["entry 2 (50 minutes, 10-30)", "not str 'teams'", "'whole class', 'individually'"],
        ),
        (
            'project = "LegislationTimeline"',
            'project = "The timeline"',
            [
                "'The timeline' is neither a section of notebooks/01-the-2009-law.ipynb",
                "'Discuss'",
                "LegislationTimeline",
            ],
        ),
        (
            'activity = "LiabilityExplorer"',
            'activity = "LiabilityMap"',
            ["[[worksheet]] entry 3", "'LiabilityMap' is not an activity", "ProvisionExplorer"],
        ),
        (
            'levels = ["Gives one reading only.", ',
            "levels = [",
            ["[[open]] L1-open-1, rubric criterion 2", "levels must be a list of 3 texts"],
        ),
        ('level = "weak"', 'level = "poor"', ["anchors must be three", "strong, adequate, weak", "'poor'"]),
        ('id = "L1-open-1"', 'id = "open-1"', ["id must be L1-open-<n>", "'open-1'"]),
        ("[[exit_ticket]]\nquestion", "[[misconceptions]]\nbelief", ["2 to 3 [[exit_ticket]] entries; there are 1"]),
        ('prompt = ""', 'promt = ""', ["has no prompt", "unknown keys ['promt']"]),
        ("extension = 20", "extension = -5", ["extension must be a whole number of minutes, 0 or more, not int -5"]),
    ],
)
def test_a_plan_that_breaks_the_format_is_refused_naming_the_file_the_entry_and_what_is_accepted(
    tmp_path, old, new, fragments
):
    path = broken(tmp_path, "lesson1-plan.toml", old, new)
    with pytest.raises(PackError) as caught:
        load_plan(1, path)
    message = str(caught.value)
    assert message.startswith(f"{path} does not follow the class-pack format")
    for fragment in fragments:
        assert fragment in message


def test_an_anchor_answer_outside_60_to_150_words_is_refused(tmp_path):
    path = broken(
        tmp_path,
        "lesson1-plan.toml",
        'answer = """The 2009 law was a turning point because',
        'answer = """Short."""\nx = """',
    )
    with pytest.raises(PackError, match=r"weak anchor: the answer has 1 words; an anchor answer has 60 to 150"):
        load_plan(1, path)


@pytest.mark.parametrize(
    "old, new, fragments",
    [
        ('name = "United States"', 'name = "USA"', ["'USA' is neither a role", "'United States'", "no card for"]),
        ('"Chair", "Kazakhstan', '"Secretary", "Kazakhstan', ["speaking_order names ['Secretary']"]),
        ("cutoff = 2009-07-31", 'cutoff = "July 2009"', ["cutoff must be a TOML date such as 2009-07-31"]),
        ("length = 90\nstart = 70\nend = 90", "length = 90\nstart = 75\nend = 90", ["[[timing]] entry 6"]),
        (
            'questions = ["What are the next steps?", "How will bloggers be protected?"]',
            "questions = []",
            ["'United States'", "questions must be a list of 2 texts"],
        ),
    ],
)
def test_a_roleplay_that_breaks_the_format_is_refused(tmp_path, old, new, fragments):
    path = broken(tmp_path, "roleplay.toml", old, new)
    with pytest.raises(PackError) as caught:
        load_roleplay(path)
    assert str(caught.value).startswith(f"{path} does not follow the class-pack format")
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_a_lesson_without_a_plan_is_named_with_the_file_it_needs(tmp_path, monkeypatch):
    monkeypatch.setattr(definitions, "plan_file", lambda entry: tmp_path / entry.name / "plan.toml")
    with pytest.raises(PackError, match=r"lesson3/plan.toml is missing: Lesson 3 has no class plan yet"):
        build(3, "students", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert definitions._shown_path(ROOT / "src" / "netgov" / "lesson3" / "plan.toml") == "src/netgov/lesson3/plan.toml"


def test_a_pack_replaces_an_earlier_pack_and_refuses_a_folder_of_other_files(tmp_path):
    files = fixture_pack_files(1)
    build(1, "instructors", tmp_path / "pack", **files)
    build(1, "students", tmp_path / "pack", **files)
    assert not (tmp_path / "pack" / "answer-key.html").exists()  # no instructors' page left behind
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine")
    with pytest.raises(PackError, match="not a class pack; write the pack to a new or empty folder"):
        build(1, "students", tmp_path / "mine", **files)
    assert (tmp_path / "mine" / "notes.txt").read_text() == "mine"


def test_the_command_line_writes_a_pack_and_names_a_missing_plan(tmp_path, monkeypatch, capsys):
    files = fixture_pack_files(2)
    monkeypatch.setattr(definitions, "plan_file", lambda entry: files["plan"] if entry.number == 2 else tmp_path / "no")
    monkeypatch.setattr(definitions, "roleplay_file", lambda: files["roleplay"])
    monkeypatch.setattr(definitions, "participation_file", lambda: files["participation"])
    monkeypatch.chdir(tmp_path)
    assert main(["pack", "2", "--audience", "instructors"]) == 0
    assert (tmp_path / "packs" / "lesson2-instructors" / "chair.html").is_file()
    assert "pages written to packs/lesson2-instructors" in capsys.readouterr().out
    assert main(["pack", "2"]) == 0
    assert not (tmp_path / "packs" / "lesson2-students" / "chair.html").exists()
    with pytest.raises(SystemExit) as exit_:
        main(["pack", "1"])
    assert exit_.value.code == 2
    assert "is missing: Lesson 1 has no class plan yet" in capsys.readouterr().err


def test_the_command_line_refuses_an_unknown_lesson():
    run = subprocess.run(
        [sys.executable, "-m", "netgov", "pack", "9"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert run.returncode == 2 and "No lesson 9" in run.stderr


# -------------------------------------------------------------------------------------- the static edition


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Both editions of the kit, from the notebooks as committed (not run: no kernel in the unit tier) and with
    the packs of every lesson that has a plan, and of Lessons 1 and 2 from the fixtures."""
    sources = {number: files for _, number, files in CASES}  # the fixtures win over a real plan of the same lesson
    made = {}
    for audience in ("students", "instructors"):
        out = tmp_path_factory.mktemp(audience) / "site"
        export(
            ROOT,
            out,
            log=lambda m: None,
            execute=lambda p: nbformat.read(p, as_version=4),
            audience=audience,
            packs=sources,
        )
        made[audience] = out
    return made


def test_no_instructor_only_text_reaches_a_page_of_the_students_edition(editions):
    site = editions["students"]
    assert not (site / "docs").exists()
    assert not list(site.rglob("*solutions*"))
    secret = guide_misconceptions() + [t for _, n, f in CASES for t in instructor_only_texts(n, f)]
    for page in site.rglob("*.html"):
        text = page_text(page)
        leaked = [
            m for m in ("Anchor answers", "Answer keys", "Run sheets", "data-check=", "For instructors") if m in text
        ]
        leaked += [s for s in secret if s in text]
        assert leaked == [], f"{page.relative_to(site)} shows {leaked}"


def test_the_instructors_edition_adds_the_documents_and_the_instructors_packs(editions):
    site = editions["instructors"]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="docs/instructor-guide.html"' in index
    for _, number, _ in CASES:
        assert f'href="packs/lesson{number}/index.html"' in index
        assert (site / "packs" / f"lesson{number}" / "answer-key.html").is_file()
    students = (editions["students"] / "index.html").read_text(encoding="utf-8")
    assert "for students" in students and 'href="packs/lesson1/index.html"' in students
    assert not (editions["students"] / "packs" / "lesson1" / "answer-key.html").exists()


def test_export_on_the_command_line_defaults_to_students(tmp_path, monkeypatch, capsys):
    for folder in ("notebooks", "exercises", "docs"):
        (tmp_path / folder).mkdir()
    shutil.copy(ROOT / "docs" / "jupyterhub.md", tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--out", "students"]) == 0
    assert not (tmp_path / "students" / "docs").exists()
    assert "for students" in (tmp_path / "students" / "index.html").read_text(encoding="utf-8")
    assert main(["export", "--out", "instructors", "--audience", "instructors"]) == 0
    assert (tmp_path / "instructors" / "docs" / "jupyterhub.html").is_file()
    with pytest.raises(SystemExit) as refused:
        main(["export", "--audience", "teachers"])
    assert refused.value.code == 2 and "invalid choice: 'teachers'" in capsys.readouterr().err
