"""Pages that editors place and introduce; the forms themselves are owned by code."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .submissions import Role


class IntakeFormPage(Page):
    """Hosts one of the three sign-up forms. Editors write the text around it; the fields are code's.

    `serve` runs the sign-up flow of `intake.signup`: the form for this page's role on GET, the
    sign-up on POST (then a redirect to `?done=<token>`), and the thanks page for that token.
    """

    role = models.CharField(max_length=20, choices=Role.choices, help_text=_("Which sign-up form this page shows."))
    intro = models.TextField(help_text=_("A few plain sentences above the form."))
    privacy_note = RichTextField(
        features=["bold", "link"], blank=True, help_text=_("Short privacy note shown beside the consent.")
    )

    content_panels = Page.content_panels + [FieldPanel("role"), FieldPanel("intro"), FieldPanel("privacy_note")]
    parent_page_types = ["home.HomePage", "collective.AudiencePage"]
    subpage_types = []
    template = "intake/intake_form_page.html"

    class Meta:
        verbose_name = _("sign-up form page")

    def get_form_class(self):
        from ..forms import form_class_for

        return form_class_for(self.role)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "form" not in context:
            context["form"] = self.get_form_class()(language=self.locale.language_code)
        return context

    def serve(self, request, *args, **kwargs):
        from .. import signup

        return signup.serve(self, request)
