"""The retention rules (`manage.py apply_retention`), each at its boundary: the day before nothing
happens, on the day it does. Time travels with time-machine."""

import contextlib
import datetime
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command

from core.models import RetentionSettings
from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.models import ClosureReason, Intake, Match, Note, Notification, Status, WaitlistQuestion
from intake.outbox.queue import queue_for, queue_missing
from intake.workspace.workflow import add_note, change_status, mark_matched
from tests.factories import IntakeFactory, MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def run(when, *args, sending=None):
    """`manage.py apply_retention` at `when`; with `sending` (pytest-django's
    django_capture_on_commit_callbacks) the e-mails it queues are sent at that moment too."""
    out = io.StringIO()
    with time_machine.travel(when, tick=False), sending(execute=True) if sending else contextlib.nullcontext():
        call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def fresh(intake):
    return Intake.objects.get(pk=intake.pk)


def is_anonymised(intake):
    intake = fresh(intake)
    return intake.anonymised_at is not None and intake.personal == {}


def signed_up(when, **kwargs):
    with time_machine.travel(when, tick=False):
        return IntakeFactory(**kwargs)


def close(intake, when, reason=ClosureReason.WITHDRAWN):
    with time_machine.travel(when, tick=False):
        change_status(intake, Status.CLOSED, user=None, reason=reason)


# --- The periods and the privacy page ------------------------------------------------------------


def test_defaults_are_the_privacy_pages_promise():
    rules = RetentionSettings.load()
    assert (rules.closed_months, rules.after_guidance_months, rules.inactive_months) == (12, 24, 24)
    assert (rules.waitlist_question_months, rules.waitlist_answer_weeks) == (12, 4)


# --- Closed without a match ----------------------------------------------------------------------


def test_closed_without_a_match_is_anonymised_on_the_day_the_period_is_over():
    intake = signed_up(at(2024, 1, 5))
    close(intake, at(2024, 3, 10, 16))
    run(at(2025, 3, 9, 23, 59))
    assert not is_anonymised(intake)
    run(at(2025, 3, 10, 0, 1))
    assert is_anonymised(intake)
    entry = IntakeLogEntry.objects.get(intake_id=intake.pk, action=audit.ANONYMISED)
    assert entry.data["rule"] == "closed"


def test_the_period_set_in_the_admin_is_the_one_applied():
    rules = RetentionSettings.load()
    rules.closed_months = 3
    rules.save()
    intake = signed_up(at(2024, 1, 5))
    close(intake, at(2024, 1, 31))
    run(at(2024, 4, 29))  # 31 January + 3 months = 30 April (the month has no 31st)
    assert not is_anonymised(intake)
    run(at(2024, 4, 30))
    assert is_anonymised(intake)


# --- Matched -------------------------------------------------------------------------------------


def matched_pair(started_on, ended_on=None):
    region = RegionFactory()
    parent = signed_up(at(2022, 3, 1), region=region)
    host = signed_up(at(2022, 3, 1), region=region, role="host_family")
    match = Match.objects.create(parent=parent, host_family=host, region=region, started_on=started_on)
    with time_machine.travel(at(started_on.year, started_on.month, started_on.day), tick=False):
        mark_matched(parent, user=None)
        mark_matched(host, user=None)
    if ended_on:
        match.ended_on, match.phase, match.end_reason = ended_on, "ended", "families_stopped"
        match.save()
    return parent, host, match


def test_matched_is_anonymised_after_the_two_years_of_guidance_and_the_set_months():
    parent, host, match = matched_pair(datetime.date(2022, 5, 1))
    assert match.guidance_ends_on == datetime.date(2024, 5, 1)
    # The outer limit (two years after the last contact, 1 May 2024) does not apply to a match.
    run(at(2026, 4, 30, 23))
    assert not is_anonymised(parent) and not is_anonymised(host)
    run(at(2026, 5, 1, 1))
    assert is_anonymised(parent) and is_anonymised(host)
    match.refresh_from_db()
    assert match.started_on == datetime.date(2022, 5, 1)  # the match stays, as figures
    assert fresh(parent).status == Status.MATCHED


def test_a_match_that_ended_after_the_guidance_counts_from_its_end():
    parent, _host, _match = matched_pair(datetime.date(2022, 5, 1), ended_on=datetime.date(2024, 8, 15))
    run(at(2026, 8, 14))
    assert not is_anonymised(parent)
    run(at(2026, 8, 15))
    assert is_anonymised(parent)


# --- The outer limit: no contact for too long ------------------------------------------------------


def test_an_open_sign_up_is_closed_and_anonymised_two_years_after_the_last_contact():
    intake = signed_up(at(2023, 1, 15))
    with time_machine.travel(at(2023, 6, 20, 9), tick=False):
        add_note(intake, "Gebeld, volgende maand weer.", user=None)
    run(at(2025, 1, 15))  # two years after signing up, but the note was later
    assert not is_anonymised(intake)
    run(at(2025, 6, 19, 23))
    assert not is_anonymised(intake)
    run(at(2025, 6, 20, 0, 5))
    intake = fresh(intake)
    assert is_anonymised(intake)
    assert intake.status == Status.CLOSED and intake.closed_reason == ClosureReason.NO_CONTACT
    assert not Note.objects.filter(intake=intake).exists()


def test_without_any_contact_the_sign_up_date_counts():
    intake = signed_up(at(2023, 2, 28))
    run(at(2025, 2, 27))
    assert not is_anonymised(intake)
    run(at(2025, 2, 28))
    assert is_anonymised(intake)


# --- Dry run -------------------------------------------------------------------------------------


def test_dry_run_lists_counts_per_rule_and_changes_nothing():
    due = signed_up(at(2022, 1, 10))
    close(due, at(2022, 2, 1))
    kept = signed_up(at(2024, 12, 1))
    waiting = signed_up(at(2023, 10, 1), waitlist=True)
    session = SessionStore()
    session["x"] = 1
    session.set_expiry(1)
    with time_machine.travel(at(2024, 12, 1), tick=False):
        session.save()
    output = run(at(2024, 12, 2), "--dry-run")
    assert "Would closed: 1" in output and due.reference in output
    assert "Would waitlist_ask: 1" in output and waiting.reference in output
    assert "Would inactive: 0" in output
    assert kept.reference not in output
    assert "Expired sessions would be cleared: 1" in output
    assert not is_anonymised(due)
    assert not WaitlistQuestion.objects.exists()
    assert Session.objects.count() == 1
    output = run(at(2024, 12, 2))
    assert "Done: closed: 1" in output
    assert is_anonymised(due) and not is_anonymised(kept)
    assert Session.objects.count() == 0  # clearsessions ran


# --- What anonymising keeps and removes ----------------------------------------------------------


def figures():
    """What a dashboard counts: sign-ups per region, form, outcome and month received; statuses reached."""
    per_month = Counter()
    reached = Counter()
    for intake in Intake.objects.select_related("region"):
        received = intake.created_at.astimezone(AMSTERDAM)
        per_month[
            (intake.region_id, intake.municipality_id, intake.role, intake.outcome, received.year, received.month)
        ] += 1
        reached.update(intake.statuses_reached)
    return per_month, reached


def test_anonymised_rows_keep_the_figures():
    north, south = RegionFactory(name="Noord"), RegionFactory(name="Zuid")
    town = MunicipalityFactory()
    made = []
    for when, region in [
        (at(2022, 1, 31, 23, 30), north),  # late on the last day of a month: still January
        (at(2022, 1, 1, 0, 15), north),
        (at(2022, 2, 14), south),
        (at(2022, 3, 3), south),
    ]:
        intake = signed_up(when, region=region, municipality=town)
        with time_machine.travel(when, tick=False):
            queue_for(intake)
        made.append(intake)
    for intake in made[:3]:
        close(intake, at(2022, 4, 1), reason=ClosureReason.NOT_SUITABLE)
    before = figures()
    run(at(2023, 6, 1))
    assert [is_anonymised(intake) for intake in made] == [True, True, True, False]
    assert figures() == before
    intake = fresh(made[0])
    assert intake.created_at == at(2022, 1, 1, 0, 0)
    assert intake.pc4 == "" and intake.assigned_to is None
    assert intake.consent_at is not None
    assert intake.closed_reason == ClosureReason.NOT_SUITABLE
    assert not Notification.objects.filter(intake__in=made[:3]).exists()
    assert Notification.objects.filter(intake=made[3]).exists()
    # The sweep does not queue notices again for what was anonymised.
    with time_machine.travel(at(2022, 1, 2), tick=False):
        assert queue_missing() == []
