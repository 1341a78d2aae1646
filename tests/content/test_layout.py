"""The header, the home hero, the age limit and the aside, as the server renders them."""

import pytest
from wagtail.models import Site

from collective.models import AudiencePage
from core.models import ContactSettings
from home.models import HomePage
from programs.models import Program

from .helpers import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def _home(language="nl"):
    return HomePage.objects.get(locale__language_code=language, depth=2)


def _parents(language="nl"):
    return AudiencePage.objects.get(audience=AudiencePage.PARENTS, locale__language_code=language)


def test_the_menu_button_waits_for_javascript_and_the_menu_is_open_without_it(client):
    doc = soup(client.get("/"))
    button = doc.select_one("header button.menu-toggle")
    assert button.has_attr("hidden")  # menu.js shows it; without JavaScript nothing is hidden
    assert button["aria-expanded"] == "false"
    menu = doc.find(id=button["aria-controls"])
    assert menu.select_one("form[role=search] input[type=search]") is not None
    assert len(menu.select("nav.main-nav a")) == 7
    assert doc.select_one("script[src$='js/menu.js']").has_attr("defer")


def test_language_links_are_named_by_their_visible_text(client):
    for url in ("/", "/en/"):
        links = soup(client.get(url)).select("nav.language-switcher a")
        assert [link.get_text(strip=True) for link in links] == ["Nederlands", "English"]
        for link in links:
            assert not link.has_attr("aria-label")
            assert link.select("[aria-hidden], .visually-hidden") == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_hero_has_the_editors_buttons(client, language):
    home = _home(language)
    doc = soup(client.get(home.get_url()))
    links = doc.select(".hero .hero__actions a")
    targets = [block.value["page"] for block in home.hero_actions]
    targets = [target.get_translation_or_none(home.locale) or target for target in targets]
    expected = [
        (block.value["label"], target.get_url()) for block, target in zip(home.hero_actions, targets, strict=True)
    ]
    assert all(url.startswith("/en/") == (language == "en") for _label, url in expected)
    assert [(a.get_text(strip=True), a["href"]) for a in links] == expected
    assert len(expected) == 3
    assert "button--sun" in links[0]["class"]


def test_the_age_limit_follows_the_program_facts(client):
    program = Program.objects.get(code="meeleefgezin")
    pages = [_home().get_url(), _parents().get_url(), _parents().get_children().live().first().get_url()]
    for url in pages:
        text = soup(client.get(url)).select_one("main .age-limit").get_text(" ", strip=True)
        assert "tot en met 4 jaar" in text, url
        assert "zwanger" in text, url

    program.max_age_months = 35
    program.allows_pregnancy = False
    program.save()
    for url in pages:
        text = soup(client.get(url)).select_one("main .age-limit").get_text(" ", strip=True)
        assert "tot en met 2 jaar" in text, url
        assert "zwanger" not in text, url


def test_the_aside_gives_the_contact_details_from_the_settings(client):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone = "030 123 4567"
    contact.email = "hallo@example.org"
    contact.save()
    for page in (_parents(), _parents().get_children().live().first(), _parents("en")):
        aside = soup(client.get(page.get_url())).select_one("main aside.next-steps")
        assert aside.find("a", href="tel:0301234567").get_text() == "030 123 4567"
        assert aside.find("a", href="mailto:hallo@example.org") is not None
        assert len(aside.select("ol li")) == 4
