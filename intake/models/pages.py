"""Pages that editors place and introduce; the forms themselves are owned by code."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .submissions import Role


class IntakeFormPage(Page):
    """Hosts one of the three sign-up forms. Editors write the text around it; the fields are code's."""

    role = models.CharField(
        max_length=20, choices=Role.choices, help_text=_("Which sign-up form this page shows.")
    )
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
