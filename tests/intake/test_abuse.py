"""Abuse: honeypot, rate limit, reCAPTCHA (Google unreachable keeps the sign-up), hostile text."""

from unittest import mock
from urllib.error import HTTPError, URLError

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_recaptcha.client import RecaptchaResponse

from intake.models import Intake, Notification, Role
from intake.signup import abuse

from . import signup_fixtures
from .signup_fixtures import (
    EN,
    NL,
    host_family_data,
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


# --- Rate limit ------------------------------------------------------------------------------
# The limit counts per time window; the clock stands still, so the posts of a test share one window.


@override_settings(INTAKE_RATE_LIMIT="2/m")
@pytest.mark.parametrize("language, message", [(NL, "Wacht even"), (EN, "Please wait a while")])
def test_rate_limit_per_address_per_form(client, page_url, stopped_clock, language, message):
    url = page_url(Role.PARENT, language)
    assert client.post(url, parent_data()).status_code == 302
    assert client.post(url, parent_data()).status_code == 302
    response = client.post(url, parent_data(name="Derde Poging"))
    html = html_of(response)
    assert response.status_code == 429
    assert response["Retry-After"]
    assert message in html
    assert 'value="Derde Poging"' in html  # nothing typed is lost
    assert "error-message" not in html  # not validated, so no field errors
    assert Intake.objects.count() == 2
    # Another form, or another address, is not limited.
    assert client.post(page_url(Role.HOST_FAMILY, language), host_family_data()).status_code == 302
    assert client.post(url, parent_data(), REMOTE_ADDR="192.0.2.77").status_code == 302


@override_settings(INTAKE_RATE_LIMIT="2/m")
def test_rate_limit_counts_garbage_too(client, page_url, stopped_clock):
    url = page_url(Role.PARENT, EN)
    client.post(url, {"name": "x"})
    client.post(url, {"name": "x"})
    assert client.post(url, parent_data()).status_code == 429


def test_a_broken_rate_limit_cache_never_blocks_a_sign_up(client, page_url):
    with mock.patch.object(abuse, "get_usage", side_effect=ConnectionError("redis is down")):
        assert client.post(page_url(Role.PARENT), parent_data()).status_code == 302
    with mock.patch.object(abuse, "get_usage", return_value={"count": 0, "limit": 0, "should_limit": True}):
        assert client.post(page_url(Role.PARENT), parent_data()).status_code == 302
    assert Intake.objects.count() == 2


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


@override_settings(**RECAPTCHA_KEYS, INTAKE_RATE_LIMIT="1/m")
def test_a_rate_limited_post_does_not_call_google(client, page_url, stopped_clock):
    with mock.patch(SUBMIT, return_value=RecaptchaResponse(is_valid=True)) as submit:
        client.post(page_url(Role.PARENT), parent_data(**{"g-recaptcha-response": "token"}))
        response = client.post(page_url(Role.PARENT), parent_data(**{"g-recaptcha-response": "token"}))
    assert response.status_code == 429
    assert submit.call_count == 1


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
