"""Every content block has a template that renders accessible HTML."""

import pytest
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from collective.models import AudiencePage, HowItWorksStepBlock
from core.blocks import (
    CallToActionBlock,
    ContentStreamBlock,
    FAQBlock,
    HeadingBlock,
    ImageBlock,
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


def test_image_block_has_the_alternative_text():
    image = get_image_model().objects.first()
    if image is None:
        pytest.skip("the demo site has no images")
    doc = _render(ImageBlock(), {"image": image.pk, "alt_text": "Een kind op de schommel", "caption": "Zomer"})
    img = doc.find("img")
    assert img["alt"] == "Een kind op de schommel"
    assert img["width"] and img["height"]
    assert doc.figcaption.get_text() == "Zomer"


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
