"""The outbox: e-mails about sign-ups that are sent outside the request."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.records.models import Intake


class Notification(models.Model):
    """An e-mail to send outside the request (outbox). Holds no personal data: the recipient and
    body are worked out when it is sent, from the sign-up and its region."""

    class Kind(models.TextChoices):
        HANDLERS = "handlers", _("Notice to handlers")
        CONFIRMATION = "confirmation", _("Confirmation to the person who signed up")
        WAITLIST_QUESTION = "waitlist_question", _("Question: still waiting?")
        REROUTED = "rerouted", _("Notice to handlers: moved from the waitlist")

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
        constraints = [
            # One notice and one confirmation per sign-up; the waitlist question may be asked again
            # a year after a "yes" (intake.privacy.waitlist).
            models.UniqueConstraint(
                fields=["intake", "kind"],
                condition=~models.Q(kind="waitlist_question"),
                name="one_notification_per_kind",
            )
        ]
        verbose_name = _("e-mail notification")
        verbose_name_plural = _("e-mail notifications")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.intake.reference} ({self.state})"
