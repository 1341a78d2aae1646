"""Content blocks for every StreamField of the site.

They live in `programs`, the bottom of the import graph (intake -> programs; home, collective ->
programs), so that every app's pages can share them without importing each other.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
        help_text=_("The page title is the only heading 1; use 2 for sections and 3 below them."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = _("A section heading")
        preview_value = {"text": "Hoe werkt het?", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        required=True,
        label=_("Alternative text"),
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = _("An image with required alternative text")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(max_length=120, required=False, help_text=_("e.g. 'Mother of Noor (2)'"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = _("A quote of a parent, host parent or professional")
        preview_value = {"quote": "Wij kijken elke week uit naar de zaterdag.", "attribution": "Gastouder"}


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    page = blocks.PageChooserBlock(required=False, help_text=_("Where the button leads (choose a page or a link)."))
    url = blocks.URLBlock(required=False, help_text=_("Use only for addresses outside this site."))
    button_label = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        description = _("A highlighted box with one button")
        preview_value = {"title": "Aanmelden", "text": "Het kost vijf minuten.", "button_label": "Meld je aan"}

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            from django.core.exceptions import ValidationError
            from wagtail.blocks.struct_block import StructBlockValidationError

            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a link."))}
            )
        return result


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False)
    items = blocks.ListBlock(FAQItemBlock())

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        description = _("Questions and answers that open and close")


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ul", "ol", "h3"],
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        label=_("Rich text"),
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
