"""Rate limits: per real visitor behind a configured proxy, accepted sign-ups apart from attempts,
a 429 page that helps, the routing API, and fail-open when the cache is down.

The limits count per time window; every test here runs on a stopped clock (time-machine), so all
posts of a test fall into one window and none can roll over.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django_recaptcha.client import RecaptchaResponse
from wagtail.models import Site

from core.clients import client_address, rate_limit_key
from core.models import ContactSettings
from intake.geography.models import Region
from intake.models import Intake, Role
from intake.signup import abuse

from . import signup_fixtures
from .signup_fixtures import EN, NL, host_family_data, parent_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stopped_clock")]

stopped_clock = signup_fixtures.stopped_clock
page_url = signup_fixtures.page_url

PROXY = "10.0.0.2"
VISITOR_A = "198.51.100.10"
VISITOR_B = "203.0.113.20"
API = "/api/routing/"
COLLECTIVE_PHONE = "030 111 2233"


def html_of(response):
    return response.content.decode()


def post(client, url, data, *, forwarded=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(url, data, **extra)


def invalid_parent_data():
    """A parent who forgot the consent and mistyped the postcode."""
    return parent_data(consent=None, postcode="34")


# --- The client address ----------------------------------------------------------------------


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "settings_, remote, forwarded, expected",
    [
        # No proxy configured: the header is a visitor's word and is ignored.
        ({}, VISITOR_A, VISITOR_B, VISITOR_A),
        # One proxy: the hop it added; whatever the visitor wrote in front is ignored.
        ({"TRUSTED_PROXY_COUNT": 1}, PROXY, VISITOR_A, VISITOR_A),
        ({"TRUSTED_PROXY_COUNT": 1}, PROXY, f"{VISITOR_B}, {VISITOR_A}", VISITOR_A),
        # Two proxies (an edge in front of the local one).
        ({"TRUSTED_PROXY_COUNT": 2}, PROXY, f"{VISITOR_B}, {VISITOR_A}, 192.0.2.1", VISITOR_A),
        # Too few hops for the configured proxies: not through them, the socket address counts.
        ({"TRUSTED_PROXY_COUNT": 1}, VISITOR_A, None, VISITOR_A),
        ({"TRUSTED_PROXY_COUNT": 2}, PROXY, VISITOR_A, PROXY),
        # Trusted proxy addresses: only a connection from them may forward an address.
        ({"TRUSTED_PROXIES": [PROXY]}, PROXY, f"{VISITOR_B}, {VISITOR_A}", VISITOR_A),
        ({"TRUSTED_PROXIES": ["10.0.0.0/8"]}, PROXY, VISITOR_A, VISITOR_A),
        ({"TRUSTED_PROXIES": [PROXY]}, VISITOR_B, VISITOR_A, VISITOR_B),
        # Garbage in the header never turns into an address.
        ({"TRUSTED_PROXY_COUNT": 1}, PROXY, "not-an-address", PROXY),
        ({"TRUSTED_PROXY_COUNT": 1}, PROXY, f"nonsense, {VISITOR_A}", VISITOR_A),
    ],
)
def test_client_address(settings_, remote, forwarded, expected):
    with override_settings(**settings_):
        assert client_address(request_from(remote, forwarded)) == expected


def test_ipv6_visitors_share_a_bucket_per_64_and_ipv4_mapped_addresses_are_ipv4():
    assert rate_limit_key("2001:db8:1:2:aaaa::1") == rate_limit_key("2001:db8:1:2:bbbb::2") == "2001:db8:1:2::/64"
    assert rate_limit_key("2001:db8:1:3::1") != rate_limit_key("2001:db8:1:2::1")
    assert rate_limit_key("::ffff:198.51.100.10") == VISITOR_A
    assert rate_limit_key(VISITOR_A) == VISITOR_A


@override_settings(TRUSTED_PROXIES=["10.0.0.0/33"])
def test_an_unusable_proxy_setting_stops_the_deploy():
    with pytest.raises(SystemCheckError, match="core.E001"):
        call_command("check", verbosity=0)


# --- Buckets: per visitor behind the proxy, never by a forged header --------------------------


@override_settings(TRUSTED_PROXY_COUNT=1, INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="60/h")
def test_behind_the_proxy_two_visitors_do_not_share_a_bucket(client, page_url):
    url = page_url(Role.PARENT, EN)
    assert post(client, url, parent_data(), forwarded=VISITOR_A).status_code == 302
    assert post(client, url, parent_data(), forwarded=VISITOR_B).status_code == 302
    # Visitor A used up their own bucket; writing another address in front does not help.
    assert post(client, url, parent_data(), forwarded=VISITOR_A).status_code == 429
    assert post(client, url, parent_data(), forwarded=f"{VISITOR_B}, {VISITOR_A}").status_code == 429
    assert Intake.objects.count() == 2


@override_settings(INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="60/h")
def test_without_a_configured_proxy_a_forged_header_does_not_change_the_bucket(client, page_url):
    url = page_url(Role.PARENT, EN)
    assert post(client, url, parent_data(), forwarded=VISITOR_A, remote=VISITOR_B).status_code == 302
    assert post(client, url, parent_data(), forwarded="192.0.2.99", remote=VISITOR_B).status_code == 429
    # The socket address is what counts: another one has its own bucket.
    assert post(client, url, parent_data(), forwarded=VISITOR_B, remote=VISITOR_A).status_code == 302


@override_settings(TRUSTED_PROXIES=[PROXY], INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="60/h")
def test_a_header_from_outside_the_trusted_proxies_does_not_change_the_bucket(client, page_url):
    url = page_url(Role.PARENT, EN)
    assert post(client, url, parent_data(), forwarded=VISITOR_A, remote=VISITOR_B).status_code == 302
    assert post(client, url, parent_data(), forwarded="192.0.2.99", remote=VISITOR_B).status_code == 429
    # Through the proxy, visitor A still has a bucket of their own.
    assert post(client, url, parent_data(), forwarded=VISITOR_A).status_code == 302


@override_settings(INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="60/h")
def test_each_form_has_its_own_limit(client, page_url):
    assert post(client, page_url(Role.PARENT), parent_data()).status_code == 302
    assert post(client, page_url(Role.PARENT), parent_data()).status_code == 429
    assert post(client, page_url(Role.HOST_FAMILY), host_family_data()).status_code == 302


# --- Accepted sign-ups and attempts ----------------------------------------------------------


@override_settings(INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="60/h")
def test_typing_mistakes_do_not_use_up_the_sign_up_limit(client, page_url):
    url = page_url(Role.PARENT, EN)
    for _attempt in range(5):
        response = post(client, url, invalid_parent_data())
        assert response.status_code == 200
        assert "error-message" in html_of(response)
    assert post(client, url, parent_data()).status_code == 302
    # That was the one accepted sign-up allowed in this window.
    assert post(client, url, parent_data()).status_code == 429
    assert Intake.objects.count() == 1


@override_settings(INTAKE_RATE_LIMIT="10/h", INTAKE_ATTEMPT_LIMIT="3/h")
def test_every_post_counts_towards_the_attempt_limit(client, page_url):
    url = page_url(Role.PARENT, EN)
    for _attempt in range(3):
        assert post(client, url, invalid_parent_data()).status_code == 200
    response = post(client, url, parent_data(name="Vierde Poging"))
    assert response.status_code == 429
    assert 'value="Vierde Poging"' in html_of(response)
    assert Intake.objects.count() == 0


@override_settings(INTAKE_RATE_LIMIT="2/h", INTAKE_ATTEMPT_LIMIT="3/h")
def test_honeypot_posts_are_attempts_too(client, page_url):
    url = page_url(Role.PARENT, EN)
    for _attempt in range(3):
        assert post(client, url, parent_data(website="http://spam.example")).status_code == 400
    assert post(client, url, parent_data()).status_code == 429


@override_settings(
    INTAKE_RATE_LIMIT="1/h",
    INTAKE_ATTEMPT_LIMIT="60/h",
    RECAPTCHA_PUBLIC_KEY="public-test-key",
    RECAPTCHA_PRIVATE_KEY="private-test-key",
)
def test_a_rate_limited_post_does_not_call_google(client, page_url):
    data = parent_data(**{"g-recaptcha-response": "token"})
    with mock.patch("django_recaptcha.client.submit", return_value=RecaptchaResponse(is_valid=True)) as submit:
        assert client.post(page_url(Role.PARENT), data).status_code == 302
        response = client.post(page_url(Role.PARENT), data)
    assert response.status_code == 429
    assert submit.call_count == 1  # the 429 page routes what was typed without the spam check


# --- The 429 page ----------------------------------------------------------------------------


@pytest.fixture
def collective_phone(page_url):
    """The collective's phone number in the contact settings of the site the pages live on."""
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.organisation_name = "Stichting MeeleefGezin"
    contact.phone = COLLECTIVE_PHONE
    contact.save()
    return COLLECTIVE_PHONE


def lekstroom_phone():
    return Region.objects.get(program__code="meeleefgezin", name="Lekstroom").contact_phone


def rate_limited(client, url, data):
    """Post once (accepted), then again: the 429 page."""
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 429
    return response


@override_settings(INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="60/h")
@pytest.mark.parametrize(
    "language, title, retry, call",
    [
        (NL, "Wacht even", "Je kunt het vanaf {time} opnieuw versturen", "Bel MeeleefGezin Lekstroom"),
        (EN, "Please wait a while", "You can send it again from {time}", "Call MeeleefGezin Lekstroom"),
    ],
)
def test_the_wait_page_keeps_the_data_says_when_and_gives_the_regions_phone(
    client, page_url, collective_phone, stopped_clock, language, title, retry, call
):
    response = rate_limited(client, page_url(Role.PARENT, language), parent_data(name="Tweede Poging"))
    html = html_of(response)
    seconds = int(response["Retry-After"])
    assert 0 < seconds <= 3600
    # The time shown is rounded up to the minute: never too early.
    again = timezone.localtime(stopped_clock + timedelta(seconds=seconds + 59))
    assert title in html
    assert retry.format(time=again.strftime("%H:%M")) in html
    phone = lekstroom_phone()
    assert phone and call in html
    assert f'href="tel:{phone.replace(" ", "")}"' in html
    assert collective_phone not in html.split('id="rate-limit-phone"')[1].split("</p>")[0]
    # Nothing typed is lost, nothing was validated, and nothing more was stored.
    assert 'value="Tweede Poging"' in html and 'value="3431 AB"' in html
    assert "error-message" not in html
    assert Intake.objects.count() == 1


@override_settings(INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="60/h")
@pytest.mark.parametrize("language, call", [(NL, "Bel Stichting MeeleefGezin"), (EN, "Call Stichting MeeleefGezin")])
def test_without_a_region_the_wait_page_gives_the_collectives_phone(
    client, page_url, collective_phone, language, call
):
    # Zeist (3701) has no active MeeleefGezin region: the sign-up would go to the central waitlist.
    response = rate_limited(client, page_url(Role.HOST_FAMILY, language), host_family_data(postcode="3701"))
    html = html_of(response)
    assert call in html and COLLECTIVE_PHONE in html
    assert lekstroom_phone() not in html


@override_settings(INTAKE_RATE_LIMIT="10/h", INTAKE_ATTEMPT_LIMIT="1/h")
def test_with_facts_that_do_not_route_the_wait_page_gives_the_collectives_phone(client, page_url, collective_phone):
    url = page_url(Role.PARENT, EN)
    post(client, url, invalid_parent_data())
    html = html_of(post(client, url, parent_data(postcode="no idea", name="Derde Poging")))
    assert "Call Stichting MeeleefGezin" in html and COLLECTIVE_PHONE in html
    assert 'value="no idea"' in html and 'value="Derde Poging"' in html


@override_settings(INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="60/h")
def test_the_wait_page_has_no_phone_line_when_nobody_has_a_number(client, page_url):
    html = html_of(rate_limited(client, page_url(Role.HOST_FAMILY, EN), host_family_data(postcode="3701")))
    assert "Please wait a while" in html
    assert 'id="rate-limit-phone"' not in html


# --- Fail open -------------------------------------------------------------------------------

BROKEN_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Nothing listens on port 1: every call raises redis' ConnectionError, as when Redis is down.
    "down": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient", "SOCKET_CONNECT_TIMEOUT": 1},
    },
}


@override_settings(
    CACHES=BROKEN_REDIS, RATELIMIT_USE_CACHE="down", INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="1/h"
)
def test_a_cache_that_raises_never_blocks_a_sign_up_or_the_api(client, page_url):
    url = page_url(Role.PARENT, EN)
    for _attempt in range(3):
        assert client.post(url, parent_data()).status_code == 302
    assert Intake.objects.count() == 3
    with override_settings(ROUTING_API_RATE_LIMIT="1/h"):
        for _attempt in range(2):
            assert client.post(API, {"postcode": "3991", "role": "host_family"}).status_code == 200


@override_settings(INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="1/h")
def test_a_cache_that_does_not_answer_never_blocks_a_sign_up(client, page_url):
    # django-ratelimit's answer when the cache returned nothing (e.g. memcached down).
    no_answer = {"count": 0, "limit": 0, "should_limit": True, "time_left": -1}
    with mock.patch.object(abuse, "get_usage", return_value=no_answer):
        for _attempt in range(2):
            assert client.post(page_url(Role.PARENT), parent_data()).status_code == 302
    assert Intake.objects.count() == 2


@override_settings(INTAKE_RATE_LIMIT="1/h", INTAKE_ATTEMPT_LIMIT="1/h", TRUSTED_PROXY_COUNT=-1)
def test_a_broken_proxy_setting_never_blocks_a_sign_up(client, page_url):
    for _attempt in range(2):
        assert client.post(page_url(Role.PARENT), parent_data()).status_code == 302


# --- The routing API -------------------------------------------------------------------------


@override_settings(TRUSTED_PROXY_COUNT=1, ROUTING_API_RATE_LIMIT="2/h")
@pytest.mark.parametrize(
    "language, message", [("nl", "Te veel verzoeken van jouw adres"), ("en", "Too many requests from your address")]
)
def test_the_routing_api_answers_429_with_retry_after_per_client(client, page_url, language, message):
    query = {"postcode": "3991", "role": "host_family", "lang": language}
    for _attempt in range(2):
        assert client.post(API, query, HTTP_X_FORWARDED_FOR=VISITOR_A, REMOTE_ADDR=PROXY).status_code == 200
    response = client.post(API, query, HTTP_X_FORWARDED_FOR=VISITOR_A, REMOTE_ADDR=PROXY)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response["Content-Language"] == language
    assert 0 < int(response["Retry-After"]) <= 3600
    assert response.json()["errors"]["rate_limit"][0].startswith(message)
    # Bad requests count too, and another visitor behind the same proxy is not limited.
    assert client.post(API, {"role": "nonsense"}, HTTP_X_FORWARDED_FOR=VISITOR_A, REMOTE_ADDR=PROXY).status_code == 429
    # A GET (refused: the facts belong in the body) counts as well.
    assert client.get(API, HTTP_X_FORWARDED_FOR=VISITOR_A, REMOTE_ADDR=PROXY).status_code == 429
    assert client.post(API, query, HTTP_X_FORWARDED_FOR=VISITOR_B, REMOTE_ADDR=PROXY).status_code == 200
