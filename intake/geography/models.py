"""Geography (municipalities and PC4 postcodes) and coverage (regions of the programs)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class Municipality(models.Model):
    code = models.CharField(_("CBS code"), max_length=6, unique=True, help_text=_("CBS code, e.g. GM0356."))
    name = models.CharField(_("name"), max_length=100)
    province_code = models.CharField(_("province code"), max_length=4, blank=True)
    province_name = models.CharField(_("province"), max_length=60, blank=True)
    # The municipality's own CJG or neighbourhood team, when editors know it (shown to the public
    # beside the general guidance, core.models.YouthTeamGuidance).
    youth_team_name = models.CharField(
        _("CJG or neighbourhood team"), max_length=100, blank=True, help_text=_("E.g. “CJG Zeist”.")
    )
    youth_team_url = models.URLField(_("its website"), blank=True)
    youth_team_phone = models.CharField(_("its phone number"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return f"{self.name} ({self.code})"


class MunicipalityBoundary(models.Model):
    """A municipality's outline for the waitlist map (`manage.py import_geography --boundaries`).

    Stored as an SVG path in the map's own projected space (`intake.geography.boundaries`), with its
    bounding box, so drawing the map needs no GIS extension and no computation per request.
    """

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="boundary", verbose_name=_("municipality")
    )
    svg_path = models.TextField(_("outline (SVG path)"))
    min_x = models.IntegerField()
    min_y = models.IntegerField()
    max_x = models.IntegerField()
    max_y = models.IntegerField()
    point_count = models.PositiveIntegerField(_("points"), default=0)

    class Meta:
        verbose_name = _("municipality outline")
        verbose_name_plural = _("municipality outlines")

    def __str__(self):
        return str(self.municipality)


class PostcodeArea(models.Model):
    """A 4-digit postcode (PC4) and one municipality it lies in; a PC4 may lie in two."""

    pc4 = models.CharField(_("postcode (4 digits)"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="postcodes", verbose_name=_("municipality")
    )
    address_count = models.PositiveIntegerField(_("addresses"), default=0)
    share = models.DecimalField(_("share"), max_digits=5, decimal_places=4, default=1)

    class Meta:
        ordering = ["pc4", "-share"]
        constraints = [models.UniqueConstraint(fields=["pc4", "municipality"], name="unique_pc4_municipality")]
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")

    def __str__(self):
        return f"{self.pc4} → {self.municipality.name}"


class Region(models.Model):
    """One organisation's working area: which municipalities, whether it takes intakes, who handles them."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="regions", verbose_name=_("program")
    )
    name = models.CharField(_("name"), max_length=100)
    municipalities = models.ManyToManyField(
        Municipality, related_name="regions", blank=True, verbose_name=_("municipalities")
    )
    takes_intakes = models.BooleanField(
        _("takes sign-ups"), default=False, help_text=_("Only regions that take intakes now receive sign-ups.")
    )
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handlers"),
        related_name="intake_regions",
        blank=True,
        help_text=_("Admin users who work this region's sign-ups and are notified of new ones."),
    )
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True, help_text=_("Shown to the public."))
    contact_email = models.EmailField(_("contact e-mail"), blank=True, help_text=_("Shown to the public."))
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, help_text=_("Shown to the public.")
    )

    panels = [
        MultiFieldPanel([FieldPanel("program"), FieldPanel("name"), FieldPanel("takes_intakes")], heading=_("Region")),
        FieldPanel("municipalities"),
        MultiFieldPanel([FieldPanel("handlers")], heading=_("Who handles sign-ups")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Public contact details"),
        ),
    ]

    class Meta:
        ordering = ["program__sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="unique_region_name_per_program")]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return f"{self.program.name} – {self.name}"
