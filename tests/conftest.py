"""Shared test helpers: where ../shared lives and a marker that skips when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(), reason="../shared is absent (a user's clone): real data not available"
)
