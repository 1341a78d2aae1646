"""Each sign-up form completed with the keyboard only, including one mistake and its repair.

Every field is reached with Tab (proving it is in the tab order), filled by typing, checkboxes
ticked with Space and radio buttons chosen with the arrow keys; the form is sent with Enter.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REFERENCE = re.compile(r"MG-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}")


def focused_matches(page, selector):
    return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector, limit=150):
    """Press Tab until `selector` has focus; fail when the keyboard cannot reach it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def tick(page, selector):
    tab_to(page, selector)
    page.keyboard.press("Space")
    expect(page.locator(selector)).to_be_checked()


def choose_radio(page, name, value):
    """Tab into a radio group and move to `value` with the arrow keys."""
    tab_to(page, f"input[type=radio][name={name}]")
    page.keyboard.press("Space")
    for _ in range(12):
        if focused_matches(page, f"input[name={name}][value={value}]"):
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"input[name={name}][value={value}]")).to_be_checked()


def type_date(page, field, when):
    type_into(page, f"#id_{field}_day", str(when.day))
    type_into(page, f"#id_{field}_month", str(when.month))
    type_into(page, f"#id_{field}_year", str(when.year))


def send(page):
    tab_to(page, "#intake-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state("domcontentloaded")


def repair_via_summary(page, field_selector):
    """The error summary has focus; its link takes the keyboard user to the field."""
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    link = summary.locator(f"a[href='#{field_selector.lstrip('#')}']")
    expect(link).to_have_count(1)
    tab_to(page, f"#error-summary a[href='#{field_selector.lstrip('#')}']")
    page.keyboard.press("Enter")


def months_ago(months):
    today = date.today()
    year, month = divmod(today.month - 1 - months, 12)
    return date(today.year + year, month + 1, min(today.day, 28))


def test_parent_signs_up_in_dutch_on_a_phone(phone):
    """Sanne in Nieuwegein: a typo in her e-mail address, fixed; a reference and her region."""
    phone.goto("/voor-ouders/aanmelden/")
    expect(phone.locator("html")).to_have_attribute("lang", "nl")
    type_into(phone, "#id_name", "Sanne de Boer")
    type_into(phone, "#id_email", "sanne.deboer@voorbeeld")
    type_into(phone, "#id_postcode", "3431 ab")
    type_date(phone, "child_date", months_ago(14))
    tick(phone, "input[name=concerns][value=psychiatric]")
    choose_radio(phone, "support", "outside_home")
    tick(phone, "#id_consent")
    send(phone)

    # The mistake is shown in a summary and at the field, in Dutch; what she typed is kept.
    expect(phone.locator("#field-email .error-message")).to_be_visible()
    expect(phone.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    expect(phone.locator("#id_name")).to_have_value("Sanne de Boer")
    expect(phone.locator("#id_postcode")).to_have_value(re.compile("3431", re.I))
    expect(phone.locator("input[name=concerns][value=psychiatric]")).to_be_checked()
    expect(phone.locator("#id_consent")).to_be_checked()
    repair_via_summary(phone, "#id_email")
    type_into(phone, "#id_email", "sanne.deboer@voorbeeld.nl")
    send(phone)

    expect(phone.get_by_role("heading", level=1)).to_have_count(1)
    expect(phone.locator("main")).to_contain_text(REFERENCE)
    expect(phone.locator("main")).to_contain_text("Lekstroom")
    expect(phone.locator("#error-summary")).to_have_count(0)


def test_host_family_signs_up_in_english(desktop):
    """A couple in Houten: forgets to confirm they read what is asked, fixes it."""
    desktop.goto("/en/for-host-families/sign-up/")
    expect(desktop.locator("html")).to_have_attribute("lang", "en")
    type_into(desktop, "#id_name", "Anna and Joost de Vries")
    type_into(desktop, "#id_phone", "06 12345678")
    type_into(desktop, "#id_email", "anna@example.org")
    type_into(desktop, "#id_postcode", "3991")
    type_into(desktop, "#id_household", "A couple with two children of 6 and 9.")
    tick(desktop, "#id_consent")
    send(desktop)

    expect(desktop.locator("#error-summary")).to_contain_text(re.compile("read what is asked", re.I))
    expect(desktop.locator("#id_name")).to_have_value("Anna and Joost de Vries")
    repair_via_summary(desktop, "#id_read_requirements")
    tick(desktop, "#id_read_requirements")
    expect(desktop.locator("#id_consent")).to_be_checked()
    send(desktop)

    main = desktop.locator("main")
    expect(main).to_contain_text(REFERENCE)
    expect(main).to_contain_text("Lekstroom")
    expect(desktop.locator("html")).to_have_attribute("lang", "en")


def test_referrer_refers_a_family_with_consent(desktop):
    """A GP in IJsselstein: first forgets the parents' consent, then completes the referral."""
    desktop.goto("/voor-verwijzers/aanmelden/")
    type_into(desktop, "#id_referrer_name", "Dr. P. Jansen")
    choose_radio(desktop, "profession", desktop.locator("input[name=profession]").first.get_attribute("value"))
    type_into(desktop, "#id_organisation", "Huisartsenpraktijk De Linde")
    type_into(desktop, "#id_work_phone", "030 1234567")
    type_into(desktop, "#id_work_email", "p.jansen@example.org")
    type_into(desktop, "#id_parent_name", "Mila Bakker")
    type_into(desktop, "#id_parent_phone", "06 87654321")
    type_into(desktop, "#id_postcode", "3401")
    type_date(desktop, "child_date", months_ago(30))
    tick(desktop, "input[name=concerns][value=addiction]")
    choose_radio(desktop, "support", "either")
    send(desktop)

    expect(desktop.locator("#field-parents_agreed .error-message")).to_be_visible()
    expect(desktop.locator("#id_parent_name")).to_have_value("Mila Bakker")
    repair_via_summary(desktop, "#id_parents_agreed")
    tick(desktop, "#id_parents_agreed")
    send(desktop)

    main = desktop.locator("main")
    expect(main).to_contain_text(REFERENCE)
    expect(main).to_contain_text("Lekstroom")
