"""The decision as the find-support page and the API give it: the presenter's answer plus the way in."""

from __future__ import annotations

from django.utils import translation
from wagtail.models import Locale

from core.cache import remember
from intake.presenter import present
from intake.routing.rules import Decision
from intake.routing.vocabulary import REGION, WAITLIST
from intake.signup.pages import CARRY_FIELD, IntakeFormPage


def signup_page(role: str):
    """The sign-up form page for this role, in the active language where it exists."""
    active = Locale.get_active()
    queryset = IntakeFormPage.objects.live().filter(role=role)
    return queryset.filter(locale=active).first() or queryset.order_by("pk").first()


def signup_url(role: str, request=None) -> str | None:
    """The address of `signup_page(role)`, kept in the site cache (a publish, move or unpublish clears it)."""

    def build():
        page = signup_page(role)
        return page.get_url(request=request) if page is not None else None

    language = translation.get_language() or ""
    return remember(request, f"signup-url:{role}:{language}:{request.get_host() if request else ''}", build)


def carried_fields(carry) -> list:
    """[(name, value)] for the sign-up button's hidden fields: the answers the sign-up form starts
    with (`IntakeForm.initial_from_query` reads them), sent by POST so no address ever holds them."""
    fields = [(CARRY_FIELD, "1")]
    for name, value in (carry or {}).items():
        for one in value if isinstance(value, list | tuple) else [value]:
            if one:
                fields.append((name, one))
    return fields


def answer(decision: Decision, request=None, carry=None) -> dict:
    """`present(decision)` with `signup_url`: the sign-up form that takes this family, when one does
    (a plain address: nothing of the family's is in it).

    `carry`: answers for the sign-up form to start with ({field: value or list}); the page's
    sign-up button POSTs them to `signup_url` (`signup_carry`, hidden fields)."""
    payload = present(decision, request)
    payload["signup_url"] = signup_url(decision.role, request) if decision.outcome in (REGION, WAITLIST) else None
    if request is not None and carry is not None:
        payload["signup_carry"] = carried_fields(carry) if payload["signup_url"] else []
    return payload
