"""Queueing the e-mails about a sign-up in the outbox (`Notification` rows), after it is stored.

Two notices per sign-up: one to the people who may open it (HANDLERS) and a confirmation to the
person who signed up (CONFIRMATION, only when there is an e-mail address). Nothing personal is
stored in the outbox: recipients and bodies are worked out when the mail is sent (`delivery`).
Queueing only writes rows; `intake.outbox.tasks` enqueues the tasks that send them.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

from intake.encryption.crypto import DecryptionError
from intake.records.models import Intake

from .models import Notification

logger = logging.getLogger(__name__)

# How far back the sweep looks for sign-ups whose notices were never queued (e.g. a database
# hiccup right after the sign-up was stored).
SWEEP_WINDOW = timedelta(days=7)


def _confirmation_address(intake: Intake) -> str:
    try:
        return intake.confirmation_email
    except DecryptionError:
        logger.error("Sign-up %s cannot be decrypted; no confirmation is queued.", intake.pk)
        return ""


def queue_for(intake: Intake) -> list[Notification]:
    """Queue the handlers' notice and (when there is an address) the confirmation. Idempotent."""
    queued = []
    notice, _created = Notification.objects.get_or_create(intake=intake, kind=Notification.Kind.HANDLERS)
    queued.append(notice)
    if _confirmation_address(intake):
        confirmation, _created = Notification.objects.get_or_create(intake=intake, kind=Notification.Kind.CONFIRMATION)
        queued.append(confirmation)
    return queued


def queue_new(intake: Intake) -> list[Notification]:
    """`queue_for` for a sign-up stored in this very transaction, which cannot have notices yet:
    the rows in one INSERT instead of a look-up and an insert each."""
    kinds = [Notification.Kind.HANDLERS]
    if _confirmation_address(intake):
        kinds.append(Notification.Kind.CONFIRMATION)
    return Notification.objects.bulk_create([Notification(intake=intake, kind=kind) for kind in kinds])


def queue_rerouted(intake: Intake) -> Notification:
    """Queue the notice that this sign-up was moved from the waitlist to a region. Idempotent: a
    sign-up leaves the waitlist once."""
    notice, _created = Notification.objects.get_or_create(intake=intake, kind=Notification.Kind.REROUTED)
    return notice


def queue_missing(now=None) -> list[Intake]:
    """Queue the notices of recent sign-ups that have none (stored, but queueing failed).

    Returns the sign-ups whose notices were queued now."""
    now = now or timezone.now()
    # An anonymised or erased sign-up has nothing left to tell anybody about.
    missing = Intake.objects.filter(created_at__gte=now - SWEEP_WINDOW, anonymised_at__isnull=True).exclude(
        notifications__kind=Notification.Kind.HANDLERS
    )
    queued = []
    for intake in missing.iterator():
        queue_for(intake)
        queued.append(intake)
    return queued
