"""Nothing sensitive in URLs or sessions: no address the public site makes, follows or links to
carries a concern, a birth or due date or a postcode (they would land in every access log, proxy and
browser history); the session keeps only an opaque token for the thanks page, and lasts hours.

(The routing API's side, GET refused with 405, is in test_api.py; the browser's side, every request
it makes, in tests/e2e/test_nothing_in_urls.py.)"""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from intake.models import Intake, Role
from intake.signup import flow
from intake.signup.pages import CARRY_FIELD
from tests.conftest import otp_login

from . import signup_fixtures
from .signup_fixtures import DATA, EN, NL, date_parts, months_ago

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site", "frozen_today")]
frozen_today = signup_fixtures.frozen_today
page_url = signup_fixtures.page_url

ROOT = Path(__file__).resolve().parents[2]
FIND_SUPPORT = {NL: "/steun-zoeken/", EN: "/en/find-support/"}
CONCERNS = ("psychiatric", "addiction", "parenting_questions", "multiple_problems")
# Names of the facts as any form or the API calls them: none may show up in an address.
FACT_NAMES = ("postcode=", "concerns=", "child_birth_date", "child_date", "support=", "municipality=", "role=")
DATE = re.compile(r"(19|20)\d\d-\d\d?-\d\d?|\b\d\d?[-/]\d\d?[-/](19|20)\d\d\b")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data-answer-url", "content")


def leaks(url, postcode="3431"):
    """What in this address would leak: a concern, a date, the postcode, a fact's name."""
    if url.startswith(("tel:", "mailto:")):
        return []
    found = [code for code in CONCERNS if code in url]
    found += [name for name in FACT_NAMES if name in url]
    found += [match.group(0) for match in DATE.finditer(url)]
    if postcode and postcode in url.replace(" ", ""):
        found.append(postcode)
    return found


def addresses(response):
    """Every address a response makes a browser go to or offers: Location, and in HTML every
    link, form action, script, stylesheet and image (and the live answer's route)."""
    urls = [response["Location"]] if response.has_header("Location") else []
    if "html" in response.get("Content-Type", ""):
        doc = BeautifulSoup(response.content.decode(), "html.parser")
        for element in doc.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = element.get(attribute)
                if isinstance(value, str) and (attribute != "content" or value.startswith(("/", "http"))):
                    urls.append(value)
    return urls


def assert_no_leaks(response, **kwargs):
    found = {url: leaks(url, **kwargs) for url in addresses(response)}
    assert not {url: what for url, what in found.items() if what}, found


def sanne(**changes):
    query = {
        "role": "parent",
        "postcode": "3431 AB",
        "concerns": ["psychiatric", "addiction"],
        "support": "outside_home",
        **{f"child_birth_date_{k.split('_')[-1]}": v for k, v in date_parts(months_ago(14)).items()},
    }
    query.update(changes)
    return query


# --- The find-support page -----------------------------------------------------------------------


@pytest.mark.parametrize("language", [NL, EN])
def test_the_find_support_answer_puts_no_fact_in_any_address(client, language):
    url = FIND_SUPPORT[language]
    opened = client.get(url)
    assert_no_leaks(opened)
    response = client.post(url, sanne())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="find-support__headline"' in html  # the answer is there
    assert_no_leaks(response)
    # The language switcher leads to the translated page itself, with nothing carried in its address.
    switcher = BeautifulSoup(html, "html.parser").select(".language-switcher a[href]")
    assert switcher and all("?" not in link["href"] for link in switcher)
    live = client.post(url + "answer/", sanne())
    assert live.status_code == 200 and 'class="find-support__headline"' in live.content.decode()
    assert_no_leaks(live)


def test_facts_in_a_query_string_are_never_read(client):
    query = "?role=parent&postcode=3991AB&child_birth_date=2025-01-15&concerns=psychiatric&support=either"
    response = client.get(FIND_SUPPORT[EN] + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="find-support__headline"' not in html and "error-summary" not in html
    assert "3991" not in html and "2025-01-15" not in html
    assert not BeautifulSoup(html, "html.parser").select("input[name=concerns][checked]")
    # The live answer's route takes no GET at all.
    assert client.get(FIND_SUPPORT[EN] + "answer/" + query).status_code == 405


@pytest.mark.parametrize(("language", "text"), [(NL, "Je formulier is verlopen"), (EN, "Your form has expired")])
def test_without_the_csrf_cookie_the_form_gets_the_friendly_page_not_a_500(language, text):
    browser = Client(enforce_csrf_checks=True)
    refused = browser.post(FIND_SUPPORT[language], sanne())
    assert refused.status_code == 403
    body = refused.content.decode()
    assert text in body
    assert 'class="find-support__headline"' not in body
    refused = browser.post(FIND_SUPPORT[language] + "answer/", sanne())
    assert refused.status_code == 403
    # With the page's cookie and token, as a browser sends it, the answer comes.
    page = browser.get(FIND_SUPPORT[language])
    token = BeautifulSoup(page.content.decode(), "html.parser").select_one(
        "form.find-support__form input[name=csrfmiddlewaretoken]"
    )["value"]
    answered = browser.post(FIND_SUPPORT[language], {**sanne(), "csrfmiddlewaretoken": token})
    assert answered.status_code == 200 and 'class="find-support__headline"' in answered.content.decode()


def test_the_sign_up_button_carries_the_answers_in_its_post_body(client):
    stored = Intake.objects.count()  # the demo's own sign-ups
    response = client.post(FIND_SUPPORT[NL], sanne())
    doc = BeautifulSoup(response.content.decode(), "html.parser")
    button = doc.select_one("[data-answer] form.find-support__signup")
    assert button["method"] == "post" and button["action"] == "/voor-ouders/aanmelden/"
    carried = {}
    for field in button.select("input[type=hidden]"):
        carried.setdefault(field["name"], []).append(field["value"])
    assert carried[CARRY_FIELD] == ["1"] and carried["concerns"] == ["psychiatric", "addiction"]
    form = client.post(button["action"], carried)
    assert form.status_code == 200 and Intake.objects.count() == stored
    assert_no_leaks(form)
    filled = BeautifulSoup(form.content.decode(), "html.parser").select_one("form#intake-form")
    assert filled.select_one("input[name=postcode]")["value"] == "3431 AB"
    assert filled.select_one("input[name=concerns][value=addiction]").has_attr("checked")
    assert filled.select_one("input[name=child_date_year]")["value"] == str(months_ago(14).year)
    assert "error-summary" not in form.content.decode()  # only filled in, not checked yet
    # An address with the answers is not read any more.
    old_link = client.get("/voor-ouders/aanmelden/?postcode=3991+AB&concerns=psychiatric&child_date=2025-01-15")
    html = old_link.content.decode()
    assert old_link.status_code == 200 and "3991" not in html and 'value="2025"' not in html
    assert not BeautifulSoup(html, "html.parser").select("input[name=concerns][checked]")


# --- The sign-up forms ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", [NL, EN])
@pytest.mark.parametrize("role", [Role.PARENT, Role.HOST_FAMILY, Role.REFERRER])
def test_sign_ups_redirect_and_thank_without_a_fact_in_any_address(client, page_url, role, language):
    data = DATA[role]()
    postcode = data["postcode"].replace(" ", "")[:4]
    url = page_url(role, language)
    assert_no_leaks(client.get(url), postcode=postcode)
    response = client.post(url, data)
    assert response.status_code == 302
    location = response["Location"]
    intake = Intake.objects.latest("pk")
    assert "?" not in location and intake.reference not in location
    assert not leaks(location, postcode=postcode)
    thanks = client.get(location)
    assert intake.reference in thanks.content.decode()
    assert_no_leaks(thanks, postcode=postcode)
    assert all(intake.reference not in address for address in addresses(thanks))
    # An invalid post shows the form again on the same address, with nothing in it.
    invalid = client.post(url, {**data, "postcode": ""})
    assert invalid.status_code == 200
    assert_no_leaks(invalid, postcode=postcode)


def stored_session(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_the_session_holds_only_the_opaque_thanks_token(client, page_url):
    response = client.post(page_url(Role.PARENT, NL), DATA[Role.PARENT]())
    intake = Intake.objects.select_related("region", "municipality", "program").latest("pk")
    row = stored_session(client)
    decoded = row.get_decoded()
    assert set(decoded) == {flow.SESSION_KEY}
    (token,) = decoded[flow.SESSION_KEY]
    assert response["Location"].rstrip("/").endswith(token)
    text = json.dumps(decoded) + row.session_data
    for value in (
        intake.reference,
        intake.region.name,
        intake.municipality.name,
        intake.municipality.code,
        intake.program.code,
        intake.outcome,
        intake.pc4,
        "Sanne",
        "psychiatric",
    ):
        assert value not in text, value
    assert token.startswith("gAAAAA")  # a Fernet token: the row it points at is encrypted


def test_the_thanks_page_is_shown_for_an_hour_and_the_session_lasts_hours(client, page_url):
    assert settings.SESSION_COOKIE_AGE <= 4 * 3600
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        location = client.post(page_url(Role.PARENT, EN), DATA[Role.PARENT]())["Location"]
        reference = Intake.objects.latest("pk").reference
        assert stored_session(client).expire_date <= start + timedelta(hours=4)
        clock.shift(timedelta(minutes=59))
        assert reference in client.get(location).content.decode()
        clock.shift(timedelta(minutes=2))
        expired = client.get(location).content.decode()
        assert reference not in expired and "no longer available" in expired
        clock.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE))
        assert not Session.objects.filter(expire_date__gt=timezone.now()).exists()


def test_an_admin_working_all_day_is_not_signed_out_by_the_shorter_session(client):
    user = get_user_model().objects.create_superuser("all-day", "all-day@example.org", None)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        otp_login(client, user)
        for _step in range(3 * settings.SESSION_COOKIE_AGE // (20 * 60)):  # three session ages
            clock.shift(timedelta(minutes=20))
            assert client.get("/admin/").status_code == 200
        # 30 minutes without a request still end it (the idle sign-out).
        clock.shift(timedelta(minutes=31))
        assert client.get("/admin/").status_code == 302


# --- The script ----------------------------------------------------------------------------------


def test_the_find_support_script_sends_the_answers_only_in_a_post_body():
    script = (ROOT / "static" / "js" / "find-support.js").read_text()
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)
    assert re.search(r'method:\s*"POST"', code) and re.search(r"body:\s*params", code)
    assert re.search(r"fetch\(answerUrl,", code)  # the address alone
    assert '"?"' not in code and "'?'" not in code  # no query string is built
    for leaky in ("history", "location.search", "location.href", 'setAttribute("href"'):
        assert leaky not in code, leaky
