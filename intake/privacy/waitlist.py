"""Asking a waitlist sign-up whether it still wants to wait, and recording the answer.

The retention run (`intake.privacy.retention`) asks a waitlist sign-up a set time after it signed up
or was last in touch: it writes a `WaitlistQuestion` and an outbox row of kind WAITLIST_QUESTION,
which the outbox sends like its other e-mails (`build_message` is registered with the outbox). The
e-mail holds a link with a signed token, made for this purpose only (its own salt), naming the
question and its nonce: it needs no login, works once, and stops working when the answer period is
over. "Yes" is contact (it moves `last_contact_at`, so the question comes back a year later); "no"
closes the sign-up (reason: no longer waiting); no answer in time closes it too.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.models import Site

from intake.audit import actions as audit
from intake.outbox import delivery
from intake.outbox.models import Notification
from intake.outbox.tasks import deliver_when_committed
from intake.records.models import ClosureReason, Intake, Status
from intake.workspace.workflow import change_status

from .models import WaitlistQuestion

TOKEN_SALT = "intake.privacy.waitlist-question"
#: The statuses in which a waitlist sign-up is still waiting (and so is asked).
WAITING_STATUSES = (Status.NEW, Status.CONTACTED, Status.SCREENING, Status.MATCHING, Status.ON_HOLD)


class TokenError(Exception):
    """The link is not one of ours, or was changed."""


# --- Tokens --------------------------------------------------------------------------------------


def make_token(question: WaitlistQuestion) -> str:
    return signing.dumps({"q": question.pk, "n": question.nonce}, salt=TOKEN_SALT, compress=True)


def question_for_token(token: str) -> WaitlistQuestion:
    """The question a token names; `TokenError` when the token is not valid (forged, changed, or its
    question is gone, e.g. anonymised). Whether it may still be answered is the caller's to check."""
    if not isinstance(token, str) or not 0 < len(token) <= 300:
        raise TokenError
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature as exc:
        raise TokenError from exc
    if not isinstance(data, dict) or not isinstance(data.get("q"), int) or not isinstance(data.get("n"), str):
        raise TokenError
    question = (
        WaitlistQuestion.objects.select_related("intake", "notification").filter(pk=data["q"], nonce=data["n"]).first()
    )
    if question is None or question.intake.anonymised_at is not None:
        raise TokenError
    return question


def is_expired(question: WaitlistQuestion, now=None) -> bool:
    answer_by = question.answer_by
    return answer_by is None or timezone.localdate(now or timezone.now()) >= answer_by


# --- Asking --------------------------------------------------------------------------------------


def open_question(intake: Intake) -> WaitlistQuestion | None:
    return intake.waitlist_questions.filter(answer="").first()


def ask(intake: Intake, *, answer_weeks: int, now=None) -> WaitlistQuestion:
    """Queue the question for one sign-up (the outbox sends it)."""
    now = now or timezone.now()
    with transaction.atomic():
        notification = Notification.objects.create(
            intake=intake, kind=Notification.Kind.WAITLIST_QUESTION, created_at=now, next_attempt_at=now
        )
        question = WaitlistQuestion.objects.create(
            intake=intake, notification=notification, asked_at=now, answer_weeks=answer_weeks
        )
        audit.record(intake, audit.WAITLIST_ASKED, None, question=question.pk)
        deliver_when_committed([notification])
    return question


def public_url(path: str) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    base = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def answer_url(question: WaitlistQuestion) -> str:
    return public_url(reverse("waitlist_answer", args=[make_token(question)]))


def build_message(notification: Notification) -> EmailMessage:
    """The e-mail with the question, in the sign-up's language; nothing personal but the reference."""
    question = WaitlistQuestion.objects.filter(notification=notification).select_related("intake").first()
    intake = notification.intake
    address = intake.confirmation_email if question is not None and question.is_open else ""
    if not address:
        raise delivery.NoRecipientError("no address, or the question was answered or removed")
    language = intake.language or settings.LANGUAGE_CODE
    today = timezone.localdate()
    answer_by = today + datetime.timedelta(weeks=question.answer_weeks)
    last_day = answer_by - datetime.timedelta(days=1)
    with translation.override(language):
        context = {
            "reference": intake.reference,
            "role": intake.role,
            "signed_up_on": formats.date_format(timezone.localdate(intake.created_at), "j F Y"),
            "last_day": formats.date_format(last_day, "j F Y"),
            "answer_url": answer_url(question),
        }
        subject = " ".join(render_to_string("email/waitlist_question_subject.txt", context).split())
        body = render_to_string("email/waitlist_question_body.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )


delivery.register_message(Notification.Kind.WAITLIST_QUESTION, build_message)


# --- Answering -----------------------------------------------------------------------------------


def answer(question: WaitlistQuestion, value: str, *, now=None) -> None:
    """Record "yes" (keep waiting) or "no" (take me off: the sign-up is closed)."""
    if value not in (WaitlistQuestion.Answer.YES, WaitlistQuestion.Answer.NO):
        raise ValueError(value)
    now = now or timezone.now()
    with transaction.atomic():
        question = WaitlistQuestion.objects.select_for_update().get(pk=question.pk)
        if question.answer:
            return
        question.answer, question.answered_at = value, now
        question.save(update_fields=["answer", "answered_at"])
        intake = Intake.objects.select_for_update().get(pk=question.intake_id)
        audit.record(intake, audit.WAITLIST_ANSWERED, None, answer=value, question=question.pk)
        if value == WaitlistQuestion.Answer.NO and intake.status != Status.CLOSED:
            change_status(intake, Status.CLOSED, user=None, reason=ClosureReason.NO_LONGER_WAITING, now=now)
        else:
            intake.last_contact_at = now
            intake.save(update_fields=["last_contact_at"])


def close_unanswered(question: WaitlistQuestion, *, now=None) -> None:
    """The answer period is over without an answer: the sign-up is closed."""
    now = now or timezone.now()
    with transaction.atomic():
        question = WaitlistQuestion.objects.select_for_update().get(pk=question.pk)
        if question.answer:
            return
        question.answer, question.answered_at = WaitlistQuestion.Answer.NO_ANSWER, now
        question.save(update_fields=["answer", "answered_at"])
        intake = Intake.objects.select_for_update().get(pk=question.intake_id)
        audit.record(intake, audit.WAITLIST_ANSWERED, None, answer=WaitlistQuestion.Answer.NO_ANSWER)
        if intake.status != Status.CLOSED:
            change_status(intake, Status.CLOSED, user=None, reason=ClosureReason.NO_CONTACT, now=now)
