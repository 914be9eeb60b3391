"""``cardsmith serve``: loopback by default, a token whenever it listens beyond this machine."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from cardsmith.cli import cli
from cardsmith.web.security import is_loopback


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Capture what ``uvicorn.run`` would have served instead of serving it."""
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_defaults_to_loopback_without_token(runs: list[dict], tmp_path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--library", str(tmp_path / "lib.sqlite")])
    assert result.exit_code == 0, result.output
    (call,) = runs
    assert call["host"] == "127.0.0.1" and call["port"] == 8000
    assert call["app"].state.cardsmith.token is None
    assert "token" not in result.output
    assert TestClient(call["app"], base_url="http://127.0.0.1:8000").get("/api/stats").status_code == 200
    rebound = TestClient(call["app"], base_url="http://evil.example:8000").get("/api/stats")
    assert rebound.status_code == 400


def test_beyond_loopback_generates_and_prints_a_token(runs: list[dict], tmp_path) -> None:
    args = ["serve", "--library", str(tmp_path / "lib.sqlite"), "--host", "0.0.0.0", "--port", "9001"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    token = runs[0]["app"].state.cardsmith.token
    assert token and len(token) >= 20 and token in result.output


def test_beyond_loopback_reads_need_the_token_and_hosts_are_checked(runs: list[dict], tmp_path) -> None:
    args = ["serve", "--library", str(tmp_path / "lib.sqlite"), "--host", "0.0.0.0", "--allowed-host", "lan.example"]
    result = CliRunner().invoke(cli, args)
    assert "lan.example" in result.output
    app = runs[0]["app"]
    token = app.state.cardsmith.token
    signed = {"X-Cardsmith-Token": token}
    for base in ("http://lan.example:8000", "http://0.0.0.0:8000", "http://localhost:8000"):
        client = TestClient(app, base_url=base)
        assert client.get("/api/cards").status_code == 401
        assert client.get("/api/cards", headers=signed).status_code == 200
    assert TestClient(app, base_url="http://evil.example:8000").get("/api/cards", headers=signed).status_code == 400


def test_public_read_leaves_reads_open(runs: list[dict], tmp_path) -> None:
    args = ["serve", "--library", str(tmp_path / "lib.sqlite"), "--host", "0.0.0.0", "--public-read"]
    CliRunner().invoke(cli, args)
    client = TestClient(runs[0]["app"], base_url="http://0.0.0.0:8000")
    assert client.get("/api/cards").status_code == 200
    assert client.delete("/api/cards/c1").status_code == 401


def test_ipv6_loopback_is_served(runs: list[dict], tmp_path) -> None:
    CliRunner().invoke(cli, ["serve", "--library", str(tmp_path / "lib.sqlite"), "--host", "::1"])
    assert TestClient(runs[0]["app"], base_url="http://[::1]:8000").get("/api/stats").status_code == 200


def test_given_token_is_used(runs: list[dict], tmp_path) -> None:
    args = ["serve", "--library", str(tmp_path / "l.sqlite"), "--host", "::", "--token", "team-secret"]
    CliRunner().invoke(cli, args)
    assert runs[0]["app"].state.cardsmith.token == "team-secret"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.5.5.5", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
