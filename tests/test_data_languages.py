"""Russian and Kazakh in the data: each form is in the right script, nothing is missing without a reason.

A column holding a language declares it in ``datapackage.json`` (``"language": "ru"`` or ``"kk"``). Kazakh is
written in Cyrillic with nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і); copying from a badly typed page can
bring in Latin look-alikes (Latin i for і, the IPA schwa ə for ә) that look right and break every search.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

import netgov

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
WORD = re.compile(r"[^\W\d_]+")


def _cyrillic(letter: str) -> bool:
    return "\u0400" <= letter <= "\u04ff"


def script_problems(text: str, language: str) -> list[str]:
    """What is wrong with ``text`` as a form in ``language`` ('ru' or 'kk'); empty when nothing is."""
    problems = []
    if unicodedata.normalize("NFC", text) != text:
        problems.append("is not in Unicode NFC form")
    marks = [letter for letter in unicodedata.normalize("NFC", text) if unicodedata.category(letter).startswith("M")]
    if marks:
        problems.append(f"has combining marks ({', '.join(unicodedata.name(m, repr(m)) for m in marks)})")
    words = WORD.findall(text)
    if not any(_cyrillic(letter) for word in words for letter in word):
        problems.append("has no Cyrillic word (a form that only repeats the English term is left empty, with a note)")
    for word in words:
        cyrillic = [letter for letter in word if _cyrillic(letter)]
        latin = [letter for letter in word if letter.isascii()]
        other = [letter for letter in word if not _cyrillic(letter) and not letter.isascii()]
        if cyrillic and latin:
            problems.append(f"{word!r} mixes Cyrillic and Latin letters ({''.join(latin)})")
        if other:
            names = ", ".join(unicodedata.name(letter, repr(letter)) for letter in other)
            problems.append(f"{word!r} has letters of neither alphabet ({names})")
        if language == "ru" and KAZAKH_LETTERS & set(word) and word not in KAZAKH_IN_RUSSIAN:
            problems.append(f"{word!r} has Kazakh letters in a Russian form")
    return problems


#: Proper names whose official Russian spelling keeps a Kazakh letter (Самрук-Қазына, as the fund writes itself).
KAZAKH_IN_RUSSIAN = {"Қазына"}


def language_columns() -> list[tuple[str, str, str]]:
    """(table, column, language) for every column whose schema declares a language."""
    found = []
    for name in netgov.data.resource_names():
        for field in netgov.data.schema(name)["fields"]:
            if "language" in field:
                found.append((name, field["name"], field["language"]))
    return found


@pytest.mark.parametrize(
    ("text", "language", "problem"),
    [
        ("бұқаралық ақпарат құралы (БАҚ)", "kk", None),
        ("средство массовой информации (СМИ)", "ru", None),
        ("DNS-вмешательство", "ru", None),  # a Latin abbreviation joined by a hyphen is two words
        ("Самрук-Қазына", "ru", None),
        ("Ұлттық қауiпсіздік комитеті", "kk", "mixes Cyrillic and Latin letters (i)"),  # Latin i for і
        ("бұқаралық ақпарат құралы (БAҚ)", "kk", "mixes Cyrillic and Latin letters (A)"),  # Latin A
        ("мəдениет", "kk", "LATIN SMALL LETTER SCHWA"),  # IPA schwa for ә
        ("бұғаттау", "ru", "has Kazakh letters in a Russian form"),
        ("Бұғаттау", "ru", "has Kazakh letters in a Russian form"),
        ("ASN", "kk", "has no Cyrillic word"),
        ("Freedom on the Net", "ru", "has no Cyrillic word"),
        ("қазақ\u0301", "kk", "has combining marks (COMBINING ACUTE ACCENT)"),  # a stray accent
        (unicodedata.normalize("NFD", "казахстанский"), "ru", "is not in Unicode NFC form"),  # й as и + breve
    ],
)
def test_the_script_check_catches_near_misses(text, language, problem):
    problems = script_problems(text, language)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_the_language_columns_are_declared():
    declared = {(table, column) for table, column, _ in language_columns()}
    assert {("glossary", "ru"), ("glossary", "kk"), ("legal_acts", "title_ru"), ("legal_acts", "title_kk")} <= declared
    assert {("actors", "name_ru"), ("actors", "name_kk")} <= declared


@pytest.mark.parametrize(("table", "column", "language"), language_columns())
def test_every_form_is_in_its_script(table, column, language):
    frame = netgov.load(table)
    key = frame.columns[0]
    wrong = {}
    for _, row in frame.iterrows():
        value = row[column]
        if not isinstance(value, str):
            continue
        for form in value.split("; "):
            problems = script_problems(form, language)
            if problems:
                wrong[f"{row[key]}: {form}"] = problems
    assert not wrong, wrong


def test_every_glossary_term_has_both_forms_or_says_why_not():
    glossary = netgov.load("glossary")
    unexplained = glossary[(glossary["ru"].isna() | glossary["kk"].isna()) & glossary["terms_note"].isna()]
    assert unexplained.empty, list(unexplained["term"])
    sourceless = glossary[(glossary["ru"].notna() | glossary["kk"].notna()) & glossary["terms_source_ids"].isna()]
    assert sourceless.empty, list(sourceless["term"])


def test_every_act_has_its_official_titles_and_number_or_says_why_not():
    acts = netgov.load("legal_acts")
    missing = acts["title_ru"].isna() | acts["title_kk"].isna() | acts["number"].isna()
    unexplained = acts[missing & acts["titles_note"].isna()]
    assert unexplained.empty, list(unexplained["id"])
    sourceless = acts[(acts["title_ru"].notna() | acts["title_kk"].notna()) & acts["titles_source_ids"].isna()]
    assert sourceless.empty, list(sourceless["id"])


def test_every_kazakh_actor_has_its_names_or_says_why_not():
    actors = netgov.load("actors")
    kazakh = actors[actors["country"] == "KZ"]
    missing = kazakh["name_ru"].isna() | kazakh["name_kk"].isna()
    unexplained = kazakh[missing & kazakh["names_note"].isna()]
    assert unexplained.empty, list(unexplained["id"])


def test_the_files_are_utf8_without_a_byte_order_mark():
    folder = netgov.data.data_dir()
    for path in sorted(folder.glob("*.csv")):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), path.name
        raw.decode("utf-8")
