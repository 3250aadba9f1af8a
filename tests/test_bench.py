"""benchmarks/bench.py: the widget target scales with the floor notebook, and a missed target fails the run.

Nothing here executes a notebook or builds a lesson: the measurements are replaced by fixed numbers.
"""

from __future__ import annotations

import importlib.util
import time

import pytest
from helpers import ROOT


@pytest.fixture
def bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_widgets(p95_ms: float):
    def lesson(rounds: int = 1) -> list[dict]:
        return [{"widget": "lesson 9: fake", "median_ms": p95_ms / 2, "p95_ms": p95_ms, "n": 50}]

    return [lesson]


def test_widget_target_scales_with_the_floor(bench):
    assert bench.widget_target_ms(4.2) == pytest.approx(35.0)
    assert bench.widget_target_ms(2.8) == pytest.approx(35.0 * 2.8 / 4.2)
    assert bench.widget_target_ms(8.4) == pytest.approx(70.0)


@pytest.mark.parametrize(
    ("floor", "p95_ms", "status"), [(4.2, 35.0, 0), (4.2, 35.1, 1), (2.8, 23.0, 0), (2.8, 24.0, 1)]
)
def test_widgets_only_exits_non_zero_when_a_widget_misses_the_scaled_target(
    bench, monkeypatch, capsys, floor, p95_ms, status
):
    monkeypatch.setattr(bench, "WIDGETS", fake_widgets(p95_ms))
    monkeypatch.setattr(bench, "execute_seconds", lambda path: pytest.fail("--floor was given: no notebook runs"))
    assert bench.main(["--widgets-only", "--floor", str(floor), "--repeat", "1"]) == status
    out = capsys.readouterr().out
    target = 35.0 * floor / 4.2
    assert "p95 at most 35 ms where the floor notebook takes 4.2 s" in out
    assert f"at most {target:.1f} ms" in out
    assert f"p95 {p95_ms:.1f} ms of {target:.1f} ms" in out  # the slowest widget against its target


@pytest.mark.parametrize(("notebook_seconds", "status"), [(6.2, 0), (6.4, 1)])
def test_full_run_exits_non_zero_when_a_notebook_is_too_slow(bench, monkeypatch, capsys, notebook_seconds, status):
    lesson = ROOT / "notebooks" / "fake.ipynb"
    monkeypatch.setattr(bench, "execute_seconds", lambda path: 4.2 if path == bench.FLOOR else notebook_seconds)
    monkeypatch.setattr(bench, "notebooks", lambda *folders: [lesson])
    monkeypatch.setattr(bench, "subprocess_seconds", lambda code, repeat: 0.1)
    monkeypatch.setattr(bench, "voila_seconds", lambda paths: {})
    monkeypatch.setattr(bench, "export_seconds", lambda: 1.0)
    monkeypatch.setattr(bench, "grading_seconds", lambda: 100.0)
    monkeypatch.setattr(bench, "WIDGETS", fake_widgets(10.0))
    assert bench.main(["--repeat", "1"]) == status
    assert ("Targets missed" in capsys.readouterr().out) == bool(status)


@pytest.mark.parametrize(("floor", "seconds", "status"), [(4.2, 300.0, 0), (4.2, 301.0, 1), (2.8, 201.0, 1)])
def test_grading_only_exits_non_zero_when_a_class_takes_too_long(bench, monkeypatch, capsys, floor, seconds, status):
    monkeypatch.setattr(bench, "grading_seconds", lambda: seconds)
    monkeypatch.setattr(bench, "execute_seconds", lambda path: pytest.fail("--floor was given: no notebook runs"))
    assert bench.main(["--grading-only", "--floor", str(floor), "--repeat", "1"]) == status
    assert f"at most {300 * floor / 4.2:.0f} s" in capsys.readouterr().out


def test_time_widget_updates_keeps_the_fastest_round(bench):
    calls = []

    def apply(value):
        calls.append(value)
        if 2 <= len(calls) <= 6:  # the first timed round (after one warm-up call) is slowed down
            time.sleep(0.03)

    result = bench.time_widget_updates("fake", apply, [1, 2], n=5, rounds=2)
    assert len(calls) == 11
    assert result["p95_ms"] < 15
