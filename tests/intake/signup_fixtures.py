"""Fixtures and data builders shared by the sign-up tests (forms, encryption, notifications, abuse).

With `demo_site`, the demo provides the programs, the demo regions and the six sign-up pages (three
roles, Dutch and English). On an empty database the fixtures build what is missing: the programs with
their real facts, the demo geography and regions (`load_demo_intake`) and, only when a test asks for
it, the sign-up page of one role in one language under a bare home page (`tests/factories.py`).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from intake.models import Role
from intake.routing.rules import add_months
from tests.factories import intake_form_page

from . import ensure_demo_intake

NL, EN = "nl", "en"

# The tests that compute ages run on this day ("today" for the forms, the API and the routing tests),
# from mid-morning in the site's time zone: far from midnight, so no date rolls over during a test.
TODAY = date(2026, 5, 20)
MORNING = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def frozen_today():
    """Today is `TODAY`; the clock starts at 10:00 and runs (so sign-ups still get ordered times)."""
    with time_machine.travel(MORNING, tick=True):
        yield TODAY


@pytest.fixture
def stopped_clock():
    """The clock stands still at 10:00 on `TODAY`: no time window can roll over during the test."""
    with time_machine.travel(MORNING, tick=False):
        yield MORNING


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


@pytest.fixture
def signup_pages(db):
    """{(role, language): IntakeFormPage} for the three roles in Dutch and English."""
    ensure_demo_intake()
    return {(role, language): intake_form_page(role, language) for role in Role.values for language in (NL, EN)}


@pytest.fixture
def page_url(db):
    """url(role, language): the sign-up page's URL; the page is built on first use when missing.

    The routing data (programs, demo geography and regions) is there either way."""
    ensure_demo_intake()

    def url(role, language=NL):
        return intake_form_page(role, language).url

    return url


def submit(client, url, data, follow=False, **extra):
    return client.post(url, data, follow=follow, **extra)
