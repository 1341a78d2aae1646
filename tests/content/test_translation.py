"""An editor writes a Dutch page and has it translated through wagtail-localize."""

import pytest
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from collective.models import ArticlePage, ContentPage

from .helpers import dutch_home, html_lang, locale, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

DUTCH_TO_ENGLISH = {
    "Zonnebloemen in de tuin": "Sunflowers in the garden",
    "zonnebloemen-in-de-tuin": "sunflowers-in-the-garden",
    "Een pagina over zonnebloemen.": "A page about sunflowers.",
    "Zonnebloemen groeien hoog.": "Sunflowers grow tall.",
}


def _translate(page, target_locale):
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=target_locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=target_locale,
            context=segment.context,
            data=DUTCH_TO_ENGLISH[segment.string.data],
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    translation.save_target(publish=True)
    return translation


def test_a_new_dutch_page_translated_with_wagtail_localize_shows_english_at_en(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = ContentPage(
            title="Zonnebloemen in de tuin",
            slug="zonnebloemen-in-de-tuin",
            intro="Een pagina over zonnebloemen.",
            body=[("paragraph", RichText("<p>Zonnebloemen groeien hoog.</p>"))],
        )
        dutch_home().add_child(instance=page)
        page.save_revision().publish()
        translation = _translate(page, locale("en"))

    english = translation.get_target_instance()
    assert english.live
    assert english.get_url() == "/en/sunflowers-in-the-garden/"

    response = client.get("/en/sunflowers-in-the-garden/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    doc = soup(response)
    assert doc.h1.get_text(strip=True) == "Sunflowers in the garden"
    text = doc.find("main").get_text(" ", strip=True)
    assert "Sunflowers grow tall." in text
    assert "Zonnebloemen" not in text

    dutch = soup(client.get("/zonnebloemen-in-de-tuin/"))
    assert dutch.h1.get_text(strip=True) == "Zonnebloemen in de tuin"
    assert dutch.select_one("nav.language-switcher a[hreflang=en]")["href"] == "/en/sunflowers-in-the-garden/"


def test_english_article_tags_survive_a_new_sync_of_the_dutch_article(client, django_capture_on_commit_callbacks):
    """Tags are words of one language: updating the translation must not put Dutch tags on /en/."""
    dutch = ArticlePage.objects.filter(locale__language_code="nl").first()
    english = dutch.get_translation(locale("en")).specific
    english_tags = sorted(tag.name for tag in english.tags.all())
    dutch_tags = sorted(tag.name for tag in dutch.tags.all())
    assert english_tags and english_tags != dutch_tags

    source = TranslationSource.objects.get_for_instance(dutch)
    with django_capture_on_commit_callbacks(execute=True):
        source.update_from_db()
        Translation.objects.get(source=source, target_locale=locale("en")).save_target(publish=True)

    english.refresh_from_db()
    assert sorted(tag.name for tag in english.tags.all()) == english_tags
    shown = [a.get_text() for a in soup(client.get(english.url)).select("ul.tags a.tag")]
    assert sorted(shown) == english_tags
