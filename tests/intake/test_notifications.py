"""The outbox: notices are queued after the sign-up is stored and sent by the task worker, with retries.

These tests use the production task backend (django-tasks-db) and run its real worker in-process
(`db_worker --batch`), so enqueued tasks really run, in order, when they are due."""

import io
import json
import logging
import smtplib
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import DatabaseError
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from intake.models import Intake, Notification, Outcome, Region, Role
from intake.outbox import delivery as notifications
from intake.outbox import tasks
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
DELIVER = tasks.deliver_notification.module_path
SWEEP = tasks.sweep_outbox.module_path


class RefusingBackend(BaseEmailBackend):
    """The mail server is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


def refused_recipient():
    return smtplib.SMTPRecipientsRefused({"sanne@example.nl": (550, b"no such user sanne@example.nl")})


class SMTPErrorBackend(BaseEmailBackend):
    """The mail server refuses, with an address in the message (must not be stored)."""

    def send_messages(self, email_messages):
        raise refused_recipient()


@pytest.fixture(autouse=True)
def database_tasks(settings, monkeypatch):
    """The production task backend: tasks wait in the database until the worker runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Between tasks the worker drops stale database connections; inside the test's transaction
    # (rolled back afterwards) that would drop the test's own connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def worker():
    return db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


@pytest.fixture
def run_worker(django_capture_on_commit_callbacks):
    """Run the worker of `manage.py db_worker --batch` until nothing is due; return what the delivery
    tasks reported ({"sent": 2, ...}) and the sweeps' results. A task that raised fails the test."""

    def run():
        seen = set(DBTaskResult.objects.exclude(status=TaskResultStatus.READY).values_list("id", flat=True))
        for _ in range(10):
            # Work enqueued by a task "on commit" is enqueued when the (test's) transaction would commit.
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                worker().run()
            if not callbacks:
                break
        done = DBTaskResult.objects.exclude(id__in=seen).exclude(status=TaskResultStatus.READY)
        assert not done.exclude(status=TaskResultStatus.SUCCESSFUL).exists(), [r.traceback for r in done]
        results = Counter(r.return_value for r in done if r.task_path == DELIVER)
        results["sweeps"] = [r.return_value for r in done if r.task_path == SWEEP]
        return results

    return run


@pytest.fixture
def sign_up(client, page_url, django_capture_on_commit_callbacks):
    """Sign up through the page; what the request does "on commit" runs (as it would in production)."""

    def post(role=Role.PARENT, language=NL, data=None):
        from .signup_fixtures import DATA

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(page_url(role, language), data or DATA[role]())
        assert response.status_code == 302, response.content.decode()[:2000]
        return Intake.objects.order_by("-created_at").first()

    return post


def make_due():
    Notification.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def waiting(task_path, **filters):
    return DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.READY, **filters)


def test_worker_sends_both_notices(sign_up, run_worker):
    intake = sign_up(language=EN)
    # Nothing is sent inside the request: two delivery tasks wait for the worker, holding only ids.
    assert mail.outbox == []
    ids = sorted(intake.notifications.values_list("pk", flat=True))
    assert sorted(r.args_kwargs["args"][0] for r in waiting(DELIVER)) == ids
    assert all(r.args_kwargs == {"args": [r.args_kwargs["args"][0]], "kwargs": {}} for r in waiting(DELIVER))
    assert run_worker()["sent"] == 2
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
    # A second wake-up for a sent row (e.g. a duplicate task) sends nothing twice.
    for notification_id in ids:
        tasks.enqueue_delivery(notification_id)
    assert run_worker()["skipped"] == 2
    assert len(mail.outbox) == 2


def test_handlers_of_the_region_receive_the_notice(sign_up, django_user_model):
    lekstroom = Region.objects.get(name="Lekstroom", program__code="meeleefgezin")
    handler = django_user_model.objects.create_user("lek2", email="lek2@example.org", password="x" * 12)
    inactive = django_user_model.objects.create_user("lek3", email="lek3@example.org", is_active=False)
    lekstroom.handlers.add(handler, inactive)
    intake = sign_up()
    message = notifications.build_message(intake.notifications.get(kind=Notification.Kind.HANDLERS))
    assert "lek2@example.org" in message.to
    assert "lek3@example.org" not in message.to


def test_waitlist_notice_goes_to_the_national_coordinator(sign_up, run_worker):
    intake = sign_up(data=parent_data(postcode="3701"))
    assert intake.outcome == Outcome.WAITLIST
    run_worker()
    # The coordinator users of the program (demo: 'coordinator') get it, and nobody else.
    handlers = next(m for m in mail.outbox if "coordinator@meeleefgezin.example.org" in m.to)
    assert handlers.to == ["coordinator@meeleefgezin.example.org"]
    assert "centrale wachtlijst" in handlers.subject.lower() or "central waitlist" in handlers.subject.lower()


def test_confirmation_goes_to_the_referrers_work_address(sign_up, run_worker):
    sign_up(role=Role.REFERRER)
    run_worker()
    recipients = [m.to for m in mail.outbox]
    assert ["jansen@praktijk.example.nl"] in recipients
    assert not any("fatima@example.nl" in to for to in recipients)


def test_mail_server_down_then_back_up(client, page_url, sign_up, run_worker, django_capture_on_commit_callbacks):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False) as clock, override_settings(EMAIL_BACKEND=DOWN):
        intake = sign_up()
        # The sign-up is stored and thanked even though mail cannot go out.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(page_url(Role.PARENT), parent_data())
        assert client.get(response["Location"]).status_code == 200
        assert run_worker()["pending"] == 4
        notice = intake.notifications.get(kind=Notification.Kind.HANDLERS)
        assert notice.state == Notification.State.PENDING
        assert notice.attempts == 1
        assert notice.last_error == "ConnectionRefusedError errno=111"
        assert notice.next_attempt_at == start + timedelta(minutes=1)
        # The failed attempt enqueued its task again, to run at the next attempt.
        assert waiting(DELIVER, run_after=start + timedelta(minutes=1)).count() == 4

        # Back up, but not due yet: nothing happens.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            clock.shift(timedelta(seconds=59))
            assert "sent" not in run_worker()
            assert mail.outbox == []
            clock.shift(timedelta(seconds=1))
            assert run_worker()["sent"] == 4
    assert len(mail.outbox) == 4
    notice.refresh_from_db()
    assert notice.state == Notification.State.SENT and notice.attempts == 2 and notice.last_error == ""


def test_backoff_doubles_and_is_capped():
    assert [notifications.backoff(n).total_seconds() / 60 for n in range(1, 10)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_each_retry_waits_longer(sign_up, run_worker):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False) as clock, override_settings(EMAIL_BACKEND=DOWN):
        intake = sign_up()
        notice = intake.notifications.get(kind=Notification.Kind.HANDLERS)
        waits = []
        for _ in range(notifications.MAX_ATTEMPTS - 1):
            run_worker()
            notice.refresh_from_db()
            waits.append(notice.next_attempt_at - timezone.now())
            clock.move_to(notice.next_attempt_at)
        assert [wait.total_seconds() / 60 for wait in waits] == [1, 2, 4, 8, 16, 32, 60]
        run_worker()
    notice.refresh_from_db()
    assert notice.state == Notification.State.FAILED and notice.attempts == notifications.MAX_ATTEMPTS
    assert not waiting(DELIVER, args_kwargs__args=[notice.pk]).exists()


def test_errors_are_recorded_without_personal_data(sign_up, run_worker):
    # The mail server's message names the address ...
    assert "sanne@example.nl" in str(refused_recipient().recipients)
    sign_up()
    with override_settings(EMAIL_BACKEND=SMTP_DOWN):
        assert run_worker()["pending"] == 2
    # ... but neither the outbox nor the task results keep it.
    for notice in Notification.objects.all():
        assert notice.last_error == "SMTPRecipientsRefused"
    for result in DBTaskResult.objects.all():
        stored = json.dumps([result.args_kwargs, result.return_value]) + result.traceback
        assert "sanne" not in stored.lower()


def test_after_max_attempts_it_fails_and_shows_in_the_admin(
    sign_up, run_worker, admin_client, django_capture_on_commit_callbacks
):
    intake = sign_up()
    Notification.objects.update(attempts=notifications.MAX_ATTEMPTS - 1)
    with override_settings(EMAIL_BACKEND=DOWN):
        assert run_worker()["failed"] == 2
    assert set(Notification.objects.values_list("state", flat=True)) == {Notification.State.FAILED}
    # Failed rows are not retried: no task waits, and a stray wake-up sends nothing.
    assert not waiting(DELIVER).exists()
    make_due()
    for notice in Notification.objects.all():
        tasks.enqueue_delivery(notice.pk)
    assert run_worker()["skipped"] == 2
    assert mail.outbox == []

    listing = admin_client.get("/admin/intake/notifications/")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert intake.reference in html
    assert "ConnectionRefusedError" in html
    dashboard = admin_client.get("/admin/")
    assert 'id="intake-failed-notifications"' in dashboard.content.decode()

    # "Retry now" puts it back in the queue and enqueues its task; the worker then sends it.
    notice = intake.notifications.get(kind=Notification.Kind.HANDLERS)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/intake/notifications/retry/{notice.pk}/")
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.state == Notification.State.PENDING and notice.attempts == 0
    assert waiting(DELIVER, args_kwargs__args=[notice.pk]).count() == 1
    assert run_worker()["sent"] == 1
    notice.refresh_from_db()
    assert notice.state == Notification.State.SENT
    assert len(mail.outbox) == 1


def test_notification_admin_is_for_superusers_only(
    client, sign_up, django_user_model, django_capture_on_commit_callbacks
):
    sign_up()
    notice = Notification.objects.first()
    Notification.objects.filter(pk=notice.pk).update(state=Notification.State.FAILED, attempts=8)
    DBTaskResult.objects.all().delete()
    editor = django_user_model.objects.create_user("page-editor", password="x" * 12)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/intake/notifications/").status_code in (302, 403)
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/intake/notifications/retry/{notice.pk}/").status_code in (302, 403)
    notice.refresh_from_db()
    assert notice.attempts == 8 and notice.state == Notification.State.FAILED
    assert not DBTaskResult.objects.exists()
    assert 'id="intake-failed-notifications"' not in client.get("/admin/").content.decode()


def test_no_recipient_is_a_visible_failure(sign_up, run_worker, django_user_model):
    Region.objects.get(name="Lekstroom").handlers.clear()
    Program.objects.get(code="meeleefgezin").coordinators.clear()
    django_user_model.objects.filter(is_superuser=True).update(is_active=False)
    intake = sign_up()
    run_worker()
    notice = intake.notifications.get(kind=Notification.Kind.HANDLERS)
    assert notice.state == Notification.State.PENDING and notice.last_error == "NoRecipientError"


def test_the_worker_queues_notices_that_were_never_queued(sign_up, run_worker, monkeypatch):
    def broken(intake):
        raise DatabaseError("database went away")

    with monkeypatch.context() as patch:
        patch.setattr(flow, "queue_new", broken)
        intake = sign_up()  # the sign-up is still stored and thanked
    assert not intake.notifications.exists()
    # The failed queueing asked for a sweep; the worker runs it, and then the deliveries.
    result = run_worker()
    assert {"queued": 1, "woken": 2} in result["sweeps"]
    assert result["sent"] == 2
    assert intake.notifications.count() == 2
    assert len(mail.outbox) == 2


def test_the_periodic_sweep_revives_a_delivery_whose_worker_died(sign_up, run_worker):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False) as clock:
        intake = sign_up()
        # One sweep waits, however many sign-ups ask for one.
        sign_up(data=parent_data(postcode="3701"))
        assert waiting(SWEEP).count() == 1
        assert waiting(SWEEP).get().run_after == start + tasks.SWEEP_INTERVAL
        # A worker claimed both deliveries of the first sign-up and died: the backend never runs them again.
        claimed = waiting(DELIVER, args_kwargs__args__0__in=list(intake.notifications.values_list("pk", flat=True)))
        assert claimed.update(status=TaskResultStatus.RUNNING) == 2
        assert run_worker()["sent"] == 2  # only the second sign-up's
        clock.shift(tasks.SWEEP_INTERVAL)
        assert run_worker()["sweeps"] == [{"queued": 0, "woken": 0}]  # not stale yet
        # The next sweep comes after the rows are STALE_AFTER past their attempt.
        clock.move_to(start + tasks.STALE_AFTER + tasks.SWEEP_INTERVAL)
        result = run_worker()
    assert result["sweeps"] == [{"queued": 0, "woken": 2}]
    assert result["sent"] == 2
    assert set(intake.notifications.values_list("state", flat=True)) == {Notification.State.SENT}
    assert len(mail.outbox) == 4
    # Each sweep scheduled the next one.
    assert waiting(SWEEP).count() == 1


def test_send_notifications_sends_what_is_due_now(sign_up):
    sign_up()
    DBTaskResult.objects.all().delete()  # the tasks were lost: the command sends without them
    out = io.StringIO()
    with override_settings(EMAIL_BACKEND=DOWN):
        call_command("send_notifications", stdout=out)
    assert out.getvalue().strip() == "Sent 0, retrying later 2, failed 0, newly queued 0."
    # Its failures are retried by the worker like any other.
    assert waiting(DELIVER).count() == 2
    make_due()
    call_command("send_notifications", stdout=out)
    assert "Sent 2, retrying later 0" in out.getvalue()
    assert len(mail.outbox) == 2


def test_db_worker_command_runs_the_deliveries_quietly(sign_up, monkeypatch):
    """`manage.py db_worker` itself (the production worker) sends the mail and logs no line per task."""
    sign_up()
    console = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    stream = io.StringIO()
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]
    old_stream = console.setStream(stream)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda self: None)
    try:
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=io.StringIO())
        # The command raised its loggers to INFO; the console still shows no line per task.
        assert all(logger.level == logging.INFO for logger in loggers)
        logging.getLogger("django_tasks").warning("Task id=x failed")
    finally:
        console.setStream(old_stream)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
    assert len(mail.outbox) == 2
    assert stream.getvalue() == "Task id=x failed\n"


def test_host_family_confirmation_is_in_english_for_an_english_sign_up(sign_up, run_worker):
    sign_up(role=Role.HOST_FAMILY, language=EN, data=host_family_data())
    run_worker()
    confirmation = next(m for m in mail.outbox if m.to == ["bakker@example.nl"])
    assert "Thank you for your sign-up" in confirmation.body
