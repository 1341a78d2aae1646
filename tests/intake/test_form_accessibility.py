"""Accessibility of the form kit, in the rendered HTML: error summaries that name their question,
required and invalid states that assistive technology announces (only when true), and answers that
survive a language switch or go along into a sign-up form."""

import re

import pytest

from intake.models import Intake, Role
from intake.signup.forms import HostFamilyForm, ParentForm

from . import signup_fixtures
from .signup_fixtures import EN, NL, months_ago, parent_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

page_url = signup_fixtures.page_url
frozen_today = signup_fixtures.frozen_today


def html_of(response):
    assert response.status_code in (200, 400), response.status_code
    return response.content.decode()


def summary_of(html):
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match, "no error summary"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(0))).strip()


def tag(html, pattern):
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return match.group(0)


# --- Error summary: every entry names its question -------------------------------------------


@pytest.mark.parametrize(
    ("role", "language", "lines"),
    [
        (
            Role.PARENT,
            NL,
            [
                "Je naam: Vul je naam in.",
                "Wat speelt er in je gezin? Vink minstens één antwoord aan.",
                "Wat voor hulp zoek je? Kies één antwoord.",
                "Toestemming: Vink het vakje aan",
            ],
        ),
        (
            Role.PARENT,
            EN,
            [
                "Your name: Enter your name.",
                "What is going on in your family? Tick at least one answer.",
                "What kind of help are you looking for? Choose one answer.",
                "Permission: Tick the box to agree",
            ],
        ),
        (Role.HOST_FAMILY, EN, ["What is asked of a host family: Tick the box", "Permission: Tick the box"]),
        (Role.HOST_FAMILY, NL, ["Wat er van een meeleefgezin wordt gevraagd: Vink het vakje aan"]),
        (
            Role.REFERRER,
            EN,
            ["Your profession: Choose your profession.", "Permission of the parents: You can only refer"],
        ),
        (Role.REFERRER, NL, ["Toestemming van de ouders: "]),
    ],
)
def test_every_summary_entry_names_its_question(client, page_url, role, language, lines):
    summary = summary_of(html_of(client.post(page_url(role, language), {})))
    for line in lines:
        assert line in summary
    # No entry is a bare instruction without its question.
    assert not re.search(r"(^|following )(Choose one answer|Tick at least one answer|Kies één antwoord)", summary)


@pytest.mark.parametrize(
    ("url", "lines"),
    [
        ("/steun-zoeken/", ["Wie ben je? Kies wie je bent.", "Postcode: Vul je postcode in."]),
        ("/en/find-support/", ["Who are you? Choose who you are.", "Postcode: Enter your postcode."]),
    ],
)
def test_find_support_summary_is_worded_like_the_sign_up_forms(client, demo_site, url, lines):
    html = html_of(client.post(url, {"postcode": "", "role": ""}))
    summary = summary_of(html)
    for line in lines:
        assert line in summary
    assert "?:" not in summary
    assert html.split("<title>")[1].startswith("Fout: " if url.startswith("/steun") else "Error: ")


# --- Required and invalid states -------------------------------------------------------------


def test_untouched_form_says_required_and_never_invalid(client, page_url):
    html = html_of(client.get(page_url(Role.PARENT, NL)))
    assert "aria-invalid" not in html
    consent = tag(html, r'<input type="checkbox" name="consent"[^>]*>')
    assert " required" not in consent and 'aria-required="true"' in consent  # native would be "invalid"
    for radio in re.findall(r'<input type="radio" name="support"[^>]*>', html):
        assert " required" not in radio
    assert re.search(r'<fieldset role="radiogroup" aria-required="true"[^>]*>\s*<legend[^>]*>Wat voor hulp', html)
    # A group of checkboxes has no required state: the legend says it, out loud.
    legend = tag(html, r'<legend class="form-field__legend">Wat speelt er in je gezin\?.*?</legend>')
    assert '<span class="required-marker">(verplicht)</span>' in legend
    # The consent box's word is read too; a text box says "required" itself, so its word is hidden.
    assert re.search(r'toestemming[^<]*<span class="required-marker">\(verplicht\)</span></label>', html)
    assert re.search(r'Je naam <span class="required-marker" aria-hidden="true">\(verplicht\)</span>', html)
    assert 'name="name"' in tag(html, r'<input type="text" name="name"[^>]*required[^>]*>')
    assert "Vragen met ‘verplicht’ moet je beantwoorden." in html and "*" not in legend


def test_after_a_failed_submit_the_group_is_invalid_not_each_radio(client, page_url):
    html = html_of(client.post(page_url(Role.PARENT, EN), parent_data(support=None)))
    assert re.search(r'<fieldset role="radiogroup" aria-required="true" aria-invalid="true"', html)
    for radio in re.findall(r'<input type="radio" name="support"[^>]*>', html):
        assert "aria-invalid" not in radio
    assert "(required)" in html


def test_find_support_marks_its_questions(client, demo_site):
    html = html_of(client.get("/en/find-support/"))
    assert "aria-invalid" not in html
    assert 'aria-required="true"' in tag(html, r'<input type="text" name="postcode"[^>]*>')  # postcode or municipality
    assert re.search(r'<fieldset role="radiogroup" aria-required="true"[^>]*>\s*<legend[^>]*>Who are you\?', html)
    html = html_of(client.post("/en/find-support/", {"role": "", "postcode": "3431"}))
    assert re.search(r'<fieldset role="radiogroup" aria-required="true" aria-invalid="true"', html)
    assert not re.search(r'<input type="radio" name="role"[^>]*aria-invalid', html)


# --- Answers that go along -------------------------------------------------------------------


def test_find_support_answer_carries_the_answers_into_the_sign_up_form(client, demo_site):
    stored = Intake.objects.count()
    when = months_ago(14).isoformat()
    query = {"role": "parent", "postcode": "3431 ab", "child_birth_date": when, "concerns": "psychiatric"}
    query["support"] = "outside_home"
    html = html_of(client.post("/steun-zoeken/", query))
    button = tag(html, r'<form class="find-support__signup" method="post" action="/voor-ouders/aanmelden/">.*?</form>')
    carried = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', button))
    assert carried["postcode"] == "3431 AB" and carried["child_date"] == when
    assert carried["concerns"] == "psychiatric" and carried["support"] == "outside_home"
    form = html_of(client.post("/voor-ouders/aanmelden/", carried))
    assert re.search(r'name="postcode" value="3431 AB"', form)
    assert re.search(r'value="psychiatric"[^>]*checked', form)
    assert re.search(r'value="outside_home"[^>]*checked', form)
    day = months_ago(14)
    assert re.search(rf'name="child_date_year" value="{day.year}"', form)
    assert re.search(rf'name="child_date_day" value="{day.day}"', form)
    assert "error-summary" not in form and "aria-invalid" not in form  # initial values, not a sent form
    assert Intake.objects.count() == stored  # nothing is stored


def test_carried_answers_are_checked_and_only_what_the_form_asks():
    class Query(dict):
        def getlist(self, key):
            value = self.get(key, [])
            return value if isinstance(value, list) else [value]

    query = Query(
        postcode="99999 ZZ",
        child_date="2024-02-30",
        concerns=["psychiatric", "made_up", "psychiatric"],
        support="<script>",
    )
    assert ParentForm.initial_from_query(query) == {"concerns": ["psychiatric"]}
    query = Query(postcode="3991", child_date="2024-03-14", concerns=["psychiatric"], support="at_home")
    assert HostFamilyForm.initial_from_query(query) == {"postcode": "3991"}
    initial = ParentForm.initial_from_query(query)
    assert initial["child_date"].isoformat() == "2024-03-14" and initial["support"] == "at_home"


def test_a_host_family_button_carries_only_the_postcode(client, demo_site):
    html = html_of(client.post("/steun-zoeken/", {"role": "host_family", "postcode": "3991", "support": "at_home"}))
    action = "/voor-meeleefgezinnen/aanmelden/"
    button = tag(html, rf'<form class="find-support__signup" method="post" action="{action}">.*?</form>')
    carried = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', button)
    assert [(name, value) for name, value in carried if name != "csrfmiddlewaretoken"] == [
        ("from_find_support", "1"),
        ("postcode", "3991"),
    ]


def test_language_switch_on_find_support_keeps_the_answers(client, demo_site):
    answers = {"role": "parent", "postcode": "3431"}
    html = html_of(client.post("/steun-zoeken/", answers))
    switcher = tag(html, r'<nav class="language-switcher".*?</nav>')
    assert 'href="/en/find-support/"' in switcher  # the link carries nothing
    # find-support.js POSTs the answers to the translation when the link is followed (tests/e2e).
    english = html_of(client.post("/en/find-support/", answers))
    assert 'value="3431"' in english and '<html lang="en"' in english


def test_language_switch_on_a_thanks_page_keeps_the_confirmation(client, demo_site):
    response = client.post("/voor-ouders/aanmelden/", parent_data())
    assert response.status_code == 302
    location = response["Location"]
    dutch = html_of(client.get(location))
    reference = re.search(r'id="reference">([^<]+)<', dutch).group(1)
    token = location.rstrip("/").rsplit("/", 1)[1]
    english_thanks = f"/en/for-parents/sign-up/thanks/{token}/"
    assert f'href="{english_thanks}"' in tag(dutch, r'<nav class="language-switcher".*?</nav>')
    english = html_of(client.get(english_thanks))
    assert reference in english
    assert "Thank you for your sign-up" in english and "What happens next" in english
    assert "This page is no longer available" not in english
    # Another form's thanks page does not show it.
    assert reference not in html_of(client.get(f"/en/for-host-families/sign-up/thanks/{token}/"))
