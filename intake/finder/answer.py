"""The decision as the find-support page and the API give it: the presenter's answer plus the way in."""

from __future__ import annotations

from urllib.parse import urlencode

from wagtail.models import Locale

from intake.presenter import present
from intake.routing.rules import Decision
from intake.routing.vocabulary import REGION, WAITLIST
from intake.signup.pages import IntakeFormPage


def signup_page(role: str):
    """The sign-up form page for this role, in the active language where it exists."""
    active = Locale.get_active()
    queryset = IntakeFormPage.objects.live().filter(role=role)
    return queryset.filter(locale=active).first() or queryset.order_by("pk").first()


def answer(decision: Decision, request=None, carry=None) -> dict:
    """`present(decision)` with `signup_url`: the sign-up form that takes this family, when one does.

    `carry`: answers for the sign-up form to start with ({field: value or list}), put in the link's
    query string (`IntakeForm.initial_from_query` reads them)."""
    payload = present(decision, request)
    page = signup_page(decision.role) if decision.outcome in (REGION, WAITLIST) else None
    url = page.get_url(request=request) if page is not None else None
    query = urlencode({name: value for name, value in (carry or {}).items() if value}, doseq=True)
    payload["signup_url"] = f"{url}?{query}" if url and query else url
    return payload
