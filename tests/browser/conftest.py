"""Fixtures of the browser tests: the app served by uvicorn on a free port, and a headless Chromium.

Both live for one test module: Playwright's synchronous API runs an event loop, which must be gone
before the asynchronous tests of other directories run.

The browser is Debian's ``chromium`` driven by Playwright for Python (never ``playwright install``);
the tests are skipped when ``/usr/bin/chromium`` is absent. Screenshots go to ``tests/browser/artifacts/``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kg.serve.app import ServeSettings, close_app, create_app

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is absent: install Debian's chromium to run the browser tests", allow_module_level=True
    )
playwright_sync = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is absent: pip install -e '.[browser]'"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(seed_store_dir: Path) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a thread of this process, until the session ends."""
    import uvicorn

    app = create_app(seed_store_dir, ServeSettings(timeout=20.0))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="kg-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        close_app(app)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """A headless Chromium with a new, empty profile."""
    with playwright_sync.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context: BrowserContext) -> Iterator[Page]:
    """A fresh tab; script errors and failed requests (but the favicon's) fail the test."""
    tab = browser_context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "response",
        lambda response: errors.append(f"{response.status} {response.url}")
        if response.status >= 400 and not response.url.endswith("/favicon.ico")
        else None,
    )
    yield tab
    tab.close()
    assert not errors, f"errors in the browser: {errors}"


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """``screenshot(page, name)``: save a full-page screenshot under tests/browser/artifacts/ and print its path."""

    def take(tab: Page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        print(f"screenshot: {path}")
        return path

    return take
