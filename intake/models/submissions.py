"""Sign-ups (intakes) and their outgoing notifications."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fields import EncryptedJSONField

# Crockford-style alphabet without look-alikes (no I, L, O, U, 0, 1).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference():
    """An unguessable, uncountable public reference such as 'MG-7K3Q-X9PD-R2TW' (~59 bits)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(12))
    return f"MG-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


class Role(models.TextChoices):
    PARENT = "parent", _("Parent")
    HOST_FAMILY = "host_family", _("Host family")
    REFERRER = "referrer", _("Referrer")


class Outcome(models.TextChoices):
    REGION = "region", _("Region")
    WAITLIST = "waitlist", _("Central waitlist")
    PARTNER = "partner", _("Partner program")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


class Status(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    SCREENING = "screening", _("Screening")
    MATCHING = "matching", _("Matching")
    MATCHED = "matched", _("Matched")
    ON_HOLD = "on_hold", _("On hold")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


class Intake(models.Model):
    """One sign-up. Routing facts are plain columns; everything personal is in `personal`, encrypted."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, default=new_reference, editable=False)
    role = models.CharField(_("form"), max_length=20, choices=Role.choices)
    language = models.CharField(_("language"), max_length=5, default="nl")
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    # Where it was routed (data, not only an e-mail address).
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    program = models.ForeignKey(
        "programs.Program",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intakes",
        verbose_name=_("program"),
    )
    region = models.ForeignKey(
        "intake.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intakes",
        verbose_name=_("region"),
    )
    municipality = models.ForeignKey(
        "intake.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intakes",
        verbose_name=_("municipality"),
    )
    pc4 = models.CharField(
        _("postcode (4 digits)"),
        max_length=4,
        blank=True,
        help_text=_("Only the four digits, for demand statistics."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)

    # Contact details, health-related answers and free text: encrypted at rest.
    personal = EncryptedJSONField(_("personal details"))

    consent_at = models.DateTimeField(_("consent given"))
    recaptcha_unverified = models.BooleanField(
        _("spam check not verified"),
        default=False,
        help_text=_("The spam check could not be reached when this was sent; check by hand."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")

    def __str__(self):
        return self.reference


class Notification(models.Model):
    """An e-mail to send outside the request (outbox). Holds no personal data: the recipient and
    body are worked out when it is sent, from the sign-up and its region."""

    class Kind(models.TextChoices):
        HANDLERS = "handlers", _("Notice to handlers")
        CONFIRMATION = "confirmation", _("Confirmation to the person who signed up")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    intake = models.ForeignKey(
        Intake, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("sign-up")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["intake", "kind"], name="one_notification_per_kind")]
        verbose_name = _("e-mail notification")
        verbose_name_plural = _("e-mail notifications")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.intake.reference} ({self.state})"
