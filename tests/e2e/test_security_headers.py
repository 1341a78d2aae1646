"""The Content-Security-Policy blocks nothing the site needs: pages, the live answer, admin previews.

Chromium reports every blocked script, style, frame or request as a `securitypolicyviolation`
event and as a console message; both are collected from before the first script runs.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.test_admin_security import code_from_secret

from .test_find_support import fill_sanne

pytestmark = pytest.mark.browser

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""
POLICY_MESSAGE = re.compile(r"Content.Security.Policy|Permissions.Policy|Refused to", re.IGNORECASE)


@pytest.fixture
def watched(browser, live_site):
    """A desktop page that records CSP violations and policy errors on the console."""
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    yield page
    context.close()


def violations(page, frame=None):
    """What the policy blocked in the page (or one of its frames), and what the console said about it."""
    blocked = (frame or page).evaluate("window.__cspViolations || []")
    return blocked + [text for text in page.console_messages if POLICY_MESSAGE.search(text)]


@pytest.mark.parametrize("path", ["/", "/en/", "/voor-ouders/aanmelden/", "/en/for-host-families/sign-up/"])
def test_no_policy_violation_on_the_page(watched, path):
    response = watched.goto(path)
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    expect(watched.get_by_role("heading", level=1)).to_have_count(1)
    watched.wait_for_load_state("load")
    assert violations(watched) == []


def test_no_policy_violation_on_find_support_with_the_live_answer(watched):
    watched.goto("/steun-zoeken/")
    fill_sanne(watched)  # the script fetches the answer and puts the fragment in the page
    expect(watched.locator("[data-result] .find-support__headline")).to_have_text(re.compile("MeeleefGezin Lekstroom"))
    assert violations(watched) == []


def test_the_admin_preview_panel_shows_the_page_without_violations(watched):
    watched.goto("/admin/login/")
    watched.fill("input[name=username]", "admin")
    watched.fill("input[name=password]", "changeme-demo")
    watched.locator("form button[type=submit]").click()
    # The admin may open sign-ups, so it enrols an authenticator app first, as a new user would:
    # the key shown on the page gives the code.
    expect(watched).to_have_url(re.compile(r"/admin/security/two-factor/setup/"))
    secret = watched.locator("#two-factor-secret").inner_text()
    watched.fill("input[name=token]", code_from_secret(secret))
    watched.get_by_role("button", name=re.compile("tweestapsverificatie|two-factor", re.I)).click()
    expect(watched.locator("code").first).to_be_visible()  # the recovery codes, shown once

    watched.goto("/admin/pages/")
    watched.get_by_role("link", name="MeeleefGezin", exact=True).first.click()
    edit = watched.locator("a[href$='/edit/']").first
    watched.goto(edit.get_attribute("href"))
    expect(watched.locator("form[data-edit-form], form#page-edit-form").first).to_be_visible()

    watched.locator("[data-side-panel-toggle=preview]").click()
    frame_element = watched.locator("#w-preview-iframe")
    expect(frame_element).to_be_visible()
    preview = watched.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_count(1, timeout=15000)
    expect(preview.locator("main")).to_be_visible()

    frame = frame_element.element_handle().content_frame()
    assert violations(watched, frame) == []
    assert violations(watched) == []

    # The image library's upload page works under the admin's policy too.
    watched.goto("/admin/images/multiple/add/")
    expect(watched.locator("input[type=file]").first).to_be_attached()
    watched.wait_for_load_state("load")
    assert violations(watched) == []
