"""How a sign-up moves through the intervention: its statuses, assignment and notes.

new → contacted → screening → matching → matched, plus on hold, referred (to another program of
the collective) and closed (with a reason). A sign-up becomes "matched" only by making a match
(`intake.workspace.matching`), never by hand. Every change is recorded in the sign-up's audit trail
and, being contact with the family, moves `last_contact_at` (retention counts from there).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.audit import actions as audit
from intake.permissions import people_who_may_open
from intake.records.models import ClosureReason, Intake, Status
from intake.routing.vocabulary import MEELEEFGEZIN
from intake.workspace.models import Note

S = Status

# Which status may follow which, by hand. "matched" is reached by making a match only.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.NEW: (S.CONTACTED, S.ON_HOLD, S.REFERRED, S.CLOSED),
    S.CONTACTED: (S.SCREENING, S.ON_HOLD, S.REFERRED, S.CLOSED),
    S.SCREENING: (S.MATCHING, S.CONTACTED, S.ON_HOLD, S.REFERRED, S.CLOSED),
    S.MATCHING: (S.SCREENING, S.ON_HOLD, S.REFERRED, S.CLOSED),
    S.MATCHED: (S.MATCHING, S.CLOSED),
    S.ON_HOLD: (S.CONTACTED, S.SCREENING, S.MATCHING, S.REFERRED, S.CLOSED),
    S.REFERRED: (S.CONTACTED, S.CLOSED),
    S.CLOSED: (S.CONTACTED,),
}

# The step forward a handler takes most often: offered as the first, one-click action.
FORWARD = {S.NEW: S.CONTACTED, S.CONTACTED: S.SCREENING, S.SCREENING: S.MATCHING}

MAX_NOTE_LENGTH = 5000


class WorkflowError(Exception):
    """A change that is not allowed; the message says why, in the reader's language."""


@dataclass(frozen=True)
class Step:
    status: str
    label: str
    needs_reason: bool = False
    needs_program: bool = False


def next_steps(intake: Intake) -> list[Step]:
    """The statuses this sign-up may move to by hand, the usual step forward first."""
    allowed = TRANSITIONS.get(intake.status, ())
    forward = FORWARD.get(intake.status)
    ordered = ([forward] if forward in allowed else []) + [s for s in allowed if s != forward]
    return [
        Step(code, str(Status(code).label), needs_reason=code == S.CLOSED, needs_program=code == S.REFERRED)
        for code in ordered
    ]


def _set_status(intake: Intake, to: str, *, user, now, **data):
    old = intake.status
    intake.status = to
    intake.status_changed_at = now
    intake.last_contact_at = now
    if to not in intake.statuses_reached:
        intake.statuses_reached = [*intake.statuses_reached, to]
    if to != S.CLOSED:
        intake.closed_reason = ""
    if to != S.REFERRED:
        intake.referred_to = None
    intake.save(
        update_fields=[
            "status",
            "status_changed_at",
            "last_contact_at",
            "statuses_reached",
            "closed_reason",
            "referred_to",
        ]
    )
    audit.record(intake, audit.STATUS_CHANGED, user, **{"from": old, "to": to, **data})


def change_status(intake: Intake, to: str, *, user, reason: str = "", referred_to=None, now=None) -> None:
    """Move a sign-up by hand; raises `WorkflowError` for a move the intervention does not allow."""
    now = now or timezone.now()
    if to == intake.status:
        raise WorkflowError(
            _("This sign-up already has the status “%(status)s”.") % {"status": intake.get_status_display()}
        )
    if to not in TRANSITIONS.get(intake.status, ()):
        if to == S.MATCHED:
            raise WorkflowError(_("A sign-up becomes “matched” by making a match with a host family."))
        raise WorkflowError(
            _("A sign-up cannot go from “%(old)s” to “%(new)s”. Possible next steps: %(steps)s.")
            % {
                "old": intake.get_status_display(),
                "new": Status(to).label if to in Status.values else to,
                "steps": ", ".join(step.label for step in next_steps(intake)) or "—",
            }
        )
    data = {}
    if to == S.CLOSED:
        if reason not in ClosureReason.values:
            raise WorkflowError(_("Choose why this sign-up is closed."))
        intake.closed_reason = reason
        data["reason"] = reason
    if to == S.REFERRED:
        if referred_to is None or referred_to.code == MEELEEFGEZIN:
            raise WorkflowError(_("Choose the program this sign-up is referred to."))
        intake.referred_to = referred_to
        data["program"] = referred_to.code
    with transaction.atomic():
        _set_status(intake, to, user=user, now=now, **data)


def mark_matched(intake: Intake, *, user, now=None) -> None:
    """Used by making a match: both sign-ups become "matched"."""
    if intake.status == S.MATCHED:
        return
    _set_status(intake, S.MATCHED, user=user, now=now or timezone.now())


def may_be_assigned(intake: Intake):
    """The accounts a sign-up can be assigned to: those who may open it (superusers aside)."""
    return people_who_may_open(intake).order_by("first_name", "username")


def assign(intake: Intake, assignee, *, user) -> None:
    """Give the sign-up to one handler (or to nobody, with `assignee=None`)."""
    if assignee is not None and not may_be_assigned(intake).filter(pk=assignee.pk).exists():
        raise WorkflowError(_("This sign-up can only be assigned to somebody who may open it."))
    if intake.assigned_to_id == (assignee.pk if assignee else None):
        return
    intake.assigned_to = assignee
    intake.save(update_fields=["assigned_to"])
    audit.record(intake, audit.ASSIGNED, user, assignee=assignee.pk if assignee else None)


def add_note(intake: Intake, text: str, *, user, now=None) -> Note:
    """Write a note (encrypted); a note is contact, so `last_contact_at` moves."""
    text = (text or "").strip()
    if not text:
        raise WorkflowError(_("Write the note first."))
    if len(text) > MAX_NOTE_LENGTH:
        raise WorkflowError(_("A note can be at most %(max)d characters.") % {"max": MAX_NOTE_LENGTH})
    now = now or timezone.now()
    with transaction.atomic():
        note = Note.objects.create(intake=intake, author=user, created_at=now, text={"text": text})
        intake.last_contact_at = now
        intake.save(update_fields=["last_contact_at"])
        audit.record(intake, audit.NOTE_ADDED, user, note=note.pk)
    return note
