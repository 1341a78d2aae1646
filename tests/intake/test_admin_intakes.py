"""The sign-up admin: read-only, and scoped to superusers and the handlers of the sign-up's region."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from intake.models import Outcome
from intake.permissions import intakes_visible_to, notice_recipients
from tests.conftest import otp_login
from tests.factories import (
    CoordinatorFactory,
    EditorFactory,
    HandlerFactory,
    IntakeFactory,
    ProgramFactory,
    RegionFactory,
    SuperuserFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/admin/intake/signups/"


def detail(intake):
    return f"/admin/intake/signups/inspect/{intake.pk}/"


@pytest.fixture
def regions():
    """MeeleefGezin's Lekstroom and Utrecht, each with a handler."""
    meeleefgezin = ProgramFactory(meeleefgezin=True)
    lekstroom = RegionFactory(program=meeleefgezin, name="Lekstroom")
    utrecht = RegionFactory(program=meeleefgezin, name="Utrecht")
    HandlerFactory(username="lekstroom", regions=[lekstroom])
    HandlerFactory(username="utrecht", regions=[utrecht])
    return {"Lekstroom": lekstroom, "Utrecht": utrecht}


@pytest.fixture
def intakes(regions):
    """One sign-up each for Lekstroom (Nieuwegein), Utrecht and the waitlist (Zeist)."""
    return {
        "Lekstroom": IntakeFactory(region=regions["Lekstroom"], pc4="3431"),
        "Utrecht": IntakeFactory(region=regions["Utrecht"], pc4="3511"),
        "waitlist": IntakeFactory(waitlist=True, pc4="3701"),
    }


def test_superuser_sees_all_and_the_decrypted_details(intakes, admin_client):
    html = admin_client.get(LIST).content.decode()
    for intake in intakes.values():
        assert intake.reference in html
    html = admin_client.get(detail(intakes["Lekstroom"])).content.decode()
    assert "Sanne de Vries" in html and "sanne@example.nl" in html
    # No editing of sign-ups in this admin (Wagtail redirects a PermissionDenied to the dashboard).
    for url in [f"/admin/intake/signups/edit/{intakes['Lekstroom'].pk}/", "/admin/intake/signups/new/"]:
        response = admin_client.get(url)
        assert response.status_code in (302, 403)
        assert response.get("Location", "/admin/") == "/admin/"


def test_a_handler_sees_only_their_regions_sign_ups(intakes, regions, client):
    handler = HandlerFactory(username="lekhandler", regions=[regions["Lekstroom"]])
    otp_login(client, handler)
    html = client.get(LIST).content.decode()
    assert intakes["Lekstroom"].reference in html
    assert intakes["Utrecht"].reference not in html
    assert intakes["waitlist"].reference not in html
    assert client.get(detail(intakes["Lekstroom"])).status_code == 200
    assert client.get(detail(intakes["Utrecht"])).status_code == 404
    assert client.get(detail(intakes["waitlist"])).status_code == 404
    assert set(intakes_visible_to(handler)) == {intakes["Lekstroom"]}


def test_an_editor_sees_nothing(intakes, client):
    editor = EditorFactory(username="editor")
    client.force_login(editor)
    assert client.get(LIST).status_code in (302, 403)
    assert client.get(detail(intakes["Lekstroom"])).status_code in (302, 403, 404)
    assert LIST not in client.get("/admin/").content.decode()
    assert not intakes_visible_to(editor).exists()


def test_anonymous_and_inactive_users_see_nothing(intakes, regions):
    assert not intakes_visible_to(AnonymousUser()).exists()
    inactive = HandlerFactory(username="gone", regions=[regions["Lekstroom"]], is_active=False)
    assert intakes["Lekstroom"] not in intakes_visible_to(inactive)
    assert not intakes_visible_to(inactive).exists()


def test_the_national_coordinator_works_the_waitlist(intakes, client):
    """The coordinator of MeeleefGezin sees the waitlist sign-up that the e-mail links to."""
    coordinator = CoordinatorFactory(username="national")
    otp_login(client, coordinator)
    assert client.get(detail(intakes["waitlist"])).status_code == 200
    html = client.get(LIST).content.decode()
    assert intakes["waitlist"].reference in html
    assert "national@example.org" in notice_recipients(intakes["waitlist"])
    # A region's handler is not told about the waitlist, and the coordinator not about Lekstroom's queue.
    assert "national@example.org" not in notice_recipients(intakes["Lekstroom"])


# --- Whoever is told about a sign-up can open it ------------------------------------------------


@pytest.fixture
def organisations():
    """MeeleefGezin (a coordinator, Lekstroom with a handler and a region without accounts), Home-Start
    (a coordinator, one region with a handler, one without accounts) and Buurtgezinnen (no accounts at all),
    plus a superuser, a page editor and a handler whose account was switched off."""
    meeleefgezin = ProgramFactory(meeleefgezin=True)
    home_start = ProgramFactory(home_start=True)
    buurtgezinnen = ProgramFactory(buurtgezinnen=True)
    CoordinatorFactory(username="national", programs=[meeleefgezin])
    CoordinatorFactory(username="hs-national", programs=[home_start])
    lekstroom = RegionFactory(program=meeleefgezin, name="Lekstroom")
    HandlerFactory(username="lekstroom", regions=[lekstroom])
    HandlerFactory(username="left", regions=[lekstroom], is_active=False)
    hs_utrecht = RegionFactory(program=home_start, name="Home-Start Utrecht")
    HandlerFactory(username="hs-utrecht", regions=[hs_utrecht])
    SuperuserFactory(username="root")
    EditorFactory(username="editor")
    return {
        "Lekstroom": lekstroom,
        "MeeleefGezin without accounts": RegionFactory(program=meeleefgezin, name="Soest"),
        "Home-Start Utrecht": hs_utrecht,
        "Home-Start without accounts": RegionFactory(program=home_start, name="Home-Start Zeist"),
        "Buurtgezinnen without accounts": RegionFactory(program=buurtgezinnen, name="Buurtgezinnen Zeist"),
        "home-start": home_start,
        "buurtgezinnen": buurtgezinnen,
    }


# outcome, region (or program when there is no region), who is told
SIGN_UPS = [
    ("region", "Lekstroom", ["lekstroom"]),
    ("region", "MeeleefGezin without accounts", ["national"]),
    ("waitlist", None, ["national"]),
    ("partner shared", "Home-Start Utrecht", ["hs-utrecht"]),
    ("partner shared", "Home-Start without accounts", ["hs-national"]),
    ("partner shared", "Buurtgezinnen without accounts", ["national"]),
    ("partner not shared", "home-start", ["national"]),
    ("partner not shared", "buurtgezinnen", ["national"]),
    ("not eligible", None, ["national"]),
]


def _sign_up(kind, where, organisations):
    if kind == "region":
        return IntakeFactory(region=organisations[where])
    if kind == "waitlist":
        return IntakeFactory(waitlist=True)
    if kind == "partner shared":
        region = organisations[where]
        return IntakeFactory(outcome=Outcome.PARTNER, region=region, program=region.program)
    if kind == "partner not shared":
        return IntakeFactory(partner=True, program=organisations[where])
    return IntakeFactory(not_eligible=True)


@pytest.mark.parametrize(("kind", "where", "told"), SIGN_UPS, ids=[f"{k}-{w}" for k, w, _t in SIGN_UPS])
def test_everybody_told_about_a_sign_up_can_open_it(organisations, django_user_model, kind, where, told):
    intake = _sign_up(kind, where, organisations)
    recipients = notice_recipients(intake)
    assert sorted(recipients) == sorted(f"{username}@example.org" for username in told)
    for address in recipients:
        users = django_user_model.objects.filter(email__iexact=address, is_active=True)
        assert any(intake in intakes_visible_to(user) for user in users), address
    # Somebody other than a superuser opens it in the admin: the people told.
    for user in django_user_model.objects.filter(email__in=recipients, is_superuser=False):
        client = otp_login(Client(), user)
        assert client.get(detail(intake)).status_code == 200, user.username
        assert intake.reference in client.get(LIST).content.decode(), user.username
    assert any(not user.is_superuser for user in django_user_model.objects.filter(email__in=recipients))
    # A page editor and a switched-off handler open nothing.
    for username in ["editor", "left"]:
        assert intake not in intakes_visible_to(django_user_model.objects.get(username=username))
