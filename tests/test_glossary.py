"""The glossary in three languages: the lesson's terms, one term for prose, and the printable handout."""

from __future__ import annotations

import html

import pytest

import netgov
from netgov.__main__ import main
from netgov.glossary import handout, term, terms


def test_terms_of_a_lesson_are_the_rows_of_that_lesson():
    glossary = netgov.load("glossary")
    for lesson in sorted({int(n) for n in glossary["lesson"]}):
        assert list(terms(lesson).index) == list(glossary[glossary["lesson"] == str(lesson)]["term"])
    assert len(terms()) == len(glossary)
    assert {"definition", "ru", "kk"} <= set(terms().columns)


@pytest.mark.parametrize("lesson", [9, "1", 1.0, True, -1])
def test_a_lesson_without_terms_is_refused_with_the_accepted_ones(lesson):
    with pytest.raises(ValueError, match=r"lesson must be one of the glossary's lessons \[0, 1, 2, 3, 4, 5\]"):
        terms(lesson)


def test_term_shows_the_known_forms_and_escapes_them():
    row = terms().loc["mass media"]
    shown = term("mass media")
    assert shown.startswith("<strong>mass media</strong>")
    for code, label in (("ru", "Russian"), ("kk", "Kazakh")):
        if isinstance(row[code], str):
            assert f'{label}: <span lang="{code}">{html.escape(row[code])}</span>' in shown
        else:
            assert f"{label}:" not in shown


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("mass-media", KeyError, "'mass-media' is not a term of data/glossary.csv."),
        ("media", KeyError, "Did you mean 'mass media'"),
        ("Mass Media", KeyError, "Did you mean 'mass media'"),
        (["mass media"], TypeError, "term() needs a glossary term as text"),
    ],
)
def test_a_near_miss_names_the_close_terms(name, error, message):
    with pytest.raises(error) as caught:
        term(name)
    assert message in str(caught.value)


def test_the_handout_has_three_columns_for_every_term_of_the_lesson():
    page = handout(1)
    assert page.count("<tr><td><strong>") == len(terms(1))
    assert "<th>English</th><th>Russian (русский)</th><th>Kazakh (қазақша)</th>" in page
    assert page.count('lang="ru"') == int(terms(1)["ru"].notna().sum())
    assert page.count('lang="kk"') == int(terms(1)["kk"].notna().sum())
    missing = int(terms(1)[["ru", "kk"]].isna().sum().sum())
    assert page.count("not found in a source") == missing
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_the_whole_handout_has_a_section_per_lesson():
    page = handout()
    for lesson in (0, 1, 2, 3, 4, 5):
        assert f"<h2>Lesson {lesson}" in page
    assert page.count("<tr><td><strong>") == len(terms())


def test_the_handout_escapes_what_the_data_holds(data_copy):
    path = data_copy / "glossary.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("mass media,", "mass <b>media</b>,", 1), encoding="utf-8")
    netgov.data.clear_cache()
    assert "mass &lt;b&gt;media&lt;/b&gt;" in handout(1)


def test_the_command_writes_a_handout(tmp_path, capsys):
    out = tmp_path / "lesson1.html"
    assert main(["glossary", "--lesson", "1", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == handout(1)
    assert "written" in capsys.readouterr().out


def test_the_command_refuses_a_lesson_without_terms(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["glossary", "--lesson", "7", "--out", str(tmp_path / "x.html")])
    assert stop.value.code == 2
    assert (
        "lesson must be one of the glossary's lessons [0, 1, 2, 3, 4, 5] (or None for all), not int 7"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "x.html").exists()
