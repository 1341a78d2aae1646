"""Subject access: everything held about one sign-up, as JSON and as a readable HTML page.

The admin's "Export everything held" action and `manage.py export_signup REFERENCE` both use
`collect` and record the export in the sign-up's trail (SUBJECT_ACCESS). The export holds the
answers (decrypted, with the form's labels), the notes, the statuses and timeline, the matches, the
e-mails sent (outbox rows), the waitlist questions, and who opened the sign-up when (its trail).
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.encryption.crypto import DecryptionError
from intake.outbox.models import Notification
from intake.records.models import ClosureReason, Intake, Status
from intake.signup.forms import form_class_for
from intake.workspace.models import Match, Note

from .models import WaitlistQuestion


def _when(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _person(user):
    if user is None:
        return None
    return {"id": user.pk, "username": user.get_username(), "name": user.get_full_name() or user.get_username()}


def _label(choices, code):
    try:
        return str(choices(code).label)
    except ValueError:
        return code or ""


def _answers(intake: Intake):
    try:
        personal = intake.personal if isinstance(intake.personal, dict) else {}
    except DecryptionError:
        return None, _("These details cannot be decrypted with the current keys.")
    rows = form_class_for(intake.role).describe(personal)
    return [{"label": label, "value": value} for label, value in rows], ""


def _trail(intake: Intake):
    entries = IntakeLogEntry.objects.filter(intake_id=intake.pk).select_related("user").order_by("timestamp", "pk")
    rows = []
    for entry in entries:
        rows.append(
            {
                "when": _when(entry.timestamp),
                "action": entry.action,
                "message": str(entry.message),
                "by": _person(entry.user),
                "data": entry.data or {},
            }
        )
    return rows


def collect(intake: Intake) -> dict:
    """Everything held about this sign-up, in the active language (labels and messages)."""
    answers, answers_error = _answers(intake)
    notes = [
        {"written": _when(note.created_at), "author": _person(note.author), "text": _note_text(note)}
        for note in Note.objects.filter(intake=intake).select_related("author")
    ]
    matches = []
    for match in (
        Match.objects.filter(Q(parent=intake) | Q(host_family=intake))
        .select_related("parent", "host_family", "region")
        .order_by("started_on", "pk")
    ):
        matches.append(
            {
                "as": "parent" if match.parent_id == intake.pk else "host_family",
                "other_reference": (match.host_family if match.parent_id == intake.pk else match.parent).reference,
                "region": match.region.name if match.region_id else None,
                "started_on": match.started_on,
                "guidance_ends_on": match.guidance_ends_on,
                "ended_on": match.ended_on,
                "phase": match.get_phase_display(),
                "end_reason": match.get_end_reason_display() if match.end_reason else "",
            }
        )
    emails = [
        {
            "kind": notification.get_kind_display(),
            "state": notification.get_state_display(),
            "created": _when(notification.created_at),
            "sent": _when(notification.sent_at),
            "attempts": notification.attempts,
        }
        for notification in Notification.objects.filter(intake=intake).order_by("created_at", "pk")
    ]
    questions = [
        {
            "asked": _when(question.asked_at),
            "answer": question.get_answer_display() if question.answer else "",
            "answered": _when(question.answered_at),
        }
        for question in WaitlistQuestion.objects.filter(intake=intake).order_by("asked_at", "pk")
    ]
    statuses = [{"code": code, "label": _label(Status, code)} for code in intake.statuses_reached or []]
    return {
        "reference": intake.reference,
        "exported_at": _when(timezone.now()),
        "sign_up": {
            "form": intake.get_role_display(),
            "language": intake.language,
            "received": _when(intake.created_at),
            "consent_given": _when(intake.consent_at),
            "outcome": intake.get_outcome_display(),
            "program": intake.program.name if intake.program_id else None,
            "region": intake.region.name if intake.region_id else None,
            "municipality": intake.municipality.name if intake.municipality_id else None,
            "postcode_4_digits": intake.pc4 or None,
            "status": intake.get_status_display(),
            "status_changed": _when(intake.status_changed_at),
            "reason_for_closing": _label(ClosureReason, intake.closed_reason) if intake.closed_reason else "",
            "referred_to": intake.referred_to.name if intake.referred_to_id else None,
            "assigned_to": _person(intake.assigned_to),
            "last_contact": _when(intake.last_contact_at),
            "anonymised": _when(intake.anonymised_at),
            "erased": _when(intake.erased_at),
            "erased_by": _person(intake.erased_by),
            "reason_for_erasure": intake.erasure_reason,
        },
        "answers": answers,
        "answers_error": str(answers_error),
        "statuses_reached": statuses,
        "notes": notes,
        "matches": matches,
        "emails": emails,
        "waitlist_questions": questions,
        "trail": _trail(intake),
    }


def _note_text(note):
    try:
        text = note.text
    except DecryptionError:
        return _("This note cannot be decrypted with the current keys.")
    return text.get("text", "") if isinstance(text, dict) else str(text or "")


def to_json(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def to_html(data: dict) -> str:
    return render_to_string("intake/privacy/subject_access.html", {"data": data})


def export(intake: Intake, *, user=None, via: str, language: str = "nl") -> tuple[str, str]:
    """(json, html) of everything held, in `language`; records the export in the sign-up's trail."""
    intake = (
        Intake.objects.select_related("program", "region", "municipality", "referred_to", "assigned_to", "erased_by")
    ).get(pk=intake.pk)
    audit.record(intake, audit.SUBJECT_ACCESS, user, via=via)
    with translation.override(language):
        data = collect(intake)
        return to_json(data), to_html(data)
