"""Removing a sign-up's personal data, leaving the stats-only record the figures are made of.

`anonymise` is what the retention run does; `erase` is the same on request, and also records when,
by whom and why. Both keep:

- the routing facts: form, outcome, program, region, municipality, referred-to program, language;
- the month it was received (`created_at` becomes the first day of that month, local time);
- its status, the statuses it reached and its reason for closing;
- the matches it is part of (dates, phase, region), and the consent as a date;
- its audit trail (codes and ids only: who opened it when).

Gone: the answers (`personal` becomes empty), the four-digit postcode, the assignment, the notes,
the e-mails in the outbox and their tasks, the waitlist questions, and any session that still
remembers it. An erasure also looks for the sign-up's own values (name, address, free text ...) in
Wagtail's log entries and the task rows, and removes them there too.
"""

from __future__ import annotations

import datetime
import json
import logging

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry, PageLogEntry

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.encryption.crypto import DecryptionError
from intake.outbox.models import Notification
from intake.records.models import ClosureReason, Intake, Status
from intake.signup.forms import form_class_for
from intake.workspace.models import Note

from .models import WaitlistQuestion

logger = logging.getLogger(__name__)

ERASED_MARK = "[erased]"
# Values shorter than this are not searched for elsewhere (they would match unrelated text).
MIN_SEARCHED_LENGTH = 4
MAX_REASON_LENGTH = 300


class ErasureError(Exception):
    """An erasure that cannot be done; the message says why, in the reader's language."""


def month_start(moment: datetime.datetime) -> datetime.datetime:
    """Midnight at the start of the moment's month, local time (as an aware datetime)."""
    day = timezone.localdate(moment).replace(day=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def day_start(moment: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(moment), datetime.time.min))


# --- What the sign-up holds that could be found elsewhere ------------------------------------------


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from _strings(child)
    elif isinstance(value, list | tuple):
        for child in value:
            yield from _strings(child)


def personal_values(intake: Intake) -> set[str]:
    """The sign-up's own free values (answers typed in, not choice codes) and its notes' texts."""
    values = set()
    try:
        personal = intake.personal if isinstance(intake.personal, dict) else {}
    except DecryptionError:
        personal = {}
    fields = form_class_for(intake.role)().fields
    for key, value in personal.items():
        field = fields.get(key)
        # Ticked options are codes every sign-up shares ("psychiatric"): not this person's values.
        codes = {str(code) for code, _label in getattr(field, "choices", None) or []}
        values.update(text for text in _strings(value) if text not in codes)
    for note in Note.objects.filter(intake=intake):
        try:
            values.update(_strings(note.text))
        except DecryptionError:
            continue
    return {value.strip() for value in values if len(value.strip()) >= MIN_SEARCHED_LENGTH}


def _scrub(value, needles):
    if isinstance(value, str):
        for needle in needles:
            if needle.lower() in value.lower():
                return ERASED_MARK
        return value
    if isinstance(value, dict):
        return {key: _scrub(child, needles) for key, child in value.items()}
    if isinstance(value, list):
        return [_scrub(child, needles) for child in value]
    return value


def _scrub_log_entries(intake: Intake, needles: set[str]) -> int:
    """Replace any of `needles` found in log entries' data (this sign-up's, and Wagtail's own logs)."""
    changed = 0
    querysets = [IntakeLogEntry.objects.filter(intake_id=intake.pk)]
    if needles:
        condition = Q()
        for needle in needles:
            condition |= Q(data__icontains=needle) | Q(label__icontains=needle)
        querysets += [IntakeLogEntry.objects.filter(condition), ModelLogEntry.objects.filter(condition)]
        querysets += [PageLogEntry.objects.filter(condition)]
    for queryset in querysets:
        for entry in queryset.iterator():
            data = _scrub(entry.data, needles)
            label = _scrub(entry.label, needles)
            if data != entry.data or label != entry.label:
                type(entry).objects.filter(pk=entry.pk).update(data=data, label=label)
                changed += 1
    return changed


def _forget_sessions(intake: Intake, needles: set[str]) -> int:
    """Delete the sessions that remember this sign-up (e.g. its thanks page). Database sessions only:
    cache sessions expire by themselves."""
    if not settings.SESSION_ENGINE.endswith((".db", ".cached_db")):
        return 0
    marks = {intake.reference.lower(), *(needle.lower() for needle in needles)}
    doomed = []
    for session in Session.objects.iterator():
        try:
            text = json.dumps(session.get_decoded(), default=str).lower()
        except Exception:  # noqa: BLE001 - an unreadable session is Django's to expire
            continue
        if any(mark in text for mark in marks):
            doomed.append(session.session_key)
    if doomed:
        Session.objects.filter(session_key__in=doomed).delete()
        from django.core.cache import cache

        for key in doomed:  # cached_db keeps a copy in the cache as well
            cache.delete(f"django.contrib.sessions.cached_db{key}")
    return len(doomed)


def _forget_tasks(notification_ids: list[int], needles: set[str], reference: str) -> int:
    """Delete the task rows about this sign-up: deliveries of its e-mails (their argument is the
    outbox row's id, which is gone) and anything whose arguments, result or traceback name it."""
    ids = set(notification_ids)
    doomed = [
        row.pk
        for row in DBTaskResult.objects.filter(task_path__endswith=".deliver_notification").only("pk", "args_kwargs")
        if set((row.args_kwargs or {}).get("args") or []) & ids
    ]
    condition = Q(pk__in=doomed)
    for needle in {*needles, reference}:
        condition |= (
            Q(args_kwargs__icontains=needle) | Q(return_value__icontains=needle) | Q(traceback__icontains=needle)
        )
    deleted, _counts = DBTaskResult.objects.filter(condition).delete()
    return deleted


# --- Removing ---------------------------------------------------------------------------------------


def _strip(intake: Intake, *, now, close_reason: str, user, needles: set[str]) -> dict:
    notification_ids = list(Notification.objects.filter(intake=intake).values_list("pk", flat=True))
    counts = {
        "notes": Note.objects.filter(intake=intake).delete()[0],
        "questions": WaitlistQuestion.objects.filter(intake=intake).delete()[0],
        "emails": Notification.objects.filter(intake=intake).delete()[0],
    }
    counts["tasks"] = _forget_tasks(notification_ids, needles, intake.reference)
    counts["sessions"] = _forget_sessions(intake, needles)
    if intake.status not in (Status.CLOSED, Status.MATCHED):
        old = intake.status
        intake.status = Status.CLOSED
        intake.closed_reason = close_reason
        intake.status_changed_at = now
        if Status.CLOSED not in intake.statuses_reached:
            intake.statuses_reached = [*intake.statuses_reached, Status.CLOSED]
        audit.record(intake, audit.STATUS_CHANGED, user, **{"from": old, "to": Status.CLOSED, "reason": close_reason})
    intake.personal = {}
    intake.pc4 = ""
    intake.assigned_to = None
    intake.last_contact_at = None
    intake.created_at = month_start(intake.created_at)
    intake.consent_at = day_start(intake.consent_at)
    if intake.anonymised_at is None:
        intake.anonymised_at = now
    intake.save()
    counts["log_entries"] = _scrub_log_entries(intake, needles)
    return counts


def anonymise(intake: Intake, *, rule: str, now=None, user=None) -> dict:
    """Remove the personal data of one sign-up (the retention run), keeping the stats-only record."""
    now = now or timezone.now()
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=intake.pk)
        if intake.anonymised_at is not None:
            return {}
        needles = personal_values(intake)
        counts = _strip(intake, now=now, close_reason=ClosureReason.NO_CONTACT, user=user, needles=needles)
        audit.record(intake, audit.ANONYMISED, user, rule=rule, **counts)
    logger.info("Sign-up %s anonymised (%s).", intake.pk, rule)
    return counts


def erase(intake: Intake, *, user, reason: str, now=None) -> dict:
    """Erase one sign-up's personal data on request. What remains: the stats-only record, and that
    (and when, by whom, why) it was erased."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ErasureError(_("Say why this sign-up is erased (for example: “Asked by e-mail on 3 March”)."))
    if len(reason) > MAX_REASON_LENGTH:
        raise ErasureError(_("The reason can be at most %(max)d characters.") % {"max": MAX_REASON_LENGTH})
    now = now or timezone.now()
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=intake.pk)
        if intake.erased_at is not None:
            raise ErasureError(_("This sign-up was already erased."))
        needles = personal_values(intake)
        counts = _strip(intake, now=now, close_reason=ClosureReason.WITHDRAWN, user=user, needles=needles)
        intake.erased_at = now
        intake.erased_by = user if user is not None and user.is_authenticated else None
        intake.erasure_reason = reason
        intake.save(update_fields=["erased_at", "erased_by", "erasure_reason"])
        audit.record(intake, audit.ERASED, user, **counts)
    logger.info("Sign-up %s erased on request by user %s.", intake.pk, getattr(user, "pk", None))
    return counts


def what_erasure_removes(intake: Intake) -> dict:
    """What an erasure of this sign-up would take away, counted (for the confirmation page)."""
    try:
        answers = len(intake.personal or {}) if isinstance(intake.personal, dict) else 0
    except DecryptionError:
        answers = None
    return {
        "answers": answers,
        "notes": Note.objects.filter(intake=intake).count(),
        "emails": Notification.objects.filter(intake=intake).count(),
        "questions": WaitlistQuestion.objects.filter(intake=intake).count(),
        "has_pc4": bool(intake.pc4),
    }
