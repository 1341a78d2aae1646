"""The find-support page with JavaScript: the live answer is the server's own partial, announced once."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

URL = "/en/find-support/"

# Counts what is written into the live region: each record that adds nodes is one announcement.
WATCH_LIVE_REGION = """() => {
  window.liveAdditions = 0;
  new MutationObserver((records) => {
    window.liveAdditions += records.filter((r) => r.addedNodes.length || r.type === "characterData").length;
  }).observe(document.querySelector("[aria-live]"), {childList: true, subtree: true, characterData: true});
}"""


def months_ago(months):
    today = date.today()
    year, month = divmod(today.month - 1 - months, 12)
    return date(today.year + year, month + 1, min(today.day, 28))


def fill_sanne(page):
    page.check("#fs-role_0")
    page.fill("#fs-postcode", "3431 AB")
    birth = months_ago(14)
    page.fill("#fs-child_birth_date_day", str(birth.day))
    page.fill("#fs-child_birth_date_month", str(birth.month))
    page.fill("#fs-child_birth_date_year", str(birth.year))
    page.check("input[name=concerns][value=psychiatric]")


def test_live_answer_is_the_no_js_answer_and_is_announced_once(browser, live_site, desktop):
    desktop.goto(URL)
    expect(desktop.locator("[aria-live]")).to_have_count(1)
    desktop.evaluate(WATCH_LIVE_REGION)
    fill_sanne(desktop)
    headline = desktop.locator("[data-result] .find-support__headline")
    expect(headline).to_have_text(re.compile("MeeleefGezin Lekstroom"))
    desktop.wait_for_timeout(1200)  # longer than the typing pause: any second update would be here
    assert desktop.evaluate("window.liveAdditions") == 1
    expect(headline).to_have_count(1)
    live_text = headline.inner_text()
    assert "?" not in desktop.url  # the answers are POSTed, never written into the address

    # The same facts, sent without JavaScript: the same headline, from the same partial.
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(URL)
        fill_sanne(page)
        page.get_by_role("button", name="Show what fits").click()
        page.wait_for_load_state("domcontentloaded")
        expect(page.locator("[data-result] .find-support__headline")).to_have_text(live_text)
    finally:
        context.close()


def test_live_answer_asks_the_municipality_of_a_split_postcode(desktop):
    desktop.goto("/steun-zoeken/")
    municipality = desktop.locator("#fs-municipality")
    expect(municipality).to_be_hidden()
    desktop.check("input[name=role][value=host_family]")
    expect(desktop.locator("[data-child-fields]")).to_be_hidden()
    desktop.fill("#fs-postcode", "4197")
    expect(municipality).to_be_visible()
    expect(municipality.locator("option[value^=GM]")).to_have_count(2)
    expect(municipality).to_have_value("")  # asked, not chosen for the visitor
    desktop.evaluate(WATCH_LIVE_REGION)
    municipality.select_option("GM0214")
    expect(desktop.locator("[data-result]")).to_contain_text("Buren")
    desktop.wait_for_timeout(800)
    assert desktop.evaluate("window.liveAdditions") == 1
    expect(desktop.locator("html")).to_have_attribute("lang", "nl")

    # An unknown postcode: every municipality is offered, none is chosen for the visitor.
    desktop.fill("#fs-postcode", "1000")
    expect(municipality.locator("option[value=GM0356]")).to_have_count(1)
    expect(municipality).to_have_value("")
    expect(desktop.locator("[data-result]")).to_contain_text("wachtlijst")


def test_mistakes_start_at_the_shared_error_summary(phone):
    phone.goto("/steun-zoeken/")
    phone.fill("#fs-postcode", "34")
    phone.get_by_role("button", name="Laat zien wat past").click()
    phone.wait_for_load_state("domcontentloaded")
    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Kies wie je bent.")
    expect(phone.locator("#fs-postcode")).to_have_attribute("aria-invalid", "true")
    summary.locator("a[href='#fs-role_0']").click()
    expect(phone.locator("#fs-role_0")).to_be_focused()
