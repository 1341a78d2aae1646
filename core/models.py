"""Site furniture every page shares: the navigation menu, the footer and the contact details."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, TranslatableMixin


class NavigationMenu(TranslatableMixin, ClusterableModel):
    """The main navigation of one language. One menu per locale; translate it with wagtail-localize."""

    name = models.CharField(max_length=60, default="Main navigation")

    panels = [FieldPanel("name"), InlinePanel("items", label=_("Menu items"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation menu")

    def __str__(self):
        return f"{self.name} ({self.locale})"


class NavigationItem(TranslatableMixin, Orderable):
    menu = ParentalKey(NavigationMenu, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=40, blank=True, help_text=_("Leave empty to use the page title."))

    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta):
        unique_together = [("translation_key", "locale")]


class Footer(TranslatableMixin, ClusterableModel):
    """The footer text and links of one language."""

    text = models.TextField(help_text=_("One or two sentences about the collective."))

    panels = [FieldPanel("text"), InlinePanel("links", label=_("Footer links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")

    def __str__(self):
        return f"Footer ({self.locale})"


class FooterLink(TranslatableMixin, Orderable):
    footer = ParentalKey(Footer, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=40, blank=True)

    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta):
        unique_together = [("translation_key", "locale")]


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    organisation_name = models.CharField(max_length=120, default="Stichting MeeleefGezin")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.TextField(blank=True)
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
