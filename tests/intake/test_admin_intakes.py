"""The sign-up admin: read-only, and scoped to superusers and the handlers of the sign-up's region."""

import pytest
from django.contrib.auth.models import Permission

from intake.models import Intake, Region, Role
from intake.permissions import intakes_visible_to, notice_recipients

from . import signup_fixtures
from .signup_fixtures import parent_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

# Fixtures shared by the sign-up tests.
signup_pages = signup_fixtures.signup_pages
page_url = signup_fixtures.page_url

LIST = "/admin/intake/signups/"


def detail(intake):
    return f"/admin/intake/signups/inspect/{intake.pk}/"


@pytest.fixture
def intakes(client, page_url):
    """One sign-up each for Lekstroom (Nieuwegein), Utrecht and the waitlist (Zeist)."""
    for postcode in ["3431", "3511", "3701"]:
        assert client.post(page_url(Role.PARENT), parent_data(postcode=postcode)).status_code == 302
    return {i.region.name if i.region else "waitlist": i for i in Intake.objects.select_related("region")}


def admin_user(django_user_model, username, region=None):
    user = django_user_model.objects.create_user(username, email=f"{username}@example.org", password="x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if region:
        Region.objects.get(name=region, program__code="meeleefgezin").handlers.add(user)
    return user


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


def test_a_handler_sees_only_their_regions_sign_ups(intakes, client, django_user_model):
    handler = admin_user(django_user_model, "lekhandler", region="Lekstroom")
    client.force_login(handler)
    html = client.get(LIST).content.decode()
    assert intakes["Lekstroom"].reference in html
    assert intakes["Utrecht"].reference not in html
    assert intakes["waitlist"].reference not in html
    assert client.get(detail(intakes["Lekstroom"])).status_code == 200
    assert client.get(detail(intakes["Utrecht"])).status_code == 404
    assert client.get(detail(intakes["waitlist"])).status_code == 404
    assert set(intakes_visible_to(handler)) == {intakes["Lekstroom"]}


def test_an_editor_sees_nothing(intakes, client, django_user_model):
    editor = admin_user(django_user_model, "editor")
    client.force_login(editor)
    assert client.get(LIST).status_code in (302, 403)
    assert client.get(detail(intakes["Lekstroom"])).status_code in (302, 403, 404)
    assert LIST not in client.get("/admin/").content.decode()
    assert not intakes_visible_to(editor).exists()


def test_anonymous_and_inactive_users_see_nothing(intakes, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not intakes_visible_to(AnonymousUser()).exists()
    inactive = admin_user(django_user_model, "gone", region="Lekstroom")
    inactive.is_active = False
    assert not intakes_visible_to(inactive).exists()


def test_the_national_coordinator_works_the_waitlist(intakes, client, django_user_model):
    """The coordinator of MeeleefGezin sees the waitlist sign-up that the e-mail links to."""
    from programs.models import Program

    coordinator = admin_user(django_user_model, "national")
    Program.objects.get(code="meeleefgezin").coordinators.add(coordinator)
    client.force_login(coordinator)
    assert client.get(detail(intakes["waitlist"])).status_code == 200
    html = client.get(LIST).content.decode()
    assert intakes["waitlist"].reference in html
    assert "national@example.org" in notice_recipients(intakes["waitlist"])
    # A region's handler is not told about the waitlist, and the coordinator not about Lekstroom's queue.
    assert "national@example.org" not in notice_recipients(intakes["Lekstroom"])
