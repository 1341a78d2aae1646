"""Journey 10 from start to end, in the browser: the Lekstroom professional signs in, sees only
Lekstroom's sign-ups, reads this year's matches against the target, calls a parent and moves her
sign-up through screening to matching, matches her with a Lekstroom host family, and sees the year's
figure against the target move by exactly one — on the dashboard and on the board's report.

It works Fatima's sign-up (new) and the Bakker family (a host family in "matching"), not Sanne's, so
it does not depend on the order of tests/e2e/test_queue.py, which shares the demo server.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from demo import matches as demo_matches
from demo import signups as demo_signups
from demo import waitlist as demo_waitlist

from .admin_sign_in import sign_in

pytestmark = pytest.mark.browser

FATIMA = demo_signups.demo_reference("lek-fatima")
BAKKER = demo_signups.demo_reference("lek-bakker")
REFERENCE = re.compile(r"MG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def _match_references(region):
    today = datetime.date.today()  # the references do not depend on the dates
    return {
        demo_matches.demo_reference(f"{spec.key}:{role}")
        for spec in demo_matches.demo_matches(today)
        if spec.region == region
        for role in ("parent", "host_family")
    }


def region_references(region):
    """The references of the demo's sign-ups of a region (None: the central waitlist)."""
    signups = {demo_signups.demo_reference(spec[0]) for spec in demo_signups.SIGN_UPS if spec[1] == region}
    return signups | _match_references(region)


def waitlist_references():
    return region_references(None) | {demo_waitlist.reference_for(entry[0]) for entry in demo_waitlist.ENTRIES}


def listed_references(page):
    """Every reference on every page of the sign-up listing."""
    shown, number = set(), 1
    while True:
        response = page.goto(f"/admin/intake/signups/?p={number}")
        if response.status == 404:
            break
        table = page.locator("table.listing")
        expect(table).to_be_visible()
        found = set(REFERENCE.findall(table.inner_text()))
        if found <= shown:
            break
        shown |= found
        number += 1
    return shown


def figures(rows, region):
    """(started, target) in a table's row of `region`."""
    row = rows.filter(has=rows.page.locator("th", has_text=re.compile(rf"^\s*{region}\s*$")))
    expect(row).to_have_count(1)
    started = row.locator("td[data-figure=started]").inner_text().strip()
    target = row.locator("td[data-figure=target]").inner_text().strip()
    return int(started), int(target)


def dashboard_figures(page):
    page.goto("/admin/")
    rows = page.locator("#intake-board tbody tr")
    expect(rows.first).to_be_visible()
    # A Lekstroom handler reads Lekstroom's row only: no other region, not the out-of-region work.
    expect(rows).to_have_count(1)
    return figures(rows, "Lekstroom")


def report_figures(page):
    page.goto("/admin/intake/board/")
    rows = page.locator("#board-targets tbody tr")
    expect(rows.first).to_be_visible()
    expect(rows).to_have_count(1)
    return figures(rows, "Lekstroom")


def test_the_lekstroom_handler_matches_a_parent_and_the_year_moves_by_one(desktop):
    page = desktop
    sign_in(page, "lekstroom", "changeme-demo")

    # Only Lekstroom's sign-ups, on every page of the listing.
    shown = listed_references(page)
    assert region_references("Lekstroom") <= shown
    assert not shown & region_references("Utrecht")
    assert not shown & waitlist_references()
    assert FATIMA in shown and BAKKER in shown

    # This year's matches started against Lekstroom's target (6 in the demo), on both surfaces.
    started, target = dashboard_figures(page)
    assert target == demo_matches.TARGETS["Lekstroom"][1]
    assert report_figures(page) == (started, target)

    # Call the parent, then screening, then matching: one button each.
    page.goto("/admin/intake/signups/")
    page.get_by_role("link", name=FATIMA).click()
    expect(page.get_by_text("Fatima Proefstra")).to_be_visible()
    expect(page.get_by_text(re.compile("Status nu: Nieuw"))).to_be_visible()
    # Not matchable yet: no "Make a match" before "Matching".
    expect(page.get_by_role("link", name="Koppeling maken")).to_have_count(0)
    for label in ("Contact gehad", "Screening", "Koppelen"):
        page.get_by_role("button", name=f"Naar “{label}”").click()
        expect(page.get_by_text(f"Status gewijzigd in “{label}”.")).to_be_visible()
    expect(page.get_by_text(re.compile("Status nu: Koppelen"))).to_be_visible()

    # "Make a match" on the sign-up page, with a Lekstroom host family in "matching".
    page.get_by_role("link", name="Koppeling maken").click()
    expect(page).to_have_url(re.compile(r"/admin/intake/matches/make/\d+/"))
    host_family = page.get_by_role("combobox", name=re.compile(r"^Meeleefgezin"))
    expect(host_family).to_be_visible()
    options = host_family.locator("option").all_inner_texts()
    offered = set(REFERENCE.findall(" ".join(options)))
    assert BAKKER in offered
    assert not offered & (region_references("Utrecht") | waitlist_references())
    bakker = next(option for option in options if BAKKER in option)
    host_family.select_option(label=bakker)
    page.get_by_role("button", name="Koppeling maken").click()
    made = page.get_by_text(re.compile("Koppeling gemaakt: beide aanmeldingen staan nu op “Gekoppeld”"))
    expect(made).to_be_visible()

    # The parent's sign-up is matched, and says so.
    page.goto("/admin/intake/signups/")
    page.get_by_role("link", name=FATIMA).click()
    expect(page.get_by_text(re.compile("Status nu: Gekoppeld"))).to_be_visible()
    expect(page.get_by_role("link", name="Bekijk de koppeling")).to_be_visible()

    # The year's figure against the target moved by exactly one; the target stayed.
    assert dashboard_figures(page) == (started + 1, target)
    assert report_figures(page) == (started + 1, target)
