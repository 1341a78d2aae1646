"""An English address never shows a Dutch page: it answers 404 and points to the Dutch page."""

import pytest

from collective.models import ContentPage
from home.models import HomePage
from programs.models import ProgramPage

from .helpers import english_of, html_lang, live_dutch_page_of_type, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_without_an_english_home_page_en_addresses_answer_404_not_dutch(client):
    dutch_home = HomePage.objects.get(locale__language_code="nl")
    english_of(dutch_home).unpublish()
    privacy = ContentPage.objects.live().get(locale__language_code="nl", slug="privacy")

    # Wagtail would now route /en/ through the Dutch home page and serve Dutch text.
    for url in ("/en/", "/en/privacy/", "/en/contact/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert html_lang(response) == "en"
        main_text = soup(response).find("main").get_text(" ", strip=True)
        assert dutch_home.lead[:40] not in main_text
        assert privacy.intro[:40] not in main_text

    doc = soup(client.get("/en/privacy/"))
    to_dutch = doc.select_one("main a[hreflang=nl]")
    assert to_dutch["href"] == "/privacy/"
    assert "has not been translated into English" in doc.find("main").get_text(" ", strip=True)


def test_a_deleted_english_translation_answers_404(client):
    dutch = live_dutch_page_of_type(ProgramPage)
    english = english_of(dutch)
    url = english.get_url()
    assert client.get(url).status_code == 200
    english.delete()
    response = client.get(url)
    assert response.status_code == 404
    assert html_lang(response) == "en"


def test_an_unpublished_english_translation_answers_404(client):
    dutch = live_dutch_page_of_type(ContentPage)
    english = english_of(dutch)
    url = english.get_url()
    english.unpublish()
    response = client.get(url)
    assert response.status_code == 404
    assert html_lang(response) == "en"
    assert dutch.intro[:40] not in soup(response).find("main").get_text(" ", strip=True)


def test_dutch_addresses_keep_working(client):
    assert client.get("/").status_code == 200
    assert html_lang(client.get("/privacy/")) == "nl"
