"""What happens to a valid sign-up: store it, queue its notices, remember the thanks page's data.

The sign-up is stored FIRST, in its own transaction. Only after it has committed are the notices
queued in the outbox (`intake.outbox`) and, once those rows commit, their delivery tasks enqueued;
mail is sent by the task worker, never inside the request, so a mail server that is down can neither
block nor lose a sign-up. The thanks page's data is kept in
the visitor's session under a random token, so the reference never appears in a URL.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone, translation

from intake.audit import actions as audit
from intake.outbox.queue import queue_for
from intake.outbox.tasks import deliver_after_commit, sweep_after_commit
from intake.presenter import present
from intake.records.models import Intake, Status
from intake.routing.vocabulary import PARTNER

logger = logging.getLogger(__name__)

SESSION_KEY = "intake_done"
MAX_REMEMBERED = 5
REFERENCE_ATTEMPTS = 5
MAX_TOKEN_LENGTH = 64


def store(form, *, language: str) -> Intake:
    """Store the sign-up in its own transaction (committed before anything else happens).

    The decision names the program, region and municipality rows it routed to, so nothing is looked
    up again here."""
    decision = form.decision
    region = decision.region
    if decision.outcome == PARTNER and not form.shares_with_partner:
        # No permission to pass the sign-up on: the partner's region does not receive it.
        region = None
    fields = {
        "role": form.role,
        "language": language,
        "outcome": decision.outcome,
        "program_id": decision.program.id if decision.program else None,
        "region_id": region.id if region else None,
        "municipality_id": decision.municipality.id if decision.municipality else None,
        "pc4": form.pc4,
        "personal": form.personal_data(),
        "consent_at": timezone.now(),
        "recaptcha_unverified": form.recaptcha_unverified,
        "statuses_reached": [Status.NEW],
    }
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                intake = Intake.objects.create(**fields)
                audit.record(intake, audit.RECEIVED, None, outcome=intake.outcome)
                return intake
        except IntegrityError:
            # A reference collision (about 1 in 10^17) gets a fresh reference; anything else raises.
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def queue_notifications(intake: Intake) -> None:
    """Queue the notices after the sign-up committed, and their delivery once they commit. A failure
    here never undoes the sign-up: the outbox's sweep queues notices for stored sign-ups that have none."""
    try:
        with transaction.atomic():
            deliver_after_commit(queue_for(intake))
    except DatabaseError:
        logger.exception("Notices for sign-up %s could not be queued now; the sweep will queue them.", intake.pk)
        sweep_after_commit()


def summarise(intake: Intake, form, request=None) -> dict:
    """What the thanks page shows: the decision as presented everywhere, plus the reference."""
    summary = present(form.decision, request)
    summary.update(
        {
            "reference": intake.reference,
            "role": intake.role,
            "outcome": intake.outcome,
            "shared": intake.region_id is not None,
            "confirmation_email": bool(form.confirmation_email),
        }
    )
    return summary


def remember(request, page, intake: Intake, form) -> str:
    """Keep the thanks page's data in the session under a random token; return the token.

    The summary is worded in every site language, so the thanks page of a translation of the form
    page (the language switcher keeps the token) shows the same confirmation in its own language."""
    token = secrets.token_urlsafe(18)
    entries = request.session.get(SESSION_KEY, {})
    if not isinstance(entries, dict):
        entries = {}
    entry = summarise(intake, form, request)
    worded = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        with translation.override(code):
            worded[code] = summarise(intake, form, request)
    entry.update(
        {
            "page": page.pk,
            "translation_key": str(page.translation_key),
            "languages": worded,
            "at": timezone.now().isoformat(),
        }
    )
    entries[token] = entry
    # Keep only the most recent few.
    for old in sorted(entries, key=lambda key: entries[key].get("at", ""))[:-MAX_REMEMBERED]:
        entries.pop(old, None)
    request.session[SESSION_KEY] = entries
    return token


def recall(request, page, token) -> dict | None:
    """The thanks page's data for this token and page (or a translation of it), in the page's
    language; None when unknown, expired or another form's."""
    if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_LENGTH:
        return None
    entries = request.session.get(SESSION_KEY, {})
    entry = entries.get(token) if isinstance(entries, dict) else None
    if not isinstance(entry, dict):
        return None
    same_page = entry.get("page") == page.pk
    translated = entry.get("translation_key") == str(page.translation_key)
    if not (same_page or translated):
        return None
    worded = entry.get("languages")
    in_language = worded.get(page.locale.language_code) if isinstance(worded, dict) else None
    if isinstance(in_language, dict):
        return {**entry, **in_language}
    return entry if same_page else None
