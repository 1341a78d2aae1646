"""Home → English → a program page → search, as a visitor on a phone does it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_switch_to_english_program_and_search(phone):
    phone.goto("/")
    expect(phone.locator("html")).to_have_attribute("lang", "nl")
    expect(phone.get_by_role("heading", level=1)).to_have_count(1)

    # The language switcher leads to the English translation of the current page.
    phone.locator("a[hreflang='en']").first.click()
    expect(phone).to_have_url(re.compile(r"/en/$"))
    expect(phone.locator("html")).to_have_attribute("lang", "en")

    # From the English home to the collective and one of its five programs.
    phone.goto("/en/collective/")
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    phone.get_by_role("link", name=re.compile("Home-Start")).first.click()
    expect(phone).to_have_url(re.compile(r"/en/collective/home-start/$"))
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Home-Start")

    # Switching back lands on the Dutch version of the same program page.
    phone.locator("a[hreflang='nl']").first.click()
    expect(phone).to_have_url(re.compile(r"/collectief/home-start/$"))
    expect(phone.locator("html")).to_have_attribute("lang", "nl")

    # Search in English finds the English host-family pages only. On a phone the search form is
    # in the menu, behind the "Menu" button.
    phone.goto("/en/")
    phone.get_by_role("button", name="Menu", exact=True).click()
    search = phone.locator("header").get_by_role("search").get_by_role("searchbox")
    search.fill("host family")
    search.press("Enter")
    expect(phone).to_have_url(re.compile(r"/en/search/\?q=host"))
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    results = phone.locator("main a[href^='/en/']")
    expect(results.first).to_be_visible()
    expect(phone.locator("main a[href^='/voor-']")).to_have_count(0)
