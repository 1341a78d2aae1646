"""The outbox: notices are queued after the sign-up is stored and sent by the worker, with retries."""

import io
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from intake.models import Intake, Notification, Outcome, Role
from intake.outbox import delivery as notifications
from intake.signup import flow
from programs.models import Program

from . import signup_fixtures
from .signup_fixtures import (
    EN,
    NL,
    SECRETS,
    host_family_data,
    parent_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

# Fixtures shared by the sign-up tests.
signup_pages = signup_fixtures.signup_pages
page_url = signup_fixtures.page_url

DOWN = "tests.intake.test_notifications.RefusingBackend"
SMTP_DOWN = "tests.intake.test_notifications.SMTPErrorBackend"


class RefusingBackend(BaseEmailBackend):
    """The mail server is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class SMTPErrorBackend(BaseEmailBackend):
    """The mail server refuses, with an address in the message (must not be stored)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"sanne@example.nl": (550, b"no such user sanne@example.nl")})


def run_worker():
    out = io.StringIO()
    call_command("send_notifications", "--once", stdout=out)
    return out.getvalue()


def make_due():
    Notification.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def sign_up(client, page_url, role=Role.PARENT, language=NL, data=None):
    from .signup_fixtures import DATA

    response = client.post(page_url(role, language), data or DATA[role]())
    assert response.status_code == 302, response.content.decode()[:2000]
    return Intake.objects.order_by("-created_at").first()


def test_worker_sends_both_notices(client, page_url):
    intake = sign_up(client, page_url, language=EN)
    assert mail.outbox == []
    output = run_worker()
    assert "Sent 2" in output
    assert set(Notification.objects.values_list("state", flat=True)) == {Notification.State.SENT}
    assert all(n.sent_at and n.attempts == 1 for n in Notification.objects.all())

    handlers = next(m for m in mail.outbox if intake.reference in m.subject and "sanne@example.nl" not in m.to)
    confirmation = next(m for m in mail.outbox if m.to == ["sanne@example.nl"])
    # The handlers' notice: reference, role, outcome, region, a link to the admin; nothing personal.
    assert "lekstroom@meeleefgezin.example.org" in handlers.to
    assert intake.reference in handlers.body
    assert "Lekstroom" in handlers.body and "Nieuwegein" in handlers.body
    assert f"http://testserver/admin/intake/signups/inspect/{intake.pk}/" in handlers.body
    for secret in SECRETS + ["Psychische", "Psychiatric", "depress", "06 1234"]:
        assert secret not in handlers.body and secret not in handlers.subject
    # The confirmation: in the sign-up's language, the reference, what happens next, no health data.
    assert intake.reference in confirmation.subject and intake.reference in confirmation.body
    assert "within 5 working days" in confirmation.body
    assert "Screening comes first" in confirmation.body
    for secret in ["depress", "psychiatric", "Psychiatric", "Sanne", "06 1234"]:
        assert secret not in confirmation.body
    # Running again sends nothing twice.
    run_worker()
    assert len(mail.outbox) == 2


def test_handlers_of_the_region_receive_the_notice(client, page_url, django_user_model):
    from intake.models import Region

    lekstroom = Region.objects.get(name="Lekstroom", program__code="meeleefgezin")
    handler = django_user_model.objects.create_user("lek2", email="lek2@example.org", password="x" * 12)
    inactive = django_user_model.objects.create_user("lek3", email="lek3@example.org", is_active=False)
    lekstroom.handlers.add(handler, inactive)
    intake = sign_up(client, page_url)
    message = notifications.build_message(intake.notifications.get(kind=Notification.Kind.HANDLERS))
    assert "lek2@example.org" in message.to
    assert "lek3@example.org" not in message.to


def test_waitlist_notice_goes_to_the_national_coordinator(client, page_url):
    intake = sign_up(client, page_url, data=parent_data(postcode="3701"))
    assert intake.outcome == Outcome.WAITLIST
    run_worker()
    # The coordinator users of the program (demo: 'coordinator') get it, and nobody else.
    handlers = next(m for m in mail.outbox if "coordinator@meeleefgezin.example.org" in m.to)
    assert handlers.to == ["coordinator@meeleefgezin.example.org"]
    assert "centrale wachtlijst" in handlers.subject.lower() or "central waitlist" in handlers.subject.lower()


def test_confirmation_goes_to_the_referrers_work_address(client, page_url):
    sign_up(client, page_url, role=Role.REFERRER)
    run_worker()
    recipients = [m.to for m in mail.outbox]
    assert ["jansen@praktijk.example.nl"] in recipients
    assert not any("fatima@example.nl" in to for to in recipients)


def test_mail_server_down_then_back_up(client, page_url):
    with override_settings(EMAIL_BACKEND=DOWN):
        intake = sign_up(client, page_url)
        # The sign-up is stored and thanked even though mail cannot go out.
        assert client.get(client.post(page_url(Role.PARENT), parent_data())["Location"]).status_code == 200
        before = timezone.now()
        output = run_worker()
        assert "retrying later 4" in output
    notice = intake.notifications.get(kind=Notification.Kind.HANDLERS)
    assert notice.state == Notification.State.PENDING
    assert notice.attempts == 1
    assert notice.last_error == "ConnectionRefusedError errno=111"
    assert before + timedelta(seconds=55) <= notice.next_attempt_at <= timezone.now() + timedelta(minutes=1, seconds=5)

    # Back up, but not due yet: nothing happens.
    run_worker()
    assert mail.outbox == []
    make_due()
    run_worker()
    assert len(mail.outbox) == 4
    notice.refresh_from_db()
    assert notice.state == Notification.State.SENT and notice.attempts == 2 and notice.last_error == ""


def test_backoff_doubles_and_is_capped():
    assert [notifications.backoff(n).total_seconds() / 60 for n in range(1, 10)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_errors_are_recorded_without_personal_data(client, page_url):
    sign_up(client, page_url)
    with override_settings(EMAIL_BACKEND=SMTP_DOWN):
        run_worker()
    for notice in Notification.objects.all():
        assert notice.last_error == "SMTPRecipientsRefused"
        assert "sanne" not in notice.last_error


def test_after_max_attempts_it_fails_and_shows_in_the_admin(client, page_url, admin_client):
    intake = sign_up(client, page_url)
    Notification.objects.update(attempts=notifications.MAX_ATTEMPTS - 1)
    with override_settings(EMAIL_BACKEND=DOWN):
        output = run_worker()
    assert "failed 2" in output
    assert set(Notification.objects.values_list("state", flat=True)) == {Notification.State.FAILED}
    # Failed rows are not retried by the worker.
    make_due()
    run_worker()
    assert mail.outbox == []

    listing = admin_client.get("/admin/intake/notifications/")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert intake.reference in html
    assert "ConnectionRefusedError" in html
    dashboard = admin_client.get("/admin/")
    assert 'id="intake-failed-notifications"' in dashboard.content.decode()

    # "Retry now" puts it back in the queue; the worker then sends it.
    notice = intake.notifications.get(kind=Notification.Kind.HANDLERS)
    response = admin_client.post(f"/admin/intake/notifications/retry/{notice.pk}/")
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.state == Notification.State.PENDING and notice.attempts == 0
    run_worker()
    notice.refresh_from_db()
    assert notice.state == Notification.State.SENT


def test_notification_admin_is_for_superusers_only(client, page_url, django_user_model):
    from django.contrib.auth.models import Permission

    sign_up(client, page_url)
    notice = Notification.objects.first()
    Notification.objects.filter(pk=notice.pk).update(state=Notification.State.FAILED, attempts=8)
    editor = django_user_model.objects.create_user("editor", password="x" * 12)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/intake/notifications/").status_code in (302, 403)
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert client.post(f"/admin/intake/notifications/retry/{notice.pk}/").status_code in (302, 403)
    notice.refresh_from_db()
    assert notice.attempts == 8 and notice.state == Notification.State.FAILED
    assert 'id="intake-failed-notifications"' not in client.get("/admin/").content.decode()


def test_no_recipient_is_a_visible_failure(client, page_url, django_user_model):
    from intake.models import Region

    Region.objects.get(name="Lekstroom").handlers.clear()
    Program.objects.get(code="meeleefgezin").coordinators.clear()
    django_user_model.objects.filter(is_superuser=True).update(is_active=False)
    intake = sign_up(client, page_url)
    run_worker()
    notice = intake.notifications.get(kind=Notification.Kind.HANDLERS)
    assert notice.state == Notification.State.PENDING and notice.last_error == "NoRecipientError"


def test_the_worker_queues_notices_that_were_never_queued(client, page_url, monkeypatch):
    from django.db import DatabaseError

    def broken(intake):
        raise DatabaseError("database went away")

    monkeypatch.setattr(flow, "queue_for", broken)
    intake = sign_up(client, page_url)  # the sign-up is still stored and thanked
    assert not intake.notifications.exists()
    monkeypatch.undo()
    output = run_worker()
    assert "newly queued 1" in output
    assert intake.notifications.count() == 2
    assert len(mail.outbox) == 2


def test_loop_mode_stops_on_signal(monkeypatch):
    from intake.management.commands import send_notifications

    calls = []

    def fake_run_once():
        calls.append(1)
        command.stopping = True
        return {"sent": 0, "retrying": 0, "failed": 0, "queued": 0}

    command = send_notifications.Command(stdout=io.StringIO())
    monkeypatch.setattr(notifications, "run_once", fake_run_once)
    monkeypatch.setattr(send_notifications.signal, "signal", lambda *args: None)
    command.handle(loop=True, interval=0.01, verbosity=1)
    assert calls == [1]


def test_host_family_confirmation_is_in_english_for_an_english_sign_up(client, page_url):
    sign_up(client, page_url, role=Role.HOST_FAMILY, language=EN, data=host_family_data())
    run_worker()
    confirmation = next(m for m in mail.outbox if m.to == ["bakker@example.nl"])
    assert "Thank you for your sign-up" in confirmation.body
