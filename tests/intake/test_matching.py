"""Making a match and following it through its phases (intake.workspace.matching): every rule,
every refusal, and what the sign-ups' trails record."""

import datetime

import pytest
import time_machine
from django.utils import timezone, translation

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.records.models import Role, Status
from intake.workspace.matching import (
    candidates_for,
    change_phase,
    end_match,
    make_match,
    open_match_of,
)
from intake.workspace.models import Match, MatchEndReason, MatchPhase
from intake.workspace.workflow import WorkflowError, change_status
from tests.factories import (
    CoordinatorFactory,
    EditorFactory,
    HandlerFactory,
    IntakeFactory,
    ProgramFactory,
    RegionFactory,
    SuperuserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _today():
    # The rules' messages are read in English here; the admin's tests read them in Dutch.
    with (
        time_machine.travel(datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC), tick=False),
        translation.override("en"),
    ):
        yield


@pytest.fixture
def world():
    mg = ProgramFactory(meeleefgezin=True)
    lekstroom = RegionFactory(program=mg, name="Lekstroom")
    utrecht = RegionFactory(program=mg, name="Utrecht")
    received = timezone.now() - datetime.timedelta(days=60)
    return {
        "mg": mg,
        "lekstroom": lekstroom,
        "utrecht": utrecht,
        "lek_handler": HandlerFactory(username="lek", regions=[lekstroom]),
        "utr_handler": HandlerFactory(username="utr", regions=[utrecht]),
        "coordinator": CoordinatorFactory(username="coord", programs=[mg]),
        "received": received,
    }


def signup(world, role=Role.PARENT, region="lekstroom", status=Status.MATCHING, **kwargs):
    if region == "waitlist":
        kwargs.setdefault("waitlist", True)
    else:
        kwargs.setdefault("region", world[region])
    return IntakeFactory(role=role, status=status, created_at=world["received"], **kwargs)


def refused(*args, match_text, **kwargs):
    with pytest.raises(WorkflowError) as error:
        make_match(*args, **kwargs)
    assert match_text in str(error.value)
    assert not Match.objects.exists()


def trail(intake, action):
    return list(IntakeLogEntry.objects.filter(intake=intake, action=action).order_by("pk"))


# --- Making a match --------------------------------------------------------------------------


def test_a_match_in_a_region_sets_both_to_matched_and_is_recorded_on_both(world):
    parent, host = signup(world), signup(world, Role.HOST_FAMILY)
    user = world["lek_handler"]
    match = make_match(parent, host, TODAY - datetime.timedelta(days=3), user=user)

    assert match.region == world["lekstroom"] and not match.is_out_of_region
    assert match.phase == MatchPhase.SETTLING_IN and match.created_by == user
    assert match.guidance_ends_on == datetime.date(2028, 11, 28)
    for intake, side, other in ((parent, "parent", host), (host, "host_family", parent)):
        intake.refresh_from_db()
        assert intake.status == Status.MATCHED and Status.MATCHED in intake.statuses_reached
        [entry] = trail(intake, audit.MATCHED)
        assert entry.user == user
        assert entry.data == {"match": match.pk, "as": side, "with": other.pk, "region": world["lekstroom"].pk}
        [status_entry] = trail(intake, audit.STATUS_CHANGED)
        assert status_entry.data == {"from": Status.MATCHING, "to": Status.MATCHED}
    assert open_match_of(parent) == match == open_match_of(host)


def test_out_of_region_both_on_the_waitlist_with_financing_found(world):
    parent, host = signup(world, region="waitlist"), signup(world, Role.HOST_FAMILY, region="waitlist")
    match = make_match(parent, host, TODAY, user=world["coordinator"], financing_found=True)
    assert match.region is None and match.is_out_of_region and match.financing_found
    assert trail(parent, audit.MATCHED)[0].data["region"] is None


def test_out_of_region_without_financing_is_refused(world):
    parent, host = signup(world, region="waitlist"), signup(world, Role.HOST_FAMILY, region="waitlist")
    refused(parent, host, TODAY, user=world["coordinator"], match_text="financing")
    parent.refresh_from_db()
    assert parent.status == Status.MATCHING and not trail(parent, audit.MATCHED)


@pytest.mark.parametrize("waiting", ["parent", "host"])
def test_a_waitlisted_sign_up_is_not_matched_with_a_regions(world, waiting):
    parent = signup(world, region="waitlist" if waiting == "parent" else "lekstroom")
    host = signup(world, Role.HOST_FAMILY, region="waitlist" if waiting == "host" else "lekstroom")
    refused(parent, host, TODAY, user=world["coordinator"], financing_found=True, match_text="waitlist")


def test_different_regions_are_refused(world):
    parent, host = signup(world), signup(world, Role.HOST_FAMILY, region="utrecht")
    refused(parent, host, TODAY, user=world["coordinator"], match_text="different regions")


def test_the_family_side_is_a_parents_sign_up_or_a_referral(world):
    refused(
        signup(world, Role.HOST_FAMILY),
        signup(world, Role.HOST_FAMILY),
        TODAY,
        user=world["lek_handler"],
        match_text="family's sign-up",
    )
    referral, host = signup(world, Role.REFERRER), signup(world, Role.HOST_FAMILY)
    match = make_match(referral, host, TODAY, user=world["lek_handler"])
    referral.refresh_from_db()
    assert match.parent == referral and referral.status == Status.MATCHED


def test_the_host_family_must_be_a_host_familys_sign_up(world):
    parent = signup(world)
    refused(parent, signup(world), TODAY, user=world["lek_handler"], match_text="host family's sign-up")
    refused(parent, signup(world, Role.REFERRER), TODAY, user=world["lek_handler"], match_text="host family's")
    refused(parent, parent, TODAY, user=world["lek_handler"], match_text="host family")


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.MATCHING])
def test_both_must_be_in_status_matching(world, status):
    refused(signup(world, status=status), signup(world, Role.HOST_FAMILY), TODAY, user=world["lek_handler"],
            match_text="Matching")  # fmt: skip
    refused(signup(world), signup(world, Role.HOST_FAMILY, status=status), TODAY, user=world["lek_handler"],
            match_text="Matching")  # fmt: skip


def test_neither_may_be_in_a_match_that_has_not_ended(world):
    user = world["lek_handler"]
    parent, host = signup(world), signup(world, Role.HOST_FAMILY)
    first = make_match(parent, host, TODAY, user=user)
    # Back to matching by hand (a handler may move "matched" back to "matching"), still in the match.
    change_status(parent, Status.MATCHING, user=user)
    change_status(host, Status.MATCHING, user=user)
    other_parent, other_host = signup(world), signup(world, Role.HOST_FAMILY)
    for args in ((parent, other_host), (other_parent, host)):
        with pytest.raises(WorkflowError, match="already in a match"):
            make_match(*args, TODAY, user=user)
    # Once the match has ended, both can be matched again.
    end_match(first, MatchEndReason.HOST_STOPPED, TODAY, user=user)
    assert make_match(parent, other_host, TODAY, user=user).parent == parent
    assert Match.objects.count() == 2


def test_the_user_must_be_allowed_to_open_both(world):
    parent, host = signup(world), signup(world, Role.HOST_FAMILY)
    for user in (world["utr_handler"], EditorFactory(), None):
        refused(parent, host, TODAY, user=user, match_text="may not open")
    # A handler of Lekstroom may not open a host family on the waitlist.
    refused(parent, signup(world, Role.HOST_FAMILY, region="waitlist"), TODAY, user=world["lek_handler"],
            financing_found=True, match_text="may not open the host family")  # fmt: skip
    assert make_match(parent, host, TODAY, user=SuperuserFactory()).pk


def test_only_meeleefgezins_sign_ups_are_matched(world):
    partner = RegionFactory(program=ProgramFactory(home_start=True), name="Home-Start")
    parent, host = (
        signup(world, region="lekstroom"),
        IntakeFactory(role=Role.HOST_FAMILY, region=partner, status=Status.MATCHING, created_at=world["received"]),
    )
    refused(parent, host, TODAY, user=SuperuserFactory(), match_text="MeeleefGezin")


def test_the_start_date(world):
    parent, host = signup(world), signup(world, Role.HOST_FAMILY)
    user = world["lek_handler"]
    refused(parent, host, TODAY + datetime.timedelta(days=1), user=user, match_text="future")
    refused(parent, host, timezone.localdate(world["received"]) - datetime.timedelta(days=1), user=user,
            match_text="before both sign-ups were received")  # fmt: skip
    refused(parent, host, "2026-01-01", user=user, match_text="Enter the date")
    assert make_match(parent, host, timezone.localdate(world["received"]), user=user).pk


def test_candidates_are_the_host_families_that_could_be_matched(world):
    parent = signup(world)
    fitting = signup(world, Role.HOST_FAMILY)
    signup(world, Role.HOST_FAMILY, status=Status.SCREENING)
    signup(world, Role.HOST_FAMILY, region="utrecht")
    waiting_host = signup(world, Role.HOST_FAMILY, region="waitlist")
    taken_parent, taken = signup(world), signup(world, Role.HOST_FAMILY)
    make_match(taken_parent, taken, TODAY, user=world["lek_handler"])
    change_status(taken, Status.MATCHING, user=world["lek_handler"])
    assert list(candidates_for(parent, user=world["lek_handler"])) == [fitting]
    assert list(candidates_for(parent, user=world["utr_handler"])) == []
    waiting_parent = signup(world, region="waitlist")
    assert list(candidates_for(waiting_parent, user=world["coordinator"])) == [waiting_host]


# --- Phases ----------------------------------------------------------------------------------


@pytest.fixture
def match(world):
    return make_match(
        signup(world), signup(world, Role.HOST_FAMILY), TODAY - datetime.timedelta(days=30), user=world["lek_handler"]
    )


def test_settling_in_then_active_then_ended_recorded_on_both(match, world):
    user = world["lek_handler"]
    change_phase(match, MatchPhase.ACTIVE, user=user)
    match.refresh_from_db()
    assert match.phase == MatchPhase.ACTIVE
    end_match(match, MatchEndReason.MOVED, TODAY - datetime.timedelta(days=1), user=user)
    match.refresh_from_db()
    assert (match.phase, match.end_reason, match.ended_on) == (
        MatchPhase.ENDED,
        MatchEndReason.MOVED,
        TODAY - datetime.timedelta(days=1),
    )
    for intake in (match.parent, match.host_family):
        entries = trail(intake, audit.MATCH_CHANGED)
        assert [e.data for e in entries] == [
            {"match": match.pk, "from": "settling_in", "to": "active"},
            {"match": match.pk, "from": "active", "to": "ended", "reason": "moved"},
        ]
        assert all(e.user == user for e in entries)


def test_a_match_may_end_while_settling_in(match, world):
    end_match(match, MatchEndReason.PARENT_STOPPED, TODAY, user=world["lek_handler"])
    match.refresh_from_db()
    assert match.phase == MatchPhase.ENDED


@pytest.mark.parametrize(
    ("setup", "phase", "kwargs", "text"),
    [
        ([], MatchPhase.SETTLING_IN, {}, "already in the phase"),
        ([MatchPhase.ACTIVE], MatchPhase.SETTLING_IN, {}, "back to"),
        (["end"], MatchPhase.ACTIVE, {}, "ended"),
        ([], "nonsense", {}, "Choose a phase"),
        ([], MatchPhase.ENDED, {"ended_on": TODAY}, "Choose why"),
        ([], MatchPhase.ENDED, {"ended_on": TODAY, "end_reason": "bored"}, "Choose why"),
        ([], MatchPhase.ENDED, {"end_reason": "moved"}, "Enter the date"),
        ([], MatchPhase.ENDED, {"end_reason": "moved", "ended_on": TODAY + datetime.timedelta(days=1)}, "future"),
        ([], MatchPhase.ENDED, {"end_reason": "moved", "ended_on": datetime.date(2026, 1, 1)}, "before the start"),
    ],
)
def test_phase_changes_that_are_refused(match, world, setup, phase, kwargs, text):
    user = world["lek_handler"]
    for step in setup:
        if step == "end":
            end_match(match, MatchEndReason.OTHER, TODAY, user=user)
        else:
            change_phase(match, step, user=user)
    before = IntakeLogEntry.objects.filter(action=audit.MATCH_CHANGED).count()
    with pytest.raises(WorkflowError, match=text):
        change_phase(match, phase, user=user, **kwargs)
    assert IntakeLogEntry.objects.filter(action=audit.MATCH_CHANGED).count() == before


def test_only_who_may_open_the_parent_changes_the_phase(match, world):
    for user in (world["utr_handler"], EditorFactory()):
        with pytest.raises(WorkflowError, match="may not open"):
            change_phase(match, MatchPhase.ACTIVE, user=user)
    match.refresh_from_db()
    assert match.phase == MatchPhase.SETTLING_IN
