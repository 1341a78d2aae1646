"""POST /api/routing/ on the demo intake data, and the geography admin with its postcode preview.

The tests write the facts as a form-encoded body (the shape the API's README example uses with curl
--data); a few send the same as JSON. The facts are never in the address: a GET is refused."""

import json
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from intake.routing.rules import add_months, latest_due_date
from tests.conftest import otp_login
from tests.intake import ensure_demo_intake

from . import signup_fixtures

# Ages and due dates are computed from today: every test here runs on the same day.
pytestmark = pytest.mark.usefixtures("frozen_today")
frozen_today = signup_fixtures.frozen_today

URL = "/api/routing/"


@pytest.fixture
def demo(db):
    ensure_demo_intake()


def months_ago(months):
    return add_months(timezone.localdate(), -months).isoformat()


FORM = "application/x-www-form-urlencoded"


def get(client, query="", **extra):
    """POST the facts (written as `a=1&b=2`) in a form-encoded body (named `get` for its history)."""
    return client.post(URL, query, content_type=FORM, **extra)


def post_json(client, data, **extra):
    return client.post(URL, json.dumps(data), content_type="application/json", **extra)


def ok(client, query, **extra):
    response = get(client, query, **extra)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


# --- The cases the site must show ------------------------------------------------------------


def test_sanne_in_nieuwegein_goes_to_lekstroom(client, demo):
    data = ok(
        client,
        f"postcode=3431AB&role=parent&child_birth_date={months_ago(18)}&concerns=psychiatric&support=outside_home",
    )
    assert data["outcome"] == "region"
    assert data["program"] == "meeleefgezin"
    assert data["region"]["name"] == "Lekstroom"
    assert data["region"]["contact_email"].endswith("example.org")
    assert data["municipality"] == {"code": "GM0356", "name": "Nieuwegein"}
    assert data["municipality_candidates"] == []
    assert data["alternatives"] == []
    assert "Lekstroom" in data["explanation"]
    assert data["language"] == "nl"


def test_zeist_goes_to_the_waitlist_with_what_else_is_near(client, demo):
    data = ok(
        client,
        f"postcode=3701&role=parent&child_birth_date={months_ago(18)}&concerns=psychiatric&support=outside_home",
    )
    assert data["outcome"] == "waitlist"
    assert data["program"] == "meeleefgezin"
    assert data["region"] is None
    assert data["municipality"]["name"] == "Zeist"
    assert "wachtlijst" in data["explanation"]
    assert data["alternatives"][-1]["program"] == "cjg"
    local = [a for a in data["alternatives"] if a["region"]]
    assert all(a["region"]["takes_intakes"] for a in local)


def test_groningen_daughter_turned_five_is_explained(client, demo):
    data = ok(
        client, f"postcode=9711&role=parent&child_birth_date={months_ago(61)}&concerns=psychiatric&support=either"
    )
    assert data["outcome"] == "not_eligible"
    assert data["program"] is None
    assert "too_old" in data["reasons"]
    assert "vijfde verjaardag" in data["explanation"]
    assert data["alternatives"][-1]["program"] == "cjg"
    assert len(data["alternatives"]) >= 2  # fitting programs of the collective, without dead ends


def test_pregnant_in_utrecht(client, demo):
    due = add_months(timezone.localdate(), 4).isoformat()
    data = ok(client, f"postcode=3511 ab&role=parent&child_birth_date={due}&concerns=addiction")
    assert (data["outcome"], data["region"]["name"]) == ("region", "Utrecht")


def test_host_family_in_houten(client, demo):
    data = ok(client, "postcode=3991&role=host_family")
    assert (data["outcome"], data["program"], data["region"]["name"]) == ("region", "meeleefgezin", "Lekstroom")


def test_referrer_in_ijsselstein(client, demo):
    data = ok(client, f"postcode=3401&role=referrer&child_birth_date={months_ago(30)}&concerns=addiction")
    assert (data["outcome"], data["municipality"]["name"]) == ("region", "IJsselstein")


def test_pc4_in_two_municipalities(client, demo):
    data = ok(client, "postcode=4197&role=host_family")
    assert data["municipality"]["code"] == "GM1960"
    assert [m["code"] for m in data["municipality_candidates"]] == ["GM1960", "GM0214"]
    chosen = ok(client, "postcode=4197&municipality=GM0214&role=host_family")
    assert chosen["municipality"]["code"] == "GM0214"


def test_municipality_instead_of_postcode(client, demo):
    data = ok(client, f"municipality=gm0356&role=parent&child_birth_date={months_ago(6)}&concerns=psychiatric")
    assert (data["outcome"], data["region"]["name"]) == ("region", "Lekstroom")


def test_unknown_postcode_never_blocks(client, demo):
    data = ok(client, f"postcode=1000&role=parent&child_birth_date={months_ago(6)}&concerns=psychiatric")
    assert (data["outcome"], data["municipality"]) == ("waitlist", None)
    assert "unknown_location" in data["reasons"]
    data = ok(client, "postcode=1000&municipality=GM9999&role=host_family")
    assert (data["outcome"], data["municipality"]) == ("waitlist", None)


def test_partner_when_meeleefgezin_does_not_fit(client, demo):
    data = ok(
        client,
        f"postcode=3431&role=parent&child_birth_date={months_ago(30)}&concerns=parenting_questions&support=at_home",
    )
    assert data["outcome"] == "partner"
    assert data["program"] == "home-start"
    assert data["region"]["program"] == "home-start"


def test_concerns_as_list_or_repeated(client, demo):
    base = f"postcode=3431&role=parent&child_birth_date={months_ago(18)}"
    one = ok(client, base + "&concerns=parenting_questions,%20psychiatric")
    two = ok(client, base + "&concerns=parenting_questions&concerns=psychiatric")
    assert one["outcome"] == two["outcome"] == "region"


# --- Language -----------------------------------------------------------------------------------


def test_english_explanation_with_accept_language(client, demo):
    query = f"postcode=3431AB&role=parent&child_birth_date={months_ago(18)}&concerns=psychiatric"
    data = ok(client, query, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert data["language"] == "en"
    assert data["explanation"].startswith("MeeleefGezin fits this situation")
    assert ok(client, query + "&lang=en")["language"] == "en"
    assert client.post(URL + "?lang=en", query, content_type=FORM).json()["language"] == "en"
    dutch = get(client, query, HTTP_ACCEPT_LANGUAGE="fr, de")
    assert dutch.json()["explanation"].startswith("MeeleefGezin past")
    assert dutch["Content-Language"] == "nl"


def test_errors_in_the_requests_language(client, demo):
    en = get(client, "postcode=x&role=parent&child_birth_date=2020-01-01&concerns=psychiatric&lang=en")
    assert en.status_code == 400
    assert en.json()["errors"]["postcode"] == [
        "Enter a Dutch postcode: four digits, optionally two letters, e.g. 3431 AB."
    ]
    nl = get(client, "postcode=x&role=parent&child_birth_date=2020-01-01&concerns=psychiatric")
    assert nl.json()["errors"]["postcode"][0].startswith("Vul een Nederlandse postcode in")


# --- Errors per field ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("", {"role", "postcode"}),
        ("postcode=3431&child_birth_date=2025-01-01", {"role"}),
        ("postcode=3431&role=grandparent&child_birth_date=2025-01-01", {"role"}),
        ("postcode=3431&role=parent", {"child_birth_date"}),
        ("postcode=3431&role=referrer", {"child_birth_date"}),
        ("postcode=3431&role=parent&child_birth_date=15-03-2024", {"child_birth_date"}),
        ("postcode=3431&role=parent&child_birth_date=2024-02-30", {"child_birth_date"}),
        ("postcode=3431&role=parent&child_birth_date=2024-01-01&concerns=sadness", {"concerns"}),
        ("postcode=3431&role=parent&child_birth_date=2024-01-01&support=sometimes", {"support"}),
        ("postcode=0123&role=host_family", {"postcode"}),
        ("postcode=3431SA&role=host_family", {"postcode"}),
        ("postcode=343&role=host_family", {"postcode"}),
        ("postcode=34311&role=host_family", {"postcode"}),
        ("municipality=Nieuwegein&role=host_family", {"municipality"}),
        ("role=host_family", {"postcode"}),
    ],
)
def test_errors_per_field(client, demo, query, fields):
    response = get(client, query)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == fields
    assert all(isinstance(messages, list) and messages and all(messages) for messages in errors.values())


def test_due_date_too_far_is_an_error(client, demo):
    too_far = (latest_due_date(timezone.localdate()) + timedelta(days=1)).isoformat()
    response = get(client, f"postcode=3431&role=parent&child_birth_date={too_far}&concerns=psychiatric")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"child_birth_date"}
    edge = latest_due_date(timezone.localdate()).isoformat()
    assert ok(client, f"postcode=3431&role=parent&child_birth_date={edge}&concerns=psychiatric")["outcome"] == "region"


def test_host_family_needs_no_child_facts(client, demo):
    data = ok(client, "postcode=3431&role=host_family&child_birth_date=not-a-date-but-ignored-no")
    assert data["outcome"] == "region"


# --- Hostile input never gives a 500 -------------------------------------------------------------


GARBAGE = [
    "postcode=" + "9" * 100_000 + "&role=parent",
    "postcode=%00%00&role=parent%00&child_birth_date=%00",
    "postcode=%FF%FE%FD&role=%C3%28&child_birth_date=%E2%82",
    "postcode=" + quote("３４３１") + "&role=host_family",
    "postcode=" + quote("٣٤٣١") + "&role=host_family",
    "postcode=3431&postcode=3991&postcode=&role=host_family&role=parent&role=",
    "postcode=3431&role=parent&child_birth_date=99999-01-01",
    "postcode=3431&role=parent&child_birth_date=0000-00-00",
    "postcode=3431&role=parent&child_birth_date=0001-01-01&concerns=psychiatric",
    "postcode=3431&role=parent&child_birth_date=9999-12-31",
    "postcode=3431&role=parent&child_birth_date=-2024-01-01",
    "postcode=3431&role=parent&child_birth_date=2024-01-01&concerns=" + "," * 50_000,
    "postcode=3431&role=parent&child_birth_date=2024-01-01&concerns=" + "psychiatric," * 5_000,
    "postcode=3431&role=parent&child_birth_date=2024-01-01&" + "&".join(["concerns=addiction"] * 2_000),
    "postcode=<script>alert(1)</script>&role=<b>&municipality=' OR 1=1 --",
    "municipality=GM0356%0A&role=host_family",
    "postcode[]=3431&role[]=parent",
    "%%%%&&&===&postcode=%&role=%zz",
    "lang=xx&postcode=3431&role=host_family",
    "lang=" + "e" * 10_000 + "&postcode=3431&role=host_family",
    "postcode=" + quote("\u202e1343") + "&role=host_family",
    "postcode=3431\t\n\r ab&role=host_family",
]


@pytest.mark.parametrize("query", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_never_500(client, demo, query):
    response = get(client, query)
    assert response.status_code in (200, 400)
    body = response.json()
    assert ("errors" in body) == (response.status_code == 400)


def test_garbage_headers_never_500(client, demo):
    response = get(client, "postcode=3431&role=host_family", HTTP_ACCEPT_LANGUAGE="\x00;;q=zz," * 1000)
    assert response.status_code == 200
    response = get(client, "postcode=3431&role=host_family", HTTP_COOKIE="django_language=\x7f")
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["get", "head", "put", "patch", "delete", "options"])
def test_only_post(client, demo, method):
    response = getattr(client, method)(URL + "?postcode=3431&role=host_family")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    if method != "head":
        assert response["Content-Type"] == "application/json"
        assert "POST" in response.json()["errors"]["method"][0]


def test_a_get_with_the_facts_is_not_processed_and_names_post(client, demo):
    query = f"postcode=3431AB&role=parent&child_birth_date={months_ago(18)}&concerns=psychiatric&lang=en"
    response = client.get(URL + "?" + query)
    assert response.status_code == 405
    body = response.json()
    assert set(body) == {"errors"}  # no decision: the facts were not read
    assert body["errors"]["method"] == [
        "Send the facts with POST, in a JSON or form-encoded body, never in the address: "
        "they are about health and where you live."
    ]
    assert "Lekstroom" not in response.content.decode() and "3431" not in response.content.decode()
    dutch = client.get(URL + "?postcode=3431&role=host_family").json()["errors"]["method"][0]
    assert dutch.startswith("Stuur de gegevens met POST")


def test_json_body_gives_the_same_answer(client, demo):
    born = months_ago(18)
    form = ok(client, f"postcode=3431AB&role=parent&child_birth_date={born}&concerns=psychiatric,addiction")
    response = post_json(
        client,
        {"postcode": "3431AB", "role": "parent", "child_birth_date": born, "concerns": ["psychiatric", "addiction"]},
    )
    assert response.status_code == 200
    assert response.json() == form
    facts = {"postcode": 3431, "role": "parent", "child_birth_date": born, "concerns": "psychiatric"}
    as_text = post_json(client, facts)  # a number for the postcode, one concern as text
    assert as_text.json()["region"]["name"] == "Lekstroom"
    english = post_json(client, {"postcode": "3991", "role": "host_family", "lang": "en"})
    assert english.json()["language"] == "en" and english["Content-Language"] == "en"


@pytest.mark.parametrize(
    ("body", "content_type", "key"),
    [
        ("{not json", "application/json", "request"),
        ("[1, 2]", "application/json", "request"),
        ('"parent"', "application/json", "request"),
        ('{"role": {"a": 1}}', "application/json", "request"),
        ('{"concerns": [["psychiatric"]], "role": "parent"}', "application/json", "request"),
        ("\xff\xfe", "application/json", "request"),
        ('{"role": true, "postcode": "3431"}', "application/json", "role"),
        ('{"role": null}', "application/json", "role"),
        ("postcode=3431&role=host_family", "text/plain", "request"),
        ("<xml/>", "application/xml", "request"),
        ("", "", "role"),
    ],
)
def test_unreadable_bodies_are_json_400(client, demo, body, content_type, key):
    response = client.post(URL, body, content_type=content_type)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert key in response.json()["errors"]


def test_the_api_needs_no_csrf_token(demo):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, "postcode=3991&role=host_family", content_type=FORM)
    assert response.status_code == 200


def test_no_store(client, demo):
    response = get(client, "postcode=3431&role=host_family")
    assert response["Cache-Control"] == "no-store"
    assert "Accept-Language" in response["Vary"]


# --- Admin: geography and "who receives postcode X?" ----------------------------------------------


@pytest.fixture
def admin_client(client, demo):
    user = get_user_model().objects.create_superuser("geo-admin", "geo-admin@example.org", None)
    return otp_login(client, user)


def test_postcode_preview_shows_region_and_handlers(admin_client):
    response = admin_client.get("/admin/intake/who-receives/", {"postcode": "3431 AB", "role": "parent"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lekstroom" in html and "Nieuwegein" in html
    assert "lekstroom@meeleefgezin.example.org" in html  # the handler
    assert "Home-Start Utrecht en Lekstroom" in html  # every region covering the municipality


def test_postcode_preview_waitlist_split_and_errors(admin_client):
    html = admin_client.get("/admin/intake/who-receives/", {"postcode": "3701", "role": "host_family"}).content
    assert b"waitlist" in html
    html = admin_client.get("/admin/intake/who-receives/", {"postcode": "4197", "role": "parent"}).content.decode()
    assert "Buren" in html and "West Betuwe" in html
    response = admin_client.get("/admin/intake/who-receives/", {"postcode": "nonsense", "role": "parent"})
    assert response.status_code == 200
    assert "error" in response.content.decode()


def test_region_and_municipality_listings(admin_client):
    response = admin_client.get("/admin/intake/regions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ZuidOost Utrecht" in html
    assert "/admin/intake/who-receives/" in html
    filtered = admin_client.get("/admin/intake/regions/", {"takes_intakes": "false"}).content.decode()
    assert "ZuidOost Utrecht" in filtered and "Buurtgezinnen Zeist" not in filtered
    found = admin_client.get("/admin/intake/municipalities/", {"q": "nieuweg"}).content.decode()
    assert "GM0356" in found and "GM0344" not in found
    assert admin_client.get("/admin/intake/postcodes/", {"q": "3431"}).status_code == 200
    menu = admin_client.get("/admin/").content.decode()
    assert "/admin/intake/regions/" in menu


def test_preview_is_for_admin_users_only(client, demo):
    plain = get_user_model().objects.create_user("visitor", "visitor@example.org", None)
    client.force_login(plain)
    response = client.get("/admin/intake/who-receives/", {"postcode": "3431", "role": "parent"})
    assert response.status_code in (302, 403)
