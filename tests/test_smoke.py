"""Smoke test over the whole demo site: what a new user of `make run` clicks through first."""

import re

import pytest
from wagtail.models import Page

from intake.models import FindSupportPage, IntakeFormPage, Role
from tests.conftest import otp_login
from tests.factories import SuperuserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


def html_lang(response):
    match = HTML_LANG.search(response.content.decode())
    return match.group(1) if match else None


def test_every_live_page_answers_in_its_own_language(client):
    pages = list(Page.objects.live().public().filter(depth__gte=2).specific().select_related("locale"))
    assert {page.locale.language_code for page in pages} == {"nl", "en"}
    for page in pages:
        response = client.get(page.get_url())
        assert response.status_code == 200, page.get_url()
        assert html_lang(response) == page.locale.language_code, page.get_url()


def test_the_sign_up_forms_and_the_find_support_page_render(client):
    forms = IntakeFormPage.objects.live().select_related("locale")
    assert {(page.role, page.locale.language_code) for page in forms} == {
        (role, language) for role in Role.values for language in ("nl", "en")
    }
    for page in forms:
        response = client.get(page.url)
        html = response.content.decode()
        assert response.status_code == 200, page.url
        assert 'method="post"' in html and 'name="postcode"' in html, page.url
        assert ("Aanmelden versturen" if page.locale.language_code == "nl" else "Send sign-up") in html, page.url
    finders = FindSupportPage.objects.live().select_related("locale")
    assert {page.locale.language_code for page in finders} == {"nl", "en"}
    for page in finders:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert "<form" in response.content.decode(), page.url


def test_the_admin_dashboard_and_every_intake_listing_open_for_a_superuser(client):
    otp_login(client, SuperuserFactory(username="smoke-admin"))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    # The listings of the admin's Intake menu, as the menu links them.
    listings = set(re.findall(r"/admin/intake/[a-z-]+/", dashboard.content.decode()))
    assert {
        "/admin/intake/signups/",
        "/admin/intake/regions/",
        "/admin/intake/municipalities/",
        "/admin/intake/postcodes/",
        "/admin/intake/notifications/",
        "/admin/intake/who-receives/",
    } <= listings
    for url in sorted(listings):
        assert client.get(url).status_code == 200, url
