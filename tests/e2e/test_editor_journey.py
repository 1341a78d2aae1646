"""Journey 9 in a real browser, as the demo's `editor` (Editors group, Dutch admin): change the Dutch
home page figures, see that English is out of date, update and publish it, and find the new figure
on both home pages; change a program's age range through the reviewed step.

It changes the demo (the figure, Steunouder's oldest age); no other browser test reads those.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def editor(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "changeme-demo")
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))  # no second factor for an editor
    yield page
    context.close()


def test_an_editor_updates_the_figures_in_both_languages(editor):
    page = editor
    page.goto("/admin/pages/")
    dutch_row = page.locator("tr", has_text="Nederlands")
    expect(dutch_row.get_by_role("link", name="Engels bijwerken")).to_have_count(0)
    dutch_row.get_by_role("link", name="MeeleefGezin").first.click()

    page.get_by_label(re.compile("Aantal koppelingen tot nu toe", re.I)).fill("163")
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()

    # The editor stays on the page, and is told at once that English is now behind.
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    messages = page.locator(".messages")
    expect(messages).to_contain_text("is gepubliceerd")
    expect(messages).to_contain_text("Engels is verouderd")

    # The page list says so too, with the action in the row.
    page.goto("/admin/pages/")
    update = page.locator("tr", has_text="Nederlands").get_by_role("link", name="Engels bijwerken")
    expect(update).to_be_visible()
    update.click()
    expect(page.get_by_label("De vertalingen publiceren")).to_be_checked()
    page.get_by_role("button", name="Verzenden").click()
    expect(page.locator(".messages")).to_contain_text("bijgewerkt en gepubliceerd")
    expect(page.locator("tr", has_text="Nederlands").get_by_role("link", name="Engels bijwerken")).to_have_count(0)

    for url in ("/", "/en/"):
        page.goto(url)
        expect(page.locator(".figure__number").first).to_have_text("163")


def test_an_editor_changes_an_age_range_through_the_reviewed_step(editor):
    page = editor
    page.goto("/collectief/")
    expect(page.locator("tr", has_text="Steunouder")).to_contain_text("0 t/m 17 jaar")
    page.goto("/admin/snippets/programs/program/")
    page.get_by_role("link", name="Steunouder", exact=True).click()
    oldest = page.get_by_label("tot en met (jaar)")
    expect(oldest).to_have_value("17")
    oldest.fill("12")
    page.get_by_role("button", name="Opslaan").click()

    # Nothing is saved yet: the change in words, and what it touches in counts.
    expect(page.locator("h1")).to_have_text("Wijzigen voor wie Steunouder is?")
    changes = page.locator("[data-fact-changes]")
    expect(changes).to_contain_text("tot en met 17 jaar (tot het kind 18 wordt)")
    expect(changes).to_contain_text("tot en met 12 jaar (tot het kind 13 wordt)")
    expect(page.locator("[data-fact-change-impact]")).to_contain_text("Steunouder")
    page.get_by_role("button", name="Ja, wijzig de gegevens").click()
    expect(page.locator(".messages")).to_contain_text("bijgewerkt")
    expect(page.locator("tr", has_text="Steunouder")).to_contain_text("0 t/m 12 jaar (0 t/m 155 maanden)")
    page.goto("/collectief/")
    expect(page.locator("tr", has_text="Steunouder")).to_contain_text("0 t/m 12 jaar")
    page.goto("/en/collective/")
    expect(page.locator("tr", has_text="Steunouder")).to_contain_text("0 to 12 years")
