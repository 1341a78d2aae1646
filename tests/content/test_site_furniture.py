"""The menu and footer are published like pages: visitors see the live version, editors preview drafts."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.models import Footer, NavigationMenu
from tests.conftest import otp_login

from .helpers import dutch_home, english_of, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def _menu_labels(client, url):
    return [a.get_text() for a in soup(client.get(url)).select(".main-nav a")]


def _footer_text(client, url):
    return soup(client.get(url)).select_one(".site-footer__about p").get_text()


def test_the_demo_menus_and_footers_are_published_in_both_languages():
    for model in (NavigationMenu, Footer):
        for code in ("nl", "en"):
            snippet = model.objects.get(locale__language_code=code)
            assert snippet.live and not snippet.has_unpublished_changes, (model, code)
            assert snippet.live_revision is not None, (model, code)


def test_a_draft_of_the_menu_waits_until_it_is_published(client):
    menu = NavigationMenu.objects.get(locale__language_code="nl")
    published = _menu_labels(client, "/")
    item = menu.items.order_by("sort_order").first()
    item.label = "Nieuw in het menu"
    menu.items = [item, *menu.items.order_by("sort_order")[1:]]
    revision = menu.save_revision()

    assert _menu_labels(client, "/") == published

    revision.publish()
    assert _menu_labels(client, "/")[0] == "Nieuw in het menu"


def test_a_draft_of_the_footer_waits_until_it_is_published(client):
    footer = Footer.objects.get(locale__language_code="en")
    english_url = english_of(dutch_home()).get_url()
    published = _footer_text(client, english_url)
    footer.text = "A draft footer text."
    revision = footer.save_revision()

    assert _footer_text(client, english_url) == published

    revision.publish()
    assert _footer_text(client, english_url) == "A draft footer text."


def test_an_unpublished_menu_is_not_shown(client):
    NavigationMenu.objects.get(locale__language_code="nl").unpublish()
    assert soup(client.get("/")).select(".main-nav") == []


def test_an_unpublished_english_footer_falls_back_to_the_dutch_one(client):
    Footer.objects.get(locale__language_code="en").unpublish()
    dutch_text = Footer.objects.get(locale__language_code="nl").text
    assert _footer_text(client, english_of(dutch_home()).get_url()) == dutch_text.replace("\n", "")


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("furniture-editor", "furniture@example.org", "x" * 16)
    return otp_login(client, user)


def _menu_form(menu, first_label):
    items = list(menu.items.order_by("sort_order"))
    rows = [
        {"id": item.pk, "page": item.page_id, "label": first_label if i == 0 else item.label, "ORDER": i}
        for i, item in enumerate(items)
    ]
    return nested_form_data({"name": menu.name, "items": inline_formset(rows, initial=len(rows))})


def test_editors_preview_a_menu_draft_in_its_own_language(editor_client, client):
    menu = NavigationMenu.objects.get(locale__language_code="en")
    url = reverse("wagtailsnippets_core_navigationmenu:preview_on_edit", args=[menu.pk])
    response = editor_client.post(url, _menu_form(menu, "Preview label"))
    assert response.json()["is_valid"], response.json()

    preview = editor_client.get(url)
    assert preview.status_code == 200
    doc = soup(preview)
    assert doc.html["lang"] == "en"
    assert [a.get_text() for a in doc.select(".main-nav a")][0] == "Preview label"
    # Nothing was saved: visitors still see the published menu.
    assert "Preview label" not in _menu_labels(client, english_of(dutch_home()).get_url())


def test_editors_can_open_the_menu_and_footer_history(editor_client):
    for model, name in ((NavigationMenu, "navigationmenu"), (Footer, "footer")):
        snippet = model.objects.get(locale__language_code="nl")
        response = editor_client.get(reverse(f"wagtailsnippets_core_{name}:history", args=[snippet.pk]))
        assert response.status_code == 200, name
