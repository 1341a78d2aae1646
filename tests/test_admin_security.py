"""The admin's security: login lockout with a cool-off, the second factor for everybody who may open
sign-ups, enrolment, recovery codes, idle sign-out, and no third party asked by admin pages."""

import re
from base64 import b32decode
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.clients import client_address
from tests.conftest import otp_login
from tests.factories import (
    CoordinatorFactory,
    EditorFactory,
    HandlerFactory,
    IntakeFactory,
    ProgramFactory,
    RegionFactory,
    SuperuserFactory,
)

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
VERIFY = "/admin/security/two-factor/"
SETUP = "/admin/security/two-factor/setup/"
PASSWORD = "the-right-password-42"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def code_for(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def code_from_secret(secret: str) -> str:
    """What an authenticator app computes from the key it was given (as shown on the enrolment page)."""
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra)


# --- Lockout and cool-off ---------------------------------------------------------------------------


def test_thirty_wrong_passwords_lock_the_account_until_the_cool_off_is_over(client, clock):
    SuperuserFactory(username="admin", password=PASSWORD)
    answers = [log_in(client, "admin", f"guess-{n}").status_code for n in range(30)]
    # The first ten are answered with the form again; from the limit on, the lock.
    assert answers[:9] == [200] * 9
    assert set(answers[10:]) == {429}
    locked = log_in(client, "admin", PASSWORD)
    assert locked.status_code == 429
    assert not signed_in(client)
    html = locked.content.decode()
    assert 'id="admin-lockout"' in html and "30 minuten" in html  # the admin's language: Dutch
    assert "Sign in to Wagtail" not in html and "<html" in html  # a page, not a bare 403 text
    # From another address, the account stays locked (locked by username too).
    assert log_in(Client(), "admin", PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 429

    clock.shift(timedelta(minutes=29))
    assert log_in(client, "admin", PASSWORD).status_code == 429
    clock.shift(timedelta(minutes=31))
    response = log_in(client, "admin", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert signed_in(client)
    # The password alone opens no admin page: a superuser enrols a second factor first.
    assert client.get("/admin/")["Location"].startswith(f"{SETUP}?next=")


@override_settings(LANGUAGE_CODE="en")
def test_the_lockout_page_speaks_the_admins_language(client):
    """Before signing in, the admin speaks the site's default language (like Wagtail's sign-in page)."""
    SuperuserFactory(username="admin", password=PASSWORD)
    for n in range(10):
        log_in(client, "admin", f"guess-{n}")
    html = log_in(client, "admin", PASSWORD).content.decode()
    assert "locked for 30 minutes" in html and "Sign-in locked for a while" in html


def test_a_locked_address_cannot_try_other_accounts(client):
    SuperuserFactory(username="admin", password=PASSWORD)
    EditorFactory(username="other", password=PASSWORD)
    for n in range(10):
        log_in(client, "admin", f"guess-{n}", REMOTE_ADDR="198.51.100.9")
    assert log_in(client, "other", PASSWORD, REMOTE_ADDR="198.51.100.9").status_code == 429
    assert log_in(Client(), "other", PASSWORD, REMOTE_ADDR="198.51.100.10").status_code == 302


def test_a_right_password_before_the_limit_resets_the_count(client):
    SuperuserFactory(username="admin", password=PASSWORD)
    for n in range(9):
        log_in(client, "admin", f"guess-{n}")
    assert log_in(client, "admin", PASSWORD).status_code == 302
    client.logout()
    for n in range(9):
        assert log_in(client, "admin", f"again-{n}").status_code == 200


def test_the_client_address_behind_trusted_proxies(rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_address(request) == "10.0.0.1"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(request) == "203.0.113.5"  # the client's own claim (6.6.6.6) is ignored
    with override_settings(TRUSTED_PROXY_COUNT=2):
        assert client_address(request) == "6.6.6.6"
        assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


# --- The second factor for everybody who may open sign-ups ------------------------------------------


@pytest.fixture
def workspace():
    meeleefgezin = ProgramFactory(meeleefgezin=True)
    lekstroom = RegionFactory(program=meeleefgezin, name="Lekstroom")
    intake = IntakeFactory(region=lekstroom, pc4="3431")
    return {
        "handler": HandlerFactory(username="lekstroom", regions=[lekstroom]),
        "coordinator": CoordinatorFactory(username="national", programs=[meeleefgezin]),
        "superuser": SuperuserFactory(username="root"),
        "intake": intake,
    }


def intake_admin_urls(intake):
    return [
        "/admin/",
        "/admin/intake/signups/",
        f"/admin/intake/signups/inspect/{intake.pk}/",
        "/admin/intake/regions/",
        "/admin/intake/municipalities/",
        "/admin/intake/postcodes/",
        "/admin/intake/notifications/",
        "/admin/intake/who-receives/?postcode=3431&role=parent",
        "/admin/pages/",
    ]


@pytest.mark.parametrize("who", ["handler", "coordinator", "superuser"])
def test_no_admin_page_before_the_second_factor(workspace, client, clock, who):
    user = workspace[who]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)  # the password step
    for url in intake_admin_urls(workspace["intake"]):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{VERIFY}?next="), url
    assert client.post("/admin/intake/signups/").status_code == 302
    page = client.get(VERIFY)
    assert page.status_code == 200 and 'name="token"' in page.content.decode()

    wrong = client.post(VERIFY, {"token": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "niet goed" in wrong.content.decode()
    assert client.get("/admin/intake/signups/").status_code == 302
    clock.shift(timedelta(seconds=31))  # past django-otp's throttle and into the next code
    response = client.post(VERIFY, {"token": code_for(device), "next": "/admin/intake/signups/"})
    assert response.status_code == 302 and response["Location"] == "/admin/intake/signups/"
    assert workspace["intake"].reference in client.get("/admin/intake/signups/").content.decode()
    assert client.get(f"/admin/intake/signups/inspect/{workspace['intake'].pk}/").status_code == 200


@pytest.mark.parametrize("who", ["handler", "coordinator", "superuser"])
def test_without_a_device_the_account_is_sent_to_enrol(workspace, client, who):
    client.force_login(workspace[who])
    for url in intake_admin_urls(workspace["intake"]):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{SETUP}?next="), url
    # Verifying without a device is not a way round it.
    assert client.get(VERIFY)["Location"].startswith(SETUP)


def test_enrolment_end_to_end_with_a_real_code(workspace, client, clock):
    client.force_login(workspace["handler"])
    start = client.get("/admin/intake/signups/")
    page = client.get(start["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'id="two-factor-qr"' in html  # the QR code, drawn on the server
    assert not re.search(r"""\bsrc=["'](https?:)?//""", html)  # nothing fetched from elsewhere
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', html).group(1)
    # The same key on a reload (an unconfirmed device is not replaced).
    assert secret in client.get(SETUP).content.decode()
    assert client.get("/admin/intake/signups/").status_code == 302  # not yet

    wrong = client.post(SETUP, {"token": "12345"})
    assert wrong.status_code == 200 and "niet goed" in wrong.content.decode()
    clock.shift(timedelta(seconds=31))
    done = client.post(SETUP, {"token": code_from_secret(secret), "next": "/admin/intake/signups/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "no-store" in done["Cache-Control"]
    assert TOTPDevice.objects.get(user=workspace["handler"]).confirmed
    assert client.get("/admin/intake/signups/").status_code == 200

    # Next sign-in: the verification step, not enrolment; the code just used cannot be replayed.
    again = Client()
    again.force_login(workspace["handler"])
    assert again.get("/admin/intake/signups/")["Location"].startswith(VERIFY)
    assert again.post(VERIFY, {"token": code_from_secret(secret)}).status_code == 200
    clock.shift(timedelta(seconds=31))
    assert again.post(VERIFY, {"token": code_from_secret(secret)}).status_code == 302
    assert again.get("/admin/intake/signups/").status_code == 200


def test_with_only_the_password_nobody_can_swap_in_their_own_device(workspace, client):
    user = workspace["handler"]
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"token": "123456"})["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"action": "new-recovery-codes"})["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert not StaticDevice.objects.filter(user=user).exists()


def test_a_recovery_code_works_once(workspace, clock):
    user = workspace["coordinator"]
    enrolling = otp_login(Client(), user)
    codes = re.findall(
        r"<li><code>([a-z2-7]+)</code></li>",
        enrolling.post(SETUP, {"action": "new-recovery-codes"}).content.decode(),
    )
    assert len(codes) == 10

    first = Client()
    first.force_login(user)
    response = first.post(VERIFY, {"token": codes[0].upper(), "next": "/admin/intake/signups/"})
    assert response.status_code == 302 and response["Location"] == "/admin/intake/signups/"
    assert first.get("/admin/intake/signups/").status_code == 200

    clock.shift(timedelta(minutes=5))
    second = Client()
    second.force_login(user)
    assert second.post(VERIFY, {"token": codes[0]}).status_code == 200  # used up
    assert second.get("/admin/intake/signups/").status_code == 302
    clock.shift(timedelta(minutes=5))
    assert second.post(VERIFY, {"token": codes[1]}).status_code == 302
    assert StaticDevice.objects.get(user=user).token_set.count() == 8


def test_new_recovery_codes_replace_the_old_ones(workspace, client):
    otp_login(client, workspace["handler"])
    old = re.findall(
        r"<code>([a-z2-7]+)</code>", client.post(SETUP, {"action": "new-recovery-codes"}).content.decode()
    )
    new = re.findall(
        r"<code>([a-z2-7]+)</code>", client.post(SETUP, {"action": "new-recovery-codes"}).content.decode()
    )
    tokens = set(StaticDevice.objects.get(user=workspace["handler"]).token_set.values_list("token", flat=True))
    assert tokens == set(new) and not tokens & set(old)
    # The session verified with the app stays verified.
    assert client.get("/admin/intake/signups/").status_code == 200


def test_the_step_only_returns_to_this_site(workspace, client, clock):
    device = TOTPDevice.objects.create(user=workspace["superuser"], name="phone", confirmed=True)
    client.force_login(workspace["superuser"])
    response = client.post(VERIFY, {"token": code_for(device), "next": "https://evil.example/admin/"})
    assert response["Location"] == "/admin/"


def test_an_editor_is_not_forced_but_may_enrol(client, clock):
    editor = EditorFactory(username="editor")
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert SETUP in account  # offered on the account page
    page = client.get(SETUP).content.decode()
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page).group(1)
    assert client.post(SETUP, {"token": code_from_secret(secret)}).status_code == 200
    # Once enrolled, the editor verifies at every sign-in too.
    later = Client()
    later.force_login(editor)
    assert later.get("/admin/")["Location"].startswith(VERIFY)


def test_reset_second_factor_makes_the_account_enrol_again(workspace, client):
    user = workspace["handler"]
    otp_login(Client(), user).post(SETUP, {"action": "new-recovery-codes"})
    out = StringIO()
    call_command("reset_second_factor", "lekstroom", stdout=out)
    assert "Removed 2" in out.getvalue()
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith(SETUP)


# --- Idle sign-out ------------------------------------------------------------------------------------


def test_a_signed_in_session_ends_after_thirty_idle_minutes(workspace, client, clock):
    otp_login(client, workspace["handler"])
    assert client.get("/admin/intake/signups/").status_code == 200
    clock.shift(timedelta(minutes=29))
    assert client.get("/admin/intake/signups/").status_code == 200  # activity: the clock starts again
    clock.shift(timedelta(minutes=29))
    assert client.get("/admin/").status_code == 200
    clock.shift(timedelta(minutes=31))
    response = client.get("/admin/intake/signups/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/intake/signups/"
    assert not signed_in(client)
    assert "zonder activiteit" in client.get(response["Location"]).content.decode()


@override_settings(STAFF_IDLE_TIMEOUT=timedelta(minutes=5))
def test_the_idle_time_is_a_setting_and_visitors_sessions_are_untouched(workspace, client, clock):
    visitor = Client()
    session = visitor.session
    session["a_visitors_choice"] = "nl"
    session.save()
    visitor.cookies["sessionid"] = session.session_key
    otp_login(client, workspace["handler"])
    client.get("/admin/")
    clock.shift(timedelta(minutes=6))
    assert client.get("/admin/")["Location"].startswith(LOGIN)
    visitor.get("/robots.txt")
    assert visitor.session["a_visitors_choice"] == "nl"


# --- No third party -------------------------------------------------------------------------------


def test_admin_pages_ask_no_third_party(workspace, client):
    otp_login(client, workspace["superuser"])
    workspace["superuser"].email = "root@example.org"
    workspace["superuser"].save()
    for url in ["/admin/", "/admin/account/", "/admin/users/", "/admin/intake/signups/"]:
        html = client.get(url).content.decode()
        assert "gravatar" not in html, url
        assert 'data-controller="w-upgrade' not in html, url  # the releases.wagtail.org update check
        assert not re.search(r"""\bsrc=["'](https?:)?//""", html), url
