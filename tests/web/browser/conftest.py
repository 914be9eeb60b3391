"""Browser fixtures: the app served on 127.0.0.1 at a free port in a thread, driven by Debian's Chromium.

Screenshots go to tests/_screenshots/ (git-ignored) for a person to look at; set
CARDSMITH_KEEP_SHOTS to keep the previous run's.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cardsmith.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "_screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: A laptop and a phone (an iPhone 12-14's CSS width).
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - the dev extra is not installed: the browser fixture skips
    Page = expect = sync_playwright = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a fresh library, one per test module."""
    import uvicorn

    app = create_app(tmp_path_factory.mktemp("e2e") / "library.sqlite")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Chromium, closed after each module: Playwright's sync API holds the main thread's event loop
    while it runs, which other tests' ``asyncio.run`` must not meet."""
    if sync_playwright is None:
        pytest.skip("playwright is not installed (the dev extra)")
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt install chromium)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def open_tab(browser, server: str, viewport: dict[str, int]) -> Iterator[Page]:
    """A fresh tab at ``viewport``; a JavaScript error on the page fails the test."""
    context = browser.new_context(base_url=server, accept_downloads=True, viewport=viewport)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    expect.set_options(timeout=30_000)  # a busy CI machine embeds slowly
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def page(browser, server: str) -> Iterator[Page]:
    yield from open_tab(browser, server, LAPTOP)


@pytest.fixture
def phone(browser, server: str) -> Iterator[Page]:
    yield from open_tab(browser, server, PHONE)


def shot(page: Page, name: str) -> None:
    """A full-page screenshot for a person to look at."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(autouse=True, scope="session")
def _clean_screenshots() -> None:
    if SHOTS.exists() and os.environ.get("CARDSMITH_KEEP_SHOTS") is None:
        shutil.rmtree(SHOTS)
