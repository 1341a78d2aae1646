"""No dead ends: every alternative the site offers ends in something to do (a link or a phone number),
on the find-support answer, on the thanks page and in the API, in Dutch and in English."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from core.models import YouthTeamGuidance
from intake.geography.models import Municipality
from intake.models import Role
from intake.routing.rules import add_months

from . import signup_fixtures
from .signup_fixtures import date_parts, parent_data, submit

pytestmark = pytest.mark.usefixtures("demo_site", "frozen_today")
frozen_today = signup_fixtures.frozen_today
page_url = signup_fixtures.page_url

FIND_SUPPORT = {"nl": "/steun-zoeken/", "en": "/en/find-support/"}
GENERAL_LINK = "https://www.cjg-zoeken.example.org/"
GRONINGEN_TEAM = "https://www.wijkteam-groningen.example.org/"
ZEIST_TEAM = "https://www.cjg-zeist.example.org/"


# (journey, postcode, child's birth date, concerns, expected outcome, where the CJG link points)
JOURNEYS = {
    # Journey 4: the father in Groningen whose daughter turned five last month.
    "groningen": ("9711", lambda: add_months(date.today(), -61), ["psychiatric"], "not_eligible", GRONINGEN_TEAM),
    # Journey 3: Zeist, child of 2, anxiety disorder: no active region, the central waitlist.
    "zeist": ("3701", lambda: add_months(date.today(), -24), ["psychiatric"], "waitlist", ZEIST_TEAM),
    # Journey 1: Sanne in Nieuwegein, 14 months: MeeleefGezin Lekstroom, whose contact details are the
    # next step (the answer offers no alternatives).
    "nieuwegein": ("3431", lambda: add_months(date.today(), -14), ["psychiatric"], "region", None),
    # Nieuwegein, parenting questions only: Home-Start Lekstroom; no local CJG known: the general guidance.
    "nieuwegein-partner": (
        "3431",
        lambda: add_months(date.today(), -14),
        ["parenting_questions"],
        "partner",
        GENERAL_LINK,
    ),
    # Zeist again, parenting questions only: MeeleefGezin does not fit, Buurtgezinnen Zeist does.
    "zeist-partner": ("3701", lambda: add_months(date.today(), -24), ["parenting_questions"], "partner", ZEIST_TEAM),
}


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def actionable(item):
    """The links in a list item a visitor can act on: a page, a website, a phone number or an e-mail."""
    hrefs = [a["href"] for a in item.find_all("a", href=True)]
    return [h for h in hrefs if h.startswith(("/", "https://", "http://", "tel:", "mailto:"))]


def finder_query(journey):
    postcode, born, concerns, _outcome, _link = JOURNEYS[journey]
    day = born()
    return {
        "role": "parent",
        "postcode": postcode,
        "concerns": concerns,
        "support": "either",
        "child_birth_date_day": str(day.day),
        "child_birth_date_month": str(day.month),
        "child_birth_date_year": str(day.year),
    }


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_find_support_answer_ends_every_alternative_in_something_to_do(client, page_url, journey, language):
    response = client.post(FIND_SUPPORT[language], finder_query(journey))
    assert response.status_code == 200
    answer = soup(response).select_one("[data-answer]")
    assert answer is not None
    assert actionable(answer)
    items = answer.select(".find-support__alternatives > li")
    link = JOURNEYS[journey][4]
    if link is None:  # a region takes the family: its contact and the sign-up are the next steps
        assert not items
        assert any(href.startswith("tel:") for href in actionable(answer))
        assert answer.select_one("form[method=post][action] button.button--primary")  # the sign-up
        return
    for item in items:
        assert actionable(item), item.get_text(" ", strip=True)
    assert link in actionable(items[-1])


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_thanks_page_ends_every_alternative_in_something_to_do(client, page_url, journey, language):
    postcode, born, concerns, outcome, link = JOURNEYS[journey]
    data = parent_data(postcode=postcode, concerns=concerns, support="either", **date_parts(born()))
    if outcome == "not_eligible":
        data["not_eligible_choice"] = "contact"  # stored only when the parent asks to be contacted anyway
    response = submit(client, page_url(Role.PARENT, language), data, follow=True)
    assert response.status_code == 200
    doc = soup(response)
    assert doc.html["lang"] == language
    items = doc.select(".intake-alternatives > li")
    if link is None:  # a region takes the family: its contact details are the next step
        assert not items
        assert any(href.startswith("tel:") for href in actionable(doc.select_one(".intake-thanks")))
        return
    assert items, f"{outcome}: the thanks page offers alternatives"
    for item in items:
        assert actionable(item), item.get_text(" ", strip=True)
    assert link in actionable(items[-1])


def test_groningen_father_gets_the_local_team_with_a_phone_number(client, page_url):
    response = client.post(FIND_SUPPORT["nl"], finder_query("groningen"))
    answer = soup(response).select_one("[data-answer]")
    cjg = answer.select(".find-support__alternatives > li")[-1]
    assert "Wijkteam Groningen" in cjg.get_text()
    assert "tel:0500000601" in actionable(cjg)
    # The programs that might fit but do not work in Groningen yet still lead somewhere.
    others = answer.select(".find-support__alternatives > li")[:-1]
    assert others
    for item in others:
        assert any(href.startswith("https://") for href in actionable(item)), item.get_text(" ", strip=True)


def api(client, journey, language="nl"):
    query = finder_query(journey)
    born = JOURNEYS[journey][1]()
    params = {
        "postcode": query["postcode"],
        "role": "parent",
        "child_birth_date": born.isoformat(),
        "concerns": ",".join(query["concerns"]),
        "lang": language,
    }
    response = client.post("/api/routing/", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("journey", [name for name, facts in JOURNEYS.items() if facts[4]])
def test_api_cjg_alternative_carries_the_guidance_link(client, page_url, journey):
    payload = api(client, journey)
    assert payload["outcome"] == JOURNEYS[journey][3]
    cjg = [a for a in payload["alternatives"] if a["is_cjg"]]
    assert len(cjg) == 1
    cjg = cjg[0]
    # The documented keys stay; the link is the website, the details are under "help".
    assert {"program", "name", "reason", "region", "url", "website", "is_cjg", "help"} <= set(cjg)
    assert cjg["website"] == JOURNEYS[journey][4]
    assert cjg["help"]["url"] == JOURNEYS[journey][4]
    assert cjg["help"]["link_label"]
    for alternative in payload["alternatives"]:
        assert alternative["url"] or alternative["website"] or alternative["region"], alternative


def test_api_guidance_follows_the_language(client, page_url):
    dutch = api(client, "nieuwegein-partner", "nl")["alternatives"][-1]["help"]
    english = api(client, "nieuwegein-partner", "en")["alternatives"][-1]["help"]
    assert dutch["text"].startswith("Elke gemeente heeft")
    assert english["text"].startswith("Every municipality has")
    assert dutch["link_label"] != english["link_label"]


def test_editors_municipality_link_is_used(client, page_url):
    Municipality.objects.filter(code="GM0356").update(
        youth_team_name="Wijkteam Nieuwegein", youth_team_url="https://nieuwegein.example.org/", youth_team_phone=""
    )
    cjg = api(client, "nieuwegein-partner")["alternatives"][-1]
    assert cjg["website"] == "https://nieuwegein.example.org/"
    assert cjg["help"]["name"] == "Wijkteam Nieuwegein" and cjg["help"]["local"] is True
    # The general guidance's phone is not set in the demo; the team's own phone is empty: no tel link.
    assert cjg["help"]["phone"] == ""


def test_without_any_guidance_the_sites_own_contact_details_remain(client, page_url):
    YouthTeamGuidance.objects.all().delete()
    try:
        cjg = api(client, "nieuwegein-partner")["alternatives"][-1]
        assert cjg["help"]["url"] == ""
        assert cjg["help"]["phone"] == "030 000 0100"
        assert cjg["help"]["email"] == "info@meeleefgezin.example.org"
    finally:
        from django.core.management import call_command

        call_command("load_demo_content", verbosity=0)
