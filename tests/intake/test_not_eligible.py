"""Ask before storing what cannot be used: when a sign-up form's own routing says "not eligible",
the visitor first sees why and the alternatives, and the sign-up is stored only when they choose to
be contacted anyway (with that choice recorded); otherwise nothing is stored and nothing is mailed."""

import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client, override_settings
from django_recaptcha.client import RecaptchaResponse

from intake.models import Intake, Notification, Outcome, Role
from intake.signup.pages import CAPTCHA_PASS_FIELD, STEP_FIELD

from . import signup_fixtures
from .signup_fixtures import EN, NL, date_parts, months_ago, parent_data, referrer_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
frozen_today = signup_fixtures.frozen_today
page_url = signup_fixtures.page_url


def groningen():
    """Journey 4: the father in Groningen whose daughter turned five last month."""
    return {"postcode": "9711", **date_parts(months_ago(61))}


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def hidden_fields(doc):
    """The step's hidden fields as POST data (repeated names kept, as the browser sends them)."""
    data = {}
    for field in doc.select("form.intake-choice input[type=hidden]"):
        data.setdefault(field["name"], []).append(field["value"])
    return data


def nothing_stored():
    return not Intake.objects.exists() and not Notification.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("language", "heading", "why", "contact"),
    [
        (EN, "MeeleefGezin does not fit this situation", "fifth birthday", "Yes, store my sign-up and contact me"),
        (NL, "MeeleefGezin past niet bij deze situatie", "vijfde verjaardag", "Ja, bewaar mijn aanmelding"),
    ],
)
def test_the_parent_first_sees_why_and_the_alternatives_and_nothing_is_stored(
    client, page_url, language, heading, why, contact
):
    response = client.post(page_url(Role.PARENT, language), parent_data(**groningen()))
    assert response.status_code == 200
    assert nothing_stored()
    doc = soup(response)
    assert doc.html["lang"] == language
    h1 = doc.select_one("h1")
    assert h1["id"] == "step-heading" and h1.has_attr("autofocus") and h1["tabindex"] == "-1"
    assert heading in h1.get_text()
    assert why in doc.select_one(".intake-not-eligible__explanation").get_text()
    alternatives = doc.select(".intake-alternatives > li")
    assert alternatives and "CJG" in alternatives[-1].get_text()
    buttons = {b["value"]: b.get_text(strip=True) for b in doc.select(f"form.intake-choice button[name={STEP_FIELD}]")}
    assert set(buttons) == {"contact", "edit", "decline"}
    assert buttons["contact"].startswith(contact)
    # What was typed rides along, so no answer is lost whichever way the visitor goes.
    carried = hidden_fields(doc)
    assert carried["name"] == ["Sanne de Vries"] and carried["postcode"] == ["9711"]
    assert "csrfmiddlewaretoken" in carried
    assert "website" not in carried  # the honeypot is not carried
    assert "intake_thanks" not in client.session


def test_declining_stores_nothing_and_mails_nothing(client, page_url):
    url = page_url(Role.PARENT, EN)
    step = soup(client.post(url, parent_data(**groningen())))
    response = client.post(url, {**hidden_fields(step), STEP_FIELD: "decline"})
    assert response.status_code == 200
    assert nothing_stored()
    doc = soup(response)
    assert doc.select_one("h1#step-heading[autofocus]").get_text(strip=True) == "We have not stored your sign-up"
    assert "we have not sent an e-mail" in doc.get_text()
    assert doc.select(".intake-alternatives > li")  # still where to find help
    # Changed their mind: the answers are still there, to go back to or to send after all.
    assert {b["value"] for b in doc.select(f"form.intake-choice button[name={STEP_FIELD}]")} == {"contact", "edit"}
    assert hidden_fields(doc)["name"] == ["Sanne de Vries"]


def test_going_back_keeps_every_answer(client, page_url):
    url = page_url(Role.PARENT, NL)
    typed = parent_data(**groningen(), notes="Mijn dochter is net vijf geworden.")
    step = soup(client.post(url, typed))
    response = client.post(url, {**hidden_fields(step), STEP_FIELD: "edit"})
    assert response.status_code == 200
    assert nothing_stored()
    doc = soup(response)
    notice = doc.select_one("#returned-notice")
    assert notice.has_attr("autofocus") and "Je antwoorden staan er nog" in notice.get_text()
    form = doc.select_one("form#intake-form")
    assert form.select_one("input[name=name]")["value"] == "Sanne de Vries"
    assert form.select_one("input[name=postcode]")["value"] == "9711"
    assert form.select_one("input[name=child_date_year]")["value"] == typed["child_date_year"]
    assert form.select_one("textarea[name=notes]").get_text().strip() == "Mijn dochter is net vijf geworden."
    assert form.select_one("input[name=concerns][value=psychiatric]").has_attr("checked")
    assert form.select_one("input[name=consent]").has_attr("checked")
    assert not doc.select_one("#error-summary")
    # Corrected (the younger child after all): stored as any sign-up, without the question.
    fixed = {**typed, **date_parts(months_ago(20))}
    assert client.post(url, fixed).status_code == 302
    intake = Intake.objects.get()
    assert intake.outcome == Outcome.WAITLIST and intake.contact_anyway_at is None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (EN, "You asked us to contact you, even though MeeleefGezin does not fit."),
        (NL, "Je hebt gevraagd om contact, ook al past MeeleefGezin niet."),
    ],
)
def test_choosing_to_be_contacted_stores_it_with_that_consent(client, page_url, language, text):
    url = page_url(Role.PARENT, language)
    step = soup(client.post(url, parent_data(**groningen())))
    with time_machine.travel("2026-05-20 10:05 +0200", tick=False):
        response = client.post(url, {**hidden_fields(step), STEP_FIELD: "contact"})
        thanks = client.get(response["Location"])
    assert response.status_code == 302
    intake = Intake.objects.get()
    assert intake.outcome == Outcome.NOT_ELIGIBLE
    assert intake.contact_anyway_at.isoformat() == "2026-05-20T08:05:00+00:00"
    assert intake.personal["name"] == "Sanne de Vries"
    assert Notification.objects.filter(intake=intake).exists()  # the coordinator and the parent are told
    assert text in thanks.content.decode()
    assert intake.reference in thanks.content.decode()


def test_the_referrer_is_asked_too(client, page_url):
    url = page_url(Role.REFERRER, EN)
    response = client.post(url, referrer_data(postcode="9711", **date_parts(months_ago(61))))
    assert response.status_code == 200 and nothing_stored()
    doc = soup(response)
    contact = doc.select_one(f"button[name={STEP_FIELD}][value=contact]")
    assert contact.get_text(strip=True) == "Yes, store the referral and contact me"
    assert client.post(url, {**hidden_fields(doc), STEP_FIELD: "contact"}).status_code == 302
    assert Intake.objects.get().contact_anyway_at is not None


def test_an_unknown_choice_asks_again_with_the_error_summary(client, page_url):
    url = page_url(Role.PARENT, EN)
    step = soup(client.post(url, parent_data(**groningen())))
    response = client.post(url, {**hidden_fields(step), STEP_FIELD: "maybe"})
    assert response.status_code == 200 and nothing_stored()
    doc = soup(response)
    summary = doc.select_one("#error-summary[autofocus]")
    assert "Choose one of the options below." in summary.get_text()
    assert summary.select_one("a[href='#choice-contact']") and doc.select_one("#choice-contact")
    assert not doc.select_one("h1").has_attr("autofocus")  # the summary takes focus first


def test_a_tampered_step_is_validated_again(client, page_url):
    url = page_url(Role.PARENT, EN)
    step = hidden_fields(soup(client.post(url, parent_data(**groningen()))))
    step["consent"] = []
    response = client.post(url, {**step, STEP_FIELD: "contact"})
    assert response.status_code == 200 and nothing_stored()
    assert 'id="error-summary"' in response.content.decode()


def test_the_step_is_never_cached(client, page_url):
    response = client.post(page_url(Role.PARENT, EN), parent_data(**groningen()))
    assert "no-store" in response["Cache-Control"]
    assert 'name="robots" content="noindex"' in response.content.decode()


RECAPTCHA_KEYS = {"RECAPTCHA_PUBLIC_KEY": "public-test-key", "RECAPTCHA_PRIVATE_KEY": "private-test-key"}


@override_settings(**RECAPTCHA_KEYS)
def test_the_spam_check_is_not_asked_twice(client, page_url, monkeypatch):
    calls = []

    def submit(*args, **kwargs):
        calls.append(1)
        return RecaptchaResponse(is_valid=True, extra_data={"score": 1.0})

    monkeypatch.setattr("django_recaptcha.client.submit", submit)
    url = page_url(Role.PARENT, EN)
    step = soup(client.post(url, parent_data(**groningen(), **{"g-recaptcha-response": "token"})))
    assert calls == [1]
    carried = hidden_fields(step)
    assert CAPTCHA_PASS_FIELD in carried and "g-recaptcha-response" not in carried
    assert client.post(url, {**carried, STEP_FIELD: "contact"}).status_code == 302
    assert calls == [1]  # passed once; the pass is signed and short-lived
    assert Intake.objects.get().recaptcha_unverified is False
    # A forged pass is no pass: the spam check is asked again.
    forged = {**carried, CAPTCHA_PASS_FIELD: "forged", STEP_FIELD: "contact"}
    response = client.post(url, forged)
    assert response.status_code == 200 and Intake.objects.count() == 1
    assert re.search(r"g-recaptcha", response.content.decode())


def test_the_coordinator_sees_that_contact_was_asked_for_anyway(page_url, admin_client):
    visitor = Client()
    step = soup(visitor.post(page_url(Role.PARENT, EN), parent_data(**groningen())))
    visitor.post(page_url(Role.PARENT, EN), {**hidden_fields(step), STEP_FIELD: "contact"})
    intake = Intake.objects.get()
    html = admin_client.get(f"/admin/intake/signups/inspect/{intake.pk}/").content.decode()
    assert "asked to be contacted anyway" in html.lower() or "wil toch contact" in html.lower()
    assert "20 mei 2026" in html or "May 20, 2026" in html or "20 May 2026" in html
