"""The 'find support near you' page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class FindSupportPage(Page):
    """'Find support near you': postcode + a few facts -> which program and region (no sign-up)."""

    intro = models.TextField()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "intake/find_support_page.html"

    class Meta:
        verbose_name = _("find-support page")
