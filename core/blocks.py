"""Content blocks for every StreamField of the site.

They live in `core`, the bottom of the import graph, so that every app's pages can share them
without importing each other. Every StructBlock has its own template, an icon, a description for
the block picker and, where a sample makes sense, a preview value.
"""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
        label=_("Level"),
        help_text=_("The page title is the only heading 1; use 2 for sections and 3 below them."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A section heading")
        preview_value = {"text": "Hoe werkt het?", "level": "h2"}


class LabelledImageBlock(ImageBlock):
    """Wagtail's ImageBlock, with a translated label on its image chooser (Wagtail's own says
    "Image" in every language, made from the block's name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_blocks["image"].label = _("Image")


class CaptionedImageBlock(blocks.StructBlock):
    """Wagtail's own ImageBlock (image, alternative text or 'decorative') with an optional caption."""

    image = LabelledImageBlock(
        label=_("Image"),
        help_text=_(
            "Describe what the image shows for people who cannot see it, "
            "or mark it as decorative when it adds nothing to the text."
        ),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("An image with alternative text and an optional caption")
        preview_value = {"caption": "Een middag in de tuin van het meeleefgezin."}

    @cached_property
    def preview_image(self):
        return get_image_model().objects.order_by("pk").first()

    def get_preview_value(self):
        """A sample with the first image of the library; without images there is nothing to show."""
        image = self.preview_image
        raw = {**self.meta.preview_value, "image": None}
        if image is not None:
            raw["image"] = {"image": image.pk, "alt_text": image.title, "decorative": False}
        return self.to_python(raw)


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, label=_("Quote"))
    attribution = blocks.CharBlock(
        max_length=120, required=False, label=_("Who said it"), help_text=_("e.g. 'Mother of Noor (2)'")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A quote of a parent, host parent or professional")
        preview_value = {"quote": "Wij kijken elke week uit naar de zaterdag.", "attribution": "Gastouder"}


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    text = blocks.TextBlock(required=False, max_length=400, label=_("Text"))
    page = blocks.PageChooserBlock(
        required=False, label=_("Page"), help_text=_("Where the button leads (choose a page or a link).")
    )
    url = blocks.URLBlock(required=False, label=_("Link"), help_text=_("Use only for addresses outside this site."))
    button_label = blocks.CharBlock(max_length=60, label=_("Button text"))

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        description = _("A highlighted box with one button")
        preview_value = {
            "title": "Aanmelden",
            "text": "Het kost vijf minuten.",
            "url": "https://www.meeleefgezin.nl/",
            "button_label": "Meld je aan",
        }

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a link."))}
            )
        return result


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("Question"))
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "blocks/faq_item_block.html"
        description = _("One question with its answer")
        preview_value = {
            "question": "Hoe lang duurt een match?",
            "answer": "<p>Meestal twee jaar, of zolang het voor jullie allebei goed is.</p>",
        }


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False, label=_("Title"))
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "blocks/faq_block.html"
        description = _("Questions and answers that open and close")
        preview_value = {
            "title": "Veelgestelde vragen",
            "items": [
                {"question": "Wat kost het?", "answer": "<p>Niets. De meeleefgezinnen zijn vrijwilligers.</p>"},
                {"question": "Blijf ik de ouder?", "answer": "<p>Ja, jij blijft altijd de ouder.</p>"},
            ],
        }


class ContactDetailsBlock(blocks.StructBlock):
    """The organisation's phone, e-mail and address from the contact settings (Settings → Contact
    details), so a page never repeats them by hand: change them once, every page follows."""

    opening_hours = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("When we answer the phone"),
        help_text=_("E.g. “Monday to Thursday, 9:00 to 17:00”."),
    )
    show_address = blocks.BooleanBlock(required=False, default=True, label=_("Show the address"))

    class Meta:
        icon = "mail"
        template = "blocks/contact_details_block.html"
        label = _("Contact details")
        description = _("The phone number, e-mail address and address from the contact settings")
        preview_value = {"opening_hours": "maandag tot en met donderdag, 9.00 tot 17.00 uur", "show_address": True}


class RetentionPeriodsBlock(blocks.StaticBlock):
    """How long sign-ups are kept, from the retention settings (Settings → Retention periods): the
    same numbers the nightly retention run uses, worded in the visitor's language."""

    class Meta:
        icon = "time"
        template = "blocks/retention_periods_block.html"
        label = _("Retention periods")
        description = _("How long sign-ups are kept, from the retention settings")
        admin_text = _("Shows how long sign-ups are kept, from Settings → Retention periods.")


class ContentStreamBlock(blocks.StreamBlock):
    """The body of most pages. Render it with `{% include_block page.body %}`."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ul", "ol", "h3"],
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        label=_("Rich text"),
        description=_("Paragraphs, lists and links"),
        preview_value="<p>Een meeleefgezin is er <b>één dag per week</b> en één weekend per maand.</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    contact_details = ContactDetailsBlock()
    retention_periods = RetentionPeriodsBlock()

    class Meta:
        template = "blocks/content_stream_block.html"
