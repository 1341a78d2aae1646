"""axe-core over every page type and every form state, in both languages, at 1280 and 320 px.

One test per (state, language): the page is opened by its URL, brought into its state the way a
visitor would (forms filled by field name, sent with their submit button), and axe-core runs over
the whole document at each width. Any violation of the WCAG 2.1 A/AA rules or of axe's best
practices fails the test, with each violation written out per width: rule, impact, the selectors of
the offending elements, what is wrong with them, and the rule's help page.

axe-core comes from the PyPI package axe-playwright-python (it ships `axe.min.js`; `make install`
installs it, nothing is downloaded at test time). Only its script is used: its `Axe.run` cannot
configure a check first (the contrast options below), and the report is written here.

The site's Content-Security-Policy allows only its own scripts and a nonce, so axe is NOT added as
a <script> tag: it runs through Playwright's `page.evaluate` (DevTools' Runtime.evaluate, which the
page's CSP does not govern). The browser context therefore keeps the CSP on (no `bypass_csp`), and
the pages are checked exactly as visitors get them.

What axe cannot decide ("incomplete", e.g. contrast over the phone menu's scroll-shadow gradient)
does not fail a test; those places were measured by hand (8.5:1 at the darkest shadow).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from .server import MANAGE, ROOT
from .test_find_support import fill_sanne, months_ago

pytestmark = pytest.mark.browser

# The WCAG 2.0 and 2.1 level A and AA rules, and axe's best practices (landmarks, headings, one
# <h1>, unique ids of active elements, ...): all stable in axe 4.x, so none is switched off.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# The site promises 4.5:1 for ALL text, also large text, where WCAG AA accepts 3:1. axe replaces a
# check's options as a whole, so these are axe's defaults with only `large` raised.
CONTRAST_OPTIONS = {
    "ignoreUnicode": True,
    "ignoreLength": False,
    "ignorePseudo": False,
    "boldValue": 700,
    "boldTextPt": 14,
    "largeTextPt": 18,
    "contrastRatio": {"normal": {"expected": 4.5}, "large": {"expected": 4.5}},
    "pseudoSizeThreshold": 0.25,
    "shadowOutlineEmMax": 0.2,
    "textStrokeEmMin": 0.03,
}

RUN_AXE = """async ([tags, contrast]) => {
  axe.configure({checks: [{id: "color-contrast", options: contrast}]});
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return {version: axe.version, violations: results.violations};
}"""

WIDTHS = {"1280px": {"width": 1280, "height": 900}, "320px": {"width": 320, "height": 720}}
LANGUAGES = ("nl", "en")


# --- Running axe and reporting ------------------------------------------------------------------


def axe_violations(page):
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)  # evaluate, not a <script>: see the module docstring (CSP)
    result = page.evaluate(RUN_AXE, [AXE_TAGS, CONTRAST_OPTIONS])
    return result["version"], result["violations"]


def describe(violations, *, url, version):
    lines = [f"{len(violations)} axe-core {version} violation(s) on {url}:"]
    for violation in violations:
        help_url = violation["helpUrl"].split("?")[0]
        lines.append(f"\n* {violation['id']} [{violation['impact']}] {violation['help']}\n  {help_url}")
        for node in violation["nodes"][:10]:
            # A target is a list of selectors: one per shadow root or iframe on the way to the element.
            target = " >>> ".join(part if isinstance(part, str) else json.dumps(part) for part in node["target"])
            lines.append(f"  - {target}")
            # "Fix any of the following:" and its messages, one per line in axe: on one line here.
            summary = [line.strip() for line in node.get("failureSummary", "").splitlines() if line.strip()]
            if summary:
                lines.append(f"    {summary[0]} {'; '.join(summary[1:])}"[:500])
        if len(violation["nodes"]) > 10:
            lines.append(f"  ... and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)


# --- Bringing a page into its state -------------------------------------------------------------


def main_form(page):
    """The page's own form (not a search box in the header)."""
    return page.locator("main form").filter(has=page.locator("button[type=submit]")).first


def send(page):
    with page.expect_navigation(wait_until="load"):
        main_form(page).locator("button[type=submit]").first.click()


def fill(page, **values):
    form = main_form(page)
    for name, value in values.items():
        form.locator(f"[name={name}]").fill(value)


def tick(page, name, value=None):
    selector = f"[name={name}]" + (f"[value={value}]" if value else "")
    main_form(page).locator(selector).first.check()


def fill_date(page, name, when):
    fill(page, **{f"{name}_day": str(when.day), f"{name}_month": str(when.month), f"{name}_year": str(when.year)})


def fill_parent(page, postcode="3431 AB"):
    fill(page, name="Sanne de Boer", email="sanne@example.org", postcode=postcode)
    fill_date(page, "child_date", months_ago(14))
    tick(page, "concerns", "psychiatric")
    tick(page, "support", "outside_home")
    tick(page, "consent")


def fill_host_family(page, postcode="3991"):
    fill(page, name="Anna de Vries", phone="06 12345678", email="anna@example.org", postcode=postcode)
    fill(page, household="A couple with two children of 6 and 9.")
    tick(page, "read_requirements")
    tick(page, "consent")


def fill_referrer(page, postcode="3401"):
    tick(page, "profession")
    fill(page, referrer_name="Dr. P. Jansen", organisation="Huisartsenpraktijk De Linde")
    fill(page, work_phone="030 1234567", work_email="p.jansen@example.org")
    fill(page, parent_name="Mila Bakker", parent_phone="06 87654321", postcode=postcode)
    fill_date(page, "child_date", months_ago(30))
    tick(page, "concerns", "addiction")
    tick(page, "support", "either")
    tick(page, "parents_agreed")


FILLERS = {"parent": fill_parent, "host_family": fill_host_family, "referrer": fill_referrer}


def submit_empty(page):
    send(page)
    expect(page.locator("#error-summary, [role=alert]").first).to_be_visible()


def submit_filled(role, **kwargs):
    def act(page):
        FILLERS[role](page, **kwargs)
        send(page)

    return act


def asks(field_name, role, postcode):
    """Send a complete form whose postcode makes the form ask one more question."""

    def act(page):
        FILLERS[role](page, postcode=postcode)
        send(page)
        expect(main_form(page).locator(f"[name={field_name}]").first).to_be_visible()

    return act


def thanks(role):
    def act(page):
        start = page.url
        FILLERS[role](page)
        send(page)
        assert page.url != start, "the sign-up was not accepted"  # the thanks page has its own address

    return act


def does_not_fit(choice=None):
    """A parent whose child turned five: the "does not fit" step (and, with `choice`, the next one)."""

    def act(page):
        FILLERS["parent"](page, postcode="9711")
        fill_date(page, "child_date", months_ago(61))
        send(page)
        expect(page.locator("h1#step-heading")).to_be_visible()
        if choice:
            with page.expect_navigation(wait_until="load"):
                page.locator(f"button[name=not_eligible_choice][value={choice}]").click()

    return act


def find_support_errors(page):
    fill(page, postcode="34")
    send(page)
    expect(page.locator("#error-summary, [role=alert]").first).to_be_visible()


def find_support_answer(page):
    fill_sanne(page)
    send(page)
    expect(page.locator("[data-result] > *").first).to_be_visible()


def find_support_live_municipality(page):
    """With JavaScript: a host family with a split postcode is asked its municipality in place."""
    tick(page, "role", "host_family")
    fill(page, postcode="4197")
    expect(main_form(page).locator("select[name=municipality]")).to_be_visible()
    expect(page.locator("[data-result] > *").first).to_be_visible()


# --- The states ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    name: str
    nl: str
    en: str
    act: object = None
    status: int = 200


SIGN_UPS = {
    "parent": ("/voor-ouders/aanmelden/", "/en/for-parents/sign-up/"),
    "host_family": ("/voor-meeleefgezinnen/aanmelden/", "/en/for-host-families/sign-up/"),
    "referrer": ("/voor-verwijzers/aanmelden/", "/en/for-referrers/sign-up/"),
}

STATES = [
    State("home", "/", "/en/"),
    State("collective", "/collectief/", "/en/collective/"),
    State("program", "/collectief/meeleefgezin/", "/en/collective/meeleefgezin/"),
    State("how-it-works", "/zo-werkt-het/", "/en/how-it-works/"),
    State("audience-parents", "/voor-ouders/", "/en/for-parents/"),
    State("audience-host-families", "/voor-meeleefgezinnen/", "/en/for-host-families/"),
    State("audience-referrers", "/voor-verwijzers/", "/en/for-referrers/"),
    State("article-index", "/kennis/", "/en/knowledge/"),
    State("article", "/kennis/de-eerste-1000-dagen/", "/en/knowledge/the-first-1000-days/"),
    State("content-privacy", "/privacy/", "/en/privacy/"),
    State("content-contact", "/contact/", "/en/contact/"),
    State("search-results", "/search/?q=gezin", "/en/search/?q=family"),
    State("search-none", "/search/?q=zzqxjvw", "/en/search/?q=zzqxjvw"),
    State("404", "/bestaat-niet/", "/en/does-not-exist/", status=404),
    State("find-support-empty", "/steun-zoeken/", "/en/find-support/"),
    State("find-support-errors", "/steun-zoeken/", "/en/find-support/", find_support_errors),
    State("find-support-answer", "/steun-zoeken/", "/en/find-support/", find_support_answer),
    State("find-support-municipality", "/steun-zoeken/", "/en/find-support/", find_support_live_municipality),
]
for role, (nl, en) in SIGN_UPS.items():
    STATES += [
        State(f"sign-up-{role}-empty", nl, en),
        State(f"sign-up-{role}-errors", nl, en, submit_empty),
        State(f"sign-up-{role}-thanks", nl, en, thanks(role)),
    ]
STATES += [
    # A postcode in two municipalities, and one nobody knows: the municipality question.
    State("sign-up-parent-split-postcode", *SIGN_UPS["parent"], asks("municipality", "parent", "4197")),
    State(
        "sign-up-host_family-unknown-postcode", *SIGN_UPS["host_family"], asks("municipality", "host_family", "9999")
    ),
    # A family in Zeist, outside the active regions: the referrer is asked about financing.
    State("sign-up-referrer-financing", *SIGN_UPS["referrer"], asks("financing", "referrer", "3701")),
    # The child turned five: asked before anything is stored; then nothing stored, or back to the form.
    State("sign-up-parent-does-not-fit", *SIGN_UPS["parent"], does_not_fit()),
    State("sign-up-parent-does-not-fit-declined", *SIGN_UPS["parent"], does_not_fit("decline")),
    State("sign-up-parent-does-not-fit-back", *SIGN_UPS["parent"], does_not_fit("edit")),
]


# --- The site's own 404 page ----------------------------------------------------------------------
# The demo server runs the development settings (DEBUG = True), where Django answers an unknown
# address with its technical 404 page, which no visitor ever sees. The visitors' 404 page is rendered
# here by Django's test client, in a process on the demo server's own database with DEBUG off, and
# the browser is given it (status, CSP header with its nonce, body) for the unknown address; its
# stylesheets and the rest still come from the demo server.

RENDER_404 = """
import json
from django.test import Client, override_settings
with override_settings(DEBUG=False, ALLOWED_HOSTS=["*"]):
    pages = {}
    for path in PATHS:
        response = Client().get(path)
        headers = {k: v for k, v in response.items() if k.lower() in ("content-type", "content-security-policy")}
        pages[path] = {"status": response.status_code, "headers": headers, "body": response.content.decode()}
print(json.dumps(pages))
"""


@pytest.fixture(scope="module")
def not_found_pages(request, live_site):
    # tests/conftest.py prepares the demo server for every run with browser tests; live_site serves it.
    server = getattr(request.config, "demo_server", None)
    assert server is not None, "the demo server is not known to the test session (tests/conftest.py)"
    paths = [path for state in STATES if state.status == 404 for path in (state.nl, state.en)]
    result = subprocess.run(
        [*MANAGE, "shell", "-c", f"PATHS = {paths!r}\n{RENDER_404}"],
        env=server.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- The checks ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def axe_page(browser, live_site):
    """One page for all checks, re-sized for each width (the CSP stays on: see the docstring)."""
    context = browser.new_context(base_url=live_site, viewport=WIDTHS["1280px"], reduced_motion="reduce")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(axe_page):
    axe_page.set_viewport_size(WIDTHS["1280px"])
    axe_page.unroute_all()
    yield axe_page
    axe_page.unroute_all()


def check_every_width(page):
    """Run axe at each width on the page as it is now; one failure lists every width's violations.

    The state is reached once and re-laid out per width: the layout is responsive CSS (media
    queries re-apply on resize), and a form state reached by sending the form cannot be re-opened
    by address. This keeps the 58 states × 2 widths within the time budget."""
    reports = []
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        page.wait_for_function("(w) => window.innerWidth === w", arg=viewport["width"])
        version, violations = axe_violations(page)
        if violations:
            reports.append(describe(violations, url=f"{page.url} at {width}", version=version))
    if reports:
        raise AssertionError("\n\n".join(reports))  # plain, without pytest's repr of the list


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("state", STATES, ids=lambda state: state.name)
def test_no_axe_violations(request, page, state, language):
    url = getattr(state, language)
    if state.status == 404:
        rendered = request.getfixturevalue("not_found_pages")[url]
        page.route(f"**{url}", lambda route: route.fulfill(**rendered), times=1)
    response = page.goto(url, wait_until="load")
    assert response.status == state.status, f"{page.url} answered {response.status}"
    expect(page.locator("html")).to_have_attribute("lang", language)
    if state.act:
        state.act(page)
    check_every_width(page)


def test_a_violation_fails_the_check(page):
    """The check can fail: an image without alternative text, added to a clean page, is reported."""
    page.goto("/contact/")
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = '/static/img/favicon.svg';"
        " img.id = 'no-alt'; document.querySelector('main').append(img); }"
    )
    with pytest.raises(AssertionError) as failure:
        check_every_width(page)
    message = str(failure.value)
    assert message.count("image-alt [critical]") == len(WIDTHS)  # reported at each width
    assert "#no-alt" in message
    assert "dequeuniversity.com/rules/axe/" in message
    assert "320px" in message


def test_large_text_needs_4_5_to_1_too(page):
    """Large text at 3.9:1 passes WCAG AA's 3:1 but not the site's 4.5:1 for all text."""
    page.goto("/contact/")
    page.evaluate(
        "() => { const p = document.createElement('p'); p.id = 'pale'; p.textContent = 'Pale large text';"
        " p.style.cssText = 'font-size: 32px; color: #808080; background: #ffffff';"
        " document.querySelector('main').append(p); }"
    )
    with pytest.raises(AssertionError) as failure:
        check_every_width(page)
    message = str(failure.value)
    assert "color-contrast [serious]" in message
    assert "#pale" in message
    assert "Expected contrast ratio of 4.5:1" in message
