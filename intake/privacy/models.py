"""The waitlist question: "do you still want to wait?", asked by e-mail, answered without a login."""

import datetime
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_nonce():
    return secrets.token_urlsafe(16)


class WaitlistQuestion(models.Model):
    """One time a waitlist sign-up was asked whether it still wants to wait.

    The e-mail's link carries a signed token naming this row and its nonce (`intake.privacy.waitlist`);
    it works once, and until the answer period (counted from the day the e-mail was sent) is over."""

    class Answer(models.TextChoices):
        YES = "yes", _("Still wants to wait")
        NO = "no", _("No longer wants to wait")
        NO_ANSWER = "no_answer", _("Did not answer in time")

    intake = models.ForeignKey(
        "intake.Intake", on_delete=models.CASCADE, related_name="waitlist_questions", verbose_name=_("sign-up")
    )
    notification = models.OneToOneField(
        "intake.Notification",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waitlist_question",
        verbose_name=_("e-mail"),
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer_weeks = models.PositiveSmallIntegerField(_("weeks to answer"))
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("waitlist question")
        verbose_name_plural = _("waitlist questions")

    def __str__(self):
        return f"{self.intake} – {self.asked_at:%Y-%m-%d}"

    @property
    def sent_at(self):
        notification = self.notification
        return notification.sent_at if notification is not None else None

    @property
    def answer_by(self) -> datetime.date | None:
        """The first day on which the link no longer works (and the sign-up is closed unanswered):
        `answer_weeks` after the day the e-mail was sent. None while it has not been sent."""
        sent_at = self.sent_at
        if sent_at is None:
            return None
        return timezone.localdate(sent_at) + datetime.timedelta(weeks=self.answer_weeks)

    @property
    def is_open(self) -> bool:
        return not self.answer
