#!/usr/bin/env python3
"""`make bench`: the production configuration under load, measured, and checked against its budgets.

What it does (README, "Performance and scale"):

1. a bench database on the machine's PostgreSQL (dropped and created anew), migrated, filled with the
   demo content (`load_demo_content` under the development settings, the only ones that allow it),
   the CBS geography of ../shared/data when it is there, the static files collected; the bench's
   Redis database emptied;
2. a local SMTP server (bench/smtp_sink.py) and two mail workers (`manage.py db_worker`);
3. gunicorn (config/gunicorn.conf.py, 2 sync workers) with the production settings, first with
   the page cache off (`PAGE_CACHE_ENABLED=false`: what a page costs to render), then with it on,
   beside a second gunicorn on another port (two app servers on one PostgreSQL and Redis);
4. wrk (installed with apt-get when missing and run as root) against every target, 16 connections,
   2 threads, `BENCH_SECONDS` each after a warm-up; a static file through the same stack as the
   machine's reference; the SQL queries per request counted in-process (bench/probe.py);
5. the scale-out checks: a publish clears the cache of both servers, the rate limits are shared
   (Redis), the two mail workers send every message once;
6. bench/report.json and bench/report.md, each figure beside its budget; the exit status is 1 when a
   budget is missed.

Sign-ups and the routing API have per-address rate limits (10 sign-ups and 300 API requests an hour).
The bench keeps them on, as in production, and gives every request its own client address instead:
the servers trust one proxy (`TRUSTED_PROXIES=127.0.0.1`, as behind nginx), and wrk sends
`X-Forwarded-For` from the benchmarking range 198.18.0.0/15 (a header value only: no traffic leaves
the loopback address). The scale-out check then shows, from one address, that the limit is counted
across both servers.

Settings (environment): BENCH_DATABASE (bench_meeleefgezin), BENCH_POSTGRES
(postgres://postgres@127.0.0.1:5432), BENCH_REDIS_URL (redis://127.0.0.1:6379/15), BENCH_PORT_A /
BENCH_PORT_B / BENCH_SMTP_PORT (8401 / 8402 / 8403), BENCH_SECONDS (10: per target, split over the
rounds), BENCH_ROUNDS (3), BENCH_SIGNUP_SECONDS (30: the paced sign-ups), BENCH_SIGNUP_THINK_MS
(1000), BENCH_CONNECTIONS (16);
BENCH_FIND_SUPPORT_METHOD and BENCH_API_METHOD (POST, as the site takes them: the same fields as a form body,
with a CSRF token from the page for the find-support page; GET is refused with 405 since issue 8).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from datetime import date
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
OUT = BENCH / "out"
PY = sys.executable
DATA_DIR = ROOT.parent / "shared" / "data"

DATABASE = os.environ.get("BENCH_DATABASE", "bench_meeleefgezin")
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PORT_A = int(os.environ.get("BENCH_PORT_A", "8401"))
PORT_B = int(os.environ.get("BENCH_PORT_B", "8402"))
SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "8403"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
#: Each page type is measured in this many rounds, each after its own static-file reference.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
THREADS = 2
#: A sign-up client's pause between the answer and its next sign-up (reading, typing): 16 clients
#: then send about 16 sign-ups a second, far more than any campaign brings. The same POST without
#: a pause (the servers' saturation) is reported beside it.
SIGNUP_THINK_MS = int(os.environ.get("BENCH_SIGNUP_THINK_MS", "1000"))
#: The paced sign-ups run this long: wrk starts its 16 clients in the same millisecond, and that
#: first burst (16 sign-ups at once) should weigh in the p95 as it would in a busy minute, not as a
#: tenth of a 10-second run's samples.
SIGNUP_SECONDS = int(os.environ.get("BENCH_SIGNUP_SECONDS", "30"))
FIND_SUPPORT_METHOD = os.environ.get("BENCH_FIND_SUPPORT_METHOD", "POST").upper()
API_METHOD = os.environ.get("BENCH_API_METHOD", "POST").upper()

BUDGETS = {
    "cached_share_of_static": 0.60,
    "uncached_share_of_static": 0.05,
    "uncached_queries": 10,
    "cached_queries": 0,
    "signup_p95_ms": 150,
    "routing_all_pc4_seconds": 1.0,
}

PROCESSES: list[subprocess.Popen] = []


# --- Processes ---------------------------------------------------------------------------------------


def log(message):
    print(f"[bench] {message}", flush=True)


def start(name, command, env, log_name=None):
    handle = open(OUT / f"{log_name or name}.log", "ab")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.bench_name = name
    PROCESSES.append(process)
    return process


def stop(process, timeout=15):
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
    if process in PROCESSES:
        PROCESSES.remove(process)


def stop_all():
    for process in list(reversed(PROCESSES)):
        stop(process)


def _on_signal(signum, frame):
    raise SystemExit(128 + signum)


def run(command, env, check=True, capture=False):
    result = subprocess.run(command, cwd=ROOT, env=env, check=False, text=True, capture_output=capture)
    if check and result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"failed: {' '.join(command)}")
    return result


def probe(env, *args):
    result = run([PY, str(BENCH / "probe.py"), *args], env, capture=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Set-up ------------------------------------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() != 0:
        raise SystemExit("make bench needs wrk: sudo apt-get install wrk")
    log("installing wrk (apt-get)")
    quiet = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=quiet)
    return shutil.which("wrk")


def fresh_database():
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    connection.close()


def empty_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def base_env():
    from cryptography.fernet import Fernet

    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PAGE_CACHE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
            "REDIS_URL": REDIS_URL,
            "SECRET_KEY": "bench-only-" + Fernet.generate_key().decode(),
            "INTAKE_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(SMTP_PORT),
            "EMAIL_USE_TLS": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "TRUSTED_PROXIES": "127.0.0.1",
            "SITE_HOSTNAME": "127.0.0.1",
            "PORT": str(PORT_A),
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{PORT_A}",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def prepare(env):
    log(f"database {DATABASE}: migrate, demo content")
    fresh_database()
    empty_redis()
    manage = [PY, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env)
    run([*manage, "load_demo_content", "-v0"], {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})
    municipalities, postcodes = DATA_DIR / "municipalities.csv", DATA_DIR / "pc4_municipality.csv"
    if municipalities.exists() and postcodes.exists():
        log("geography: the CBS files of ../shared/data")
        run(
            [*manage, "import_geography", "--municipalities", str(municipalities), "--postcodes", str(postcodes)],
            env,
            capture=True,
        )
    run([*manage, "collectstatic", "--noinput", "-v0"], env)


# --- HTTP ----------------------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def http(port, path, method="GET", data=None, headers=None):
    """(status, headers, body text) of one request to 127.0.0.1:port."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def wait_for(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _headers, _body = http(port, "/robots.txt")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server on port {port} did not start (see bench/out/)")


def csrf_for(port, path):
    """The CSRF cookie and a form token from a page, for POSTs (the same pair may be sent again)."""
    _status, headers, body = http(port, path)
    cookie = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        cookie.load(header)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if "csrftoken" not in cookie or not match:
        raise SystemExit(f"no CSRF token on {path}")
    return cookie["csrftoken"].value, match.group(1)


# --- Targets -------------------------------------------------------------------------------------------


def birth_date(months):
    today = date.today()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, 28))


def targets(paths):
    child = birth_date(18)
    finder_fields = {
        "role": "parent",
        "postcode": "3431AB",
        "child_birth_date_day": str(child.day),
        "child_birth_date_month": str(child.month),
        "child_birth_date_year": str(child.year),
        "concerns": "psychiatric",
        "support": "outside_home",
    }
    api_fields = {
        "postcode": "3431AB",
        "role": "parent",
        "child_birth_date": child.isoformat(),
        "concerns": "psychiatric",
        "support": "outside_home",
    }
    signup_fields = {
        "name": "Bench Ouder",
        "phone": "06 12345678",
        "email": "bench@example.org",
        "preferred_contact": "phone",
        "postcode": "3431 AB",
        "concerns": "psychiatric",
        "support": "outside_home",
        "notes": "Een aanmelding van de benchmark.",
        "consent": "on",
        "child_date_day": str(child.day),
        "child_date_month": str(child.month),
        "child_date_year": str(child.year),
    }

    def shaped(name, path, method, fields, **extra):
        query = urllib.parse.urlencode(fields)
        if method == "GET":
            return {"name": name, "path": f"{path}?{query}", "method": "GET", **extra}
        return {"name": name, "path": path, "method": "POST", "form": fields, **extra}

    return [
        {"name": "home", "path": paths["home"], "cacheable": True},
        {"name": "program page", "path": paths["program"], "cacheable": True},
        {"name": "article listing", "path": paths["index"], "cacheable": True},
        {"name": "article", "path": paths["article"], "cacheable": True},
        {"name": "search", "path": "/search/?q=gezin", "cacheable": True},
        shaped(
            "find-support page",
            paths["find_support"],
            FIND_SUPPORT_METHOD,
            finder_fields,
            csrf=FIND_SUPPORT_METHOD == "POST",
            page=True,
        ),
        shaped("routing API", "/api/routing/", API_METHOD, api_fields, unique_client=True),
        {
            "name": "sign-up POST",
            "path": paths["signup_parent"],
            "method": "POST",
            "form": signup_fields,
            "csrf": True,
            "unique_client": True,
            "think_ms": SIGNUP_THINK_MS,
            "seconds": SIGNUP_SECONDS,
        },
        {
            "name": "sign-up POST, no pause (saturation)",
            "path": paths["signup_parent"],
            "method": "POST",
            "form": signup_fields,
            "csrf": True,
            "unique_client": True,
            "measure_queries": False,
        },
    ]


def wrk(port, target, seconds=SECONDS, connections=CONNECTIONS):
    env = {**os.environ, "BENCH_METHOD": target.get("method", "GET"), "BENCH_THINK_MS": str(target.get("think_ms", 0))}
    headers = ["Accept-Encoding: gzip", "Accept: text/html,application/json"]
    if target.get("method") == "POST":
        form = dict(target.get("form") or {})
        if target.get("csrf"):
            cookie, token = csrf_for(port, target["path"])
            form["csrfmiddlewaretoken"] = token
            headers.append(f"Cookie: csrftoken={cookie}")
        env["BENCH_BODY"] = urllib.parse.urlencode(form, doseq=True)
    env["BENCH_HEADERS"] = "\n".join(headers)
    env["BENCH_UNIQUE_CLIENT"] = "1" if target.get("unique_client") else "0"
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / "wrk.lua"),
        f"http://127.0.0.1:{port}{target['path']}",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    line = next((item for item in result.stdout.splitlines() if item.startswith("BENCH_JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk failed for {target['name']}: {result.stdout}{result.stderr}")
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds_run = raw["duration_us"] / 1e6
    errors = raw["errors"]
    return {
        "requests": raw["requests"],
        "rate": round(raw["requests"] / seconds_run, 1),
        "p50_ms": round(raw["latency_us"]["p50"] / 1000, 1),
        "p95_ms": round(raw["latency_us"]["p95"] / 1000, 1),
        "p99_ms": round(raw["latency_us"]["p99"] / 1000, 1),
        "bytes_per_response": round(raw["bytes"] / max(1, raw["requests"])),
        "errors": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
        "bad_status": errors["status"],
    }


def paired(port, target, static, rounds=ROUNDS):
    """The target, each round right after the static file on the same server: the machine is shared,
    and its load changes from second to second, so each round's share is taken against its own
    reference, and the median round counts (one noisy second does not decide a budget)."""
    runs = []
    for _ in range(rounds):
        reference = wrk(port, static, seconds=max(2, SECONDS // (2 * rounds)))
        figures = wrk(port, target, seconds=max(3, SECONDS // rounds))
        figures["static_rate"] = reference["rate"]
        figures["share_of_static"] = round(figures["rate"] / reference["rate"], 4) if reference["rate"] else 0
        runs.append(figures)
    runs.sort(key=lambda figures: figures["share_of_static"])
    median = dict(runs[len(runs) // 2])
    median["requests"] = sum(figures["requests"] for figures in runs)
    median["errors"] = sum(figures["errors"] for figures in runs)
    median["bad_status"] = sum(figures["bad_status"] for figures in runs)
    median["rounds"] = [
        {key: figures[key] for key in ("rate", "static_rate", "share_of_static", "p95_ms")} for figures in runs
    ]
    return median


def warm(port, target, times=5):
    for _ in range(times):
        if target.get("method", "GET") == "GET":
            http(port, target["path"], headers={"Accept-Encoding": "gzip", "X-Forwarded-For": "198.19.255.250"})


def start_server(name, port, env, cache=True):
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": str(OUT / f"access-{name}.log"),
        "PAGE_CACHE_ENABLED": "true" if cache else "false",
    }
    process = start(
        f"gunicorn {name}", [PY, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"], server_env, name
    )
    wait_for(port)
    return process


def static_target(port, home):
    _status, _headers, body = http(port, home)
    match = re.search(r'<link rel="stylesheet" href="([^"]+site[^"]*\.css)"', body)
    return {"name": "static file", "path": match.group(1) if match else "/static/css/site.css"}


# --- Scale-out checks ----------------------------------------------------------------------------------


def check_publish_clears_both(env, paths):
    home = paths["home"]
    for port in (PORT_A, PORT_B):
        http(port, home)
    before = {port: http(port, home)[1].get("X-Page-Cache") for port in (PORT_A, PORT_B)}
    title = probe(env, "publish", paths["publish_url_path"])["title"]
    after = {}
    for port in (PORT_A, PORT_B):
        _status, headers, body = http(port, home)
        after[port] = {"x_page_cache": headers.get("X-Page-Cache"), "shows_new_title": title in body}
    passed = all(value == "hit" for value in before.values()) and all(
        value["shows_new_title"] for value in after.values()
    )
    return {"passed": passed, "before": before, "after": after, "title": title}


def check_rate_limit_shared(target):
    """From one client address, requests alternate between the two servers: the limit (300 an
    hour) is reached after 300 requests in total, not 300 on each."""
    address = {"X-Forwarded-For": "198.19.250.1"}
    statuses = {PORT_A: Counter(), PORT_B: Counter()}
    first_refusal = None
    for number in range(1, 321):
        port = PORT_A if number % 2 else PORT_B
        status, _headers, _body = http(port, target["path"], target["method"], target.get("form"), address)
        statuses[port][status] += 1
        if status == 429 and first_refusal is None:
            first_refusal = number
    passed = first_refusal == 301 and all(counter[429] > 0 for counter in statuses.values())
    return {
        "passed": passed,
        "first_429_at_request": first_refusal,
        "statuses": {str(port): dict(counter) for port, counter in statuses.items()},
    }


def check_mail_sent_once(env, sink_path, timeout=300):
    deadline = time.monotonic() + timeout
    state = probe(env, "outbox")
    while time.monotonic() < deadline:
        state = probe(env, "outbox")
        pending = state["notifications"].get("pending", 0)
        if pending == 0 and state["tasks_waiting"] == 0:
            break
        time.sleep(3)
    lines = [json.loads(line) for line in sink_path.read_text().splitlines()] if sink_path.exists() else []
    per_message = Counter((tuple(line["to"]), line["subject"]) for line in lines)
    duplicates = sum(1 for count in per_message.values() if count > 1)
    sent = state["notifications"].get("sent", 0)
    return {
        "passed": duplicates == 0 and len(lines) == sent and state["notifications"].get("pending", 0) == 0,
        "notifications": state["notifications"],
        "messages_received": len(lines),
        "messages_sent_twice": duplicates,
        "workers": 2,
    }


def check_access_log():
    lines = []
    for path in OUT.glob("access-*.log"):
        lines += path.read_text(errors="replace").splitlines()
    with_query = [line for line in lines if "?" in line]
    return {
        "passed": bool(lines) and not with_query,
        "lines": len(lines),
        "lines_with_a_query_string": len(with_query),
    }


# --- Report --------------------------------------------------------------------------------------------


def evaluate(report):
    checks = []

    def check(name, value, budget, passed):
        checks.append({"check": name, "value": value, "budget": budget, "passed": bool(passed)})

    static_u = report["static"]["uncached_phase"]["rate"]
    static_c = report["static"]["cached_phase"]["rate"]
    for name, entry in report["targets"].items():
        queries = entry.get("queries", {})
        if "uncached" in entry:
            figures = entry["uncached"]
            share = figures.get("share_of_static") or (figures["rate"] / static_u if static_u else 0)
            figures["share_of_static"] = round(share, 4)
            if entry.get("page"):
                check(f"{name}, uncached: share of static", f"{share:.1%}", "≥ 5%", share >= 0.05)
            check(
                f"{name}: errors and refused answers",
                figures["errors"] + figures["bad_status"],
                "0",
                figures["errors"] + figures["bad_status"] == 0,
            )
        if "cached" in entry:
            figures = entry["cached"]
            share = figures.get("share_of_static") or (figures["rate"] / static_c if static_c else 0)
            figures["share_of_static"] = round(share, 4)
            check(f"{name}, cache hit: share of static", f"{share:.1%}", "≥ 60%", share >= 0.60)
            failures = figures["errors"] + figures["bad_status"]
            check(f"{name}, cache hit: errors", failures, "0", failures == 0)
        if entry.get("page") and "uncached" in queries:
            check(f"{name}, uncached: SQL queries", queries["uncached"], "≤ 10", queries["uncached"] <= 10)
        if "cached" in queries:
            check(f"{name}, cache hit: SQL queries", queries["cached"], "0", queries["cached"] == 0)
    signup = report["targets"].get("sign-up POST", {}).get("uncached")
    if signup:
        check(
            f"sign-up POST p95 at {CONNECTIONS} clients ({SIGNUP_THINK_MS} ms pause each, {SIGNUP_SECONDS} s)",
            f"{signup['p95_ms']} ms",
            "< 150 ms",
            signup["p95_ms"] < 150,
        )
    routing = report.get("routing")
    if routing and "total_seconds" in routing:
        check(
            f"routing decision, all {routing['pc4s']} PC4s",
            f"{routing['total_seconds']} s",
            "< 1 s",
            routing["total_seconds"] < 1.0 and routing["pc4s"] >= 4000,
        )
    for name, result in report["scale_out"].items():
        check(name, "yes" if result["passed"] else "no", "yes", result["passed"])
    report["checks"] = checks
    report["passed"] = all(item["passed"] for item in checks)
    return report


def markdown(report):
    lines = [
        "# make bench",
        "",
        f"{report['started']} · {report['machine']} · gunicorn 2 sync workers, PostgreSQL, Redis · "
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s · every page type measured after a warm-up.",
        "",
        f"**{'All budgets met.' if report['passed'] else 'Budgets missed: see the checks below.'}**",
        "",
        "| target | cache | req/s | static req/s (its round) | share of static | p50 ms | p95 ms | p99 ms |"
        " SQL queries | bytes/response |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for phase, label in (("uncached_phase", "uncached phase"), ("cached_phase", "cached phase")):
        figures = report["static"][phase]
        lines.append(
            f"| static file ({label}) | – | {figures['rate']} | – | 100% | {figures['p50_ms']} | "
            f"{figures['p95_ms']} | {figures['p99_ms']} | 0 | {figures['bytes_per_response']} |"
        )
    for name, entry in report["targets"].items():
        for state in ("uncached", "cached"):
            if state not in entry:
                continue
            figures = entry[state]
            queries = entry.get("queries", {}).get(state, "–")
            share = f"{figures.get('share_of_static', 0):.1%}"
            lines.append(
                f"| {name} | {'hit' if state == 'cached' else 'off'} | {figures['rate']} | "
                f"{figures.get('static_rate', '–')} | {share} | "
                f"{figures['p50_ms']} | {figures['p95_ms']} | {figures['p99_ms']} | {queries} | "
                f"{figures['bytes_per_response']} |"
            )
    lines += ["", "## Checks", "", "| check | value | budget | met |", "| --- | --- | --- | --- |"]
    for item in report["checks"]:
        lines.append(
            f"| {item['check']} | {item['value']} | {item['budget']} | {'yes' if item['passed'] else '**no**'} |"
        )
    lines += ["", "## Scale-out", ""]
    for name, result in report["scale_out"].items():
        details = {key: value for key, value in result.items() if key != "passed"}
        lines.append(f"- **{name}**: {'yes' if result['passed'] else 'no'} — `{json.dumps(details)}`")
    if report.get("routing"):
        lines += ["", "## Routing", "", f"`{json.dumps(report['routing'])}`"]
    lines += [
        "",
        f"Each page type runs in {ROUNDS} rounds, each right after the static file on the same server (the",
        "machine is shared; its load changes from second to second); the row shows the median round, its",
        "share of that round's static rate (sign-ups: of the phase's static file) and the requests of all rounds.",
        "Uncached: the page cache off (`PAGE_CACHE_ENABLED=false`), what rendering a page costs with the",
        "fragment caches (menus, footer, settings, a page's rendered content) warm, as between two publishes.",
        "Sign-ups and API requests",
        "each come from their own client address (X-Forwarded-For through the trusted proxy 127.0.0.1), so",
        "the rate limits stay on and are never reached; mail is sent by the two workers, off the request.",
        "",
    ]
    return "\n".join(lines)


# --- Main ----------------------------------------------------------------------------------------------


def main():
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    ensure_wrk()
    env = base_env()
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    prepare(env)
    paths = probe(env, "paths")
    all_targets = targets(paths)
    report = {
        "started": started,
        "machine": f"{os.cpu_count()} CPU cores",
        "settings": {"seconds": SECONDS, "connections": CONNECTIONS, "threads": THREADS, "workers": 2},
        "budgets": BUDGETS,
        "targets": {
            target["name"]: {"page": target.get("page", target.get("cacheable", False))} for target in all_targets
        },
        "static": {},
        "scale_out": {},
    }

    log("SQL queries per request (in-process, production settings)")
    counted = probe(env, "queries", json.dumps([t for t in all_targets if t.get("measure_queries", True)]))
    for name, entry in counted.items():
        report["targets"][name]["queries"] = entry
    if DATA_DIR.exists():
        log("routing every PC4")
        report["routing"] = probe(env, "routing", str(DATA_DIR))

    sink_path = OUT / "mail.jsonl"
    start("smtp", [PY, str(BENCH / "smtp_sink.py"), str(SMTP_PORT), str(sink_path)], env)
    for number in (1, 2):
        start(f"db_worker {number}", [PY, "manage.py", "db_worker", "--no-reload"], env, f"db_worker-{number}")

    try:
        log("phase 1: page cache off")
        server = start_server("a", PORT_A, env, cache=False)
        static = static_target(PORT_A, paths["home"])
        warm(PORT_A, static)
        report["static"]["uncached_phase"] = wrk(PORT_A, static)
        log(f"  static file: {report['static']['uncached_phase']['rate']} req/s")
        for target in all_targets:
            if target["name"].startswith("sign-up POST"):
                continue
            warm(PORT_A, target)
            report["targets"][target["name"]]["uncached"] = figures = paired(PORT_A, target, static)
            log(f"  {target['name']}: {figures['rate']} req/s ({figures['share_of_static']:.1%} of static)")
        stop(server)

        log("phase 2: page cache on, two app servers")
        start_server("a", PORT_A, env, cache=True)
        start_server("b", PORT_B, env, cache=True)
        warm(PORT_A, static)
        report["static"]["cached_phase"] = wrk(PORT_A, static)
        log(f"  static file: {report['static']['cached_phase']['rate']} req/s")
        for target in all_targets:
            if not target.get("cacheable"):
                continue
            warm(PORT_A, target)
            report["targets"][target["name"]]["cached"] = figures = paired(PORT_A, target, static)
            log(f"  {target['name']} (hit): {figures['rate']} req/s ({figures['share_of_static']:.1%} of static)")
        for signup in (target for target in all_targets if target["name"].startswith("sign-up POST")):
            report["targets"][signup["name"]]["uncached"] = figures = wrk(
                PORT_A, signup, seconds=signup.get("seconds", SECONDS)
            )
            static_rate = report["static"]["cached_phase"]["rate"]
            figures["share_of_static"] = round(figures["rate"] / static_rate, 4) if static_rate else 0
            log(f"  {signup['name']}: {figures['rate']} req/s, p95 {figures['p95_ms']} ms")

        log("scale-out checks")
        report["scale_out"]["a publish clears the page cache on both servers"] = check_publish_clears_both(env, paths)
        api = next(target for target in all_targets if target["name"] == "routing API")
        report["scale_out"]["the rate limits are shared by both servers (Redis)"] = check_rate_limit_shared(api)
        report["scale_out"]["two mail workers send each message once"] = check_mail_sent_once(env, sink_path)
        report["scale_out"]["the access log holds no query strings"] = check_access_log()
    finally:
        stop_all()

    evaluate(report)
    (BENCH / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (BENCH / "report.md").write_text(markdown(report))
    log(f"report: bench/report.md ({'all budgets met' if report['passed'] else 'BUDGETS MISSED'})")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        stop_all()
