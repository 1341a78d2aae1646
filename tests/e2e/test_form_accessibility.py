"""The form kit in a real browser: where the error summary's links land, what the accessibility tree
says of an untouched form, the contrast of every focus ring, and a language switch on a thanks page."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PARENT_NL = "/voor-ouders/aanmelden/"
REFERRER_NL = "/voor-verwijzers/aanmelden/"
REFERENCE = re.compile(r"MG-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}")


def months_ago(months):
    today = date.today()
    year, month = divmod(today.month - 1 - months, 12)
    return date(today.year + year, month + 1, min(today.day, 28))


def send_empty(page, path=PARENT_NL):
    page.goto(path)
    page.locator("#intake-form button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
    expect(page.locator("#error-summary")).to_be_visible()


def assert_in_viewport(page, locator, what):
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    assert box is not None, what
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{what} is outside the viewport: {box}"


def question_parts(page, field):
    """The label (or legend) and the error message of a question."""
    question = page.locator(f"#field-{field}")
    label = question.locator("legend.form-field__legend, label").first
    return label, question.locator(".error-message")


# --- Error summary links ---------------------------------------------------------------------


@pytest.fixture(params=["phone", "desktop", "phone-no-js", "desktop-no-js"])
def any_screen(request, browser, live_site):
    size = {"width": 390, "height": 844} if request.param.startswith("phone") else {"width": 1280, "height": 800}
    context = browser.new_context(
        base_url=live_site,
        viewport=size,
        java_script_enabled=not request.param.endswith("no-js"),
        is_mobile=request.param.startswith("phone"),
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(
    ("field", "anchor"),
    [("name", "id_name"), ("support", "id_support_0"), ("consent", "id_consent"), ("child_date", "id_child_date_day")],
)
def test_an_error_summary_link_shows_the_label_and_the_message(any_screen, field, anchor):
    page = any_screen
    send_empty(page)
    page.locator(f"#error-summary a[href='#{anchor}']").click()
    expect(page.locator(f"#{anchor}")).to_be_focused()
    label, message = question_parts(page, field)
    assert_in_viewport(page, label, "the label")
    assert_in_viewport(page, message, "the error message")
    assert_in_viewport(page, page.locator(f"#{anchor}"), "the control")


# --- Required, not invalid -------------------------------------------------------------------


def ax_nodes(page):
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    result = []
    for node in nodes:
        props = {prop["name"]: prop["value"].get("value") for prop in node.get("properties", [])}
        result.append((node.get("role", {}).get("value"), node.get("name", {}).get("value", ""), props))
    return result


@pytest.mark.parametrize(
    ("path", "required"),
    [
        (
            PARENT_NL,
            [
                "Je naam",
                "Postcode",
                "Geboortedatum van je kind",
                "Wat speelt er in je gezin?",
                "Wat voor hulp zoek je?",
                "Ik geef MeeleefGezin toestemming",
            ],
        ),
        (REFERRER_NL, ["Je beroep", "Wat speelt er in het gezin?", "De ouders geven toestemming"]),
        (
            "/voor-meeleefgezinnen/aanmelden/",
            ["We hebben gelezen wat er van een meeleefgezin", "We geven MeeleefGezin toestemming"],
        ),
        ("/steun-zoeken/", ["Wie ben je?", "Postcode"]),
    ],
)
def test_untouched_required_controls_are_announced_as_required_not_invalid(desktop, path, required):
    desktop.goto(path)
    nodes = ax_nodes(desktop)
    invalid = [(role, name) for role, name, props in nodes if props.get("invalid") not in (None, "false")]
    assert invalid == [], f"announced as invalid on an untouched form: {invalid}"
    for start in required:
        matches = [
            (role, name, props)
            for role, name, props in nodes
            if name.startswith(start) and role in ("textbox", "checkbox", "radiogroup", "group", "combobox")
        ]
        assert matches, f"no control named {start!r}"
        role, name, props = matches[0]
        said = props.get("required") is True or "(verplicht)" in name
        assert said, f"{role} {name!r} is not announced as required: {props}"
        assert not (props.get("required") is True and "(verplicht)" in name), f"{name!r}: required said twice"


# --- Focus rings -----------------------------------------------------------------------------

FOCUS_STYLE = """(el) => {
  const style = getComputedStyle(el);
  function background(node) {
    for (let n = node; n; n = n.parentElement) {
      const colour = getComputedStyle(n).backgroundColor;
      if (colour && colour !== "transparent" && !/rgba\\(.*, 0\\)$/.test(colour)) return colour;
    }
    return "rgb(255, 255, 255)";
  }
  const control = el.matches("input[type=checkbox]:checked, input[type=radio]:checked")
    ? style.accentColor : background(el);
  return {
    visible: el.matches(":focus-visible"),
    outline: style.outlineColor, width: parseFloat(style.outlineWidth), styleName: style.outlineStyle,
    offset: parseFloat(style.outlineOffset), page: background(el.parentElement), control: control,
    shadow: style.boxShadow,
  };
}"""


def rgb(text):
    return [int(part) for part in re.findall(r"\d+", text)[:3]]


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, two):
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def assert_ring(page, selector, state):
    control = page.locator(selector).first
    control.evaluate("(el) => el.blur()")
    before = control.evaluate(FOCUS_STYLE)
    page.keyboard.press("Shift")  # keyboard modality: focus() then shows :focus-visible
    control.focus()
    ring = control.evaluate(FOCUS_STYLE)
    # The ring is what focus adds: not an outline the control already had (the red error outline).
    unfocused = (before["styleName"], before["outline"], before["offset"])
    assert unfocused != (ring["styleName"], ring["outline"], ring["offset"]), f"{selector} ({state}): no ring"
    assert ring["visible"], f"{selector} ({state}) does not match :focus-visible"
    assert ring["styleName"] == "solid" and ring["width"] >= 2, f"{selector} ({state}): {ring}"
    assert contrast(ring["outline"], ring["page"]) >= 3, f"{selector} ({state}) ring on the page: {ring}"
    # The ring touches the control unless it stands off from it (then the page shows between).
    inner = ring["control"] if ring["offset"] <= 0 else ring["page"]
    assert contrast(ring["outline"], inner) >= 3, f"{selector} ({state}) ring beside the control: {ring}"
    assert ring["shadow"] == "none" or contrast(ring["outline"], ring["page"]) >= 3


CONTROLS = [
    "#id_name",
    "#id_support_0",
    "input[name=concerns]",
    "#id_consent",
    "#id_child_date_day",
    "#intake-form button[type=submit]",
]


def test_focus_rings_reach_3_to_1_in_every_state(desktop):
    desktop.goto(PARENT_NL)
    for selector in CONTROLS:
        assert_ring(desktop, selector, "default")
    desktop.locator("#intake-form button[type=submit]").hover()
    assert_ring(desktop, "#intake-form button[type=submit]", "hover")
    desktop.locator("#intake-form button[type=submit]").click()
    desktop.wait_for_load_state("domcontentloaded")
    for selector in CONTROLS:
        assert_ring(desktop, selector, "error")
    desktop.locator("#id_support_0").check()
    desktop.locator("#id_consent").check()
    desktop.locator("input[name=concerns]").first.check()
    for selector in ("#id_support_0", "#id_consent", "input[name=concerns]"):
        desktop.locator(selector).first.hover()
        assert_ring(desktop, selector, "checked, hover")


def test_find_support_focus_rings(phone):
    phone.goto("/steun-zoeken/")
    phone.get_by_role("button", name="Laat zien wat past").click()
    expect(phone.locator("#error-summary")).to_be_visible()
    for selector in ("#fs-role_0", "#fs-postcode", ".find-support__form button[type=submit]"):
        assert_ring(phone, selector, "error")


# --- Language switch on a thanks page --------------------------------------------------------


def test_language_switch_on_a_thanks_page_keeps_the_confirmation(phone):
    phone.goto(PARENT_NL)
    when = months_ago(14)
    phone.fill("#id_name", "Sanne de Boer")
    phone.fill("#id_email", "sanne.deboer@voorbeeld.nl")
    phone.fill("#id_postcode", "3431 AB")
    phone.fill("#id_child_date_day", str(when.day))
    phone.fill("#id_child_date_month", str(when.month))
    phone.fill("#id_child_date_year", str(when.year))
    phone.check("input[name=concerns][value=psychiatric]")
    phone.check("#id_support_0")
    phone.check("#id_consent")
    phone.locator("#intake-form button[type=submit]").click()
    expect(phone.locator("#reference")).to_have_text(REFERENCE)
    reference = phone.locator("#reference").inner_text()
    phone.locator(".language-switcher a[hreflang=en]").click()
    phone.wait_for_load_state("domcontentloaded")
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you for your sign-up")
    expect(phone.locator("#reference")).to_have_text(reference)
    expect(phone.locator("main")).to_contain_text("What happens next")
    phone.locator(".language-switcher a[hreflang=nl]").click()
    expect(phone.locator("#reference")).to_have_text(reference)


def test_language_switch_on_find_support_keeps_the_live_answers(desktop):
    desktop.goto("/steun-zoeken/")
    desktop.locator("#fs-role_0").check()
    desktop.fill("#fs-postcode", "3431")
    # The link itself carries nothing: the answers are POSTed to the translation when it is followed.
    expect(desktop.locator(".language-switcher a[hreflang=en]")).to_have_attribute("href", "/en/find-support/")
    desktop.locator(".language-switcher a[hreflang=en]").click()
    expect(desktop).to_have_url(re.compile(r"/en/find-support/$"))
    expect(desktop.locator("#fs-postcode")).to_have_value("3431")
    expect(desktop.locator("#fs-role_0")).to_be_checked()
