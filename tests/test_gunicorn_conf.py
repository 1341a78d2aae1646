"""config/gunicorn.conf.py: two sync workers by default, and an access log without query strings
(the find-support page and the routing API carry a family's answers in the query string)."""

import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[1] / "config" / "gunicorn.conf.py"


@pytest.fixture
def conf(monkeypatch):
    for name in ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_ACCESS_LOG", "PORT"):
        monkeypatch.delenv(name, raising=False)
    return runpy.run_path(str(CONF))


def test_the_access_log_never_holds_a_query_string_or_a_client_address(conf):
    log_format = conf["access_log_format"]
    for atom in ("%(q)s", "%(r)s", "%(h)s", "%({x-forwarded-for}i)s"):
        assert atom not in log_format
    assert "%(U)s" in log_format  # the path alone


def test_two_sync_workers_on_the_loopback_address_by_default(conf):
    assert conf["workers"] == 2
    assert conf["worker_class"] == "sync"
    assert conf["bind"] == "127.0.0.1:8000"
