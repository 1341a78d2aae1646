from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import QuoteBlock
from core.cache import CachedViewRestrictionsMixin


class FrontDoorBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80, label=_("Title"), help_text=_("e.g. 'Voor ouders'"))
    text = blocks.TextBlock(max_length=240, label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Page"), help_text=_("The page this door leads to."))
    link_label = blocks.CharBlock(max_length=60, label=_("Link text"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Front door")
        template = "blocks/front_door_block.html"
        description = _("A front door: who it is for, in two lines, and the page it leads to")
        # No sample page to link to in a preview: a door without its page would be a broken link.


class HeroActionBlock(blocks.StructBlock):
    """A button in the hero: what the visitor can do straight away (sign up, find support)."""

    page = blocks.PageChooserBlock(label=_("Page"), help_text=_("The page this button leads to."))
    label = blocks.CharBlock(
        max_length=60, label=_("Button text"), help_text=_("What the button says, e.g. 'Aanmelden als ouder'.")
    )

    class Meta:
        icon = "link"
        label = _("Button")
        description = _("A button at the top of the home page: an action, in a few words")


class QuoteStreamBlock(blocks.StreamBlock):
    """Quotes of parents, host parents and professionals, side by side."""

    quote = QuoteBlock()

    class Meta:
        label = _("Quotes")
        template = "blocks/quote_stream_block.html"


class HomePage(CachedViewRestrictionsMixin, Page):
    """The front page: what MeeleefGezin is, up to three buttons to act on, three front doors, results,
    quotes, latest articles."""

    lead = models.TextField(_("lead"), help_text=_("What MeeleefGezin is, in two plain sentences."))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image at the top"),
    )
    hero_image_alt = models.CharField(
        _("description of the image"),
        max_length=200,
        blank=True,
        help_text=_("Describe the image; required when an image is chosen."),
    )
    hero_actions = StreamField(
        [("action", HeroActionBlock())],
        blank=True,
        max_num=3,
        verbose_name=_("buttons at the top"),
        help_text=_("Up to three: for example sign up as a parent, find support near you, become a host family."),
    )
    front_doors = StreamField(
        [("door", FrontDoorBlock())],
        min_num=3,
        max_num=3,
        verbose_name=_("front doors"),
        help_text=_("Exactly three: parents, host families, referrers."),
    )
    figures_heading = models.CharField(_("heading above the figures"), max_length=120, blank=True)
    matches_made = models.PositiveIntegerField(
        _("matches made so far"), default=100, help_text=_("Number of families matched since the first pilot.")
    )
    matches_since_year = models.PositiveSmallIntegerField(
        _("counted since"), default=2012, help_text=_("The year of the first pilot, e.g. 2012.")
    )
    share_in_place_after_two_years = models.PositiveSmallIntegerField(
        _("still together after two years (%)"),
        default=85,
        help_text=_("Percentage of matches still in place after two years (0-100)."),
    )
    quotes = StreamField(QuoteStreamBlock(), blank=True, verbose_name=_("quotes"))
    articles_heading = models.CharField(_("heading above the latest articles"), max_length=120, blank=True)

    search_fields = Page.search_fields + [index.SearchField("lead")]

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")),
        FieldPanel("hero_actions"),
        FieldPanel("front_doors"),
        MultiFieldPanel(
            [
                FieldPanel("figures_heading"),
                FieldPanel("matches_made"),
                FieldPanel("matches_since_year"),
                FieldPanel("share_in_place_after_two_years"),
            ],
            heading=_("Results"),
        ),
        FieldPanel("quotes"),
        FieldPanel("articles_heading"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def clean(self):
        super().clean()
        if self.share_in_place_after_two_years > 100:
            raise ValidationError({"share_in_place_after_two_years": _("A percentage is at most 100.")})
        if self.hero_image and not self.hero_image_alt.strip():
            raise ValidationError({"hero_image_alt": _("Describe the image for people who cannot see it.")})
