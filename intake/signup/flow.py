"""What happens to a valid sign-up: store it with its notices, remember the thanks page's data.

The sign-up, its audit entry, its notices in the outbox (`intake.outbox`) and their delivery tasks
are written in ONE transaction, so a sign-up costs one commit (one wait for the disk). The notices
and tasks are written in a savepoint: if that part fails, the sign-up is still stored (the outbox's
sweep queues notices for stored sign-ups that have none). Mail is sent by the task worker, never
inside the request, and only once the sign-up has committed, so a mail server that is down can
neither block nor lose a sign-up. The thanks page's data is kept in an opaque token: the session
holds only that token (`remember`), and the thanks page looks the sign-up up from it (`recall`), for
an hour, so neither the session nor any URL carries the reference or anything else about the sign-up.
"""

from __future__ import annotations

import contextlib
import datetime
import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from intake.audit import actions as audit
from intake.encryption.crypto import DecryptionError, seal, unseal
from intake.geography.lookup import locate, route
from intake.outbox.queue import queue_new
from intake.outbox.tasks import deliver_when_committed, sweep_after_commit
from intake.presenter import present
from intake.records.models import Intake, Status
from intake.routing.vocabulary import NOT_ELIGIBLE, PARTNER

logger = logging.getLogger(__name__)

SESSION_KEY = "intake_thanks"
MAX_REMEMBERED = 5
REFERENCE_ATTEMPTS = 5
MAX_TOKEN_LENGTH = 256
# How long the thanks page can be shown (and its language switched) after sending.
THANKS_PAGE_SECONDS = 60 * 60


def store(form, *, language: str, contact_anyway: bool = False) -> Intake:
    """Store the sign-up, its audit entry and its notices in one transaction (see the module).

    The decision names the program, region and municipality rows it routed to, so nothing is looked
    up again here. `contact_anyway`: told that it does not fit, the person chose to be contacted
    anyway (recorded in `contact_anyway_at`); a "not eligible" sign-up is stored only then."""
    decision = form.decision
    if decision.outcome == NOT_ELIGIBLE and not contact_anyway:
        raise ValueError("A sign-up that does not fit is stored only when the person asked to be contacted anyway.")
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
        "contact_anyway_at": timezone.now() if contact_anyway else None,
        "recaptcha_unverified": form.recaptcha_unverified,
        "statuses_reached": [Status.NEW],
    }
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                intake = Intake.objects.create(**fields)
                audit.record(intake, audit.RECEIVED, None, outcome=intake.outcome)
                queue_notifications(intake)
            return intake
        except IntegrityError:
            # A reference collision (about 1 in 10^17) gets a fresh reference; anything else raises.
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def queue_notifications(intake: Intake) -> None:
    """Queue the notices of a sign-up stored in the current transaction, and their delivery, in a
    savepoint: a failure here never undoes the sign-up; the outbox's sweep queues notices for stored
    sign-ups that have none."""
    try:
        with transaction.atomic():
            deliver_when_committed(queue_new(intake))
    except DatabaseError:
        logger.exception("Notices for sign-up %s could not be queued now; the sweep will queue them.", intake.pk)
        sweep_after_commit()


def summarise(intake: Intake, request=None) -> dict:
    """What the thanks page shows, looked up from the stored sign-up: the decision as presented
    everywhere (routed again from what was stored), plus the reference."""
    personal = intake.personal if isinstance(intake.personal, dict) else {}
    municipality = intake.municipality.code if intake.municipality_id else None
    birth = None
    with contextlib.suppress(TypeError, ValueError):
        birth = datetime.date.fromisoformat(personal.get("child_date") or "")
    concerns = personal.get("concerns") or []
    support = personal.get("support") or None
    decision = route(
        role=intake.role,
        location=locate(pc4=intake.pc4, municipality_code=municipality),
        child_birth_date=birth,
        concerns=concerns if isinstance(concerns, list) else [],
        support=support if isinstance(support, str) else None,
        today=timezone.localdate(intake.created_at),
    )
    summary = present(decision, request)
    summary.update(
        {
            "reference": intake.reference,
            "role": intake.role,
            "outcome": intake.outcome,
            "shared": intake.region_id is not None,
            "confirmation_email": bool(intake.confirmation_email),
            "contact_anyway": intake.contact_anyway_at is not None,
        }
    )
    return summary


def remember(request, page, intake: Intake) -> str:
    """Return the thanks page's token, and keep it (and nothing else) in the visitor's session.

    The token is opaque: the sign-up's row and the form page, encrypted (`seal`), readable by this
    server only, for `THANKS_PAGE_SECONDS`. Nothing about the sign-up (reference, program, region,
    municipality, outcome) is in the session; the thanks page looks it up from the token."""
    token = seal(f"{intake.pk}:{page.pk}")
    tokens = request.session.get(SESSION_KEY)
    tokens = [old for old in tokens if isinstance(old, str)] if isinstance(tokens, list) else []
    request.session[SESSION_KEY] = [*tokens, token][-MAX_REMEMBERED:]
    return token


def recall(request, page, token) -> dict | None:
    """The thanks page's data for this token and page (or a translation of it), worded in the
    active language; None when the token is not this visitor's, has expired, or is another form's."""
    if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_LENGTH:
        return None
    tokens = request.session.get(SESSION_KEY)
    if not isinstance(tokens, list) or token not in tokens:
        return None  # a link shared with someone else shows them nothing
    try:
        intake_pk, page_pk = (int(part) for part in unseal(token, THANKS_PAGE_SECONDS).split(":"))
    except (DecryptionError, ValueError):
        return None
    if page_pk != page.pk:
        translation_key = Page.objects.filter(pk=page_pk).values_list("translation_key", flat=True).first()
        if translation_key != page.translation_key:
            return None
    intake = Intake.objects.select_related("municipality").filter(pk=intake_pk).first()
    return summarise(intake, request) if intake is not None else None
