"""The three sign-up forms, end to end through their pages: render, validate, route, store, thank."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from intake.models import Intake, Notification, Outcome, Role
from intake.signup.fields import DatePartsField
from intake.signup.forms import ParentForm, ReferrerForm

from . import signup_fixtures
from .signup_fixtures import DATA as BUILDERS
from .signup_fixtures import (
    EN,
    NL,
    date_parts,
    host_family_data,
    months_ago,
    parent_data,
    referrer_data,
)

# Ages are computed from today: every test here runs on the same day (signup_fixtures.TODAY).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

# Fixtures shared by the sign-up tests.
signup_pages = signup_fixtures.signup_pages
page_url = signup_fixtures.page_url
frozen_today = signup_fixtures.frozen_today

ROLES = [Role.PARENT, Role.HOST_FAMILY, Role.REFERRER]
LANGUAGES = [NL, EN]


def html_of(response):
    return response.content.decode()


def thanks(client, response):
    assert response.status_code == 302, html_of(response)[:3000]
    location = response["Location"]
    assert location.startswith(response.request["PATH_INFO"] + "thanks/")
    page = client.get(location)
    assert page.status_code == 200
    return location, html_of(page)


# --- Rendering -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_form_renders_in_its_language(client, page_url, role, language):
    response = client.get(page_url(role, language))
    html = html_of(response)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert html.count("<h1") == 1
    assert 'method="post"' in html and "novalidate" in html
    assert ("Aanmelden versturen" if language == NL else "Send sign-up") in html
    # Honeypot: hidden from people and from the keyboard.
    assert re.search(r'class="form-honeypot" aria-hidden="true"', html)
    assert re.search(r'<input[^>]*name="website"[^>]*tabindex="-1"', html)
    # Consent is never pre-ticked.
    consent = "parents_agreed" if role == Role.REFERRER else "consent"
    tag = re.search(rf'<input[^>]*name="{consent}"[^>]*>', html).group(0)
    assert "checked" not in tag
    # Stable ids for every field; the municipality and financing questions are not asked yet.
    assert 'id="id_postcode"' in html and 'autocomplete="postal-code"' in html
    assert 'name="municipality"' not in html
    assert 'name="financing"' not in html
    assert "Cache-Control" in response and "no-store" in response["Cache-Control"]


def test_parent_form_fields_and_accessibility_hooks(client, page_url):
    html = html_of(client.get(page_url(Role.PARENT)))
    for field_id in [
        "id_name",
        "id_phone",
        "id_email",
        "id_preferred_contact_0",
        "id_postcode",
        "id_child_date_day",
        "id_child_date_month",
        "id_child_date_year",
        "id_concerns_0",
        "id_support_0",
        "id_notes",
        "id_consent",
        "id_share_with_partner",
    ]:
        assert f'id="{field_id}"' in html, field_id
    assert 'autocomplete="name"' in html and 'autocomplete="tel"' in html and 'autocomplete="email"' in html
    assert 'inputmode="numeric"' in html
    assert '<label for="id_child_date_day">' in html
    assert 'aria-describedby="id_child_date_helptext"' in html
    # The editor's privacy note sits beside the consent and describes it.
    assert 'id="privacy-note"' in html
    assert re.search(r'<input[^>]*name="consent"[^>]*aria-describedby="privacy-note', html)


def test_referrer_form_fields(client, page_url):
    html = html_of(client.get(page_url(Role.REFERRER, EN)))
    for field_id in ["id_referrer_name", "id_profession_0", "id_organisation", "id_work_phone", "id_work_email"]:
        assert f'id="{field_id}"' in html
    assert 'autocomplete="work email"' in html
    assert 'GP (<span lang="nl">huisarts</span>)' in html


# --- Valid sign-ups --------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_valid_sign_up_is_stored_routed_and_thanked(client, page_url, role, language):
    response = client.post(page_url(role, language), BUILDERS[role]())
    location, html = thanks(client, response)

    intake = Intake.objects.get()
    assert intake.role == role
    assert intake.language == language
    assert intake.outcome == Outcome.REGION
    assert intake.region.name == "Lekstroom"
    assert intake.program.code == "meeleefgezin"
    assert intake.consent_at is not None and intake.consent_at <= timezone.now()
    assert not intake.recaptcha_unverified
    # The reference is shown, but never part of the URL.
    assert intake.reference in html
    assert intake.reference not in location
    assert f'<html lang="{language}"' in html
    assert "Lekstroom" in html
    assert ("screening" in html.lower()) and ("5 " in html)
    # Two notices queued; no mail sent inside the request.
    kinds = set(Notification.objects.filter(intake=intake).values_list("kind", flat=True))
    assert kinds == {Notification.Kind.HANDLERS, Notification.Kind.CONFIRMATION}
    assert len(mail.outbox) == 0
    call_command("send_notifications", verbosity=0)
    assert len(mail.outbox) == 2


def test_parent_stores_routing_facts_as_columns_and_the_rest_encrypted(client, page_url):
    thanks(client, client.post(page_url(Role.PARENT), parent_data()))
    intake = Intake.objects.get()
    assert intake.pc4 == "3431"
    assert intake.municipality.name == "Nieuwegein"
    personal = intake.personal
    assert personal["name"] == "Sanne de Vries"
    assert personal["email"] == "sanne@example.nl"
    assert personal["postcode"] == "3431AB"
    assert personal["concerns"] == ["psychiatric"]
    assert personal["support"] == "outside_home"
    assert personal["child_date"] == months_ago(18).isoformat()
    assert personal["preferred_contact"] == "phone"
    assert personal["share_with_partner"] is False
    assert "consent" not in personal and "website" not in personal


@pytest.mark.parametrize("language", LANGUAGES)
def test_zeist_goes_to_the_waitlist_honestly(client, page_url, language):
    response = client.post(page_url(Role.PARENT, language), parent_data(postcode="3701", support="either"))
    _location, html = thanks(client, response)
    intake = Intake.objects.get()
    assert intake.outcome == Outcome.WAITLIST
    assert intake.region is None
    assert intake.municipality.name == "Zeist"
    if language == EN:
        assert "central waitlist" in html
        assert "Other help nearby" in html
    else:
        assert "centrale wachtlijst" in html
    # What else is nearby (the demo's partner in Zeist).
    assert "Buurtgezinnen" in html
    assert Notification.objects.filter(intake=intake).count() == 2


def test_pregnancy_in_utrecht_is_accepted_with_a_due_date(client, page_url):
    due = timezone.localdate() + timezone.timedelta(days=120)
    data = parent_data(postcode="3511", concerns=["addiction"], **date_parts(due))
    _location, html = thanks(client, client.post(page_url(Role.PARENT, EN), data))
    intake = Intake.objects.get()
    assert intake.outcome == Outcome.REGION
    assert intake.region.name == "Utrecht"


def test_too_old_in_groningen_is_not_eligible_with_a_reason(client, page_url):
    data = parent_data(postcode="9711", **date_parts(months_ago(61)))
    step = client.post(page_url(Role.PARENT, EN), data)
    assert step.status_code == 200 and not Intake.objects.exists()  # asked first (tests/intake/test_not_eligible.py)
    assert "fifth birthday" in html_of(step)
    anyway = {**data, "not_eligible_choice": "contact"}
    _location, html = thanks(client, client.post(page_url(Role.PARENT, EN), anyway))
    intake = Intake.objects.get()
    assert intake.outcome == Outcome.NOT_ELIGIBLE
    assert intake.region is None
    assert intake.contact_anyway_at is not None
    assert "fifth birthday" in html
    assert "CJG" in html


def test_partner_outcome_respects_the_permission_to_share(client, page_url):
    data = parent_data(concerns=["parenting_questions"], support="at_home")
    _location, html = thanks(client, client.post(page_url(Role.PARENT, EN), data))
    intake = Intake.objects.get()
    assert intake.outcome == Outcome.PARTNER
    assert intake.program.code == "home-start"
    assert intake.region is None  # not passed on without permission
    assert "You did not give permission" in html

    data = parent_data(concerns=["parenting_questions"], support="at_home", share_with_partner="on")
    _location, html = thanks(client, client.post(page_url(Role.PARENT, EN), data))
    shared = Intake.objects.exclude(pk=intake.pk).get()
    assert shared.region is not None and shared.region.program.code == "home-start"
    assert "We pass your sign-up on to Home-Start" in html


def test_host_family_in_zeist_waits_and_is_told_what_that_means(client, page_url):
    _location, html = thanks(client, client.post(page_url(Role.HOST_FAMILY, EN), host_family_data(postcode="3701")))
    assert Intake.objects.get().outcome == Outcome.WAITLIST
    assert "When MeeleefGezin starts near you, we will contact you." in html


def test_sign_up_without_e_mail_queues_only_the_handlers_notice(client, page_url):
    thanks(client, client.post(page_url(Role.PARENT), parent_data(email="")))
    kinds = list(Notification.objects.values_list("kind", flat=True))
    assert kinds == [Notification.Kind.HANDLERS]


# --- Invalid sign-ups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, summary_title, message",
    [(NL, "Controleer het volgende", "Vul je naam in."), (EN, "Please check the following", "Enter your name.")],
)
def test_invalid_post_shows_summary_and_field_errors_in_language_and_keeps_values(
    client, page_url, language, summary_title, message
):
    data = parent_data(name="", email="sanne@example", notes="Mijn <b>notitie</b>")
    response = client.post(page_url(Role.PARENT, language), data)
    html = html_of(response)
    assert response.status_code == 200
    assert Intake.objects.count() == 0
    # Error summary: announced, focused, linking to the fields.
    assert 'class="error-summary"' in html and 'role="alert"' in html and 'tabindex="-1"' in html
    assert "autofocus" in html
    assert summary_title in html
    assert '<a href="#id_name">' in html and '<a href="#id_email">' in html
    # The message at the field, tied to it.
    assert f'<p class="error-message" id="id_name_error">{message}</p>' in html
    assert re.search(r'<input[^>]*name="name"[^>]*aria-invalid="true"', html)
    assert re.search(r'<input[^>]*name="name"[^>]*aria-describedby="id_name_error"', html)
    # Everything typed is kept (escaped).
    assert 'value="sanne@example"' in html
    assert "Mijn &lt;b&gt;notitie&lt;/b&gt;" in html
    assert 'value="3431 AB"' in html
    assert re.search(r'value="psychiatric"[^>]*checked', html)
    assert html.split("<title>")[1].startswith("Error" if language == EN else "Fout")


def test_consent_unticked_is_an_error(client, page_url):
    response = client.post(page_url(Role.PARENT, EN), parent_data(consent=None))
    assert response.status_code == 200
    assert "Tick the box to agree" in html_of(response)
    assert Intake.objects.count() == 0


def test_referrer_without_parents_consent_is_an_error(client, page_url):
    response = client.post(page_url(Role.REFERRER, EN), referrer_data(parents_agreed=None))
    assert "You can only refer a family when the parents agree" in html_of(response)
    assert Intake.objects.count() == 0


def test_host_family_must_confirm_what_is_asked(client, page_url):
    response = client.post(page_url(Role.HOST_FAMILY, EN), host_family_data(read_requirements=None))
    assert "Tick the box to show that you have read what is asked." in html_of(response)


def test_referrer_in_zeist_must_say_how_a_match_could_be_financed(client, page_url):
    url = page_url(Role.REFERRER, EN)
    response = client.post(url, referrer_data(postcode="3701"))
    html = html_of(response)
    assert response.status_code == 200
    assert Intake.objects.count() == 0
    assert "Tell us how a match could be financed" in html
    assert 'id="id_financing_0"' in html and '<a href="#id_financing_0">' in html

    response = client.post(url, referrer_data(postcode="3701", financing="municipality", financing_note="Zeist"))
    thanks(client, response)
    intake = Intake.objects.get()
    assert intake.outcome == Outcome.WAITLIST
    assert intake.personal["financing"] == "municipality"


def test_referrer_inside_a_region_is_not_asked_about_financing(client, page_url):
    response = client.post(page_url(Role.REFERRER, EN), referrer_data(financing="fund"))
    thanks(client, response)
    assert "financing" not in Intake.objects.get().personal


def test_parent_needs_a_phone_number_or_an_e_mail_address(client, page_url):
    response = client.post(page_url(Role.PARENT, EN), parent_data(phone="", email=""))
    assert "Fill in a phone number or an e-mail address, or both." in html_of(response)
    response = client.post(page_url(Role.PARENT, EN), parent_data(phone="", preferred_contact="phone"))
    assert "You would like a phone call: fill in your phone number." in html_of(response)


def test_a_split_postcode_asks_for_the_municipality(client, page_url):
    url = page_url(Role.PARENT, EN)
    response = client.post(url, parent_data(postcode="4197"))
    html = html_of(response)
    assert response.status_code == 200
    assert 'id="id_municipality"' in html
    assert "West Betuwe" in html and "Buren" in html and "I don’t know" in html
    assert '<a href="#id_municipality">' in html

    thanks(client, client.post(url, parent_data(postcode="4197", municipality="GM0214")))
    assert Intake.objects.get().municipality.code == "GM0214"


def test_an_unknown_postcode_asks_for_the_municipality_and_accepts_i_dont_know(client, page_url):
    url = page_url(Role.PARENT, EN)
    response = client.post(url, parent_data(postcode="1011"))
    html = html_of(response)
    assert "We do not know postcode 1011" in html
    assert "Nieuwegein" in html  # every known municipality is offered

    thanks(client, client.post(url, parent_data(postcode="1011", municipality="GM0356")))
    assert Intake.objects.get().region.name == "Lekstroom"

    thanks(client, client.post(url, parent_data(postcode="1011", municipality="unknown")))
    unknown = Intake.objects.order_by("-created_at").first()
    assert unknown.outcome == Outcome.WAITLIST and unknown.municipality is None
    assert unknown.personal["municipality_answer"] == "unknown"


@pytest.mark.parametrize(
    "parts, message",
    [
        (("", "3", "2025"), "Enter the day, the month and the year."),
        (("aa", "3", "2025"), "Enter the date in numbers"),
        (("14", "3", "25"), "Enter the year in four digits"),
        (("31", "2", "2025"), "Enter a date that exists"),
        (("99999", "99999", "99999"), "Enter the date in numbers"),
        (("1", "1", "1900"), "more than 18 years ago"),
        (("", "", ""), "Enter the date of birth or the expected due date."),
    ],
)
def test_date_errors_are_clear(client, page_url, parts, message):
    day, month, year = parts
    data = parent_data(child_date_day=day, child_date_month=month, child_date_year=year)
    html = html_of(client.post(page_url(Role.PARENT, EN), data))
    assert message in html
    assert '<a href="#id_child_date_day">' in html
    assert f'value="{day}"' in html or not day


def test_a_due_date_too_far_ahead_is_refused(client, page_url):
    far = timezone.localdate() + timezone.timedelta(days=400)
    html = html_of(client.post(page_url(Role.PARENT, EN), parent_data(**date_parts(far))))
    assert "An expected due date can be at most 10 months from today." in html


def test_free_text_is_limited(client, page_url):
    html = html_of(client.post(page_url(Role.PARENT, EN), parent_data(notes="x" * 1001)))
    assert "at most 1000 characters (now 1001)" in html
    assert Intake.objects.count() == 0


# --- Hostile input never breaks the page -----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_garbage_never_errors(client, page_url, role):
    url = page_url(role, EN)
    huge = "ä" * 100_000
    for data in [
        {},
        {"postcode": huge, "name": huge, "email": huge, "concerns": ["nonsense", huge], "support": huge},
        dict.fromkeys(BUILDERS[role](), "\x00\x01"),
        {"child_date_day": "١٢", "child_date_month": "²", "child_date_year": "2024", "municipality": "GM9999"},
        {"postcode": ["3431", "9711"], "concerns": "psychiatric"},
    ]:
        response = client.post(url, data)
        assert response.status_code in (200, 400), response.status_code
    assert Intake.objects.count() == 0


def test_repeated_fields_take_one_value(client, page_url):
    url = page_url(Role.PARENT, EN)
    body = "&".join(
        f"{key}={value}" for key, value in parent_data(concerns="psychiatric").items() if not isinstance(value, list)
    )
    body += "&postcode=3701&name=Second"
    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    thanks(client, response)
    intake = Intake.objects.get()
    assert intake.pc4 == "3701"  # the last value, like every QueryDict.get
    assert intake.personal["name"] == "Second"


def test_non_utf8_body_is_handled(client, page_url):
    body = b"name=\xff\xfe\xfa&postcode=\xc3\x28&consent=on"
    response = client.post(page_url(Role.PARENT, EN), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    for content_type in [
        "application/x-www-form-urlencoded; charset=bogus",
        "application/x-www-form-urlencoded; charset=utf-16",
        "multipart/form-data; boundary=nope",
        "text/plain",
    ]:
        response = client.generic("POST", page_url(Role.PARENT, EN), b"\xff\xfe=\x00", content_type=content_type)
        assert response.status_code in (200, 400), content_type


def test_other_methods_are_refused(client, page_url):
    assert client.put(page_url(Role.PARENT)).status_code == 405


# --- The thanks page -------------------------------------------------------------------------


def test_thanks_token_is_useless_in_another_session(client, page_url, django_user_model):
    location, _html = thanks(client, client.post(page_url(Role.PARENT), parent_data()))
    reference = Intake.objects.get().reference
    other = Client()
    response = other.get(location)
    assert response.status_code == 200
    assert reference not in html_of(response)
    assert "niet meer beschikbaar" in html_of(response) or "no longer available" in html_of(response)


def test_thanks_page_can_be_reloaded(client, page_url):
    location, html = thanks(client, client.post(page_url(Role.PARENT), parent_data()))
    again = client.get(location)
    assert Intake.objects.get().reference in html_of(again)
    assert Intake.objects.count() == 1


def test_bogus_thanks_tokens_show_the_expired_page(client, page_url):
    location, _html = thanks(client, client.post(page_url(Role.PARENT), parent_data()))
    reference = Intake.objects.get().reference
    for token in ["x", "a" * 5000, "abc-_DEF", location.rstrip("/").rsplit("/", 1)[1] + "x"]:
        response = client.get(f"{page_url(Role.PARENT)}thanks/{token}/")
        assert response.status_code == 200, token
        body = html_of(response)
        assert "no longer available" in body or "niet meer beschikbaar" in body, token
        assert reference not in body
        assert "no-store" in response["Cache-Control"]


# --- Form units ------------------------------------------------------------------------------


def test_date_parts_field_parses():
    field = DatePartsField()
    assert field.clean(["4", "07", "2025"]).isoformat() == "2025-07-04"


def test_forms_route_only_with_valid_facts(signup_pages):
    form = ParentForm(parent_data(postcode="nonsense"), language=EN)
    assert not form.is_valid()
    assert form.decision is None
    form = ParentForm(parent_data(), language=EN)
    assert form.is_valid(), form.errors
    assert form.decision.outcome == Outcome.REGION


def test_referrer_confirmation_goes_to_the_work_address(signup_pages):
    form = ReferrerForm(referrer_data(), language=EN)
    assert form.is_valid(), form.errors
    assert form.confirmation_email == "jansen@praktijk.example.nl"
