"""Search stays within the visitor's language."""

import pytest
from wagtail.rich_text import RichText

from collective.models import ContentPage

from .helpers import dutch_home, english_of, html_lang, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.fixture
def word_pages(django_capture_on_commit_callbacks):
    """A Dutch page and an English page, each with a word only it contains."""
    with django_capture_on_commit_callbacks(execute=True):
        dutch = ContentPage(
            title="Over de zonnebloemveldtocht",
            slug="zonnebloemveldtocht",
            intro="De zonnebloemveldtocht is een wandeling.",
            body=[("paragraph", RichText("<p>Wandelen met gezinnen.</p>"))],
        )
        dutch_home().add_child(instance=dutch)
        dutch.save_revision().publish()
        english = ContentPage(
            title="About the sunflowerfieldwalk",
            slug="sunflowerfieldwalk",
            intro="The sunflowerfieldwalk is a walk.",
            body=[("paragraph", RichText("<p>Walking with families.</p>"))],
        )
        english_of(dutch_home()).add_child(instance=english)
        english.save_revision().publish()
    return dutch, english


def _results(response):
    return [a["href"] for a in soup(response).select(".search-results a")]


def test_dutch_search_finds_the_dutch_page_only(client, word_pages):
    dutch, _english = word_pages
    response = client.get("/search/", {"q": "zonnebloemveldtocht"})
    assert response.status_code == 200
    assert html_lang(response) == "nl"
    assert _results(response) == [dutch.get_url()]
    assert _results(client.get("/search/", {"q": "sunflowerfieldwalk"})) == []


def test_english_search_finds_the_english_page_only(client, word_pages):
    _dutch, english = word_pages
    response = client.get("/en/search/", {"q": "sunflowerfieldwalk"})
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert _results(response) == [english.get_url()]
    assert _results(client.get("/en/search/", {"q": "zonnebloemveldtocht"})) == []


def test_a_word_in_both_languages_gives_results_in_the_page_language_only(client):
    dutch_links = _results(client.get("/search/", {"q": "MeeleefGezin"}))
    english_links = _results(client.get("/en/search/", {"q": "MeeleefGezin"}))
    assert dutch_links and english_links
    assert not any(link.startswith("/en/") for link in dutch_links)
    assert all(link.startswith("/en/") for link in english_links)


def test_an_empty_search_asks_for_a_word(client):
    response = client.get("/search/")
    assert response.status_code == 200
    doc = soup(response)
    assert len(doc.find_all("h1")) == 1
    assert "Typ een woord" in doc.find("main").get_text(" ", strip=True)
    assert doc.select(".search-results") == []


def test_a_very_long_query_is_cut_to_200_characters(client):
    response = client.get("/search/", {"q": "gezin " * 200})
    assert response.status_code == 200
    assert len(soup(response).select_one("#search-query")["value"]) <= 200


def test_the_language_switcher_keeps_the_query(client):
    doc = soup(client.get("/search/", {"q": "gezin"}))
    assert doc.select_one("nav.language-switcher a[hreflang=en]")["href"] == "/en/search/?q=gezin"
