"""Signing in to the admin in a browser test, the way a handler does it.

The first sign-in of an account that may open sign-ups enrols an authenticator app: the key shown on
the page gives the code, as it would to the app, and the recovery codes are shown once. What a person
would keep (the key in the app, the recovery codes on paper) is kept here for the rest of the test
session, so a later test signs the same account in again with a recovery code — in whatever order
the tests run. (Not with a second code from the app: a code is accepted once, and two tests within
the same 30 seconds would get the same one.)
"""

import re

from playwright.sync_api import expect

from tests.test_admin_security import code_from_secret

# (server, username) -> the recovery codes not used yet.
_KEPT: dict[tuple[str, str], list[str]] = {}

SETUP_URL = re.compile(r"/admin/security/two-factor/setup/")
VERIFY_URL = re.compile(r"/admin/security/two-factor/(\?|$)")


def _server(page):
    match = re.match(r"https?://[^/]+", page.url)
    return match.group(0) if match else ""


def _enrol(page, username):
    secret = page.locator("#two-factor-secret").inner_text()
    page.fill("input[name=token]", code_from_secret(secret))
    page.get_by_role("button", name=re.compile("tweestapsverificatie|two-factor", re.I)).click()
    codes = page.locator("#recovery-codes code")
    expect(codes.first).to_be_visible()  # the recovery codes, shown once
    _KEPT[(_server(page), username)] = [code.strip() for code in codes.all_inner_texts()]
    page.get_by_role("link", name=re.compile("continue|verder", re.I)).click()


def sign_in(page, username, password):
    """Sign in with the password and the second factor: enrol at the first sign-in, else a recovery code."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/admin/login/"))
    if SETUP_URL.search(page.url):
        _enrol(page, username)
    elif VERIFY_URL.search(page.url):
        kept = _KEPT.get((_server(page), username))
        assert kept, f"{username} enrolled an authenticator outside this test session"
        page.fill("input[name=token]", kept.pop(0))
        page.locator("form.login-form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/admin/(login|security)/"))
