"""A sign-up (intake): routing facts as plain columns, everything personal encrypted."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.encryption.fields import EncryptedJSONField
from intake.routing import vocabulary

# Crockford-style alphabet without look-alikes (no I, L, O, U, 0, 1).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference():
    """An unguessable, uncountable public reference such as 'MG-7K3Q-X9PD-R2TW' (~59 bits)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(12))
    return f"MG-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


def _choices(name, pairs):
    """TextChoices from the routing vocabulary's (value, label) pairs: the codes exist once."""
    return models.TextChoices(name, [(value.upper(), (value, label)) for value, label in pairs])


Role = _choices("Role", vocabulary.ROLE_CHOICES)
Outcome = _choices("Outcome", vocabulary.OUTCOME_CHOICES)


class Status(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    SCREENING = "screening", _("Screening")
    MATCHING = "matching", _("Matching")
    MATCHED = "matched", _("Matched")
    ON_HOLD = "on_hold", _("On hold")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


class ClosureReason(models.TextChoices):
    """Why a sign-up was closed (a closed sign-up always has one)."""

    NO_CONTACT = "no_contact", _("No contact could be made")
    WITHDRAWN = "withdrawn", _("Withdrew")
    NOT_SUITABLE = "not_suitable", _("Not suitable after screening")
    NO_MATCH = "no_match", _("No match could be found")
    MATCH_ENDED = "match_ended", _("Match ended")
    NO_LONGER_WAITING = "no_longer_waiting", _("No longer wants to wait")
    OTHER = "other", _("Other reason")


# Where the confirmation e-mail goes, per role (a key of `Intake.personal`).
CONFIRMATION_EMAIL_KEY = {
    vocabulary.PARENT: "email",
    vocabulary.HOST_FAMILY: "email",
    vocabulary.REFERRER: "work_email",
}


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
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    # Every status this sign-up has been in (codes), kept for the figures after anonymisation.
    statuses_reached = models.JSONField(_("statuses reached"), default=list, blank=True)
    closed_reason = models.CharField(_("reason for closing"), max_length=30, choices=ClosureReason.choices, blank=True)
    referred_to = models.ForeignKey(
        "programs.Program",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("referred to"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_intakes",
        verbose_name=_("assigned to"),
    )
    # The last time a handler was in touch (a status change or a note): retention counts from here.
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True)

    # Contact details, health-related answers and free text: encrypted at rest.
    personal = EncryptedJSONField(_("personal details"))

    consent_at = models.DateTimeField(_("consent given"))

    # The privacy life cycle (`intake.privacy`): once anonymised (by the retention run, or by an
    # erasure on request) only the stats-only record is left; an erasure also says when, by whom, why.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, db_index=True)
    erased_at = models.DateTimeField(_("erased on request"), null=True, blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("erased by"),
    )
    erasure_reason = models.CharField(_("reason for erasure"), max_length=300, blank=True)
    # Told that the sign-up does not fit (outcome "not eligible"), the person chose to be contacted
    # anyway: only then is such a sign-up stored, and this records when they agreed to it.
    contact_anyway_at = models.DateTimeField(
        _("asked to be contacted anyway"),
        null=True,
        blank=True,
        help_text=_("When the person, told that the sign-up does not fit, chose to have it stored and be contacted."),
    )
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

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def confirmation_email(self) -> str:
        """The address the person who signed up gave for the confirmation (decrypts `personal`)."""
        key = CONFIRMATION_EMAIL_KEY.get(self.role)
        personal = self.personal if isinstance(self.personal, dict) else {}
        value = personal.get(key, "") if key else ""
        return value if isinstance(value, str) else ""
