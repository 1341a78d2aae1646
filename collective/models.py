"""The collective's pages, audience pages and knowledge articles."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import ContentStreamBlock
from core.cache import CachedViewRestrictionsMixin, public, remember
from core.tags import TranslatableTagsManager
from programs.models import Program, ProgramPage


class CollectivePage(CachedViewRestrictionsMixin, Page):
    """The Collectief Informele Steun: aim, benefits and a comparison built from the program facts."""

    intro = models.TextField(_("introduction"), help_text=_("The collective's aim, in plain words."))
    benefits = StreamField(
        [("benefit", blocks.CharBlock(max_length=200, label=_("Benefit")))],
        blank=True,
        verbose_name=_("benefits"),
        help_text=_("Short lines: what informal support brings families."),
    )
    comparison_intro = models.TextField(_("introduction to the comparison"), blank=True)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("benefits"),
        FieldPanel("comparison_intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programs.ProgramPage", "collective.ContentPage"]
    max_count_per_parent = 1
    template = "collective/collective_page.html"

    class Meta:
        verbose_name = _("collective page")
        verbose_name_plural = _("collective pages")

    def program_pages(self):
        """The live program pages below this page, with their facts, in program order."""
        return (
            ProgramPage.objects.child_of(self)
            .live()
            .select_related("program")
            .order_by("program__sort_order", "title")
        )

    def comparison_rows(self):
        """One row per program, built from the structured `Program` facts and the page's short lines."""
        rows = []
        for page in self.program_pages():
            program: Program = page.program
            rows.append(
                {
                    "page": page,
                    "program": program,
                    "allows_pregnancy": program.allows_pregnancy,
                    "setting": program.get_setting_display(),
                    "outside_home": program.is_outside_home,
                    "concerns": program.concerns,
                }
            )
        return rows


class HowItWorksStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    summary = blocks.TextBlock(max_length=400, label=_("Summary"))
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label=_("What happens")),
        label=_("What happens"),
        help_text=_("What happens in this step."),
    )
    who = blocks.CharBlock(
        max_length=200, required=False, label=_("For whom"), help_text=_("For whom: parents, host family, both.")
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "blocks/step_block.html"
        description = _("One step of the way: what happens, and for whom")
        preview_value = {
            "title": "Kennismaken",
            "summary": "Jullie leren elkaar kennen, met de begeleider erbij.",
            "items": ["Huisbezoek", "Eerste afspraak samen"],
            "who": "Ouders en meeleefgezin",
        }


class HowItWorksPage(CachedViewRestrictionsMixin, Page):
    """How MeeleefGezin works: the three modules as steps to follow."""

    intro = models.TextField(_("introduction"))
    steps = StreamField([("step", HowItWorksStepBlock())], min_num=1, verbose_name=_("steps"))
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("steps")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("steps"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["collective.ContentPage"]
    template = "collective/how_it_works_page.html"

    class Meta:
        verbose_name = _("how-it-works page")
        verbose_name_plural = _("how-it-works pages")


class AudiencePage(CachedViewRestrictionsMixin, Page):
    """A page for one audience: parents, host families or referrers."""

    PARENTS = "parents"
    HOST_FAMILIES = "host_families"
    REFERRERS = "referrers"
    AUDIENCE_CHOICES = [
        (PARENTS, _("Parents")),
        (HOST_FAMILIES, _("Host families")),
        (REFERRERS, _("Referrers")),
    ]

    audience = models.CharField(_("audience"), max_length=20, choices=AUDIENCE_CHOICES)
    intro = models.TextField(_("introduction"))
    what_to_expect = RichTextField(_("what to expect"), features=["bold", "italic", "link", "ul", "ol"])
    what_is_asked = RichTextField(_("what is asked of you"), features=["bold", "italic", "link", "ul", "ol"])
    privacy = RichTextField(
        _("privacy"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("What happens with their data, in plain words."),
    )
    cta_title = models.CharField(_("title of the box"), max_length=120)
    cta_text = models.TextField(_("text of the box"), blank=True)
    cta_label = models.CharField(_("button text"), max_length=60)
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("button leads to"),
        help_text=_("Where the button leads, usually the sign-up form."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("what_to_expect"),
        index.SearchField("what_is_asked"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("what_to_expect"),
        FieldPanel("what_is_asked"),
        FieldPanel("privacy"),
        MultiFieldPanel(
            [FieldPanel("cta_title"), FieldPanel("cta_text"), FieldPanel("cta_label"), FieldPanel("cta_page")],
            heading=_("Call to action"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["intake.IntakeFormPage", "collective.ContentPage"]
    template = "collective/audience_page.html"

    class Meta:
        verbose_name = _("audience page")
        verbose_name_plural = _("audience pages")


class ArticleIndexPage(CachedViewRestrictionsMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    per_page = 10

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["collective.ArticlePage"]
    max_count_per_parent = 1
    template = "collective/article_index_page.html"

    class Meta:
        verbose_name = _("article index page")
        verbose_name_plural = _("article index pages")

    def live_articles(self, request=None) -> list:
        """The live articles of this index, newest first, each with its tags: kept in the site cache
        (every publish clears it), so the listing, its topics and every tag filter need no query."""

        def articles():
            queryset = public(ArticlePage.objects.child_of(self).live(), request)
            return list(queryset.order_by("-date", "-first_published_at").prefetch_related("tags"))

        return remember(request, f"index-articles:{self.pk}", articles)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.live_articles(request)
        tag = request.GET.get("tag", "").strip()[:100]
        if tag:
            articles = [article for article in articles if any(item.slug == tag for item in article.tags.all())]
        paginator = Paginator(articles, self.per_page)
        # Not a number: the first page; past the end: the last page.
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(articles=page_obj, paginator=paginator, current_tag=tag)
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "collective.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items", verbose_name=_("article")
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


class ArticlePage(CachedViewRestrictionsMixin, Page):
    date = models.DateField(_("date"), help_text=_("Publication date shown to readers."))
    intro = models.TextField(_("introduction"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = models.CharField(
        _("description of the image"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it; required when an image is chosen."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"))
    tags = TranslatableTagsManager(
        through=ArticlePageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Words readers can filter articles by, separated by commas."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    parent_page_types = ["collective.ArticleIndexPage"]
    subpage_types = []
    template = "collective/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})


class ContentPage(CachedViewRestrictionsMixin, Page):
    """A flexible page: privacy statement, contact, about us."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"))

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = [
        "home.HomePage",
        "collective.CollectivePage",
        "collective.AudiencePage",
        "collective.HowItWorksPage",
        "collective.ContentPage",
    ]
    template = "collective/content_page.html"

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
