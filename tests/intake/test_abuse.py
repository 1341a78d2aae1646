"""Abuse: honeypot, reCAPTCHA (Google unreachable keeps the sign-up), hostile text."""

from unittest import mock
from urllib.error import HTTPError, URLError

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_recaptcha.client import RecaptchaResponse

from intake.models import Intake, Notification, Role

from . import signup_fixtures
from .signup_fixtures import (
    EN,
    parent_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

# Fixtures shared by the sign-up tests.
signup_pages = signup_fixtures.signup_pages
page_url = signup_fixtures.page_url
frozen_today = signup_fixtures.frozen_today
stopped_clock = signup_fixtures.stopped_clock

RECAPTCHA_KEYS = {"RECAPTCHA_PUBLIC_KEY": "public-test-key", "RECAPTCHA_PRIVATE_KEY": "private-test-key"}
SUBMIT = "django_recaptcha.client.submit"


def html_of(response):
    return response.content.decode()


# --- Honeypot --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.PARENT, Role.HOST_FAMILY, Role.REFERRER])
def test_filled_honeypot_is_refused_without_storing(client, page_url, role):
    from .signup_fixtures import DATA

    data = DATA[role](website="http://spam.example")
    response = client.post(page_url(role, EN), data)
    html = html_of(response)
    assert response.status_code == 400
    assert Intake.objects.count() == 0 and Notification.objects.count() == 0
    assert "Your sign-up could not be sent" in html
    assert 'role="alert"' in html
    # A person whose browser filled it by mistake loses nothing: the data is kept, the trap emptied.
    assert 'value="3431 AB"' in html or 'value="3991"' in html or 'value="3401"' in html
    assert "spam.example" not in html


def test_whitespace_in_the_honeypot_is_not_a_bot(client, page_url):
    response = client.post(page_url(Role.PARENT), parent_data(website="  "))
    assert response.status_code == 302


# The rate limits are tested in test_rate_limits.py.


# --- reCAPTCHA -------------------------------------------------------------------------------


def test_no_recaptcha_without_keys(client, page_url):
    html = html_of(client.get(page_url(Role.PARENT)))
    assert "g-recaptcha" not in html and "google.com/recaptcha" not in html


@override_settings(**RECAPTCHA_KEYS)
def test_recaptcha_is_added_when_configured(client, page_url):
    html = html_of(client.get(page_url(Role.PARENT, EN)))
    assert "g-recaptcha" in html and "public-test-key" in html and "hl=en" in html


@override_settings(**RECAPTCHA_KEYS)
@pytest.mark.parametrize(
    "failure",
    [
        URLError("Temporary failure in name resolution"),
        HTTPError("https://www.google.com/recaptcha/api/siteverify", 503, "Unavailable", {}, None),
        TimeoutError("timed out"),
        TimeoutError(),
        ConnectionResetError(104, "reset"),
        ValueError("not json"),
    ],
)
def test_google_unreachable_keeps_and_flags_the_sign_up(client, page_url, failure):
    with mock.patch(SUBMIT, side_effect=failure) as submit:
        response = client.post(page_url(Role.PARENT, EN), parent_data(**{"g-recaptcha-response": "token"}))
    assert submit.called
    assert response.status_code == 302
    intake = Intake.objects.get()
    assert intake.recaptcha_unverified is True
    assert client.get(response["Location"]).status_code == 200
    call_command("send_notifications", verbosity=0)
    handlers = next(m for m in mail.outbox if "lekstroom@" in " ".join(m.to))
    assert "spam" in handlers.body.lower()


@override_settings(**RECAPTCHA_KEYS)
def test_a_verified_recaptcha_is_not_flagged(client, page_url):
    with mock.patch(SUBMIT, return_value=RecaptchaResponse(is_valid=True)):
        response = client.post(page_url(Role.PARENT), parent_data(**{"g-recaptcha-response": "token"}))
    assert response.status_code == 302
    assert Intake.objects.get().recaptcha_unverified is False


@override_settings(**RECAPTCHA_KEYS)
def test_a_failed_recaptcha_is_an_error_and_keeps_the_data(client, page_url):
    with mock.patch(SUBMIT, return_value=RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"])):
        response = client.post(page_url(Role.PARENT, EN), parent_data(**{"g-recaptcha-response": "bot"}))
    html = html_of(response)
    assert response.status_code == 200
    assert "did not succeed" in html
    assert 'value="Sanne de Vries"' in html
    assert Intake.objects.count() == 0


@override_settings(**RECAPTCHA_KEYS)
def test_an_unticked_recaptcha_is_an_error(client, page_url):
    with mock.patch(SUBMIT) as submit:
        response = client.post(page_url(Role.PARENT, EN), parent_data())
    assert not submit.called
    assert "I’m not a robot" in html_of(response)
    assert Intake.objects.count() == 0


# --- Hostile text ----------------------------------------------------------------------------

SCRIPT = '<script>alert("x")</script>'


def _scripted(data):
    return {
        key: (SCRIPT + value if isinstance(value, str) and key not in _STRUCTURED else value)
        for key, value in data.items()
    }


_STRUCTURED = {
    "postcode",
    "email",
    "work_email",
    "parent_email",
    "phone",
    "work_phone",
    "parent_phone",
    "preferred_contact",
    "support",
    "profession",
    "consent",
    "parents_agreed",
    "read_requirements",
    "child_date_day",
    "child_date_month",
    "child_date_year",
}


@pytest.mark.parametrize("role", [Role.PARENT, Role.HOST_FAMILY, Role.REFERRER])
def test_script_tags_are_escaped_everywhere(client, page_url, admin_client, role):
    from .signup_fixtures import DATA

    url = page_url(role, EN)
    # Script tags in every field: the structured ones are refused, and the refusal escapes them.
    everything = dict.fromkeys(DATA[role](), SCRIPT)
    html = html_of(client.post(url, everything))
    assert SCRIPT not in html and "&lt;script&gt;" in html

    # Script tags in every free-text field: stored, and escaped on the thanks page and in the admin.
    response = client.post(url, _scripted(DATA[role]()))
    assert response.status_code == 302, html_of(response)[:2000]
    thanks = html_of(client.get(response["Location"]))
    assert SCRIPT not in thanks
    intake = Intake.objects.get()
    detail = html_of(admin_client.get(f"/admin/intake/signups/inspect/{intake.pk}/"))
    assert SCRIPT not in detail
    assert "&lt;script&gt;" in detail
    listing = html_of(admin_client.get("/admin/intake/signups/"))
    assert SCRIPT not in listing
