"""Site furniture every page shares: the navigation menu, the footer and the contact details; and the
guidance towards the CJG or neighbourhood team that the intake gives when nothing else fits.

The menu and the footer are snippets with drafts, revisions and preview (like the pages): the
database row holds what is published, visitors only ever see a live one, and editors preview a
draft in the site's own header and footer before they publish it.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PublishingPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.models import (
    DraftStateMixin,
    Locale,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    Site,
    TranslatableMixin,
)

from .cache import remember

#: The template of a menu or footer preview: the site's header and footer around a short note.
FURNITURE_PREVIEW_TEMPLATE = "components/furniture_preview.html"


class FurniturePreviewMixin(PreviewableMixin):
    """Preview a menu or footer in the site's own frame, in the language of the snippet.

    The preview puts the instance being edited into the context under `preview_context_name`;
    the site tags (`main_menu`, `site_footer`) show that one instead of the live one.
    """

    preview_context_name = ""

    def get_preview_template(self, request, mode_name):
        return FURNITURE_PREVIEW_TEMPLATE

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context[self.preview_context_name] = self
        return context

    def serve_preview(self, request, mode_name):
        locale = self.locale if self.locale_id else None
        language = locale.language_code if locale is not None else translation.get_language()
        # Rendered here, so the whole frame (labels, links, <html lang>) is in the snippet's language.
        with translation.override(language):
            return super().serve_preview(request, mode_name).render()


class NavigationMenu(DraftStateMixin, RevisionMixin, FurniturePreviewMixin, TranslatableMixin, ClusterableModel):
    """The main navigation of one language. One menu per locale; translate it with wagtail-localize."""

    name = models.CharField(_("name"), max_length=60, default="Main navigation")
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="navigation_menu",
        for_concrete_model=False,
    )

    panels = [FieldPanel("name"), InlinePanel("items", label=_("Menu items")), PublishingPanel()]
    preview_context_name = "preview_menu"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation menu")
        verbose_name_plural = _("navigation menus")

    def __str__(self):
        return f"{self.name} ({self.locale})"


class PageLink(TranslatableMixin, Orderable):
    """One link of a menu or footer: a page, and optionally a shorter label than its title."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    label = models.CharField(
        _("link text"), max_length=40, blank=True, help_text=_("Leave empty to use the page title.")
    )

    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        unique_together = [("translation_key", "locale")]


class NavigationItem(PageLink):
    menu = ParentalKey(NavigationMenu, on_delete=models.CASCADE, related_name="items", verbose_name=_("menu"))

    class Meta(PageLink.Meta):
        abstract = False
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")


class Footer(DraftStateMixin, RevisionMixin, FurniturePreviewMixin, TranslatableMixin, ClusterableModel):
    """The footer text and links of one language."""

    text = models.TextField(_("text"), help_text=_("One or two sentences about the collective."))
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="footer",
        for_concrete_model=False,
    )

    panels = [FieldPanel("text"), InlinePanel("links", label=_("Footer links")), PublishingPanel()]
    preview_context_name = "preview_footer"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return f"Footer ({self.locale})"


class FooterLink(PageLink):
    footer = ParentalKey(Footer, on_delete=models.CASCADE, related_name="links", verbose_name=_("footer"))

    class Meta(PageLink.Meta):
        abstract = False
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")


class CachedForRequestMixin:
    """A site setting as pages read it (`for_request`: `settings.core.ContactSettings` in a template)
    from the site cache, not a query per page; saving the setting clears that cache
    (`core.cache.connect_signals`). The admin's edit view reads `for_site`, the row itself."""

    @classmethod
    def for_request(cls, request):
        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        instance = remember(request, f"setting:{cls._meta.label_lower}:{site.pk}", lambda: cls.for_site(site))
        instance._request = request  # Wagtail's page URLs of a setting use it
        setattr(request, attribute, instance)
        return instance


@register_setting(icon="mail")
class ContactSettings(CachedForRequestMixin, BaseSiteSetting):
    organisation_name = models.CharField(
        _("name of the organisation"), max_length=120, default="Stichting MeeleefGezin"
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(
        _("phone number"),
        max_length=30,
        blank=True,
        help_text=_("Shown on every page that shows the contact details."),
    )
    address = models.TextField(_("address"), blank=True)
    chamber_of_commerce_number = models.CharField(max_length=20, blank=True, verbose_name=_("KvK number"))

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("address"),
        FieldPanel("chamber_of_commerce_number"),
    ]

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")


def _period(default, *, maximum, verbose_name, help_text):
    return models.PositiveSmallIntegerField(
        verbose_name,
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(maximum)],
        help_text=help_text,
    )


@register_setting(icon="time")
class RetentionSettings(BaseGenericSetting):
    """How long sign-ups are kept: the nightly retention run (`manage.py apply_retention`) acts on
    these values, and the privacy page states them (the "retention periods" block), so what the
    site promises and what it does are the same numbers."""

    closed_months = _period(
        12,
        maximum=120,
        verbose_name=_("months after closing, without a match"),
        help_text=_("A sign-up that was closed without a match is anonymised this many months after closing."),
    )
    after_guidance_months = _period(
        24,
        maximum=120,
        verbose_name=_("months after the guidance ends, with a match"),
        help_text=_(
            "A matched sign-up is anonymised this many months after the two years of guidance end "
            "(or after the match ended, if that was later)."
        ),
    )
    inactive_months = _period(
        24,
        maximum=120,
        verbose_name=_("months after the last contact, at the latest"),
        help_text=_("Any other sign-up is closed and anonymised this many months after the last contact."),
    )
    waitlist_question_months = _period(
        12,
        maximum=60,
        verbose_name=_("months on the waitlist before we ask"),
        help_text=_(
            "A sign-up on the central waitlist is asked by e-mail whether it still wants to wait this many "
            "months after it signed up (or after the last contact)."
        ),
    )
    waitlist_answer_weeks = _period(
        4,
        maximum=26,
        verbose_name=_("weeks to answer the waitlist question"),
        help_text=_("Without an answer within this many weeks, the sign-up is closed."),
    )

    panels = [
        FieldPanel("closed_months"),
        FieldPanel("after_guidance_months"),
        FieldPanel("inactive_months"),
        FieldPanel("waitlist_question_months"),
        FieldPanel("waitlist_answer_weeks"),
    ]

    class Meta:
        verbose_name = _("retention periods")
        verbose_name_plural = _("retention periods")

    @classmethod
    def for_request(cls, request):
        """The site's contact details, kept in the site cache (core/cache.py) until they are saved:
        every page shows them in its footer."""
        from core.cache import remember
        from core.routing import site_for_request

        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = site_for_request(request)
        instance = remember(
            request, f"settings:{cls._meta.label}:{site.pk if site else ''}", lambda: cls.for_site(site)
        )
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


class YouthTeamGuidance(TranslatableMixin, models.Model):
    """Where families can turn when none of the collective's programs fits: the CJG or neighbourhood
    team. One per language (translate it with wagtail-localize); the intake shows it wherever it
    suggests the CJG, beside the municipality's own team when editors know it."""

    text = models.TextField(
        _("guidance"),
        help_text=_("One or two plain sentences: what the CJG or neighbourhood team can do for a family."),
    )
    link_url = models.URLField(
        _("link"), blank=True, help_text=_("A page where families find the CJG or neighbourhood team of their town.")
    )
    link_label = models.CharField(
        _("link text"), max_length=80, blank=True, help_text=_("E.g. “Find the CJG in your municipality”.")
    )
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, help_text=_("Optional: a number families can call for advice.")
    )

    panels = [FieldPanel("text"), FieldPanel("link_url"), FieldPanel("link_label"), FieldPanel("phone")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("CJG and neighbourhood-team guidance")
        verbose_name_plural = _("CJG and neighbourhood-team guidance")

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.locale})"

    @classmethod
    def for_active_language(cls):
        """The guidance in the active language, else in the default language, else None."""
        rows = {row.locale_id: row for row in cls.objects.all()}
        if not rows:
            return None
        active = Locale.get_active()
        if active.pk in rows:
            return rows[active.pk]
        default = Locale.get_default()
        return rows.get(default.pk) or next(iter(rows.values()))
