"""Browser tests: Debian's Chromium, driven by Playwright, against a real server process
(`tests/e2e/server.py`: set up the way `make run` does it, on a database of its own)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from .server import DemoServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_site(request):
    """Base URL of a server with the demo site, like `make run` gives a new user."""
    server = getattr(request.config, "demo_server", None) or DemoServer()
    try:
        yield server.start()
    finally:
        server.stop()
        request.config.demo_server = None


# How long an expectation may wait for the page (not a time limit on the site): generous, so a busy
# 2-core machine (the live answer waits for a server round trip) never turns into a flaky failure.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_site):
    """A phone-sized page (390×844), as the parents in scenarios.md use the site."""
    context = browser.new_context(
        base_url=live_site, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
