"""The sign-up flow behind `IntakeFormPage`: validate -> route -> store -> queue mail -> thanks.

- GET shows the form for the page's role; GET `?done=<token>` shows the thanks page.
- POST: rate limit (429 with the typed data shown back), honeypot (400, generic refusal, data kept),
  validation and routing (the form), then the sign-up is stored FIRST, in its own transaction.
  Only after it has committed are the notices queued in the outbox (`intake.notifications`); mail
  is sent by the worker, never inside the request, so a mail server that is down can neither block
  nor lose a sign-up.
- Then POST/redirect/GET to `?done=<token>`: the token is a random key into this visitor's session,
  so the reference never appears in a URL and a shared link shows nobody anything.
"""

from __future__ import annotations

import logging
import secrets

from django.db import DatabaseError, IntegrityError, transaction
from django.forms.utils import ErrorDict
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from programs.models import Program

from . import abuse, notifications
from .forms import form_class_for
from .models.geography import Municipality
from .models.submissions import Intake, Outcome
from .routing import CJG, MEELEEFGEZIN

logger = logging.getLogger(__name__)

SESSION_KEY = "intake_done"
MAX_REMEMBERED = 5
THANKS_TEMPLATE = "intake/intake_thanks.html"
PRIVACY_NOTE_ID = "privacy-note"
REFERENCE_ATTEMPTS = 5


# --- Views -----------------------------------------------------------------------------------


def serve(page, request):
    """Entry point from `IntakeFormPage.serve`."""
    language = page.locale.language_code
    with translation.override(language):
        if request.method == "POST":
            response = _post(page, request, language)
        elif request.method in ("GET", "HEAD"):
            if "done" in request.GET:
                response = _thanks(page, request)
            else:
                form = form_class_for(page.role)(language=language)
                response = render_form(page, request, form)
        else:
            response = HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    # Pages with a form (CSRF token), typed data or a reference must never be cached.
    add_never_cache_headers(response)
    return response


def _post(page, request, language):
    form_class = form_class_for(page.role)

    if abuse.is_rate_limited(request, page.role):
        form = _unvalidated(form_class(request.POST, language=language))
        response = render_form(page, request, form, status=429, rate_limited=True)
        response["Retry-After"] = "3600"
        return response

    if abuse.honeypot_filled(request.POST):
        data = request.POST.copy()
        data[abuse.HONEYPOT_FIELD] = ""
        form = _unvalidated(form_class(data, language=language))
        form.add_error(None, _("Your sign-up could not be sent. Check the form and send it again."))
        return render_form(page, request, form, status=400)

    form = form_class(request.POST, language=language)
    if not form.is_valid() or form.decision is None:
        return render_form(page, request, form)

    intake = store(form, language=language)
    queue_notifications(intake)
    token = remember(request, page, intake, form)
    return HttpResponseRedirect(f"{page.get_url(request)}?done={token}")


def _unvalidated(form):
    """A bound form that shows what was typed without validating it (no routing, no reCAPTCHA call)."""
    form._errors = ErrorDict()
    form.cleaned_data = {}
    return form


def render_form(page, request, form, *, status=200, rate_limited=False):
    context = page.get_context(request)
    prepare_for_render(form, page)
    context.update(
        {
            "form": form,
            "rate_limited": rate_limited,
            "error_summary": [] if rate_limited else form.error_summary(),
            "fieldsets": form.visible_fieldsets(),
            "captcha": form["captcha"] if "captcha" in form.fields else None,
            "privacy_note_id": PRIVACY_NOTE_ID,
        }
    )
    return render(request, page.get_template(request), context, status=status)


def prepare_for_render(form, page):
    """Point the consent checkbox at the editor's privacy note beside it, for screen readers."""
    if not page.privacy_note:
        return
    bound = form[form.consent_field]
    ids = [PRIVACY_NOTE_ID]
    if bound.help_text:
        ids.append(f"{bound.auto_id}_helptext")
    if form.is_bound and bound.errors:
        ids.append(f"{bound.auto_id}_error")
    bound.field.widget.attrs["aria-describedby"] = " ".join(ids)


def _thanks(page, request):
    token = request.GET.get("done", "")
    summary = None
    if isinstance(token, str) and 0 < len(token) <= 64:
        entry = request.session.get(SESSION_KEY, {}).get(token)
        if isinstance(entry, dict) and entry.get("page") == page.pk:
            summary = entry
    context = page.get_context(request)
    context.update({"summary": summary, "expired": summary is None})
    return render(request, THANKS_TEMPLATE, context)


# --- Storing ---------------------------------------------------------------------------------


def store(form, *, language: str) -> Intake:
    """Store the sign-up in its own transaction (committed before anything else happens)."""
    decision = form.decision
    program = Program.objects.filter(code=decision.program.code).first() if decision.program else None
    region_id = decision.region.id if decision.region else None
    if decision.outcome == Outcome.PARTNER and not form.shares_with_partner:
        # No permission to pass the sign-up on: the partner's region does not receive it.
        region_id = None
    municipality = (
        Municipality.objects.filter(code=decision.municipality.code).first() if decision.municipality else None
    )
    fields = {
        "role": form.role,
        "language": language,
        "outcome": decision.outcome,
        "program": program,
        "region_id": region_id,
        "municipality": municipality,
        "pc4": form.pc4,
        "personal": form.personal_data(),
        "consent_at": timezone.now(),
        "recaptcha_unverified": form.recaptcha_unverified,
    }
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Intake.objects.create(**fields)
        except IntegrityError:
            # A reference collision (about 1 in 10^17) gets a fresh reference; anything else raises.
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def queue_notifications(intake: Intake) -> None:
    """Queue the notices after the sign-up committed. A failure here never undoes the sign-up:
    the worker queues notices for stored sign-ups that have none."""
    try:
        with transaction.atomic():
            notifications.queue_for(intake)
    except DatabaseError:
        logger.exception("Notices for sign-up %s could not be queued now; the worker will queue them.", intake.pk)


# --- Thanks page data ------------------------------------------------------------------------


def _region_dict(region) -> dict | None:
    if region is None:
        return None
    return {
        "name": region.name,
        "contact_name": region.contact_name,
        "contact_email": region.contact_email,
        "contact_phone": region.contact_phone,
    }


def summarise(intake: Intake, form) -> dict:
    """What the thanks page shows: outcome, who will contact, alternatives (all public data)."""
    decision = form.decision
    websites = dict(Program.objects.values_list("code", "website"))
    program = None
    if decision.program:
        program = {
            "code": decision.program.code,
            "name": decision.program.name,
            "website": websites.get(decision.program.code, ""),
            "is_meeleefgezin": decision.program.code == MEELEEFGEZIN,
        }
    alternatives = [
        {
            "code": alternative.program,
            "name": str(alternative.name),
            "reason": alternative.reason,
            "is_cjg": alternative.program == CJG,
            "region": _region_dict(alternative.region),
            "website": websites.get(alternative.program, ""),
        }
        for alternative in decision.alternatives
    ]
    return {
        "reference": intake.reference,
        "role": intake.role,
        "outcome": intake.outcome,
        "program": program,
        "region": _region_dict(decision.region),
        "municipality": decision.municipality.name if decision.municipality else "",
        "explanation": str(decision.explanation),
        "alternatives": alternatives,
        "shared": intake.region_id is not None,
        "confirmation_email": bool(form.confirmation_email),
    }


def remember(request, page, intake: Intake, form) -> str:
    """Keep the thanks page's data in the session under a random token; return the token."""
    token = secrets.token_urlsafe(18)
    entries = request.session.get(SESSION_KEY, {})
    if not isinstance(entries, dict):
        entries = {}
    entry = summarise(intake, form)
    entry.update({"page": page.pk, "at": timezone.now().isoformat()})
    entries[token] = entry
    # Keep only the most recent few.
    for old in sorted(entries, key=lambda key: entries[key].get("at", ""))[:-MAX_REMEMBERED]:
        entries.pop(old, None)
    request.session[SESSION_KEY] = entries
    return token
