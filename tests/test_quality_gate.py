"""The quality gate (benchmarks/gate.py): it passes on this tree, and a floor is lowered only when explained."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import gate
from tests.conftest import ROOT, needs_shared

BASELINE = {"metrics": {"search_r10": {"value": 87.0, "margin": 1.7, "floor": 85.3, "n": 100, "what": "R@10"}}}


@pytest.mark.shared
@needs_shared
def test_gate_passes() -> None:
    """Passage F1, search recall, verify detection and marker MCC are all at or above their floors."""
    proc = subprocess.run([sys.executable, "benchmarks/gate.py"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert "FAIL" not in proc.stdout


def _files(tmp_path: Path, unreleased: str) -> tuple[Path, Path]:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(BASELINE))
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(f"# Changelog\n\n## Unreleased\n{unreleased}\n## 0.1.0\n- search_r10 first measured\n")
    return baseline, changelog


def _r10(value: float) -> gate.Metric:
    return gate.Metric("search_r10", value, 1.7, 100, "R@10")


def test_update_refuses_to_lower_a_floor_the_changelog_does_not_name(tmp_path: Path) -> None:
    """A mention under an older release does not count: only the Unreleased section explains a change."""
    baseline, changelog = _files(tmp_path, "- the cutter keeps footnotes\n")
    refusals = gate.update([_r10(80.0)], baseline, changelog)
    assert len(refusals) == 1 and "search_r10" in refusals[0] and "85.300 to 78.300" in refusals[0]
    assert json.loads(baseline.read_text()) == BASELINE


def test_update_lowers_a_floor_the_changelog_names(tmp_path: Path) -> None:
    baseline, changelog = _files(tmp_path, "- search_r10 falls to 80: tags are no longer indexed\n")
    assert gate.update([_r10(80.0)], baseline, changelog) == []
    assert json.loads(baseline.read_text())["metrics"]["search_r10"]["floor"] == 78.3


def test_update_raises_a_floor_freely(tmp_path: Path) -> None:
    baseline, changelog = _files(tmp_path, "")
    assert gate.update([_r10(90.0)], baseline, changelog) == []
    assert json.loads(baseline.read_text())["metrics"]["search_r10"]["floor"] == 88.3


def test_update_refuses_to_drop_a_metric_the_changelog_does_not_name(tmp_path: Path) -> None:
    baseline, changelog = _files(tmp_path, "")
    refusals = gate.update([gate.Metric("passage_f1", 0.8, 0.03, 40, "F1")], baseline, changelog)
    assert len(refusals) == 1 and "search_r10: would be dropped" in refusals[0]


def test_check_says_which_metric_dropped_from_what_to_what() -> None:
    failures = gate.check([_r10(84.0)], BASELINE["metrics"])
    assert failures == ["search_r10 dropped from 87.000 (baseline) to 84.000, below its floor 85.300"]
    assert gate.check([_r10(85.3)], BASELINE["metrics"]) == []


def test_measure_margin_is_half_a_standard_error_but_at_least_one_item() -> None:
    """All-pass items have no spread: the margin is one item out of n."""
    assert gate.measure("x", "", [True] * 50, gate._percent, 100.0).margin == 2.0
    spread = gate.measure("x", "", [0.0, 1.0] * 50, gate._mean, 1.0)
    assert spread.value == 0.5 and spread.margin == 0.026  # SE = 0.5 / sqrt(99) ~ 0.050
