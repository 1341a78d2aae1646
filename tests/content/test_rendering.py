"""Every page type, in both languages, as a visitor's browser receives it."""

import pytest
from django.apps import apps
from wagtail.models import Page, get_page_models

from programs.models import ProgramPage

from .helpers import english_of, html_lang, live_dutch_page_of_type, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

PAGE_TYPES = sorted(f"{model._meta.app_label}.{model.__name__}" for model in get_page_models() if model is not Page)


def _pages_of(label):
    model = apps.get_model(label)
    dutch = live_dutch_page_of_type(model)
    assert dutch is not None, f"the demo site has no {label}"
    return dutch, english_of(dutch)


@pytest.mark.parametrize("label", PAGE_TYPES)
def test_every_page_type_renders_in_both_languages(client, label):
    dutch, english = _pages_of(label)
    for page, language in ((dutch, "nl"), (english, "en")):
        url = page.get_url()
        assert url.startswith("/en/") == (language == "en"), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response) == language, url
        doc = soup(response)
        assert len(doc.find_all("h1")) == 1, f"{url} must have exactly one h1"
        assert doc.find("main", id="main") is not None
        assert doc.select_one("a.skip-link[href='#main']") is not None
        alternates = {link["hreflang"]: link["href"] for link in doc.select("link[rel=alternate][hreflang]")}
        assert set(alternates) == {"nl", "en", "x-default"}, url
        assert alternates["nl"].endswith(dutch.get_url())
        assert alternates["en"].endswith(english.get_url())
        assert alternates["x-default"] == alternates["nl"]
        assert doc.find("link", rel="canonical")["href"].endswith(url)
        assert doc.find("meta", property="og:locale")["content"] == {"nl": "nl_NL", "en": "en_GB"}[language]
        assert doc.find("meta", property="og:image")["content"].endswith("/static/img/og-default.png")
        assert doc.find("meta", attrs={"name": "description"})["content"].strip(), url
        assert doc.find("meta", property="og:title")["content"] == (page.seo_title or page.title)


def test_language_switcher_on_a_program_page_leads_to_the_same_program_in_english(client):
    dutch = ProgramPage.objects.live().get(locale__language_code="nl", slug="meeleefgezin")
    english = english_of(dutch)
    doc = soup(client.get(dutch.get_url()))
    switcher = doc.select_one("nav.language-switcher")
    to_english = switcher.select_one("a[hreflang=en]")
    assert to_english["href"] == english.get_url()
    assert to_english["lang"] == "en"
    assert switcher.select_one("a[hreflang=nl]")["aria-current"] == "true"
    assert not to_english.has_attr("aria-current")

    back = soup(client.get(english.get_url())).select_one("nav.language-switcher a[hreflang=nl]")
    assert back["href"] == dutch.get_url()


def test_language_switcher_falls_back_to_the_home_page_when_there_is_no_translation(client):
    dutch = ProgramPage.objects.live().get(locale__language_code="nl", slug="steunouder")
    english_of(dutch).unpublish()
    doc = soup(client.get(dutch.get_url()))
    assert doc.select_one("nav.language-switcher a[hreflang=en]")["href"] == "/en/"
    # And the page no longer claims an English alternate.
    assert {link["hreflang"] for link in doc.select("link[rel=alternate][hreflang]")} == {"nl", "x-default"}


def test_navigation_and_footer_are_in_the_page_language(client):
    english = english_of(live_dutch_page_of_type(ProgramPage))
    doc = soup(client.get(english.get_url()))
    menu_links = [a["href"] for a in doc.select("nav.main-nav a")]
    assert menu_links, "the English page has a main navigation"
    assert all(href.startswith("/en/") for href in menu_links), menu_links
    footer_links = [a["href"] for a in doc.select(".site-footer nav a")]
    assert all(href.startswith("/en/") for href in footer_links), footer_links

    dutch_doc = soup(client.get("/"))
    assert all(not a["href"].startswith("/en/") for a in dutch_doc.select("nav.main-nav a"))


def test_the_current_section_is_marked_in_the_navigation(client):
    program = live_dutch_page_of_type(ProgramPage)
    doc = soup(client.get(program.get_url()))
    marked = doc.select("nav.main-nav a[aria-current]")
    assert [a["href"] for a in marked] == [program.get_parent().get_url()]
