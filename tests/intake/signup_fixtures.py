"""Fixtures and data builders shared by the sign-up tests (forms, encryption, notifications, abuse).

The demo site (loaded once per session by tests/conftest.py) normally provides the programs, the
demo regions and the six sign-up pages (three roles, Dutch and English). When a part is missing, the
fixtures create it, so these tests do not depend on the exact demo content.
"""

from datetime import date

import pytest
from django.utils import timezone
from wagtail.models import Locale

from intake.models import IntakeFormPage, Role
from intake.routing.rules import add_months

from . import ensure_demo_intake

NL, EN = "nl", "en"


def months_ago(months, today=None):
    return add_months(today or timezone.localdate(), -months)


def date_parts(day: date, name="child_date"):
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def parent_data(**overrides):
    """Sanne in Nieuwegein: 18-month-old son, depression, a host family -> MeeleefGezin Lekstroom."""
    data = {
        "name": "Sanne de Vries",
        "phone": "06 12345678",
        "email": "sanne@example.nl",
        "preferred_contact": "phone",
        "postcode": "3431 AB",
        "concerns": ["psychiatric"],
        "support": "outside_home",
        "notes": "Mijn zoon slaapt slecht; ik word behandeld voor depressie.",
        "consent": "on",
        **date_parts(months_ago(18)),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def host_family_data(**overrides):
    """A couple in Houten (3991) -> MeeleefGezin Lekstroom."""
    data = {
        "name": "Anna en Joost Bakker",
        "phone": "030 1234567",
        "email": "bakker@example.nl",
        "postcode": "3991",
        "household": "Wij zijn een stel met twee kinderen van 6 en 9.",
        "motivation": "We hebben ruimte en tijd over.",
        "read_requirements": "on",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def referrer_data(**overrides):
    """A GP in IJsselstein (3401) referring a family with a 2-year-old -> MeeleefGezin Lekstroom."""
    data = {
        "referrer_name": "Dr. P. Jansen",
        "profession": "gp",
        "organisation": "Huisartsenpraktijk De Linde",
        "work_phone": "030 7654321",
        "work_email": "jansen@praktijk.example.nl",
        "parent_name": "Fatima El Amrani",
        "parent_phone": "06 87654321",
        "parent_email": "fatima@example.nl",
        "postcode": "3401",
        "concerns": ["addiction"],
        "support": "either",
        "reason": "Moeder is in behandeling voor verslaving en heeft weinig netwerk.",
        "parents_agreed": "on",
        **date_parts(months_ago(24)),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


DATA = {Role.PARENT: parent_data, Role.HOST_FAMILY: host_family_data, Role.REFERRER: referrer_data}

# Personal details in the builders above that must never appear in ciphertext or handlers' e-mails.
SECRETS = [
    "Sanne",
    "de Vries",
    "sanne@example.nl",
    "12345678",
    "depressie",
    "psychiatric",
    "Bakker",
    "bakker@example.nl",
    "1234567",
    "Jansen",
    "Fatima",
    "fatima@example.nl",
    "87654321",
    "verslaving",
    "addiction",
]


def _ensure_page(role, language):
    page = IntakeFormPage.objects.filter(role=role, locale__language_code=language).first()
    if page is not None:
        return page
    from home.models import HomePage

    nl_page = IntakeFormPage.objects.filter(role=role, locale__language_code=NL).first()
    if nl_page is None:
        home = HomePage.objects.filter(locale__language_code=NL).first()
        nl_page = IntakeFormPage(
            title={"parent": "Aanmelden", "host_family": "Aanmelden als meeleefgezin", "referrer": "Verwijzen"}[role],
            slug=f"aanmelden-{role.replace('_', '-')}",
            role=role,
            intro="Vul het formulier in.",
            privacy_note="<p>We bewaren je gegevens veilig.</p>",
        )
        home.add_child(instance=nl_page)
        nl_page.save_revision().publish()
    if language == NL:
        return nl_page
    locale = Locale.objects.get_or_create(language_code=language)[0]
    translated = nl_page.copy_for_translation(locale, copy_parents=True)
    translated.title = f"Sign-up ({role})"
    translated.slug = f"sign-up-{role.replace('_', '-')}"
    translated.save_revision().publish()
    return translated.specific


@pytest.fixture
def signup_pages(db):
    """{(role, language): IntakeFormPage} for the three roles in Dutch and English."""
    ensure_demo_intake()
    return {(role, language): _ensure_page(role, language) for role in Role.values for language in (NL, EN)}


@pytest.fixture
def page_url(signup_pages):
    def url(role, language=NL):
        return signup_pages[(role, language)].url

    return url


def submit(client, url, data, follow=False, **extra):
    return client.post(url, data, follow=follow, **extra)
