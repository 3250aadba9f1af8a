"""The pages of a class pack, as HTML designed for print.

Each page is a whole HTML document with its own style: black on white, one column, tables of fixed layout whose
cells wrap (long addresses too), so that nothing is wider than the page on A4 or US Letter. Every page names its
lesson and its audience at the top; instructors' pages say that they are not to be handed out.
"""

from __future__ import annotations

import html
import json
import re

from ..lessons import Lesson
from .definitions import ANCHOR_LEVELS, CHAIR, Plan, Roleplay

STYLE = """
  @page { size: auto; margin: 15mm; }
  * { box-sizing: border-box; }
  html { background: #fff; }
  body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.35;
         color: #000; background: #fff; margin: 0; }
  @media screen { body { max-width: 180mm; margin: 1.5em auto; padding: 0 1em; } }
  header.pack { font-size: 9pt; border-bottom: 1px solid #000; margin-bottom: 0.8em; padding-bottom: 0.2em; }
  header.pack strong { text-transform: uppercase; letter-spacing: 0.04em; }
  h1 { font-size: 16pt; margin: 0 0 0.4em; }
  h2 { font-size: 13pt; margin: 1.1em 0 0.4em; break-after: avoid; }
  h3 { font-size: 11pt; margin: 0.9em 0 0.3em; break-after: avoid; }
  p, li { overflow-wrap: anywhere; }
  a { color: #000; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.4em 0 0.8em; }
  th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; text-align: left;
           overflow-wrap: anywhere; hyphens: auto; }
  th { background: #e6e6e6; overflow-wrap: normal; hyphens: manual; }
  .graded { border-left: 3px solid #000; padding-left: 0.6em; margin: 0.5em 0 0.8em; }
  tr, .keep { break-inside: avoid; }
  .new-page { break-before: page; }
  .lines { margin: 0.3em 0 0.9em; }
  .lines div { border-bottom: 1px solid #000; height: 1.9em; }
  .note { font-size: 9pt; }
  .card { border: 2px solid #000; padding: 0.5em 0.8em; margin: 0.6em 0; }
  .answer { font-weight: bold; }
  ol.sources { font-size: 8.5pt; padding-left: 1.6em; }
  dl dt { font-weight: bold; margin-top: 0.4em; }
  dl dd { margin: 0 0 0 1.2em; }
"""

AUDIENCE_LABELS = {"students": "For students", "instructors": "For instructors: not to be handed out"}


def esc(value: object) -> str:
    return html.escape(str(value))


def page(lesson: Lesson, audience: str, title: str, body: str) -> str:
    """A whole printable page: the lesson and audience line, the title, the body."""
    heading = f"Lesson {lesson.number}: {lesson.title}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}, lesson {lesson.number}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<header class="pack"><strong>{esc(AUDIENCE_LABELS[audience])}</strong> · netgov · {esc(heading)}</header>\n'
        f"<main>\n<h1>{esc(title)}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _lines(count: int) -> str:
    return '<div class="lines" aria-hidden="true">' + "<div></div>" * count + "</div>"


def _name_line() -> str:
    return "<p>Name: ____________________________ &nbsp; Date: ______________</p>"


# ------------------------------------------------------------------------------------------------ students


def worksheet(plan: Plan) -> str:
    """The questions to answer while using the lesson's activities, grouped by activity in the lesson's order."""
    parts = [
        _name_line(),
        "<p>Open the lesson in JupyterLab or Voila. Use each activity named below, then answer its questions "
        "from what it shows.</p>",
    ]
    number = 0
    for activity in plan.lesson.activities:
        questions = [item["question"] for item in plan.worksheet if item["activity"] == activity]
        if not questions:
            continue
        parts.append(f'<h2 class="keep">Activity: {esc(activity)}</h2>')
        for question in questions:
            number += 1
            parts.append(f'<div class="keep"><p><strong>{number}.</strong> {esc(question)}</p>{_lines(3)}</div>')
    return "\n".join(parts)


def exit_ticket(plan: Plan) -> str:
    items = "".join(
        f'<div class="keep"><p><strong>{n}.</strong> {esc(item["question"])}</p>{_lines(3)}</div>'
        for n, item in enumerate(plan.exit_ticket, start=1)
    )
    return f"{_name_line()}<p>Answer briefly, in your own words, before you leave.</p>{items}"


def role_card(roleplay: Roleplay, role: str) -> str:
    """One role's card: the scene, who the role speaks for, its goal, what it may concede and will not, two
    questions, and its sourced facts up to the scene's date, as :func:`netgov.lesson2.role_card` gives them (the
    same card a notebook shows with ``lesson2.role_brief``)."""
    from ..lesson2 import role_card as card_data

    card = {**card_data(role, until=roleplay.cutoff), **roleplay.roles[role]}  # the texts of this roleplay.toml
    cutoff = card["cutoff_text"]
    parts = [f'<p class="note">{esc(roleplay.scene)}</p>', '<div class="card">']
    if card["actors"]:
        parts.append(f"<p><strong>You speak for:</strong> {esc('; '.join(card['actors']))}.</p>")
    parts.append(
        "<dl>"
        f"<dt>Your goal</dt><dd>{esc(card['goal'])}</dd>"
        f"<dt>You may concede</dt><dd>{esc(card['may_concede'])}</dd>"
        f"<dt>You will not</dt><dd>{esc(card['will_not'])}</dd>"
        "<dt>Two questions you can ask</dt><dd><ol>"
        + "".join(f"<li>{esc(q)}</li>" for q in card["questions"])
        + "</ol></dd></dl></div>"
    )
    if card["chair"]:
        parts.append(
            '<div class="card"><h2>Liberties this simulation takes</h2>'
            f"<p>Tell the room when you open the meeting.</p><p>{esc(roleplay.rules['liberties'])}</p></div>"
        )
    heading = "What the OSCE's bodies decided and reported" if card["chair"] else "What your side said and did"
    parts.append(f"<h2>{heading}, up to {esc(cutoff)}</h2>")
    if card["facts"]:
        items = "".join(
            f"<li><strong>{esc(fact['when'])}</strong>, {esc(fact['actor'])}: {esc(fact['text'])} "
            f"[{', '.join(str(n) for n in fact['sources'])}]</li>"
            for fact in card["facts"]
        )
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append("<p>The data records nothing before this date: argue from your role.</p>")
    if card["sources"]:
        references = "".join(
            f"<li>{esc(source['reference'])}"
            + (" (published after the scene; it reports an earlier fact)" if source["after_cutoff"] else "")
            + "</li>"
            for source in card["sources"]
        )
        parts.append(f'<h3>Sources</h3><ol class="sources">{references}</ol>')
    parts.append(
        '<p class="note">Every claim you make cites a source from this card. Nothing after '
        f"{esc(cutoff)} is known in the room.</p>"
    )
    return "\n".join(parts)


def rules_card(roleplay: Roleplay) -> str:
    rules = roleplay.rules
    order = "".join(f"<li>{esc(name)}</li>" for name in rules["speaking_order"])
    return (
        f"<p>{esc(roleplay.scene)}</p>"
        f"<h2>Speaking order</h2><ol>{order}</ol>"
        "<dl>"
        f"<dt>Statements</dt><dd>{rules['statement_minutes']} minutes each, in the order above.</dd>"
        f"<dt>Right of reply</dt><dd>{esc(rules['right_of_reply'])}</dd>"
        f"<dt>Consensus</dt><dd>{esc(rules['consensus'])}</dd>"
        f"<dt>Members without the floor</dt><dd>{esc(rules['non_speaking'])}</dd>"
        f"<dt>Liberties this simulation takes</dt><dd>{esc(rules['liberties'])}</dd>"
        "</dl>"
    )


# ------------------------------------------------------------------------------------------------ instructors


def _breakable(name: str) -> str:
    """A name escaped, with a break allowed between the words of an activity's class name (CommitmentsTracker)."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "<wbr>", esc(name))


def _minutes(row: dict) -> str:
    return f"{row['start']}–{row['end']}"


def run_sheet(plan: Plan) -> str:
    times = plan.times
    parts = [
        "<p>Self-study, for a learner on their own: "
        f"reading {times['reading']} min, activities {times['activities']} min, core exercise tasks "
        f"{times['core']} min, extension tasks {times['extension']} min.</p>"
    ]
    for n, (length, rows) in enumerate(plan.runs.items()):
        body = "".join(
            "<tr>"
            f"<td>{_minutes(r)}</td><td>{_breakable(r['project'])}</td><td>{esc(r['students'])}</td>"
            f"<td>{esc(r['do'])}</td><td>{esc(r['prompt'])}</td><td>{esc(r['cut'])}</td>"
            "</tr>"
            for r in rows
        )
        parts.append(
            f"<h2{' class=new-page' if n else ''}>A {length}-minute class</h2>"
            '<table><colgroup><col style="width:8%"><col style="width:19%"><col style="width:13%">'
            '<col style="width:23%"><col style="width:19%"><col style="width:18%"></colgroup>'
            "<thead><tr><th>Min.</th><th>On the projector</th><th>Students</th><th>What happens</th>"
            f"<th>Ask</th><th>If running late, cut</th></tr></thead><tbody>{body}</tbody></table>"
        )
    return "\n".join(parts)


def _is_figure(value: object) -> bool:
    return hasattr(value, "to_plotly_json") and hasattr(value, "data")


def answer_json(value: object) -> str:
    """An answer as JSON, for the key's ``data-answer`` attribute: a figure as plotly's own JSON."""
    return value.to_json() if _is_figure(value) else json.dumps(value, ensure_ascii=False)


def shown_answer(value: object) -> str:
    """An answer as an instructor reads it aloud and a learner would type it: a list as its items separated by
    commas, a number without trailing zeros; a dictionary as each key with its value (each speaker with its words);
    a figure (which nobody types) as what it shows."""
    if _is_figure(value):
        title = value.layout.title.text or "no title"
        series = ", ".join(str(trace.name) for trace in value.data)
        kind = "bars" if all(trace.type == "bar" for trace in value.data) else "a line"
        return f"A chart titled \u201c{title}\u201d, {kind} for each of {series}, as the solutions notebook draws it."
    if isinstance(value, dict):
        return "; ".join(f"{key}: \u201c{item}\u201d" for key, item in value.items())
    if isinstance(value, list | tuple | set):
        return ", ".join(map(str, value))
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def answer_key(lesson: Lesson) -> str:
    """The quiz's right choices and why, and each exercise check's answer computed from the data, with what the
    check tells a learner who gives it."""
    parts = []
    questions = lesson.quiz_questions()
    if questions:
        parts.append("<h2>Check your understanding (the lesson's quiz)</h2><ol>")
        for question in questions:
            right = next(c for c in question.choices if c.correct)
            parts.append(
                f'<li class="keep"><p>{esc(question.question)}</p>'
                f'<p>Right answer: <span class="answer">{esc(right.text)}</span></p><p>{esc(right.why)}</p></li>'
            )
        parts.append("</ol>")
    checks, key = lesson.checks(), lesson.answers()
    if checks:
        parts.append(
            f"<h2>Exercises ({esc(lesson.exercise_notebook)})</h2>"
            "<p>Each answer is computed from the data, as the exercise's checks compute it; the checks also accept "
            "other forms of it (a percentage for a share, a list in any order).</p><ol>"
        )
        for name, check in checks.items():
            value = key[name]
            said = check(value)
            parts.append(
                f'<li class="keep"><p>{esc((check.__doc__ or name).strip())}</p>'
                f'<p>Answer: <span class="answer" data-check="{esc(lesson.name)}.{esc(name)}" '
                f'data-answer="{esc(answer_json(value))}">{esc(shown_answer(value))}</span></p>'
                f'<p class="note">The check says: {esc(said.message)}</p></li>'
            )
        parts.append("</ol>")
    if not parts:
        parts.append("<p>This lesson has no quiz and no exercise.</p>")
    return "\n".join(parts)


def rubric(item: dict) -> str:
    """One open question: its rubric (every criterion at 0, 1 and 2) and its three anchor answers. One page file
    per question, so that each prints on its own and an instructor prints only the ones a class needs."""
    rows = "".join(
        f"<tr><td><strong>{esc(c['criterion'])}</strong></td>"
        + "".join(f"<td>{esc(level)}</td>" for level in c["levels"])
        + "</tr>"
        for c in item["rubric"]
    )
    anchors = {a["level"]: a for a in item["anchors"]}
    points = 2 * len(item["rubric"])
    return (
        f"<p>{esc(item['question'])}</p>"
        f"<h2>Rubric (each criterion scores 0, 1 or 2; {points} points in all)</h2>"
        '<table><colgroup><col style="width:25%"><col style="width:25%"><col style="width:25%">'
        '<col style="width:25%"></colgroup><thead><tr><th>Criterion</th><th>0</th><th>1</th><th>2</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
        "<h2>Anchor answers</h2>"
        + "".join(
            f'<div class="keep graded"><p><strong>{esc(level.capitalize())}</strong></p>'
            f'<p>{esc(anchors[level]["answer"])}</p><p class="note">Why: {esc(anchors[level]["why"])}</p></div>'
            for level in ANCHOR_LEVELS
        )
    )


def participation(criteria: list[dict]) -> str:
    """The participation rubric shared by every lesson's discussions and the role-play."""
    rows = "".join(
        f"<tr><td><strong>{esc(c['name'])}</strong></td>" + "".join(f"<td>{esc(v)}</td>" for v in c["levels"]) + "</tr>"
        for c in criteria
    )
    return (
        "<p>For discussions and the role-play: each criterion scores 0, 1 or 2.</p>"
        '<table><colgroup><col style="width:25%"><col style="width:25%"><col style="width:25%">'
        '<col style="width:25%"></colgroup><thead><tr><th>Criterion</th><th>0</th><th>1</th><th>2</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def misconceptions(plan: Plan) -> str:
    if not plan.misconceptions:
        return "<p>No misconceptions are listed for this lesson.</p>"
    rows = "".join(f"<tr><td>{esc(m['belief'])}</td><td>{esc(m['correction'])}</td></tr>" for m in plan.misconceptions)
    return (
        "<p>What students often believe, and what the lesson's data and sources show instead.</p>"
        '<table><colgroup><col style="width:40%"><col style="width:60%"></colgroup>'
        f"<thead><tr><th>Belief</th><th>Correction</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _timing(roleplay: Roleplay) -> str:
    parts = []
    for length, rows in roleplay.timing.items():
        body = "".join(f"<tr><td>{_minutes(r)}</td><td>{esc(r['step'])}</td></tr>" for r in rows)
        parts.append(
            f'<h3 class="keep">In a {length}-minute class</h3>'
            '<table><colgroup><col style="width:15%"><col style="width:85%"></colgroup>'
            f"<thead><tr><th>Minutes</th><th>Step</th></tr></thead><tbody>{body}</tbody></table>"
        )
    return "".join(parts)


def chair_notes(roleplay: Roleplay) -> str:
    """The chair's card and the timing of the role-play for each class length."""
    return (
        role_card(roleplay, CHAIR)
        + '<h2 class="new-page">Timing</h2>'
        + _timing(roleplay)
        + f"<h3>A smaller or larger class</h3><p>{esc(roleplay.rules['smaller_class'])}</p>"
    )


def debrief(roleplay: Roleplay) -> str:
    questions = "".join(f"<li>{esc(q)}</li>" for q in roleplay.debrief["questions"])
    return (
        "<p>Out of role: everyone speaks as themselves again.</p>"
        f"<h2>Questions</h2><ol>{questions}</ol>"
        f"<h2>Written exit task</h2><p>{esc(roleplay.debrief['exit_task'])}</p>{_lines(6)}"
    )


def index(lesson: Lesson, audience: str, entries: list[tuple[str, str, str]]) -> str:
    """The pack's first page: what each page is for, linked."""
    items = "".join(f'<li><a href="{esc(file)}">{esc(title)}</a>: {esc(what)}</li>' for file, title, what in entries)
    return (
        f"<p>Print each page from a browser (A4 or US Letter, portrait, scale 100%); each file starts on a new "
        f"sheet. Made by <code>python -m netgov pack {lesson.number} --audience {esc(audience)}</code> from the "
        "lesson's definitions and the kit's data.</p>"
        f"<ul>{items}</ul>"
    )
