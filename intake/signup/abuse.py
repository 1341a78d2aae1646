"""Protection of the sign-up forms against abuse: a honeypot, a rate limit and (optional) reCAPTCHA.

None of these may ever cost a real person their sign-up:

- the honeypot is a visually hidden field that people never see; when it is filled in the form is
  refused with a generic message and shown again with everything typed kept;
- two rate limits per client address per form, in the cache: a loose one on every post and a
  tighter one on stored sign-ups only (typing mistakes never use it up); when one is reached the
  visitor gets a friendly 429 page that shows the form again with what they typed, says when to
  try again and gives a phone number instead; when the cache itself fails, the limits are skipped
  (fail open) rather than refusing everybody;
- reCAPTCHA is only added when both keys are configured; when Google cannot be reached while the
  answer is verified, the sign-up is kept and flagged (`Intake.recaptcha_unverified`) for a
  handler to check by hand, instead of being lost.
"""

import json
import logging
import math
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.error import URLError

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage
from django_recaptcha.fields import ReCaptchaField

from core.clients import client_address, rate_limit_key

from .captcha import CheckboxWidget

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"

# Everything that verifying with Google may raise when Google (or the network) is unreachable or
# answers with something that is not the expected JSON. HTTPError and timeouts are URLError/OSError.
UNREACHABLE_ERRORS = (URLError, OSError, socket.timeout, TimeoutError, ValueError, KeyError, json.JSONDecodeError)


# --- Honeypot --------------------------------------------------------------------------------


class HoneypotInput(forms.TextInput):
    """A text input that people never see or reach with the keyboard; bots fill it in."""

    def __init__(self, attrs=None):
        base = {"tabindex": "-1", "autocomplete": "off", "class": "form-honeypot__input"}
        super().__init__({**base, **(attrs or {})})


def honeypot_field():
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=HoneypotInput(),
    )


def honeypot_filled(data) -> bool:
    """True when the hidden honeypot field was filled in (only bots do that)."""
    try:
        value = data.get(HONEYPOT_FIELD, "")
    except AttributeError:
        return False
    return bool(value and str(value).strip())


# --- Rate limits -----------------------------------------------------------------------------
# Per client address (`clients.client_address`: behind the trusted proxies, the visitor's own) and
# per form, in the cache (django-ratelimit; Redis in production, shared by all workers):
#
# - ATTEMPTS (`INTAKE_ATTEMPT_LIMIT`): every post of the form counts, valid or not;
# - SIGN-UPS (`INTAKE_RATE_LIMIT`): only a sign-up that was stored counts, so a parent who makes
#   typing mistakes never runs into it.
#
# When the cache fails, or a request has no address, the limits are skipped (fail open).


@dataclass(frozen=True)
class Wait:
    """A limit was reached: the client may try again in `seconds`."""

    seconds: int

    @property
    def until(self) -> datetime:
        """When the client may try again, in the site's time zone, rounded up to the minute (the
        page shows hours and minutes, and must not send anyone back too early)."""
        moment = timezone.localtime() + timedelta(seconds=self.seconds)
        if moment.second or moment.microsecond:
            moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        return moment

    @property
    def same_day(self) -> bool:
        return self.until.date() == timezone.localdate()

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


def attempt_group(role: str) -> str:
    return f"intake-attempt:{role}"


def signup_group(role: str) -> str:
    return f"intake-signup:{role}"


def _usage(request, group: str, rate: str | None, *, increment: bool) -> dict | None:
    """django-ratelimit's usage of this client in `group`, or None when it cannot be known."""
    if not rate:
        return None
    try:
        address = client_address(request)
        if not address:
            return None
        key = rate_limit_key(address)
        usage = get_usage(request, group=group, key=lambda _group, _request: key, rate=rate, increment=increment)
    except Exception:  # noqa: BLE001 - a broken cache or proxy setting must not lose a sign-up
        logger.warning("Rate limit %s could not be checked; the request is let through.", group, exc_info=True)
        return None
    if usage is not None and usage.get("limit") == 0 and usage.get("count") == 0:
        # django-ratelimit's marker for "the cache did not answer": fail open.
        logger.warning("Rate limit cache did not answer for %s; the request is let through.", group)
        return None
    return usage


def _wait(usage: dict) -> Wait:
    return Wait(seconds=max(1, int(usage.get("time_left") or 0)))


def count_request(request, group: str, rate: str | None) -> Wait | None:
    """Count one request of this client in `group`; a `Wait` when it goes over the limit."""
    usage = _usage(request, group, rate, increment=True)
    if usage is not None and usage["should_limit"]:
        return _wait(usage)
    return None


def signup_wait(request, role: str) -> Wait | None:
    """Count this post as an attempt and look (without counting) at the stored sign-ups of this
    client on this form: a `Wait` when either limit is reached, the longer one when both are."""
    waits = []
    attempt = count_request(request, attempt_group(role), getattr(settings, "INTAKE_ATTEMPT_LIMIT", None))
    if attempt is not None:
        waits.append(attempt)
    signups = _usage(request, signup_group(role), getattr(settings, "INTAKE_RATE_LIMIT", None), increment=False)
    if signups is not None and signups["count"] >= signups["limit"]:
        waits.append(_wait(signups))
    return max(waits, key=lambda wait: wait.seconds) if waits else None


def count_signup(request, role: str) -> None:
    """Count one stored sign-up of this client on this form (after it was stored)."""
    _usage(request, signup_group(role), getattr(settings, "INTAKE_RATE_LIMIT", None), increment=True)


# --- reCAPTCHA -------------------------------------------------------------------------------


def recaptcha_enabled() -> bool:
    return bool(getattr(settings, "RECAPTCHA_PUBLIC_KEY", "") and getattr(settings, "RECAPTCHA_PRIVATE_KEY", ""))


class ResilientReCaptchaField(ReCaptchaField):
    """django-recaptcha's field, except that an unreachable Google keeps the sign-up.

    django-recaptcha turns only an `HTTPError` into a validation error ("please try again") and lets
    `URLError`, timeouts and bad JSON escape as a server error. Here every such failure marks the
    field `unverified` and lets the form through; the sign-up is stored with
    `recaptcha_unverified=True`. A real "no" from Google (a bot, an expired answer) still fails.
    """

    default_error_messages = {
        "required": _("Tick the box ‘I’m not a robot’."),
        "captcha_invalid": _("The check ‘I’m not a robot’ did not succeed. Tick the box again."),
        "captcha_error": _("The check ‘I’m not a robot’ did not succeed. Tick the box again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unverified = False

    def validate(self, value):
        self.unverified = False
        # The empty answer is a normal "required" error (no JavaScript, or the box not ticked).
        forms.CharField.validate(self, value)
        try:
            super().validate(value)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "captcha_error":  # HTTPError: Google answered 5xx etc.
                self._mark_unverified(exc)
                return
            raise
        except UNREACHABLE_ERRORS as exc:
            self._mark_unverified(exc)

    def _mark_unverified(self, exc):
        self.unverified = True
        logger.warning("reCAPTCHA could not be verified (%s); the sign-up is kept and flagged.", type(exc).__name__)


def recaptcha_field(language: str = "nl"):
    return ResilientReCaptchaField(
        label=_("Spam check"),
        widget=CheckboxWidget(api_params={"hl": language}),
    )
