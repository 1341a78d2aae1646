"""Fixtures shared by the workspace tests (the sign-up queue in the admin).

Two MeeleefGezin regions (Lekstroom and Utrecht), each with a handler; MeeleefGezin's national
coordinator; a page editor; and a sign-up each for Lekstroom, Utrecht and the central waitlist.
"""

import pytest
from django.test import Client

from tests.conftest import otp_login
from tests.factories import (
    CoordinatorFactory,
    EditorFactory,
    HandlerFactory,
    IntakeFactory,
    ProgramFactory,
    RegionFactory,
)

BASE = "/admin/intake/signups/"
LIST = BASE
EXPORT = f"{BASE}export/"


def detail(intake):
    return f"{BASE}inspect/{intake.pk}/"


def history(intake):
    return f"{BASE}history/{intake.pk}/"


def status_url(intake):
    return f"{BASE}status/{intake.pk}/"


def assign_url(intake):
    return f"{BASE}assign/{intake.pk}/"


def note_url(intake):
    return f"{BASE}note/{intake.pk}/"


@pytest.fixture
def world():
    meeleefgezin = ProgramFactory(meeleefgezin=True)
    programs = {"meeleefgezin": meeleefgezin, "home-start": ProgramFactory(home_start=True)}
    programs["buurtgezinnen"] = ProgramFactory(buurtgezinnen=True)
    lekstroom = RegionFactory(program=meeleefgezin, name="Lekstroom")
    utrecht = RegionFactory(program=meeleefgezin, name="Utrecht")
    people = {
        "lekstroom": HandlerFactory(username="lekstroom", first_name="Lotte", last_name="Lek", regions=[lekstroom]),
        "lekstroom2": HandlerFactory(username="lekstroom2", first_name="Luuk", regions=[lekstroom]),
        "utrecht": HandlerFactory(username="utrecht", first_name="Ugo", regions=[utrecht]),
        "coordinator": CoordinatorFactory(username="coordinator", programs=[meeleefgezin]),
        "editor": EditorFactory(username="editor"),
    }
    intakes = {
        "Lekstroom": IntakeFactory(region=lekstroom, pc4="3431"),
        "Utrecht": IntakeFactory(region=utrecht, pc4="3511"),
        "waitlist": IntakeFactory(waitlist=True, pc4="3701"),
    }
    return {"programs": programs, "regions": {"Lekstroom": lekstroom, "Utrecht": utrecht}, **people, **intakes}


def signed_in(user):
    """A client signed in as `user` with a second factor (editors need none)."""
    client = Client()
    if user.username == "editor":
        client.force_login(user)
        return client
    return otp_login(client, user)


def csrf_client(user):
    """Like `signed_in`, but with the CSRF check a browser gets."""
    client = Client(enforce_csrf_checks=True)
    if user.username == "editor":
        client.force_login(user)
        return client
    return otp_login(client, user)


def refused(response):
    """Wagtail answers a refused admin page with 403 or a redirect to the dashboard; a hidden sign-up 404."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"].split("?")[0] in ("/admin/", "/admin/login/")
    )
