"""Browser tests: Debian's Chromium, driven by Playwright, against a real server process.

The server is started once per session the way `make run` starts it (development settings,
migrate, demo content, runserver), on a database of its own: a temporary SQLite file, or, when
DATABASE_URL points at PostgreSQL, a separate database on the same server that is dropped
afterwards. The browser never shares a transaction with the test process, so it sees exactly
what a visitor would.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

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


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_database(url):
    """Create a fresh database beside the one in DATABASE_URL; return (its url, drop function)."""
    import psycopg2

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'test'}_e2e_{os.getpid()}"
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return urlunsplit(parts._replace(path=f"/{name}")), drop


@pytest.fixture(scope="session")
def live_site():
    """Base URL of a server with the demo site, like `make run` gives a new user."""
    workdir = Path(tempfile.mkdtemp(prefix="mg-e2e-"))
    drop = None
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        database_url, drop = _postgres_database(database_url)
    else:
        database_url = f"sqlite:///{workdir / 'site.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "INTAKE_RATE_LIMIT": "1000/h",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    log = open(workdir / "server.log", "w")  # noqa: SIM115 (closed at teardown)
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo_content", "-v0"], env=env, check=True, cwd=ROOT)
    # The demo queues its search and reference indexing as background tasks: run them all now, then
    # keep a worker beside the server for what the tests queue (sign-up e-mails), as `make run` does.
    subprocess.run([*manage, "db_worker", "--batch", "-v0"], env=env, check=True, cwd=ROOT, stdout=log, stderr=log)
    worker = subprocess.Popen([*manage, "db_worker", "--no-reload", "-v0"], env=env, cwd=ROOT, stdout=log, stderr=log)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT, stdout=log, stderr=log
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base_url + "/", timeout=2)  # noqa: S310 (local test server)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError((workdir / "server.log").read_text()) from None
                time.sleep(0.1)
        yield base_url
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=10)
        log.close()
        if drop:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

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
