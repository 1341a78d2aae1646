"""Error pages in the visitor's language; the 500 page needs nothing that might be broken."""

import pytest
from django.test import RequestFactory

from core.views import server_error

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
