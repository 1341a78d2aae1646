"""The page cache (core/cache.py): anonymous visitors get kept pages without a query; every change
that shows on a page shows on the next request; forms, signed-in editors and previews never see a
kept page; compression only where nothing secret can leak; the home page stays light."""

import gzip
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page

from core.models import ContactSettings, Footer, NavigationMenu
from tests.conftest import otp_login

from .helpers import dutch_home, english_of, live_dutch_page_of_type, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

CACHED_TYPES = [
    "home.HomePage",
    "programs.ProgramPage",
    "collective.CollectivePage",
    "collective.HowItWorksPage",
    "collective.AudiencePage",
    "collective.ArticleIndexPage",
    "collective.ArticlePage",
    "collective.ContentPage",
]


def _url(label):
    return live_dutch_page_of_type(apps.get_model(label)).get_url()


def _queries(client, url, **headers):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    return response, len(context.captured_queries)


@pytest.mark.parametrize("label", CACHED_TYPES)
def test_a_cache_hit_runs_no_query(client, django_assert_num_queries, label):
    for url in (_url(label), english_of(live_dutch_page_of_type(apps.get_model(label))).get_url()):
        first = client.get(url)
        assert first.status_code == 200
        assert first["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second["X-Page-Cache"] == "hit"
        assert second.content == first.content


def test_search_results_are_kept_per_query(client, django_assert_num_queries):
    first = client.get("/search/?q=gezin")
    with django_assert_num_queries(0):
        assert client.get("/search/?q=gezin").content == first.content
    other = client.get("/search/?q=ouders")
    assert other["X-Page-Cache"] == "miss"
    assert other.content != first.content


def test_cacheable_pages_say_public_with_a_shared_max_age(client):
    response = client.get("/")
    control = response["Cache-Control"]
    assert "public" in control
    assert f"s-maxage={settings.PAGE_CACHE_SHARED_MAX_AGE}" in control
    assert f"max-age={settings.PAGE_CACHE_BROWSER_MAX_AGE}" in control
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize("label", ["intake.IntakeFormPage", "intake.FindSupportPage"])
def test_pages_with_a_form_are_never_kept(client, label):
    url = _url(label)
    client.get(url)
    response, queries = _queries(client, url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert queries > 0
    control = response["Cache-Control"]
    assert "private" in control or "no-store" in control
    assert "public" not in control


def test_the_find_support_answer_is_private(client):
    url = _url("intake.FindSupportPage") + "?postcode=3431&role=host_family"
    client.get(url)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_signed_in_editors_and_visitors_with_a_session_bypass_the_cache(client, admin_user):
    client.get("/")  # kept for anonymous visitors
    otp_login(client, admin_user)
    response, queries = _queries(client, "/")
    assert "X-Page-Cache" not in response
    assert queries > 0
    assert "public" not in response.get("Cache-Control", "")


def test_other_answers_say_private_no_store(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_the_key_includes_host_path_language_and_query(client):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get("/", HTTP_HOST="localhost")["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "miss"
    assert client.get("/?utm=1")["X-Page-Cache"] == "miss"
    index = _url("collective.ArticleIndexPage")
    assert client.get(index)["X-Page-Cache"] == "miss"
    assert client.get(index + "?page=2")["X-Page-Cache"] == "miss"


def test_publishing_a_page_shows_on_the_next_request(client):
    page = live_dutch_page_of_type(apps.get_model("programs.ProgramPage"))
    url = page.get_url()
    client.get(url)
    page.intro = "Een nieuwe inleiding, net gepubliceerd."
    page.save_revision().publish()
    assert "Een nieuwe inleiding, net gepubliceerd." in client.get(url).content.decode()


def test_a_draft_changes_nothing_and_keeps_the_cache(client, django_assert_num_queries):
    page = live_dutch_page_of_type(apps.get_model("programs.ProgramPage"))
    url = page.get_url()
    before = client.get(url).content
    page.intro = "Alleen een concept."
    page.save_revision()
    with django_assert_num_queries(0):
        assert client.get(url).content == before


def test_a_new_title_shows_on_the_other_pages_that_list_it(client):
    article = apps.get_model("collective.ArticlePage").objects.live().filter(locale__language_code="nl")
    article = article.order_by("-date", "-first_published_at").first()
    index_url = article.get_parent().get_url()
    client.get("/")
    client.get(index_url)
    article.title = "Een vers gepubliceerde titel"
    article.save_revision().publish()
    assert "Een vers gepubliceerde titel" in soup(client.get("/")).select_one(".card-list").get_text()
    assert "Een vers gepubliceerde titel" in client.get(index_url).content.decode()


def test_unpublishing_and_deleting_a_page_answer_404_on_the_next_request(client):
    article = live_dutch_page_of_type(apps.get_model("collective.ArticlePage"))
    url = article.get_url()
    index_url = article.get_parent().get_url()
    client.get(url)
    client.get(index_url)
    article.unpublish()
    assert client.get(url).status_code == 404
    assert article.title not in client.get(index_url).content.decode()

    other = live_dutch_page_of_type(apps.get_model("collective.ArticlePage"))
    other_url = other.get_url()
    client.get(other_url)
    Page.objects.get(pk=other.pk).delete()
    assert client.get(other_url).status_code == 404


def test_moving_a_page_moves_its_address(client):
    content = live_dutch_page_of_type(apps.get_model("collective.ContentPage"))
    old_url = content.get_url()
    client.get(old_url)
    new_parent = live_dutch_page_of_type(apps.get_model("collective.CollectivePage"))
    content.move(new_parent, pos="last-child")
    content.refresh_from_db()
    old = client.get(old_url)  # Wagtail's redirects app leads the old address to the new one
    assert old.status_code == 404 or (old.status_code == 301 and old["Location"].endswith(content.get_url()))
    assert client.get(content.get_url()).status_code == 200


def test_unpublishing_a_translation_updates_the_language_links(client):
    page = live_dutch_page_of_type(apps.get_model("collective.HowItWorksPage"))
    english = english_of(page)
    url = page.get_url()
    assert soup(client.get(url)).select_one('link[hreflang="en"]') is not None
    english.unpublish()
    assert soup(client.get(url)).select_one('link[hreflang="en"]') is None


def test_publishing_the_menu_and_the_footer_shows_on_the_next_request(client):
    client.get("/")
    menu = NavigationMenu.objects.get(locale__language_code="nl")
    item = menu.items.order_by("sort_order").first()
    item.label = "Vers uit het menu"
    menu.items = [item, *menu.items.order_by("sort_order")[1:]]
    menu.save_revision().publish()
    assert "Vers uit het menu" in soup(client.get("/")).select_one(".main-nav").get_text()

    footer = Footer.objects.get(locale__language_code="nl")
    footer.text = "Een nieuwe voettekst."
    footer.save_revision().publish()
    assert "Een nieuwe voettekst." in soup(client.get("/")).select_one(".site-footer").get_text()


def test_saving_the_contact_settings_shows_on_the_next_request(client):
    client.get("/")
    contact = ContactSettings.for_site(dutch_home().get_site())
    contact.phone = "030 999 88 77"
    contact.save()
    assert "030 999 88 77" in soup(client.get("/")).select_one(".site-footer").get_text()


def test_saving_program_facts_shows_in_the_table_and_on_the_program_page(client):
    collective = _url("collective.CollectivePage")
    program_page = live_dutch_page_of_type(apps.get_model("programs.ProgramPage"))
    client.get(collective)
    client.get(program_page.get_url())
    program = program_page.program
    assert "tot en met 2 jaar" not in soup(client.get(program_page.get_url())).select_one(".facts").get_text()
    program.max_age_months = 35  # "t/m 2 jaar"
    program.save()
    assert "t/m 2 jaar" in soup(client.get(collective)).select_one("table.comparison").get_text()
    assert "tot en met 2 jaar" in soup(client.get(program_page.get_url())).select_one(".facts").get_text()


# --- A page's rendered content, kept beside the pages ({% remembered %}) -----------------------


def test_a_signed_in_editor_sees_a_published_change_at_once(client, admin_user):
    """Editors never get kept pages, but the rendered content is kept for them too: a publish clears it."""
    page = live_dutch_page_of_type(apps.get_model("programs.ProgramPage"))
    otp_login(client, admin_user)
    before, queries = _queries(client, page.get_url())
    assert "X-Page-Cache" not in before and queries > 0
    page.intro = "Net gepubliceerd, voor de redacteur zichtbaar."
    page.save_revision().publish()
    assert "Net gepubliceerd, voor de redacteur zichtbaar." in client.get(page.get_url()).content.decode()


def test_a_preview_shows_the_draft_and_keeps_nothing(client):
    page = live_dutch_page_of_type(apps.get_model("collective.ContentPage"))
    live = client.get(page.get_url()).content.decode()
    draft = page.specific
    draft.intro = "Alleen in het voorbeeld te zien."
    preview = draft.make_preview_request()
    assert "Alleen in het voorbeeld te zien." in preview.content.decode()
    for response in (client.get(page.get_url()), client.get(page.get_url(), HTTP_HOST="localhost")):
        assert "Alleen in het voorbeeld te zien." not in response.content.decode()
    assert client.get(page.get_url()).content.decode() == live


def test_a_new_focal_point_of_an_image_shows_on_the_next_request(client):
    home = dutch_home()
    image = home.hero_image
    first = soup(client.get("/")).select_one(".hero img")["src"]
    assert client.get("/")["X-Page-Cache"] == "hit"
    image.focal_point_x, image.focal_point_y = image.width - 10, image.height - 10
    image.focal_point_width = image.focal_point_height = 10
    image.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert soup(response).select_one(".hero img")["src"] != first


def test_a_cache_that_cannot_be_reached_serves_pages_uncached(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            # As in production (config/settings/base.py): an unreachable Redis is a miss, not an error.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
    }
    assert client.get("/").status_code == 200
    assert client.get(_url("programs.ProgramPage")).status_code == 200


# --- Compression ----------------------------------------------------------------------------------


def test_public_pages_go_out_compressed(client):
    first = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    second = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    for response in (first, second):
        assert response["Content-Encoding"] == "gzip"
        assert "<html" in gzip.decompress(response.content).decode()
    plain = client.get("/")
    assert "Content-Encoding" not in plain
    assert plain.content == gzip.decompress(second.content)


def test_the_api_is_compressed_but_not_pages_with_a_csrf_token_or_a_session(client, admin_user):
    api = client.get(
        "/api/routing/?postcode=3431AB&role=host_family", HTTP_ACCEPT_ENCODING="gzip", HTTP_X_FORWARDED_FOR=""
    )
    if len(api.content) >= 200 and "Content-Encoding" in api:
        assert api["Content-Encoding"] == "gzip"
    form = client.get(_url("intake.IntakeFormPage"), HTTP_ACCEPT_ENCODING="gzip")
    assert b"csrfmiddlewaretoken" in form.content
    assert "Content-Encoding" not in form
    otp_login(client, admin_user)
    signed_in = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in signed_in


# --- Weight ---------------------------------------------------------------------------------------


def test_the_home_page_with_its_css_and_js_weighs_at_most_25_kb_compressed(client):
    html = client.get("/").content
    doc = soup(html.decode())
    assets = [link["href"] for link in doc.select('link[rel="stylesheet"]')]
    assets += [script["src"] for script in doc.select("script[src]")]
    assert assets, "the home page loads its stylesheets and scripts"
    total = len(gzip.compress(html, compresslevel=6))
    for url in assets:
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        assert path, url
        total += len(gzip.compress(Path(path).read_bytes(), compresslevel=9))
    assert total <= 25 * 1024, f"{total} bytes compressed"


def test_the_hero_image_is_responsive_with_webp_and_a_fallback(client):
    doc = soup(client.get("/"))
    picture = doc.select_one(".hero picture")
    assert picture is not None
    source = picture.select_one('source[type="image/webp"]')
    assert source is not None and len(source["srcset"].split(",")) == 3
    img = picture.select_one("img")
    assert img["width"] and img["height"] and img["alt"]
    assert re.search(r"\.(png|jpe?g)$", img["src"])
    assert len(img["srcset"].split(",")) == 3
    assert img.get("loading") is None  # the first screen is not lazy


def test_images_in_the_text_load_lazily_with_their_size(client):
    for page in apps.get_model("collective.ArticlePage").objects.live():
        doc = soup(client.get(page.get_url()))
        for img in doc.select(".block-image img"):
            assert img["loading"] == "lazy"
            assert img["width"] and img["height"]
            assert img.find_parent("picture").select_one('source[type="image/webp"]') is not None
            return
    pytest.skip("no article with an image block in the demo")


# --- A CDN in front ------------------------------------------------------------------------------

PURGED = []


class RecordingBackend(BaseBackend):
    """A frontend-cache backend that notes what it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)


def test_a_configured_cdn_is_purged_when_the_menu_is_published(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    menu = NavigationMenu.objects.get(locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        menu.save_revision().publish()
    paths = {url.split("://", 1)[-1].split("/", 1)[-1] for url in PURGED}
    assert "" in paths  # the Dutch home page
    assert any(path.startswith("en/") for path in paths)  # and the English pages


def test_without_a_cdn_nothing_is_purged(settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        NavigationMenu.objects.get(locale__language_code="nl").save_revision().publish()
    assert PURGED == []
