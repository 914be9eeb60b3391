"""docs/cli.md is what the commands say about themselves today."""

from __future__ import annotations

import importlib.util

from tests.conftest import ROOT


def test_cli_reference_is_current() -> None:
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "docs" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = module.TARGET.read_text(encoding="utf-8")
    assert current == module.reference(), "docs/cli.md is stale: run `make docs`"
