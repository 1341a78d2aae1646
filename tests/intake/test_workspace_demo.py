"""The demo's sign-ups: Lekstroom and Utrecht in every status set by hand, with real timelines,
re-runnable, plainly fake, and each demo account seeing exactly its own."""

import re

import pytest
from django.contrib.auth import get_user_model

from demo import signups as demo_signups
from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.models import Intake
from intake.permissions import intakes_visible_to
from intake.workspace.models import Note

from . import ensure_demo_intake

pytestmark = pytest.mark.django_db

HAND_SET = {"new", "contacted", "screening", "matching", "on_hold", "referred", "closed"}


@pytest.fixture
def demo():
    ensure_demo_intake()
    demo_signups.load()


def test_every_status_in_both_regions_from_every_form(demo):
    for region in ("Lekstroom", "Utrecht"):
        intakes = Intake.objects.filter(region__name=region, region__program__code="meeleefgezin")
        assert set(intakes.values_list("status", flat=True)) == HAND_SET, region
        assert set(intakes.values_list("role", flat=True)) == {"parent", "host_family", "referrer"}, region
        assert intakes.filter(assigned_to__isnull=False).exists()
        assert Note.objects.filter(intake__in=intakes).exists()
    assert not Intake.objects.filter(status="matched").exists()


def test_the_timelines_are_real_and_in_order(demo):
    sanne = Intake.objects.get(reference=demo_signups.demo_reference("lek-sanne"))
    entries = list(IntakeLogEntry.objects.filter(intake_id=sanne.pk).order_by("timestamp", "pk"))
    assert [entry.action for entry in entries] == [
        audit.RECEIVED,
        audit.ASSIGNED,
        audit.STATUS_CHANGED,
        audit.NOTE_ADDED,
    ]
    assert entries[0].timestamp == sanne.created_at
    assert [entry.timestamp for entry in entries] == sorted(entry.timestamp for entry in entries)
    closed = Intake.objects.get(reference=demo_signups.demo_reference("lek-kim"))
    assert (closed.status, closed.closed_reason) == ("closed", "withdrawn")
    referred = Intake.objects.get(reference=demo_signups.demo_reference("lek-daan"))
    assert referred.referred_to.code == "home-start"


def test_running_it_again_changes_nothing(demo):
    counts = (Intake.objects.count(), IntakeLogEntry.objects.count(), Note.objects.count())
    assert demo_signups.load() == 0
    assert (Intake.objects.count(), IntakeLogEntry.objects.count(), Note.objects.count()) == counts


def test_the_invented_people_are_plainly_fake(demo):
    for intake in Intake.objects.filter(
        reference__in=[demo_signups.demo_reference(s[0]) for s in demo_signups.SIGN_UPS]
    ):
        for key, value in intake.personal.items():
            if "email" in key:
                assert value.endswith("@example.org"), value
            if "phone" in key:
                assert re.fullmatch(r"0(6-0000|30-000)\d{4}", value), value


def test_each_demo_account_sees_exactly_its_own(demo):
    User = get_user_model()
    lekstroom, utrecht, coordinator = (User.objects.get(username=u) for u in ("lekstroom", "utrecht", "coordinator"))
    for user in (lekstroom, utrecht, coordinator):
        assert user.check_password("changeme-demo")
    assert set(intakes_visible_to(lekstroom).values_list("region__name", flat=True)) == {"Lekstroom"}
    assert set(intakes_visible_to(utrecht).values_list("region__name", flat=True)) == {"Utrecht"}
    assert intakes_visible_to(coordinator).count() == Intake.objects.filter(program__code="meeleefgezin").count()


def test_the_outbox_mails_nobody_about_the_demo(demo):
    from intake.outbox.queue import queue_missing

    assert queue_missing() == []
