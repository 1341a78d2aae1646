"""The five programs of the Collectief Informele Steun.

`Program` holds the structured facts (not translated: codes, numbers, flags) that both the public
comparison and the intake routing read. `ProgramPage` is the translated public story of one program.
"""

import re

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
from .widgets import OLDEST, YOUNGEST, AgeInYearsAndMonthsWidget

AGE_RANGE = re.compile(
    r"\b\d{1,2}\s*(?:-|–|—|tot en met|tot|t/m|to|through|up to(?: and including)?)\s*\d{1,2}\s*"
    r"(?:jaar|jarigen|years?|maanden|months?)\b",
    re.IGNORECASE,
)


def states_an_age_range(text):
    """'kinderen van 0 tot 18 jaar', 'aged 0-4 years': an age range written out by hand."""
    return bool(AGE_RANGE.search(text or ""))


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
        _("youngest age"),
        default=0,
        help_text=_(
            "From what age a child can take part. 0 years: from birth. Leave the months empty for a whole year."
        ),
    )
    max_age_months = models.PositiveSmallIntegerField(
        _("oldest age"),
        help_text=_(
            "Up to and including what age a child can take part. Leave the months empty for the whole year: "
            "“up to and including 4 years” means until the fifth birthday."
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
                FieldPanel("min_age_months", widget=AgeInYearsAndMonthsWidget(YOUNGEST)),
                FieldPanel("max_age_months", widget=AgeInYearsAndMonthsWidget(OLDEST)),
                FieldPanel("allows_pregnancy"),
                FieldPanel("setting"),
                FieldPanel("concerns"),
            ],
            heading=_("Who it is for"),
        ),
        # Coordinators see sign-ups: only whoever may grant that (superusers) chooses them.
        MultiFieldPanel(
            [FieldPanel("coordinators", permission="programs.assign_coordinators")],
            heading=_("National coordination"),
            permission="programs.assign_coordinators",
        ),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        permissions = [("assign_coordinators", _("Can choose the national coordinators of a program"))]

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
        verbose_name=_("program"),
        help_text=_("The structured facts shown on this page and used by the intake."),
    )
    intro = models.TextField(
        _("introduction"),
        help_text=_(
            "Two or three plain sentences: what happens and for whom. Leave out the ages: the page shows them "
            "from the program's facts."
        ),
    )
    audience_summary = models.CharField(
        _("who is supported"),
        max_length=160,
        help_text=_(
            "Short line for the comparison table: who is supported, without ages (the table shows the ages "
            "from the program's facts)."
        ),
    )
    volunteer_summary = models.CharField(
        _("what the volunteer does"),
        max_length=160,
        help_text=_("Short line for the comparison table: what the volunteer does."),
    )
    rhythm = models.CharField(
        _("how often"), max_length=120, help_text=_("Short line: how often, e.g. one day a week.")
    )
    coordination = models.CharField(
        _("coordination"), max_length=160, help_text=_("Short line: who coordinates and guides the contact.")
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

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
        verbose_name_plural = _("program pages")

    def clean(self):
        super().clean()
        # Who a program is for is written once, in its facts: prose that repeats an age range would
        # go stale the day the facts change.
        errors = {
            name: _(
                "Leave the ages out of this text: the page and the comparison show them from the program's "
                "facts (Programs), so they are written only once."
            )
            for name in ("intro", "audience_summary")
            if states_an_age_range(getattr(self, name, ""))
        }
        if errors:
            raise ValidationError(errors)
