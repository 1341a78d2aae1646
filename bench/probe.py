"""In-process measurements for `make bench` (bench/run.py), on the bench database and Redis, with the
production settings: `python bench/probe.py COMMAND [JSON]`, one JSON object on standard output.

  queries TARGETS   SQL queries per request of each target, through the whole middleware stack
                    (Django's test client): uncached (page cache off, site cache warm) and cached
                    (the second anonymous request)
  routing DATA_DIR  the routing decision for every distinct PC4 of pc4_municipality.csv, timed
  publish PATH      publish a new title for the page at PATH (as an editor would), print it
  paths             the addresses of the demo pages to measure
  outbox            notifications by state, and tasks due and still queued
"""

import csv
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

HOST = os.environ.get("BENCH_HOST", "127.0.0.1")


def _client():
    return Client(HTTP_HOST=HOST, HTTP_ACCEPT_ENCODING="gzip", HTTP_X_FORWARDED_FOR="198.18.255.1")


def _request(client, target):
    method = target.get("method", "GET")
    if method == "POST":
        data = target.get("form") or {}
        return client.post(target["path"], data=data)
    return client.get(target["path"])


def _count(client, target):
    with CaptureQueriesContext(connection) as context:
        response = _request(client, target)
    return len(context.captured_queries), response.status_code


def queries(targets):
    result = {}
    for target in targets:
        name = target["name"]
        entry = {}
        if target.get("method", "GET") == "GET":
            with override_settings(PAGE_CACHE_ENABLED=False):
                client = _client()
                _request(client, target)
                entry["uncached"], entry["status"] = _count(client, target)
            if target.get("cacheable"):
                client = _client()
                _request(client, target)
                entry["cached"], _status = _count(client, target)
        else:
            # A POST, like the pages, after one request of its own (this process's caches warm).
            client = _client()
            _request(client, target)
            entry["uncached"], entry["status"] = _count(client, target)
        result[name] = entry
    return result


def routing(data_dir):
    from intake.geography.lookup import Snapshot
    from intake.routing.vocabulary import PARENT

    path = Path(data_dir) / "pc4_municipality.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        pc4s = sorted({row["pc4"] for row in csv.DictReader(handle)})
    started = time.perf_counter()
    snapshot = Snapshot.load()
    loaded = time.perf_counter()
    today = date.today()
    birth = date(today.year - 1, today.month, min(today.day, 28))
    outcomes = {}
    for pc4 in pc4s:
        decision = snapshot.route(
            role=PARENT,
            location=snapshot.locate(pc4=pc4),
            child_birth_date=birth,
            concerns=["psychiatric"],
            support="outside_home",
            today=today,  # one day for the whole batch, as an import or an overview would
        )
        outcomes[decision.outcome] = outcomes.get(decision.outcome, 0) + 1
    finished = time.perf_counter()
    unknown = sum(1 for pc4 in pc4s if not snapshot.municipalities_for_pc4(pc4))
    return {
        "pc4s": len(pc4s),
        "unknown_pc4s": unknown,
        "load_seconds": round(loaded - started, 4),
        "decide_seconds": round(finished - loaded, 4),
        "total_seconds": round(finished - started, 4),
        "outcomes": outcomes,
    }


def publish(path):
    from wagtail.models import Page

    page = Page.objects.get(url_path=path).specific
    page.title = f"{page.title.split(' · ')[0]} · {int(time.time())}"
    page.save_revision().publish()
    return {"title": page.title}


def outbox():
    from django_tasks_db.models import DBTaskResult

    from intake.outbox.models import Notification

    states = {}
    for state in Notification.objects.values_list("state", flat=True):
        states[state] = states.get(state, 0) + 1
    from django.db.models import Q
    from django.utils import timezone

    # Due now: the sweep that waits for its next run (every 5 minutes) is not mail still to send.
    due = Q(run_after__isnull=True) | Q(run_after__lte=timezone.now())
    queued = DBTaskResult.objects.filter(due, status__in=["READY", "RUNNING"]).count()
    return {"notifications": states, "tasks_waiting": queued}


def paths():
    """Addresses of the demo pages the bench measures (Dutch), and the page to publish."""
    from django.apps import apps
    from wagtail.models import Page

    def first(label, **filters):
        model = apps.get_model(label)
        page = model.objects.live().filter(locale__language_code="nl", **filters).order_by("path").first()
        return page

    home = first("home.HomePage")
    found = {
        "home": home,
        "program": first("programs.ProgramPage"),
        "index": first("collective.ArticleIndexPage"),
        "article": first("collective.ArticlePage"),
        "find_support": first("intake.FindSupportPage"),
        "signup_parent": first("intake.IntakeFormPage", role="parent"),
    }
    result = {name: page.get_url() if page is not None else None for name, page in found.items()}
    result["publish_url_path"] = Page.objects.get(pk=home.pk).url_path if home else None
    return result


def main(argv):
    command, *args = argv
    if command == "queries":
        output = queries(json.loads(args[0]))
    elif command == "routing":
        output = routing(args[0])
    elif command == "publish":
        output = publish(args[0])
    elif command == "paths":
        output = paths()
    elif command == "outbox":
        output = outbox()
    else:
        raise SystemExit(f"unknown command {command}")
    sys.stdout.write(json.dumps(output) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
