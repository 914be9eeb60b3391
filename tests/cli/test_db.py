"""``cardsmith db start`` / ``stop``: a real server in a folder, used through --library URL."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner

from cardsmith.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_start_prints_a_library_url_and_stop_stops_it() -> None:
    folder = Path(tempfile.mkdtemp(prefix="cardsmith-db-"))  # not under pytest's private tmp: root hands it over
    try:
        started = run("db", "start", "--dir", str(folder))
        assert started.exit_code == 0, started.output
        url = started.stdout.strip()
        assert url.startswith("postgresql://postgres@127.0.0.1:") and url.endswith("/cardsmith")
        assert run("db", "start", "--dir", str(folder)).stdout.strip() == url  # already running: the same URL
        assert "cards: 0" in run("cards", "--library", url).output
        assert run("db", "stop", "--dir", str(folder)).stdout.strip() == "stopped"
        stopped = run("cards", "--library", url)
        assert stopped.exit_code == 1 and "cannot open the library" in stopped.stderr
    finally:
        run("db", "stop", "--dir", str(folder))
        shutil.rmtree(folder, ignore_errors=True)


def test_stop_without_a_server_is_a_one_line_error(tmp_path) -> None:
    result = run("db", "stop", "--dir", str(tmp_path))
    assert result.exit_code == 1 and "no PostgreSQL server is running here" in result.stderr
