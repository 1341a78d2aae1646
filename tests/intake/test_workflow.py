"""The intervention's statuses, assignment and notes (intake.workspace.workflow), below the views."""

import datetime

import pytest
import time_machine
from django.db import connection

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.records.models import ClosureReason, Status
from intake.workspace import workflow
from intake.workspace.models import Match, add_years
from tests.factories import HandlerFactory, IntakeFactory, ProgramFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def handler_and_intake():
    region = RegionFactory(program=ProgramFactory(meeleefgezin=True), name="Lekstroom")
    handler = HandlerFactory(username="lekstroom", regions=[region])
    return handler, IntakeFactory(region=region, statuses_reached=[Status.NEW])


def trail(intake):
    return list(IntakeLogEntry.objects.for_instance(intake).order_by("timestamp", "pk").values_list("action", "data"))


def test_the_usual_path_moves_one_step_at_a_time_and_is_recorded(handler_and_intake):
    handler, intake = handler_and_intake
    for step in (Status.CONTACTED, Status.SCREENING, Status.MATCHING):
        assert workflow.next_steps(intake)[0].status == step  # the step forward is offered first
        with time_machine.travel(NOON, tick=False):
            workflow.change_status(intake, step, user=handler)
    intake.refresh_from_db()
    assert intake.status == Status.MATCHING
    assert intake.statuses_reached == ["new", "contacted", "screening", "matching"]
    assert intake.last_contact_at == NOON == intake.status_changed_at
    assert [data["to"] for action, data in trail(intake) if action == audit.STATUS_CHANGED] == [
        "contacted",
        "screening",
        "matching",
    ]
    entry = IntakeLogEntry.objects.for_instance(intake).order_by("-pk").first()
    assert entry.user == handler
    assert entry.message == "Status gewijzigd van “Screening” naar “Koppelen”"


@pytest.mark.parametrize("to", [Status.MATCHED, Status.MATCHING, Status.SCREENING, Status.NEW, "nonsense"])
def test_a_jump_the_intervention_does_not_allow_is_refused_and_changes_nothing(handler_and_intake, to):
    handler, intake = handler_and_intake
    with pytest.raises(workflow.WorkflowError):
        workflow.change_status(intake, to, user=handler)
    intake.refresh_from_db()
    assert intake.status == Status.NEW
    assert intake.last_contact_at is None
    assert not IntakeLogEntry.objects.for_instance(intake).exists()


def test_closing_needs_a_reason_from_the_list(handler_and_intake):
    handler, intake = handler_and_intake
    with pytest.raises(workflow.WorkflowError):
        workflow.change_status(intake, Status.CLOSED, user=handler, reason="bored")
    workflow.change_status(intake, Status.CLOSED, user=handler, reason=ClosureReason.WITHDRAWN)
    intake.refresh_from_db()
    assert (intake.status, intake.closed_reason) == (Status.CLOSED, "withdrawn")
    # Reopening forgets the old reason.
    workflow.change_status(intake, Status.CONTACTED, user=handler)
    intake.refresh_from_db()
    assert intake.closed_reason == ""


def test_referring_names_another_program_of_the_collective(handler_and_intake):
    handler, intake = handler_and_intake
    with pytest.raises(workflow.WorkflowError):
        workflow.change_status(intake, Status.REFERRED, user=handler)
    with pytest.raises(workflow.WorkflowError):
        workflow.change_status(intake, Status.REFERRED, user=handler, referred_to=intake.program)
    home_start = ProgramFactory(home_start=True)
    workflow.change_status(intake, Status.REFERRED, user=handler, referred_to=home_start)
    intake.refresh_from_db()
    assert intake.referred_to == home_start
    assert trail(intake)[-1][1]["program"] == "home-start"


def test_matched_is_reached_by_making_a_match_only(handler_and_intake):
    handler, intake = handler_and_intake
    for step in (Status.CONTACTED, Status.SCREENING, Status.MATCHING):
        workflow.change_status(intake, step, user=handler)
    assert Status.MATCHED not in [step.status for step in workflow.next_steps(intake)]
    workflow.mark_matched(intake, user=handler)
    intake.refresh_from_db()
    assert intake.status == Status.MATCHED and "matched" in intake.statuses_reached


def test_assignment_only_to_somebody_who_may_open_the_sign_up(handler_and_intake):
    handler, intake = handler_and_intake
    other_region = RegionFactory(program=intake.program, name="Utrecht")
    stranger = HandlerFactory(username="utrecht", regions=[other_region])
    with pytest.raises(workflow.WorkflowError):
        workflow.assign(intake, stranger, user=handler)
    with pytest.raises(workflow.WorkflowError):
        workflow.assign(intake, UserFactory(), user=handler)
    workflow.assign(intake, handler, user=handler)
    intake.refresh_from_db()
    assert intake.assigned_to == handler
    assert trail(intake)[-1] == (audit.ASSIGNED, {"assignee": handler.pk})
    workflow.assign(intake, None, user=handler)
    intake.refresh_from_db()
    assert intake.assigned_to is None


def test_a_note_is_stored_encrypted_and_counts_as_contact(handler_and_intake):
    handler, intake = handler_and_intake
    with pytest.raises(workflow.WorkflowError):
        workflow.add_note(intake, "   ", user=handler)
    with pytest.raises(workflow.WorkflowError):
        workflow.add_note(intake, "x" * (workflow.MAX_NOTE_LENGTH + 1), user=handler)
    with time_machine.travel(NOON, tick=False):
        note = workflow.add_note(intake, "Moeder gebeld, huisbezoek dinsdag.", user=handler)
    assert note.text == {"text": "Moeder gebeld, huisbezoek dinsdag."}
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM intake_note WHERE id = %s", [note.pk])
        (stored,) = cursor.fetchone()
    assert "huisbezoek" not in stored
    intake.refresh_from_db()
    assert intake.last_contact_at == NOON
    assert trail(intake)[-1] == (audit.NOTE_ADDED, {"note": note.pk})


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2024, 3, 1), datetime.date(2026, 3, 1)),
        (datetime.date(2024, 2, 29), datetime.date(2026, 2, 28)),
    ],
)
def test_the_guidance_period_ends_two_years_after_the_start(start, end):
    assert add_years(start, 2) == end
    assert Match(started_on=start).guidance_ends_on == end
