"""Notes, matches and yearly targets: what the people who handle sign-ups record about them."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.encryption.fields import EncryptedJSONField

# Both families can turn to their MeeleefGezin professional for two years after the match starts.
GUIDANCE_YEARS = 2


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Note(models.Model):
    """A handler's note on a sign-up; the text is encrypted like the answers."""

    intake = models.ForeignKey("intake.Intake", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    text = EncryptedJSONField(_("note"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return f"{self.intake} – {self.created_at:%Y-%m-%d}"


class MatchPhase(models.TextChoices):
    SETTLING_IN = "settling_in", _("Settling in")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class MatchEndReason(models.TextChoices):
    GUIDANCE_COMPLETED = "guidance_completed", _("Guidance period completed")
    FAMILIES_STOPPED = "families_stopped", _("The families stopped")
    PARENT_STOPPED = "parent_stopped", _("The parents stopped")
    HOST_STOPPED = "host_stopped", _("The host family stopped")
    CHILD_PLACED = "child_placed", _("The child was placed elsewhere")
    MOVED = "moved", _("One of the families moved away")
    OTHER = "other", _("Other reason")


class Match(models.Model):
    """A parent's sign-up linked to a host family's: in one region, or out of region from the
    waitlist when the financing is found (`region` empty)."""

    parent = models.ForeignKey(
        "intake.Intake", on_delete=models.PROTECT, related_name="matches_as_parent", verbose_name=_("parent")
    )
    host_family = models.ForeignKey(
        "intake.Intake", on_delete=models.PROTECT, related_name="matches_as_host", verbose_name=_("host family")
    )
    region = models.ForeignKey(
        "intake.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matches",
        verbose_name=_("region"),
        help_text=_("Empty for a match outside the active regions."),
    )
    started_on = models.DateField(_("start date"))
    phase = models.CharField(_("phase"), max_length=20, choices=MatchPhase.choices, default=MatchPhase.SETTLING_IN)
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("reason it ended"), max_length=30, choices=MatchEndReason.choices, blank=True)
    financing_found = models.BooleanField(
        _("financing found"),
        default=False,
        help_text=_("Out of region only: the referrer has found the route to financing."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self):
        return f"{self.parent} ↔ {self.host_family}"

    @property
    def guidance_ends_on(self) -> datetime.date:
        """The end of the two years in which both families can turn to their professional."""
        return add_years(self.started_on, GUIDANCE_YEARS)

    @property
    def is_out_of_region(self) -> bool:
        return self.region_id is None


class YearTarget(models.Model):
    """How many matches a region (or, with no region, the out-of-region work) should start in a year."""

    region = models.ForeignKey(
        "intake.Region",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="year_targets",
        verbose_name=_("region"),
        help_text=_("Leave empty for the target of matches outside the active regions."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    matches = models.PositiveSmallIntegerField(_("matches to start"))

    class Meta:
        ordering = ["year", "region__name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="unique_target_per_region_year"),
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(region__isnull=True), name="unique_out_of_region_target_per_year"
            ),
        ]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")

    def __str__(self):
        return f"{self.region.name if self.region_id else _('Out of region')} {self.year}: {self.matches}"
