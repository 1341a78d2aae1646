"""Protection of the sign-up forms against abuse: a honeypot, a rate limit and (optional) reCAPTCHA.

None of these may ever cost a real person their sign-up:

- the honeypot is a visually hidden field that people never see; when it is filled in the form is
  refused with a generic message and shown again with everything typed kept;
- the rate limit counts sign-up attempts per client address per form in the cache; when it is
  reached the visitor gets a friendly 429 page that shows the form again with what they typed;
  when the cache itself fails, the limit is skipped (fail open) rather than refusing everybody;
- reCAPTCHA is only added when both keys are configured; when Google cannot be reached while the
  answer is verified, the sign-up is kept and flagged (`Intake.recaptcha_unverified`) for a
  handler to check by hand, instead of being lost.
"""

import json
import logging
import socket
from urllib.error import URLError

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage
from django_recaptcha.fields import ReCaptchaField

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


# --- Rate limit ------------------------------------------------------------------------------


def rate_limit_group(role: str) -> str:
    return f"intake-signup:{role}"


def is_rate_limited(request, role: str) -> bool:
    """Count one sign-up attempt of this client address on this form; True when over the limit.

    Uses django-ratelimit (cache-backed). A cache that fails, or a request without a client
    address, never blocks a sign-up.
    """
    rate = getattr(settings, "INTAKE_RATE_LIMIT", None)
    if not rate:
        return False
    try:
        usage = get_usage(request, group=rate_limit_group(role), key="ip", rate=rate, increment=True)
    except Exception:  # noqa: BLE001 - a broken cache or missing REMOTE_ADDR must not lose a sign-up
        logger.warning("Rate limit could not be checked; the sign-up is let through.", exc_info=True)
        return False
    if usage is None:
        return False
    if usage.get("limit") == 0 and usage.get("count") == 0:
        # django-ratelimit's marker for "the cache did not answer": fail open.
        logger.warning("Rate limit cache did not answer; the sign-up is let through.")
        return False
    return bool(usage["should_limit"])


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
