"""The find-support page works without JavaScript, in Dutch and in English. The form is sent by
POST (the facts are health and place data: never in an address)."""

import re

import pytest
from django.utils import timezone

from intake.models import FindSupportPage
from intake.routing.rules import add_months
from tests.intake import ensure_demo_intake

pytestmark = pytest.mark.usefixtures("demo_site")

NL_URL = "/steun-zoeken/"
EN_URL = "/en/find-support/"


@pytest.fixture
def pages(db):
    ensure_demo_intake()
    urls = {page.locale.language_code: page.url for page in FindSupportPage.objects.live().select_related("locale")}
    assert urls == {"nl": NL_URL, "en": EN_URL}
    return urls


def months_ago(months):
    return add_months(timezone.localdate(), -months).isoformat()


def date_parts(iso):
    """The date as the page asks it: day, month and year (the sign-up forms' date field)."""
    year, month, day = iso.split("-")
    return {"child_birth_date_day": day, "child_birth_date_month": month, "child_birth_date_year": year}


def html_of(client, url, query=None):
    """The page as opened (no facts) or as sent (the facts POSTed, as the form does)."""
    response = client.post(url, query) if query is not None else client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def sanne(**changes):
    query = {
        "role": "parent",
        "postcode": "3431 AB",
        "child_birth_date": months_ago(14),
        "concerns": ["psychiatric"],
        "support": "outside_home",
    }
    query.update(changes)
    query.update(date_parts(query.pop("child_birth_date")))
    return query


@pytest.mark.parametrize(
    ("url", "lang", "texts"),
    [
        (NL_URL, "nl", ["Wie ben je?", "Waar maak je je zorgen over?", "Laat zien wat past", "Verwacht je een baby?"]),
        (EN_URL, "en", ["Who are you?", "What worries you?", "Show what fits", "Expecting a baby? Then fill"]),
    ],
)
def test_empty_form_in_both_languages(client, pages, url, lang, texts):
    response, html = html_of(client, url)
    assert f'<html lang="{lang}"' in html
    for text in texts:
        assert text in html
    assert re.search(r'<form[^>]+method="post"[^>]+action="' + re.escape(url) + '"', html)
    assert 'name="csrfmiddlewaretoken"' in html
    # The sign-up forms' kit: role, date (day, month, year), concerns and support are fieldsets.
    assert html.count("<fieldset") == 4 and html.count('<legend class="form-field__legend">') == 4
    assert 'id="fs-child_birth_date_day"' in html and 'id="fs-child_birth_date_year"' in html
    assert 'type="date"' not in html and "2024-03-15" not in html
    assert 'id="fs-postcode_helptext"' in html and 'aria-describedby="fs-postcode_helptext"' in html
    assert html.count('class="required-marker"') == 3  # role, postcode, date
    assert "option_group" not in html and "data-municipality-field hidden" in html
    assert 'aria-live="polite"' in html
    assert "js/find-support.js" in html
    assert "error-summary" not in html
    assert 'class="find-support__headline"' not in html
    assert 'name="robots" content="noindex"' not in html
    assert 'for="fs-postcode"' in html and 'id="fs-postcode"' in html
    assert 'for="fs-role_0"' in html and 'id="fs-role_0"' in html


def test_sanne_sees_lekstroom_and_the_parents_sign_up_in_dutch(client, pages):
    response, html = html_of(client, NL_URL, sanne())
    assert "Je kunt je aanmelden bij MeeleefGezin Lekstroom" in html
    assert "MeeleefGezin Lekstroom behandelt aanmeldingen uit Nieuwegein" in html
    assert 'href="mailto:lekstroom@meeleefgezin.example.org"' in html
    # The answers go along in the sign-up button's POST body, never in its address.
    assert '<form class="find-support__signup" method="post" action="/voor-ouders/aanmelden/">' in html
    assert '<input type="hidden" name="postcode" value="3431 AB">' in html
    assert '<input type="hidden" name="concerns" value="psychiatric">' in html
    assert "?postcode" not in html and "aanmelden/?" not in html
    assert 'href="/collectief/meeleefgezin/"' in html
    assert 'value="3431 AB"' in html  # the answers stay in the form
    assert 'name="robots" content="noindex"' in html
    assert response["Cache-Control"] == "private, no-store"


def test_the_same_in_english(client, pages):
    _response, html = html_of(client, EN_URL, sanne())
    assert "You can sign up with MeeleefGezin Lekstroom" in html
    assert "MeeleefGezin fits this situation." in html
    assert 'method="post" action="/en/for-parents/sign-up/"' in html
    assert 'href="/en/collective/meeleefgezin/"' in html


def test_zeist_waitlist_with_nearby_alternatives(client, pages):
    _response, html = html_of(client, EN_URL, sanne(postcode="3701", child_birth_date=months_ago(24)))
    assert "You can sign up for the central waitlist" in html
    assert "ZuidOost Utrecht does not take sign-ups yet" in html
    assert "Also worth a look" in html
    assert "Centre for Youth and Family (CJG)" in html
    assert 'method="post" action="/en/for-parents/sign-up/"' in html


def test_groningen_too_old_explains_in_one_sentence_and_links_programs(client, pages):
    query = sanne(postcode="9711", child_birth_date=months_ago(61), support="either")
    _response, html = html_of(client, EN_URL, query)
    assert "MeeleefGezin does not fit this situation" in html
    assert "MeeleefGezin is for children until their fifth birthday; the child is 5 years old." in html
    assert re.search(r'<a href="/en/collective/(buurtgezinnen|steunouder|samen-oplopen)/">', html)
    assert "sign-up/" not in html.split("data-result")[1].split("</section>")[0]  # no sign-up to a dead end
    _response, dutch = html_of(client, NL_URL, query)
    assert "MeeleefGezin past niet bij deze situatie" in dutch
    assert "vijfde verjaardag" in dutch


def test_host_family_and_referrer_get_their_own_sign_up(client, pages):
    _response, html = html_of(client, NL_URL, {"role": "host_family", "postcode": "3991"})
    assert 'method="post" action="/voor-meeleefgezinnen/aanmelden/"' in html
    assert "zoekt meeleefgezinnen in Houten" in html
    _response, html = html_of(client, EN_URL, sanne(role="referrer", postcode="3401"))
    assert 'method="post" action="/en/for-referrers/sign-up/"' in html


def test_partner_outcome_shows_the_partner_region(client, pages):
    query = sanne(concerns=["parenting_questions"], support="at_home", child_birth_date=months_ago(30))
    _response, html = html_of(client, EN_URL, query)
    assert "Home-Start may help you" in html
    assert 'href="/en/collective/home-start/"' in html


@pytest.mark.parametrize(
    ("url", "summary", "messages"),
    [
        (NL_URL, "Controleer het volgende", ["Kies wie je bent.", "Vul je postcode in."]),
        (EN_URL, "Please check the following", ["Choose who you are.", "Enter your postcode."]),
    ],
)
def test_errors_summary_and_per_field(client, pages, url, summary, messages):
    _response, html = html_of(client, url, {"postcode": "", "role": ""})
    assert summary in html
    assert 'class="error-summary" id="error-summary" role="alert"' in html  # the sign-up forms' summary
    for message in messages:
        assert html.count(message) == 2  # in the summary and at the field
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert summary.index('href="#fs-role_0"') < summary.index('href="#fs-postcode"')  # in the page's order
    assert re.search(r'<input type="text" name="postcode"[^>]+aria-invalid="true"', html)
    assert 'aria-describedby="fs-postcode_helptext fs-postcode_error"' in html
    assert 'id="fs-role_error"' in html and 'aria-describedby="fs-role_error"' in html  # on the fieldset
    assert 'class="find-support__headline"' not in html


def test_bad_date_and_postcode_are_shown_at_their_fields(client, pages):
    _response, html = html_of(client, EN_URL, sanne(postcode="34", child_birth_date="2024-02-30"))
    assert "Enter a Dutch postcode" in html
    assert html.count("Enter a date that exists, for example 14 3 2024.") == 2
    assert 'id="fs-child_birth_date_error"' in html
    assert 'href="#fs-child_birth_date_day"' in html
    assert re.search(
        r'id="fs-child_birth_date_day"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="fs-child_birth_date_day"',
        html,
    )
    assert 'value="30"' in html  # what was typed stays in the form
    _response, html = html_of(client, EN_URL, {**sanne(), "child_birth_date_year": "24"})
    assert "Enter the year in four digits" in html


def test_date_in_the_apis_form_is_still_read(client, pages):
    query = {**sanne(), "child_birth_date": months_ago(14)}
    for part in ("day", "month", "year"):
        query.pop(f"child_birth_date_{part}")
    _response, html = html_of(client, EN_URL, query)
    assert "You can sign up with MeeleefGezin Lekstroom" in html
    assert 'name="child_birth_date_year" value="' + months_ago(14)[:4] + '"' in html


def test_split_postcode_asks_which_municipality(client, pages):
    _response, html = html_of(client, EN_URL, {"role": "host_family", "postcode": "4197"})
    select = html.split('<select name="municipality"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(GM\d{4})"', select) == ["GM1960", "GM0214"]
    assert "data-municipality-field hidden" not in html
    _response, html = html_of(client, EN_URL, {"role": "host_family", "postcode": "4197", "municipality": "GM0214"})
    assert "in Buren" in html


def test_unknown_postcode_offers_every_municipality(client, pages):
    _response, html = html_of(client, EN_URL, sanne(postcode="1000"))
    assert "You can sign up for the central waitlist" in html
    select = html.split('<select name="municipality"')[1].split("</select>")[0]
    assert "GM0356" in select and "GM0014" in select
    _response, html = html_of(client, EN_URL, sanne(postcode="1000", municipality="GM0356"))
    assert "You can sign up with MeeleefGezin Lekstroom" in html


def test_municipality_question_is_hidden_when_not_needed(client, pages):
    _response, html = html_of(client, NL_URL, sanne())
    assert "data-municipality-field hidden" in html


@pytest.mark.parametrize(
    "query",
    [
        {"postcode": "<script>alert(1)</script>", "role": "<b>x</b>", "child_birth_date": "\x00"},
        {"postcode": "9" * 50_000, "role": "parent", "concerns": ["x" * 10_000, "psychiatric"]},
        {"postcode": ["3431", "9711"], "role": ["parent", "host_family"], "child_birth_date": "9999-99-99"},
        {"municipality": "<img src=x>", "role": "referrer"},
        {"support": "either"},
    ],
)
def test_hostile_input_is_refused_clearly(client, pages, query):
    response, html = html_of(client, EN_URL, query)
    assert "<script>alert(1)</script>" not in html
    assert "<b>x</b>" not in html
    assert "<img src=x>" not in html
    assert "Please check the following" in html or 'class="find-support__headline"' in html


def answer_of(html):
    """The answer partial's HTML (the part the live region shows), or None; without the CSRF
    token's value, which is masked afresh in every response."""
    match = re.search(r'<div class="find-support__answer" data-answer>.*?\n</div>', html, re.S)
    if not match:
        return None
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1", match.group(0))


@pytest.mark.parametrize(
    ("url", "query"),
    [
        (NL_URL, sanne()),
        (EN_URL, sanne(postcode="3701")),
        (EN_URL, sanne(postcode="9711", child_birth_date=months_ago(61))),
    ],
)
def test_live_answer_is_the_same_partial_as_the_page(client, pages, url, query):
    _response, page_html = html_of(client, url, query)
    response, fragment = html_of(client, url + "answer/", query)
    assert answer_of(fragment) is not None
    assert answer_of(fragment) == answer_of(page_html)
    assert "<html" not in fragment and "find-support__form" not in fragment
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert 'data-answer-url="' + url + 'answer/"' in page_html


def test_live_answer_speaks_the_language_of_the_page(client, pages):
    _response, dutch = html_of(client, NL_URL + "answer/", sanne())
    _response, english = html_of(client, EN_URL + "answer/", sanne())
    assert "Je kunt je aanmelden bij MeeleefGezin Lekstroom" in dutch and "Aanmelden" in dutch
    assert "You can sign up with MeeleefGezin Lekstroom" in english and "Sign up" in english


def test_live_answer_without_enough_facts_is_400_without_an_answer(client, pages):
    for query in ({}, sanne(postcode="34"), {"role": "parent", "postcode": "3431"}):
        response = client.post(EN_URL + "answer/", query)
        assert response.status_code == 400
        assert response["Cache-Control"] == "private, no-store"
        assert answer_of(response.content.decode()) is None


def test_live_answer_asks_the_municipality_when_needed(client, pages):
    _response, split = html_of(client, EN_URL + "answer/", {"role": "host_family", "postcode": "4197"})
    question = split.split("<template data-municipality-question")[1].split("</template>")[0]
    assert question.startswith(" data-show>")
    assert re.findall(r'<option value="(GM\d{4})"', question) == ["GM1960", "GM0214"]
    _response, known = html_of(client, EN_URL + "answer/", sanne())
    assert "<template data-municipality-question>" in known
