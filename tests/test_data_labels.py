"""Plain-language labels of the data's codes live in datapackage.json, beside the codes they name."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOT

import netgov

DESCRIPTOR = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
FIELDS = {
    (resource["name"], field["name"]): field
    for resource in DESCRIPTOR["resources"]
    for field in resource["schema"]["fields"]
}


def codes_of(field: dict) -> list[str] | None:
    """A field's codes: its enum, or for a semicolon-separated list, the alternatives its pattern allows."""
    constraints = field.get("constraints", {})
    if "enum" in constraints:
        return constraints["enum"]
    match = re.fullmatch(r"\^\(([^()]+)\)\(;\(\1\)\)\*\$", constraints.get("pattern", ""))
    return match.group(1).split("|") if match else None


# The labels the lessons showed when they were held in Python (lesson1.THEMES, lesson2.STANCES, ...),
# copied here so that moving them into the data cannot change a word a learner reads.
EXPECTED = {
    ("legal_acts", "themes"): {
        "liability": "Liability for content",
        "registration": "Registration",
        "blocking_powers": "Blocking powers",
        "shutdowns": "Communications shutdowns",
        "interception": "Interception",
        "platform_regulation": "Platform regulation",
        "false_information": "False information",
        "media_regulation": "Media regulation",
        "surveillance": "Surveillance",
        "data_protection": "Personal data and cybersecurity",
    },
    ("provisions", "affects"): {
        "blogger": "Bloggers",
        "commenter": "Commenters",
        "platform_host": "Forum and platform hosts",
        "hosting_provider": "Hosting providers",
        "isp": "Internet service providers",
        "foreign_site": "Foreign websites",
        "media_outlet": "Media outlets",
        "user": "Internet users",
    },
    ("liability", "actor_role"): {
        "blogger": "Bloggers",
        "commenter": "Commenters",
        "platform_host": "Forum and platform hosts",
        "hosting_provider": "Hosting providers",
        "foreign_site": "Foreign websites",
    },
    ("liability", "content"): {
        "extremism": "Calls to extremism or terrorism",
        "election_coverage": "Coverage of elections, strikes or protests",
        "others_content": "Someone else's post or site on your service",
    },
    ("assessments", "verdict"): {
        "incompatible": "incompatible with the standard",
        "concerns": "raises concerns under the standard",
        "compatible": "compatible with the standard",
        "not_addressed": "not addressed by the standard",
    },
    ("positions", "issue"): {
        "osce-chairmanship": "Kazakhstan's OSCE chairmanship",
        "media-law-reform": "Media-law reform",
        "internet-law-2009": "The 2009 internet law",
        "later-laws": "Later internet laws",
        "blocking": "Blocking of websites",
        "online-speech": "Online speech and journalists",
    },
    ("positions", "stance"): {
        "supports": "Supports",
        "welcomes_with_reservations": "Welcomes, with reservations",
        "neutral": "Neutral",
        "concerned": "Concerned",
        "opposes": "Opposes",
    },
    ("commitments", "status"): {
        "met": "Met",
        "partly_met": "Partly met: modest steps only",
        "not_met": "Not met",
        "no_evidence": "No evidence in the data",
    },
    ("blocking_cases", "target_kind"): {
        "blog_platform": "Blog platform",
        "news_site": "News site",
        "social_network": "Social network",
        "messenger": "Messenger",
        "video_platform": "Video platform",
        "opposition_site": "Opposition site",
        "circumvention_tool": "Circumvention tool",
        "petition_site": "Petition site",
        "whole_internet": "Whole internet",
        "many_sites": "Many sites",
        "https_traffic": "HTTPS traffic",
        "other": "Other",
    },
    ("blocking_cases", "methods"): {
        "dns": "DNS tampering",
        "ip": "IP blocking",
        "url_dpi": "URL filtering or deep packet inspection",
        "tls_sni": "TLS filtering by server name (SNI)",
        "tls_mitm": "TLS interception",
        "throttling": "Throttling",
        "shutdown": "Shutdown",
        "unknown": "Method not documented",
    },
    # The lesson wrote these codes with spaces for underscores.
    ("blocking_cases", "ordered_by"): {
        "court": "court",
        "prosecutor": "prosecutor",
        "ministry": "ministry",
        "security_service": "security service",
        "operator": "operator",
        "not_named": "not named",
        "unacknowledged": "unacknowledged",
    },
    ("claims", "verdict"): {
        "supported": "Supported by the evidence",
        "partly_supported": "Partly supported",
        "contradicted": "Contradicted by the evidence",
        "not_found": "No evidence found",
    },
}
# Lesson 2 labelled only the kinds on its timeline, and listed them in its own order.
EXPECTED_EVENT_KINDS = {
    "statement": "Statement",
    "letter": "Letter",
    "report": "Report",
    "decision": "Decision",
    "commitment": "Commitment",
    "chairmanship": "Chairmanship",
    "summit": "Summit",
    "law_signed": "Law signed",
    "law_adopted": "Law adopted",
    "other": "Other",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    netgov.data.clear_cache()
    yield
    netgov.data.clear_cache()


@pytest.mark.parametrize("key", [k for k, f in FIELDS.items() if "labels" in f], ids="{0[0]}.{0[1]}".format)
def test_every_code_has_a_label_and_every_label_a_code(key):
    field = FIELDS[key]
    codes = codes_of(field)
    assert codes, f"{key}: labels on a field without an enum or a list pattern"
    assert list(field["labels"]) == codes, f"{key}: labels {list(field['labels'])} against codes {codes}"
    assert all(isinstance(v, str) and v.strip() for v in field["labels"].values())


@pytest.mark.parametrize("key", [*EXPECTED, ("events", "kind")], ids="{0[0]}.{0[1]}".format)
def test_the_columns_the_lessons_show_are_labelled(key):
    assert "labels" in FIELDS[key], f"{key[0]}.{key[1]} has no labels"


@pytest.mark.parametrize("key", list(EXPECTED), ids="{0[0]}.{0[1]}".format)
def test_labels_are_the_ones_the_lessons_showed(key):
    got = netgov.data.labels(*key)
    assert got == EXPECTED[key]
    assert list(got) == list(EXPECTED[key]), "the order the lesson showed them in"


def test_event_kinds_keep_the_lesson_labels():
    got = netgov.data.labels("events", "kind")
    assert {k: got[k] for k in EXPECTED_EVENT_KINDS} == EXPECTED_EVENT_KINDS
    assert list(got) == FIELDS[("events", "kind")]["constraints"]["enum"]


def test_labels_says_what_exists():
    with pytest.raises(
        KeyError, match=r"Column events.date has no labels; the columns of 'events' with labels are: kind"
    ):
        netgov.data.labels("events", "date")
    with pytest.raises(KeyError, match=r"Table 'events' has no column 'kinds'. Its columns are: id, date"):
        netgov.data.labels("events", "kinds")
    with pytest.raises(KeyError, match=r"No table called 'event'"):
        netgov.data.labels("event", "kind")
    with pytest.raises(KeyError, match=r"no column of 'glossary' has labels"):
        netgov.data.labels("glossary", "term")
    with pytest.raises(TypeError, match="column name must be a string"):
        netgov.data.labels("events", 3)


def test_labels_that_no_longer_match_the_codes_are_caught(data_copy):
    descriptor = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if (resource["name"], field["name"]) == ("positions", "stance"):
                field["constraints"]["enum"].append("abstains")
    (data_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    netgov.data.clear_cache()
    with pytest.raises(
        netgov.data.DataError, match=r"labels of positions.stance do not match.*no label for \['abstains'\]"
    ):
        netgov.data.labels("positions", "stance")


def test_the_dictionary_shows_the_labels():
    text = netgov.data.dictionary_markdown()
    assert "`welcomes_with_reservations` (Welcomes, with reservations)" in text
    assert "Each item one of: `liability` (Liability for content), `registration` (Registration)" in text
