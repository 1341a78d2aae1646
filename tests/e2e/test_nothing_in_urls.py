"""No request the public site makes carries a concern, a date or a postcode in its URL.

Every request the browser makes (pages, the live answer, scripts, styles, images, redirects) is
recorded with `page.on("request")` while a visitor walks the find-support page with and without
JavaScript, on to a sign-up, through each sign-up form, and through the "does not fit" step. None
of those URLs may hold a concern code, a date in any form, a postcode, or a fact's field name; the
facts must still reach the server (in request bodies), or the walks would prove nothing.
"""

import re
from urllib.parse import unquote_plus, urlsplit

import pytest
from playwright.sync_api import expect

from .test_axe import FILLERS, fill_date, main_form, send, tick
from .test_find_support import fill_sanne, months_ago

pytestmark = pytest.mark.browser

CONCERNS = ("psychiatric", "addiction", "parenting_questions", "multiple_problems")
POSTCODES = ("3431", "3991", "3401", "9711")
FACT_NAMES = ("postcode", "concerns", "child_birth_date", "child_date", "support=", "role=", "municipality=")
DATE = re.compile(r"(19|20)\d\d-\d\d?-\d\d?|\b\d\d?[-/.]\d\d?[-/.](19|20)\d\d\b|_(day|month|year)=")


def leaks(url):
    """What in a URL (its path, query and fragment; not the server's host and port) would leak."""
    parts = urlsplit(url)
    rest = unquote_plus(parts.path + "?" + parts.query + "#" + parts.fragment).replace(" ", "")
    found = [code for code in CONCERNS if code in rest]
    found += [name for name in FACT_NAMES if name in rest]
    found += [pc for pc in POSTCODES if pc in rest]
    found += [m.group(0) for m in DATE.finditer(rest)]
    return found


class Recorder:
    """Every request of a page: (method, url, body)."""

    def __init__(self, page):
        self.requests = []
        page.on("request", lambda request: self.requests.append((request.method, request.url, request.post_data)))

    def assert_clean(self):
        assert self.requests, "no request was recorded"
        leaked = {url: leaks(url) for _method, url, _body in self.requests if leaks(url)}
        assert not leaked, leaked

    def posted(self, path_part, text):
        """Did a POST to a URL containing `path_part` carry `text` in its body?"""
        return any(
            method == "POST" and path_part in url and text in unquote_plus(body or "")
            for method, url, body in self.requests
        )


@pytest.fixture
def no_js(browser, live_site):
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def sign_up_from_the_answer(page):
    """Follow the answer's sign-up button; the parents' form opens filled in with the answers."""
    with page.expect_navigation(wait_until="load"):
        page.locator("[data-answer] form.find-support__signup button[type=submit]").click()
    form = main_form(page)
    expect(form.locator("[name=postcode]")).to_have_value("3431 AB")
    expect(form.locator("input[name=concerns][value=psychiatric]")).to_be_checked()
    page.fill("#id_name", "Sanne de Boer")
    page.fill("#id_email", "sanne@example.org")
    tick(page, "support", "outside_home")
    tick(page, "consent")
    send(page)
    expect(page.locator("#reference")).to_be_visible()


def test_find_support_with_javascript_then_a_sign_up(desktop):
    recorder = Recorder(desktop)
    desktop.goto("/steun-zoeken/")
    fill_sanne(desktop)
    expect(desktop.locator("[data-result] .find-support__headline")).to_contain_text("Lekstroom")
    assert "?" not in desktop.url  # nothing written into the address bar either
    assert recorder.posted("/steun-zoeken/answer/", "concerns=psychiatric")  # the facts went in a body
    # The language switch keeps the answers, by POST.
    desktop.locator(".language-switcher a[hreflang=en]").click()
    expect(desktop.locator("html")).to_have_attribute("lang", "en")
    expect(desktop.locator("#fs-postcode")).to_have_value("3431 AB")
    expect(desktop.locator("[data-result] .find-support__headline")).to_contain_text("Lekstroom")
    desktop.locator(".language-switcher a[hreflang=nl]").click()
    expect(desktop.locator("html")).to_have_attribute("lang", "nl")
    sign_up_from_the_answer(desktop)
    recorder.assert_clean()


def test_find_support_without_javascript_then_a_sign_up(no_js):
    recorder = Recorder(no_js)
    no_js.goto("/steun-zoeken/")
    fill_sanne(no_js)
    no_js.get_by_role("button", name="Laat zien wat past").click()
    no_js.wait_for_load_state("domcontentloaded")
    expect(no_js.locator("[data-result] .find-support__headline")).to_contain_text("Lekstroom")
    assert no_js.url.endswith("/steun-zoeken/")
    assert recorder.posted("/steun-zoeken/", "concerns=psychiatric")
    sign_up_from_the_answer(no_js)
    recorder.assert_clean()


@pytest.mark.parametrize("role", ["parent", "host_family", "referrer"])
@pytest.mark.parametrize("path", ["nl", "en"])
def test_each_sign_up_form(phone, role, path):
    paths = {
        "parent": ("/voor-ouders/aanmelden/", "/en/for-parents/sign-up/"),
        "host_family": ("/voor-meeleefgezinnen/aanmelden/", "/en/for-host-families/sign-up/"),
        "referrer": ("/voor-verwijzers/aanmelden/", "/en/for-referrers/sign-up/"),
    }
    recorder = Recorder(phone)
    phone.goto(paths[role][0 if path == "nl" else 1])
    send(phone)  # empty: the error summary, on the same address
    expect(phone.locator("#error-summary")).to_be_visible()
    FILLERS[role](phone)
    send(phone)
    expect(phone.locator("#reference")).to_be_visible()
    phone.locator(".language-switcher a[hreflang={}]".format("en" if path == "nl" else "nl")).click()
    expect(phone.locator("#reference")).to_be_visible()
    recorder.assert_clean()


def test_the_does_not_fit_step_there_and_back(phone):
    recorder = Recorder(phone)
    phone.goto("/en/for-parents/sign-up/")
    FILLERS["parent"](phone, postcode="9711")
    fill_date(phone, "child_date", months_ago(61))
    send(phone)
    heading = phone.locator("h1#step-heading")
    expect(heading).to_be_focused()
    expect(heading).to_have_text("MeeleefGezin does not fit this situation")
    expect(phone.locator(".intake-alternatives > li").last).to_contain_text("CJG")
    # Back to the answers: everything typed is still there, focus on the notice.
    with phone.expect_navigation(wait_until="load"):
        phone.get_by_role("button", name="Change my answers").click()
    expect(phone.locator("#returned-notice")).to_be_focused()
    expect(phone.locator("#id_postcode")).to_have_value("9711")
    expect(phone.locator("#id_name")).to_have_value("Sanne de Boer")
    send(phone)
    # Store nothing: the page says so; then change of mind, by keyboard: contact anyway.
    with phone.expect_navigation(wait_until="load"):
        phone.get_by_role("button", name="No, store nothing").click()
    expect(phone.locator("h1#step-heading")).to_have_text("We have not stored your sign-up")
    contact = phone.get_by_role("button", name="Yes, store my sign-up and contact me")
    contact.focus()
    with phone.expect_navigation(wait_until="load"):
        phone.keyboard.press("Enter")
    expect(phone.locator("#reference")).to_be_visible()
    expect(phone.locator("main")).to_contain_text("You asked us to contact you")
    assert recorder.posted("/en/for-parents/sign-up/", "not_eligible_choice=contact")
    recorder.assert_clean()
