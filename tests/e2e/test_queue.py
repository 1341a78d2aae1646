"""Journey 10 in the browser: the Lekstroom professional signs in (password and authenticator app),
sees only Lekstroom's sign-ups, and moves Sanne's sign-up through screening to matching."""

import re

import pytest
from playwright.sync_api import expect

from demo.signups import SIGN_UPS, demo_reference

from .admin_sign_in import sign_in

pytestmark = pytest.mark.browser

SANNE = demo_reference("lek-sanne")
REFERENCE = re.compile(r"MG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def test_the_lekstroom_handler_moves_a_parent_to_matching(desktop):
    page = desktop
    sign_in(page, "lekstroom", "changeme-demo")

    # Every page of the listing (it shows 20 sign-ups a page).
    shown, listed_text = set(), ""
    for number in range(1, 11):
        response = page.goto(f"/admin/intake/signups/?p={number}")
        if response.status == 404:
            break
        table = page.locator("table.listing")
        expect(table).to_be_visible()
        found = set(REFERENCE.findall(table.inner_text()))
        if not found - shown:
            break
        shown |= found
        listed_text += table.inner_text()
    lekstroom = {demo_reference(spec[0]) for spec in SIGN_UPS if spec[1] == "Lekstroom"}
    utrecht = {demo_reference(spec[0]) for spec in SIGN_UPS if spec[1] == "Utrecht"}
    assert lekstroom <= shown
    assert not shown & utrecht
    assert "Utrecht" not in listed_text.replace("Home-Start Utrecht en Lekstroom", "")
    # The handler finds Sanne by her reference.
    page.goto("/admin/intake/signups/")
    page.get_by_role("textbox", name=re.compile("Zoek", re.I)).fill(SANNE)
    page.keyboard.press("Enter")
    page.get_by_role("link", name=SANNE).click()
    expect(page.get_by_text("Sanne Voorbeeld")).to_be_visible()
    expect(page.get_by_text(re.compile("Status nu: Contact gehad"))).to_be_visible()

    page.get_by_role("button", name="Naar “Screening”").click()
    expect(page.get_by_text("Status gewijzigd in “Screening”.")).to_be_visible()
    page.get_by_role("button", name="Naar “Koppelen”").click()
    expect(page.get_by_text("Status gewijzigd in “Koppelen”.")).to_be_visible()
    expect(page.get_by_text(re.compile("Status nu: Koppelen"))).to_be_visible()

    timeline = page.locator(".intake-timeline")
    items = timeline.locator("li")
    expect(items.filter(has_text="Status gewijzigd van “Screening” naar “Koppelen”")).to_have_count(1)
    expect(items.filter(has_text="Status gewijzigd van “Contact gehad” naar “Screening”")).to_have_count(1)
    text = timeline.inner_text()
    assert text.index("naar “Koppelen”") < text.index("naar “Screening”") < text.index("naar “Contact gehad”")
    expect(items.filter(has_text="naar “Koppelen”").first).to_contain_text("Team Lekstroom")
