"""Error pages in the visitor's language; the 500 page needs nothing that might be broken."""

import json

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django_ratelimit.exceptions import Ratelimited

from core.views import bad_request, csrf_failure, permission_denied, server_error

from .helpers import html_lang, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_404_in_dutch(client):
    response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    assert html_lang(response) == "nl"
    doc = soup(response)
    assert doc.h1.get_text(strip=True) == "Pagina niet gevonden"
    assert len(doc.find_all("h1")) == 1
    assert doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_404_in_english(client):
    response = client.get("/en/this-page-does-not-exist/")
    assert response.status_code == 404
    assert html_lang(response) == "en"
    doc = soup(response)
    assert doc.h1.get_text(strip=True) == "Page not found"
    assert doc.select_one("nav.language-switcher a[hreflang=nl]")["href"] == "/"


def test_500_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    doc = soup(response)
    assert len(doc.find_all("h1")) == 1
    assert "Er ging iets mis" in doc.get_text()
    assert doc.find(attrs={"lang": "en"}) is not None


@pytest.mark.parametrize(
    ("view", "status", "path", "heading"),
    [
        (bad_request, 400, "/aanmelden/", "We konden dit niet lezen"),
        (bad_request, 400, "/en/sign-up/", "We could not read this"),
        (csrf_failure, 403, "/voor-ouders/aanmelden/", "Je formulier is verlopen"),
        (csrf_failure, 403, "/en/for-parents/sign-up/", "Your form has expired"),
        (permission_denied, 403, "/en/", "No access"),
    ],
)
def test_400_and_403_render_without_the_database_or_csrf(django_assert_num_queries, view, status, path, heading):
    request = RequestFactory().post(path)
    with django_assert_num_queries(0):
        response = view(request, None) if view is not csrf_failure else view(request, reason="CSRF token missing.")
    assert response.status_code == status
    doc = soup(response)
    assert doc.h1.get_text(strip=True) == heading
    assert doc.html["lang"] == ("en" if path.startswith("/en/") else "nl")
    assert "CSRF" not in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_api_errors_are_json():
    api = RequestFactory().get("/api/routing/")
    assert bad_request(api, None)["Content-Type"] == "application/json"
    limited = permission_denied(api, Ratelimited())
    assert limited.status_code == 429 and limited["Retry-After"] == "3600"
    assert "rate_limit" in json.loads(limited.content)["errors"]
    assert json.loads(server_error(api).content)["errors"]["server"]
    try:
        raise OperationalError("database is down")
    except OperationalError:
        outage = server_error(api)  # an outage that escaped every view (e.g. in a middleware)
    assert outage.status_code == 503 and outage["Retry-After"]
    assert "service" in json.loads(outage.content)["errors"]
