"""Sending one outbox e-mail: a `Notification` row is rendered and sent with Django's mail API.

Mail is never sent inside the request: a background task (`intake.outbox.tasks`, run by
`manage.py db_worker`) calls `attempt` for one notification. A failed attempt is recorded on the row
with exponential backoff until MAX_ATTEMPTS, after which the row is `failed` and shows up in the
admin. The row is the truth; a task is only a wake-up call, so a second or late one is harmless.

Recipients and bodies are worked out when the mail is sent. The handlers' notice goes to the people
who may open the sign-up (`intake.permissions.notice_recipients`) and holds only the reference,
role, outcome, region/municipality and a link to the sign-up in the admin; the confirmation holds
the reference and what happens next. The notice of a move from the waitlist to a region (REROUTED)
goes, like the handlers' notice, to the people who may open the sign-up where it is now. None of them
contains names, contact details or health information.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from intake.permissions import notice_recipients
from intake.records.models import Intake, Outcome, Role
from intake.routing.vocabulary import MEELEEFGEZIN

from .models import Notification

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
MAX_BACKOFF_MINUTES = 60
# Handlers' notices are in Dutch: the people who work the queue are Dutch organisations.
HANDLERS_LANGUAGE = "nl"
# The admin URL name of a sign-up's detail view (see intake.admin.signups).
INTAKE_ADMIN_URL_NAME = "intake_signups:inspect"


class NoRecipientError(Exception):
    """Nobody is configured to receive this notice."""


# --- Recipients and messages -----------------------------------------------------------------


def admin_url(intake: Intake) -> str:
    try:
        path = reverse(INTAKE_ADMIN_URL_NAME, args=[intake.pk])
    except NoReverseMatch:
        path = reverse("wagtailadmin_home")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _context(intake: Intake) -> dict:
    region = intake.region if intake.region_id else None
    program = intake.program if intake.program_id else None
    return {
        "intake": intake,
        "reference": intake.reference,
        "role": intake.role,
        "outcome": intake.outcome,
        "region": region,
        "program": program,
        "municipality": intake.municipality if intake.municipality_id else None,
        "is_meeleefgezin": bool(program and program.code == MEELEEFGEZIN),
        "Role": Role,
        "Outcome": Outcome,
    }


#: Builders of the kinds another layer owns (kind -> function(notification) -> EmailMessage), e.g. the
#: waitlist question of `intake.privacy.waitlist`; each raises `NoRecipientError` without an address.
MESSAGE_BUILDERS = {}


def register_message(kind: str, build) -> None:
    MESSAGE_BUILDERS[kind] = build


def build_message(notification: Notification) -> EmailMessage:
    if notification.kind in MESSAGE_BUILDERS:
        return MESSAGE_BUILDERS[notification.kind](notification)
    intake = notification.intake
    context = _context(intake)
    if notification.kind in (Notification.Kind.HANDLERS, Notification.Kind.REROUTED):
        # Worked out now, from where the sign-up is: after a move, its new region's handlers.
        recipients = notice_recipients(intake)
        language = HANDLERS_LANGUAGE
        context["admin_url"] = admin_url(intake)
        template = "handlers" if notification.kind == Notification.Kind.HANDLERS else "rerouted"
    else:
        address = intake.confirmation_email
        recipients = [address] if address else []
        language = intake.language or settings.LANGUAGE_CODE
        template = "confirmation"
    if not recipients:
        raise NoRecipientError("no recipient configured")
    with translation.override(language):
        subject = " ".join(render_to_string(f"email/{template}_subject.txt", context).split())
        body = render_to_string(f"email/{template}_body.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )


# --- Sending ---------------------------------------------------------------------------------


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd ... failure, at most MAX_BACKOFF_MINUTES."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), MAX_BACKOFF_MINUTES))


def short_error(exc: BaseException) -> str:
    """The kind of failure, without the message (which may hold an address)."""
    parts = [type(exc).__name__]
    for attribute in ("smtp_code", "errno"):
        value = getattr(exc, attribute, None)
        if isinstance(value, int):
            parts.append(f"{attribute}={value}")
    return " ".join(parts)[:300]


def attempt(notification_id: int, mail_connection=None) -> Notification | None:
    """Send one notification if it is pending and due, and record the result on its row.

    Returns the updated row, or None when there was nothing to do (already sent or failed, not due
    yet, or being sent by another worker right now)."""
    now = timezone.now()
    with transaction.atomic():
        due = Notification.objects.filter(
            pk=notification_id, state=Notification.State.PENDING, next_attempt_at__lte=now
        )
        if connection.features.has_select_for_update_skip_locked:
            # Two wake-ups for one row at once (two workers): the second skips it, nothing is sent twice.
            due = due.select_for_update(skip_locked=True, of=("self",))
        notification = (
            due.select_related("intake", "intake__region", "intake__program", "intake__municipality")
            # Decrypted only for a confirmation's address; a key problem then fails that one row.
            .defer("intake__personal")
            .first()
        )
        if notification is None:
            return None
        attempts = notification.attempts + 1
        try:
            message = build_message(notification)
            message.connection = mail_connection
            message.send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried, never lost
            failed = attempts >= MAX_ATTEMPTS
            fields = {
                "attempts": attempts,
                "last_error": short_error(exc),
                "state": Notification.State.FAILED if failed else Notification.State.PENDING,
                "next_attempt_at": now if failed else now + backoff(attempts),
            }
            logger.warning(
                "Notification %s (%s) failed, attempt %s: %s",
                notification.pk,
                notification.kind,
                attempts,
                fields["last_error"],
            )
        else:
            fields = {"attempts": attempts, "last_error": "", "state": Notification.State.SENT, "sent_at": now}
        Notification.objects.filter(pk=notification.pk).update(**fields)
    for name, value in fields.items():
        setattr(notification, name, value)
    return notification
