"""Outages: a database that cannot be reached answers 503 with Retry-After (nothing stored), and a
mail server that is down delays the notices without losing or doubling one (a real SMTP server)."""

import socket
from datetime import timedelta

import pytest
import time_machine
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.utils import timezone

from intake.models import Intake, Notification, Role
from tests.intake import signup_fixtures
from tests.intake.signup_fixtures import DATA, EN, NL
from tests.intake.test_notifications import database_tasks, run_worker, sign_up  # noqa: F401 - fixtures

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

page_url = signup_fixtures.page_url
signup_pages = signup_fixtures.signup_pages


def database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


def writes_fail(execute, sql, params, many, context):
    """The database answers reads, then goes away when the sign-up is written."""
    if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "SAVEPOINT")):
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def assert_outage_page(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    doc = BeautifulSoup(response.content, "html.parser")
    # The page's own style is allowed by the page's Content-Security-Policy (its nonce), not inline.
    nonce = doc.find("style").get("nonce")
    assert nonce and f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    text = doc.get_text(" ", strip=True)
    assert "Er is niets opgeslagen" in text
    assert doc.find(attrs={"lang": "en"}) is not None and "Nothing was stored" in text


@pytest.mark.parametrize("url", ["/", "/en/", "/voor-ouders/", "/search/?q=gezin", "/steun-zoeken/"])
def test_pages_answer_503_when_the_database_is_down(url):
    client = Client()
    with connection.execute_wrapper(database_down):
        response = client.get(url)
    assert_outage_page(response)


def test_the_api_answers_json_503_when_the_database_is_down():
    client = Client()
    with connection.execute_wrapper(database_down):
        response = client.post("/api/routing/", {"postcode": "3431AB", "role": "host_family"})
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert int(response["Retry-After"]) > 0
    assert "service" in response.json()["errors"]


@pytest.mark.parametrize("failure", [database_down, writes_fail])
@pytest.mark.parametrize("language", [NL, EN])
def test_a_signup_while_the_database_is_down_is_a_503_and_stores_nothing(page_url, failure, language):
    url = page_url(Role.PARENT, language)
    client = Client()
    before = Intake.objects.count()
    with connection.execute_wrapper(failure):
        response = client.post(url, DATA[Role.PARENT]())
    assert_outage_page(response)
    assert Intake.objects.count() == before
    assert not Notification.objects.exists()


def test_the_admin_keeps_djangos_own_error_handling(admin_client):
    with connection.execute_wrapper(database_down), pytest.raises(OperationalError):
        admin_client.get("/admin/")


# --- A real SMTP server, down and then up ---------------------------------------------------------


class Recorder:
    """aiosmtpd handler: keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((tuple(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def message_id(content: str) -> str:
    return next(line for line in content.splitlines() if line.lower().startswith("message-id:"))


def test_mail_server_down_while_three_signups_arrive_then_up(sign_up, run_worker):  # noqa: F811
    port = free_port()
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_TIMEOUT": 5,
    }
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False) as clock, override_settings(**smtp):
        intakes = [sign_up(role=role) for role in Role.values]
        # Nobody listens on the port: every attempt is refused and retried later.
        assert run_worker()["pending"] == 6
        assert set(Notification.objects.values_list("last_error", flat=True)) == {"ConnectionRefusedError errno=111"}
        recorder = Recorder()
        server = Controller(recorder, hostname="127.0.0.1", port=port)
        server.start()
        try:
            clock.shift(timedelta(minutes=1))
            assert run_worker()["sent"] == 6
            # Later wake-ups (a duplicate task, the sweep) send nothing again.
            clock.shift(timedelta(minutes=30))
            assert "sent" not in run_worker()
        finally:
            server.stop()
    assert len(recorder.messages) == 6
    ids = [message_id(content) for _rcpt, content in recorder.messages]
    assert len(set(ids)) == 6
    for intake in intakes:
        about = [rcpt for rcpt, content in recorder.messages if intake.reference in content]
        assert len(about) == 2, intake.reference  # the handlers' notice and the confirmation, once each
    assert set(Notification.objects.values_list("state", flat=True)) == {Notification.State.SENT}
    assert set(Notification.objects.values_list("attempts", flat=True)) == {2}
