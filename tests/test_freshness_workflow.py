"""The monthly freshness job: scheduled, runs the report with a 6-month limit and the data checks, and speaks up."""

from __future__ import annotations

import yaml
from helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "freshness.yml"


def steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["freshness"]["steps"]


def test_it_runs_every_month():
    triggers = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))[True]  # YAML 1.1 reads the key `on` as True
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("1", "*", "*")
    assert "workflow_dispatch" in triggers


def test_it_fails_when_the_kit_is_more_than_six_months_behind():
    commands = "\n".join(step.get("run", "") for step in steps())
    assert "python -m netgov data freshness --fail-after 6" in commands
    assert "set -o pipefail" in commands  # a tee must not hide the report's exit status
    assert "python -m netgov check" in commands and "frictionless validate data/datapackage.json" in commands


def test_the_installed_commands_match_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = "\n".join(step.get("run", "") for step in steps())
    assert 'python -m pip install -c constraints.txt ".[test]"' in readme
    assert 'python -m pip install -c constraints.txt ".[test]"' in commands


def test_a_failure_opens_an_issue_and_keeps_the_reports():
    by_name = {step.get("name", ""): step for step in steps()}
    opener = [s for name, s in by_name.items() if "issue" in name.lower()]
    assert opener and opener[0]["if"] == "failure()" and "gh issue create" in opener[0]["run"]
    keeper = [s for s in steps() if "upload-artifact" in s.get("uses", "")]
    assert keeper and keeper[0]["if"] == "always()"
