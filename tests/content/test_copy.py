"""The site says the same thing the same way, and a newcomer's `make run` shows the site as visitors see it."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, Site

from collective.models import ArticlePage
from core.models import ContactSettings
from core.templatetags.site_tags import tel_href

from .helpers import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

ROOT = Path(__file__).resolve().parents[2]


# --- Development server: the site's own 404, e-mail links on the right port -------------------------


def dev_settings():
    return importlib.import_module("config.settings.dev")


def test_dev_settings_keep_debug_on_for_static_and_media():
    dev = dev_settings()
    assert dev.DEBUG is True  # runserver serves static files, config/urls.py serves media
    assert "django.contrib.staticfiles" in dev.INSTALLED_APPS


@pytest.mark.parametrize(
    ("path", "heading", "lang"),
    [("/deze-pagina-bestaat-niet/", "Pagina niet gevonden", "nl"), ("/en/no-such-page/", "Page not found", "en")],
)
def test_dev_404_is_the_sites_own_page(client, path, heading, lang):
    with override_settings(DEBUG=True, MIDDLEWARE=dev_settings().MIDDLEWARE):
        response = client.get(path)
    assert response.status_code == 404
    doc = soup(response)
    assert doc.html["lang"] == lang
    assert doc.h1.get_text(strip=True) == heading
    assert "Using the URLconf" not in response.content.decode()  # not Django's technical 404


def test_without_the_dev_middleware_debug_shows_the_technical_404(client):
    """The control for the test above: DEBUG alone would show Django's page."""
    with override_settings(DEBUG=True):
        response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" not in response.content.decode()


def dev_admin_base_url(**env):
    code = "import django; django.setup(); from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    clean = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "config.settings.dev", **env}
    result = subprocess.run([sys.executable, "-c", code], env=clean, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_dev_email_links_follow_port():
    assert dev_admin_base_url() == "http://127.0.0.1:8000"
    assert dev_admin_base_url(PORT="8123") == "http://127.0.0.1:8123"
    assert dev_admin_base_url(PORT="8123", WAGTAILADMIN_BASE_URL="https://x.example.org") == "https://x.example.org"


def test_make_run_passes_port_to_the_server_and_the_worker():
    makefile = (ROOT / "Makefile").read_text()
    assert "PORT=$(PORT) $(PY) manage.py db_worker" in makefile
    assert "PORT=$(PORT) $(PY) manage.py runserver" in makefile


# --- Copy: the site says what it shows ---------------------------------------------------------------


NUMBER_WORDS = {"drie": 3, "vier": 4, "three": 3, "four": 4}


@pytest.mark.parametrize(("path", "word"), [("/zo-werkt-het/", "stappen"), ("/en/how-it-works/", "steps")])
def test_how_it_works_shows_as_many_steps_as_it_announces(client, path, word):
    doc = soup(client.get(path))
    article = doc.select_one("article.page")
    intro = article.select_one(".page-header").get_text(" ", strip=True)
    announced = [NUMBER_WORDS[w] for w in re.findall(rf"(\w+) {word}", intro) if w in NUMBER_WORDS]
    steps = article.select("ol.steps > li")
    assert announced and all(count == len(steps) for count in announced), (intro, len(steps))
    # Nothing else on the page looks like one more step: the other sections are the calls to action.
    other_h2 = [
        h for h in article.find_all("h2") if not h.find_parent("ol") and "cta__title" not in h.get("class", [])
    ]
    assert other_h2 == []


def test_an_article_promising_a_video_has_one():
    for page in ArticlePage.objects.live():
        if re.search(r"\b(met|with) video$", page.title):
            html = str(page.body)
            assert "<video" in html or "<iframe" in html, page.title


def test_the_email_and_the_thanks_page_speak_of_the_sign_up_the_same_way():
    with translation.override("nl"):
        email = [
            gettext("Thank you for your sign-up. We have received it."),
            gettext("Thank you for your referral. We have received it."),
        ]
        thanks = [gettext("We keep your sign-up. The national coordinator of MeeleefGezin will read it.")]
    for sentence in email + thanks:
        assert not re.search(r"\b(hem|haar)\b", sentence), sentence


@pytest.mark.parametrize("template", ["500.html", "503.html", "error.html"])
def test_error_pages_say_kenmerk_like_the_rest_of_the_site(template):
    text = (ROOT / "templates" / template).read_text()
    assert "referentienummer" not in text.lower()


def test_no_page_says_referentienummer(client):
    for page in Page.objects.live().filter(locale__language_code="nl", depth__gt=1).specific():
        html = client.get(page.url).content.decode().lower()
        assert "referentienummer" not in html, page.url


def test_search_results_with_the_same_title_can_be_told_apart(client):
    doc = soup(client.get("/search/", {"q": "MeeleefGezin"}))
    seen = {}
    for result in doc.select(".search-result"):
        title = result.select_one(".search-result__title").get_text(strip=True)
        context = result.select_one(".search-result__context")
        seen.setdefault(title, []).append(context.get_text(strip=True) if context else "")
    twins = {title: contexts for title, contexts in seen.items() if len(contexts) > 1}
    assert "MeeleefGezin" in twins
    for title, contexts in twins.items():
        assert len(set(contexts)) == len(contexts), (title, contexts)
    assert "Startpagina" in twins["MeeleefGezin"]


@pytest.mark.parametrize(
    ("path", "query", "wrong"), [("/search/", "meeleefgezin", "0 tot 5"), ("/en/search/", "host", "0 to 5")]
)
def test_search_snippets_give_the_ages_as_the_site_does(client, path, query, wrong):
    html = client.get(path, {"q": query}).content.decode()
    assert "search-result" in html
    assert wrong not in html
    for page in Page.objects.live().specific():
        assert "0 tot 5" not in (page.search_description or "")
        assert "aged 0 to 5" not in (page.search_description or "")


# --- The contact page dials -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/contact/", "/en/contact/"])
def test_contact_page_phone_is_a_tel_link_from_the_settings(client, path):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    doc = soup(client.get(path))
    body = doc.select_one("article") or doc
    link = body.select_one('.contact-details a[href^="tel:"]')
    assert link is not None and link["href"] == "tel:0300000100"
    assert link.get_text(strip=True) == contact.phone
    old = contact.phone
    contact.phone = "+31 30 999 8877"
    contact.save()
    try:
        doc = soup(client.get(path))
        assert doc.select_one('.contact-details a[href^="tel:"]')["href"] == "tel:+31309998877"
    finally:
        contact.phone = old
        contact.save()


def test_tel_href_keeps_what_a_phone_can_dial():
    assert tel_href("030 000 0100") == "tel:0300000100"
    assert tel_href("+31 (0)30-123") == "tel:+31030123"
    assert tel_href("") == ""


# --- Dutch terms in English ----------------------------------------------------------------------------


def test_english_profession_names_carry_lang_nl(client):
    from intake.models import IntakeFormPage

    page = IntakeFormPage.objects.live().get(role="referrer", locale__language_code="en")
    doc = soup(client.get(page.url))
    terms = [span.get_text() for span in doc.select('input[name="profession"] ~ span span[lang="nl"]')]
    assert {"huisarts", "verloskundige", "JGZ, consultatiebureau", "wijkteam"} <= set(terms)


def test_dutch_profession_names_need_no_marking(client):
    from intake.models import IntakeFormPage

    page = IntakeFormPage.objects.live().get(role="referrer", locale__language_code="nl")
    html = client.get(page.url).content.decode()
    assert ">Huisarts<" in html
    assert 'lang="nl">huisarts' not in html
