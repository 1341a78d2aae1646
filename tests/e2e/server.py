"""The demo server the browser tests drive, set up the way `make run` sets it up.

Development settings, `migrate`, `load_demo_content`, then `runserver` with a task worker beside
it, on a database of its own: a temporary SQLite file, or, when DATABASE_URL points at PostgreSQL,
a separate database on the same server that is dropped afterwards. The browser never shares a
transaction with the test process, so it sees exactly what a visitor would.

Migrating and building the demo take a while, so `prepare()` starts them in the background as soon
as the test session knows it will run browser tests (see tests/conftest.py); the unit tests run
meanwhile, and `start()` waits for it before starting the server.
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

import psycopg2

ROOT = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_database(url):
    """Create a fresh database beside the one in DATABASE_URL; return (its url, drop function)."""
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


class DemoServer:
    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="mg-e2e-"))
        self.drop = None
        self.preparing = self.worker = self.server = None
        self.base_url = None
        self.log = open(self.workdir / "server.log", "w")  # noqa: SIM115 (closed in stop())

    def prepare(self):
        """Create the database and start migrating it and building the demo, in the background."""
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith(("postgres://", "postgresql://")):
            database_url, self.drop = _postgres_database(database_url)
        else:
            database_url = f"sqlite:///{self.workdir / 'site.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.workdir / "media"),
            "INTAKE_RATE_LIMIT": "1000/h",
            "PYTHONUNBUFFERED": "1",
        }
        manage = " ".join(MANAGE)
        script = f"{manage} migrate --noinput -v0 && {manage} load_demo_content -v0"
        self.preparing = subprocess.Popen(
            ["sh", "-c", script], env=self.env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )
        return self

    def start(self):
        """Wait for the preparation, then start the worker and the server; return the base URL."""
        if self.preparing is None:
            self.prepare()
        if self.preparing.wait() != 0:
            raise RuntimeError((self.workdir / "server.log").read_text())
        # A task worker beside the server for what the tests queue (sign-up e-mails), as `make run` does.
        self.worker = subprocess.Popen(
            [*MANAGE, "db_worker", "--no-reload", "-v0"], env=self.env, cwd=ROOT, stdout=self.log, stderr=self.log
        )
        port = int(os.environ.get("E2E_PORT") or 0) or _free_port()  # a fixed port where one is assigned
        self.server = subprocess.Popen(
            [*MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=self.env,
            cwd=ROOT,
            stdout=self.log,
            stderr=self.log,
        )
        self.base_url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base_url + "/", timeout=2)  # noqa: S310 (local test server)
                return self.base_url
            except OSError:
                if self.server.poll() is not None:
                    raise RuntimeError((self.workdir / "server.log").read_text()) from None
                time.sleep(0.1)
        raise RuntimeError("The demo server did not answer within 20 seconds.")

    def stop(self):
        for process in (self.server, self.worker, self.preparing):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
        self.log.close()
        if self.drop:
            self.drop()
            self.drop = None
        shutil.rmtree(self.workdir, ignore_errors=True)
