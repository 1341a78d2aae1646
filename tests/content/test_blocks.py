"""Every content block has a template that renders accessible HTML."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.blocks import StructBlock
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from collective.models import ArticlePage, AudiencePage, HowItWorksStepBlock
from core.blocks import (
    CallToActionBlock,
    CaptionedImageBlock,
    ContentStreamBlock,
    FAQBlock,
    HeadingBlock,
    QuoteBlock,
)
from home.models import FrontDoorBlock

from .helpers import english_of, live_dutch_page_of_type, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def _render(block, raw):
    # Outside a request the active language decides which translation of a chosen page is shown.
    with translation.override("nl"):
        return soup(block.render(block.to_python(raw)))


def test_heading_block_uses_the_chosen_level():
    assert _render(HeadingBlock(), {"text": "Hoe werkt het?", "level": "h3"}).h3.get_text() == "Hoe werkt het?"
    assert _render(HeadingBlock(), {"text": "Aanmelden", "level": "h2"}).h2 is not None


def test_paragraph_block_renders_rich_text():
    block = ContentStreamBlock().child_blocks["paragraph"]
    doc = soup(block.render(RichText("<p>Hallo <b>wereld</b></p>")))
    assert doc.select_one(".rich-text b").get_text() == "wereld"


def _image():
    image = get_image_model().objects.order_by("pk").first()
    if image is None:
        pytest.skip("the demo site has no images")
    return image


def test_image_block_has_the_alternative_text():
    image = _image()
    doc = _render(
        CaptionedImageBlock(),
        {
            "image": {"image": image.pk, "alt_text": "Een kind op de schommel", "decorative": False},
            "caption": "Zomer",
        },
    )
    img = doc.find("img")
    assert img["alt"] == "Een kind op de schommel"
    assert img["width"] and img["height"]
    assert doc.figcaption.get_text() == "Zomer"


def test_a_decorative_image_has_an_empty_alternative_text_and_no_caption_when_none_is_given():
    image = _image()
    doc = _render(
        CaptionedImageBlock(),
        {"image": {"image": image.pk, "alt_text": "Wordt niet voorgelezen", "decorative": True}, "caption": ""},
    )
    assert doc.find("img")["alt"] == ""
    assert doc.figcaption is None


def test_an_image_needs_alternative_text_or_the_decorative_mark():
    block = CaptionedImageBlock()
    value = block.to_python({"image": {"image": _image().pk, "alt_text": "", "decorative": False}, "caption": ""})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_the_demo_article_shows_its_image_with_caption_in_both_languages(client):
    article = ArticlePage.objects.get(locale__language_code="nl", slug="een-dag-bij-een-meeleefgezin")
    for page, alt, caption in (
        (article, "Tekening van een huis in de zon", "Brengen en halen"),
        (english_of(article), "Drawing of a house in the sun", "Drop-off and pick-up"),
    ):
        figure = soup(client.get(page.get_url())).select_one(".page-body figure.block-image")
        assert figure.img["alt"].startswith(alt)
        assert figure.figcaption.get_text().startswith(caption)


def test_every_structblock_has_a_template_an_icon_and_a_description():
    for block in _struct_blocks():
        assert block.meta.template, block
        assert block.meta.icon not in (None, "", "placeholder"), block
        assert block.get_description(), block


def test_blocks_with_a_sample_value_render_it():
    """The block picker in the admin previews these blocks (with the site's styles)."""
    previewable = [block for block in _struct_blocks() if block.is_previewable]
    assert {type(block) for block in previewable} >= {HeadingBlock, QuoteBlock, CallToActionBlock, FAQBlock}
    for block in previewable:
        block.set_name(type(block).__name__)
        html = block.render(block.get_preview_value())
        assert html.strip(), block


def _struct_blocks():
    stream = ContentStreamBlock()
    blocks = [*stream.child_blocks.values(), FAQBlock().child_blocks["items"].child_block, FrontDoorBlock()]
    blocks.append(HowItWorksStepBlock())
    return [block for block in blocks if isinstance(block, StructBlock)]


def test_quote_block():
    doc = _render(QuoteBlock(), {"quote": "Het gaf ons rust.", "attribution": "Moeder van Noor (2)"})
    assert doc.blockquote.get_text(strip=True) == "Het gaf ons rust."
    assert doc.figcaption.get_text() == "Moeder van Noor (2)"


def test_call_to_action_block_links_to_a_page_or_an_address():
    page = live_dutch_page_of_type(AudiencePage)
    doc = _render(
        CallToActionBlock(), {"title": "Aanmelden", "text": "", "page": page.pk, "url": "", "button_label": "Ga"}
    )
    assert doc.select_one("a.button")["href"] == page.get_url()
    assert doc.h2.get_text() == "Aanmelden"
    doc = _render(
        CallToActionBlock(),
        {"title": "Elders", "text": "", "page": None, "url": "https://example.org/", "button_label": "Ga"},
    )
    assert doc.select_one("a.button")["href"] == "https://example.org/"


def test_faq_block_opens_and_closes_without_javascript():
    doc = _render(
        FAQBlock(),
        {"title": "Vragen", "items": [{"question": "Hoe lang?", "answer": "<p>Twee jaar.</p>"}]},
    )
    details = doc.find("details")
    assert details.summary.get_text() == "Hoe lang?"
    assert "Twee jaar." in details.get_text()


def test_front_door_block():
    page = live_dutch_page_of_type(AudiencePage)
    doc = _render(FrontDoorBlock(), {"title": "Voor ouders", "text": "Tekst", "page": page.pk, "link_label": "Lees"})
    assert doc.h2.get_text() == "Voor ouders"
    assert doc.select_one("a.button")["href"] == page.get_url()


def test_step_block():
    doc = _render(
        HowItWorksStepBlock(),
        {"title": "Kennismaken", "summary": "We leren elkaar kennen.", "items": ["Huisbezoek"], "who": "Ouders"},
    )
    assert doc.h2.get_text() == "Kennismaken"
    assert [li.get_text() for li in doc.select("ul li")] == ["Huisbezoek"]


def test_a_page_chosen_in_dutch_is_shown_in_english_on_english_pages(client):
    """Front doors and calls to action follow the page language (`.localized`)."""
    english_home = english_of(live_dutch_page_of_type(AudiencePage).get_parent())
    doc = soup(client.get(english_home.get_url()))
    door_links = [a["href"] for a in doc.select(".doors a.button")]
    assert len(door_links) == 3
    assert all(link.startswith("/en/") for link in door_links)
