"""The 'find support near you' page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class FindSupportPage(Page):
    """'Find support near you': postcode + a few facts -> which program and region (no sign-up).

    The form is a plain GET form that submits to the page itself, so it works without JavaScript;
    static/js/find-support.js updates the result live from the routing API.
    """

    intro = models.TextField()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "intake/find_support_page.html"

    class Meta:
        verbose_name = _("find-support page")

    def get_context(self, request, *args, **kwargs):
        from ..views import find_support_context  # views import the models: import here, not at load

        context = super().get_context(request, *args, **kwargs)
        context.update(find_support_context(request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if any(key in request.GET for key in ("postcode", "role", "child_birth_date")):
            # A personal answer: never store it in a shared cache, keep it out of search engines.
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
        return response
