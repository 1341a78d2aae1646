"""The five programs of the Collectief Informele Steun.

`Program` holds the structured facts (not translated: codes, numbers, flags) that both the public
comparison and the intake routing read. `ProgramPage` is the translated public story of one program.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import ContentStreamBlock
from core.cache import CachedViewRestrictionsMixin

from . import facts


def validate_concerns(value):
    if not isinstance(value, list) or any(code not in facts.CONCERN_CODES for code in value):
        raise ValidationError(_("Choose concerns from the list."))


class ConcernsField(models.JSONField):
    """A list of concern codes, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=facts.CONCERN_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )


class Program(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Stable code used by the intake routing, e.g. 'meeleefgezin'."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("The organisation's own name, e.g. 'Home-Start'."))
    website = models.URLField(_("website"), blank=True, help_text=_("The organisation's own website."))
    min_age_months = models.PositiveSmallIntegerField(
        _("youngest age (months)"),
        default=0,
        help_text=_("Youngest age of the child, in whole months (0 = from birth)."),
    )
    max_age_months = models.PositiveSmallIntegerField(
        _("oldest age (months)"),
        help_text=_(
            "Oldest age of the child, in whole months, inclusive. 59 means 'up to and including 4 years', "
            "so until the fifth birthday."
        ),
    )
    allows_pregnancy = models.BooleanField(
        _("from pregnancy"),
        default=False,
        help_text=_("Can support start during pregnancy, before the child is born?"),
    )
    setting = models.CharField(
        _("where the support happens"),
        max_length=20,
        choices=facts.SETTING_CHOICES,
        help_text=_("Where the support happens."),
    )
    concerns = ConcernsField(
        _("concerns"),
        default=list,
        blank=True,
        validators=[validate_concerns],
        help_text=_("Which worries of the parents this program is for."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="coordinated_programs",
        blank=True,
        verbose_name=_("national coordinators"),
        help_text=_(
            "Admin users who see every sign-up of this program, including its part of the central waitlist, "
            "and are notified of the sign-ups they may open."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        MultiFieldPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("website")], heading=_("Organisation")),
        MultiFieldPanel(
            [
                FieldPanel("min_age_months"),
                FieldPanel("max_age_months"),
                FieldPanel("allows_pregnancy"),
                FieldPanel("setting"),
                FieldPanel("concerns"),
            ],
            heading=_("Who it is for"),
        ),
        MultiFieldPanel([FieldPanel("coordinators")], heading=_("National coordination")),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self):
        return self.name

    def clean(self):
        if self.max_age_months is not None and self.min_age_months > self.max_age_months:
            raise ValidationError({"max_age_months": _("The oldest age must not be below the youngest age.")})

    @property
    def is_outside_home(self):
        return self.setting == facts.VOLUNTEER_HOME


class ProgramPage(CachedViewRestrictionsMixin, Page):
    """Public page of one program; its facts come from the linked `Program`."""

    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_("The structured facts shown on this page and used by the intake."),
    )
    intro = models.TextField(help_text=_("Two or three plain sentences: who it is for and what happens."))
    audience_summary = models.CharField(
        max_length=160, help_text=_("Short line for the comparison table: who is supported.")
    )
    volunteer_summary = models.CharField(
        max_length=160, help_text=_("Short line for the comparison table: what the volunteer does.")
    )
    rhythm = models.CharField(max_length=120, help_text=_("Short line: how often, e.g. one day a week."))
    coordination = models.CharField(max_length=160, help_text=_("Short line: who coordinates and guides the contact."))
    body = StreamField(ContentStreamBlock(), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("program"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("audience_summary"),
                FieldPanel("volunteer_summary"),
                FieldPanel("rhythm"),
                FieldPanel("coordination"),
            ],
            heading=_("Comparison"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["collective.CollectivePage"]
    subpage_types = []
    template = "programs/program_page.html"

    class Meta:
        verbose_name = _("program page")
