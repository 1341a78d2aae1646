"""The header, the phone menu and the page layout, in a real browser.

On a phone every menu item is two taps away (open the menu, tap the item); at 320 px a keyboard-
focused menu item and its focus ring are fully on screen; on a desktop the aside sits beside the
main column; the home page's hero has its buttons and states the age limit.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOMES = {"nl": "/", "en": "/en/"}
PARENTS = {"nl": "/voor-ouders/", "en": "/en/for-parents/"}
PARENT_FORMS = {"nl": "/voor-ouders/aanmelden/", "en": "/en/for-parents/sign-up/"}
HOST_FAMILIES = {"nl": "/voor-meeleefgezinnen/", "en": "/en/for-host-families/"}

# How far the focus ring reaches beyond the element, and which ancestors would cut it off.
RING_CHECK = """(el) => {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  let shadow = 0;
  for (const part of style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\\))/)) {
    const lengths = (part.match(/-?\\d+(\\.\\d+)?px/g) || []).map(parseFloat);
    if (lengths.length >= 4) {
      shadow = Math.max(shadow, Math.max(Math.abs(lengths[0]), Math.abs(lengths[1])) + lengths[2] / 2 + lengths[3]);
    }
  }
  const ring = Math.max(outline, shadow);
  const r = el.getBoundingClientRect();
  const box = { left: r.left - ring, right: r.right + ring, top: r.top - ring, bottom: r.bottom + ring };
  const problems = [];
  if (r.top < 0 || r.bottom > innerHeight) problems.push("element not fully in the viewport vertically");
  if (box.left < 0 || box.right > document.documentElement.clientWidth) {
    problems.push(`ring outside the viewport: ${Math.round(box.left)}..${Math.round(box.right)}`);
  }
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.overflowX === "visible" && s.overflowY === "visible" && s.clipPath === "none") continue;
    const c = a.getBoundingClientRect();
    if (box.left < c.left || box.right > c.right || box.top < c.top || box.bottom > c.bottom) {
      problems.push(`ring clipped by <${a.tagName.toLowerCase()} class="${a.className}">`);
    }
  }
  return { ring, problems, text: el.textContent.trim() };
}"""


def menu_links(page):
    return page.locator("nav.main-nav a")


def test_the_phone_menu_opens_and_closes(phone):
    phone.goto("/")
    toggle = phone.locator("button.menu-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu_links(phone).first).to_be_hidden()

    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(phone.locator("#header-search")).to_be_visible()

    menu_links(phone).first.focus()
    phone.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(menu_links(phone).first).to_be_hidden()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_menu_item_is_two_taps_away_on_a_phone(phone, language):
    phone.goto(HOMES[language])
    links = menu_links(phone)
    targets = [(link.text_content().strip(), link.get_attribute("href")) for link in links.all()]
    assert len(targets) == 7, targets  # the demo menu: Ouders … Steun zoeken

    for label, href in targets:
        phone.goto(HOMES[language])
        phone.locator("button.menu-toggle").tap()  # tap 1
        link = phone.locator("nav.main-nav").get_by_role("link", name=label, exact=True)
        expect(link).to_be_visible()
        expect(link).to_be_in_viewport(ratio=1)
        link.tap()  # tap 2
        expect(phone).to_have_url(re.compile(re.escape(href) + "$"))
        expect(phone.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_at_320px_a_focused_menu_item_and_its_focus_ring_are_fully_on_screen(browser, live_site, language):
    context = browser.new_context(base_url=live_site, viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(HOMES[language])
        page.locator("button.menu-toggle").focus()
        page.keyboard.press("Enter")
        expect(page.locator("button.menu-toggle")).to_have_attribute("aria-expanded", "true")

        count = menu_links(page).count()
        checked = []
        for _ in range(count + 5):
            page.keyboard.press("Tab")
            focused = page.locator(":focus")
            if not page.evaluate("() => !!document.activeElement.closest('nav.main-nav')"):
                continue
            result = focused.evaluate(RING_CHECK)
            assert result["ring"] > 0, f"{result['text']} has no visible focus ring"
            assert result["problems"] == [], result
            checked.append(result["text"])
            if len(checked) == count:
                break
        assert len(checked) == count, checked
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_language_switcher_shows_what_it_is_called(browser, live_site, width):
    """Label in name (WCAG 2.5.3): each visible language link is named by exactly its visible text."""
    context = browser.new_context(base_url=live_site, viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto("/")
        switcher = page.locator("nav.language-switcher")
        visible = [link for link in switcher.locator("a").all() if link.is_visible()]
        assert visible, "no language link is visible"
        assert any(link.get_attribute("hreflang") == "en" for link in visible)
        for link in visible:
            text = link.inner_text().strip()
            assert text in ("Nederlands", "English"), text
            expect(switcher.get_by_role("link", name=text, exact=True)).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", [PARENTS["nl"], PARENT_FORMS["nl"], PARENTS["en"], PARENT_FORMS["en"]])
def test_on_a_desktop_the_aside_sits_beside_the_main_column(desktop, path):
    desktop.goto(path)
    main = desktop.locator(".layout-aside__main").bounding_box()
    aside_locator = desktop.locator("aside.next-steps")
    aside = aside_locator.bounding_box()
    assert aside["x"] >= main["x"] + main["width"], (main, aside)  # beside, not below
    assert aside["y"] < main["y"] + 300, (main, aside)  # starts near the top of the page
    assert aside["x"] + aside["width"] > 1280 * 0.85, aside  # the width is used
    expect(aside_locator.locator("a[href^='tel:']")).to_be_visible()
    # Text keeps a readable line length.
    lead = desktop.locator(".page-header .lead").bounding_box()
    assert lead["width"] <= 42 * 18 + 1, lead


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_home_hero_has_its_calls_to_action_and_the_age_limit(desktop, language):
    desktop.goto(HOMES[language])
    hero = desktop.locator(".hero")
    actions = hero.locator(".hero__actions a")
    expect(actions).to_have_count(3)
    hrefs = [action.get_attribute("href") for action in actions.all()]
    assert hrefs[0] == PARENT_FORMS[language]
    assert hrefs[2] == HOST_FAMILIES[language]
    age = hero.locator(".age-limit")
    expect(age).to_contain_text("4 jaar" if language == "nl" else "4 years")
    expect(age).to_contain_text("zwanger" if language == "nl" else "pregnant")

    actions.nth(1).click()
    expect(desktop.locator("form.find-support__form")).to_be_visible()


@pytest.mark.parametrize("path", [PARENTS["nl"], PARENT_FORMS["nl"], PARENTS["en"], PARENT_FORMS["en"]])
def test_the_parents_pages_state_the_age_limit(phone, path):
    phone.goto(path)
    age = phone.locator("main .age-limit")
    expect(age).to_be_visible()
    expect(age).to_contain_text(re.compile(r"4 (jaar|years)"))
