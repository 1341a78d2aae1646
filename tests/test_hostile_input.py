"""Hostile input: whatever a browser (or a script pretending to be one) sends, nothing answers 5xx,
and markup typed into a field never comes back unescaped: not on the page, not in the API, not in the
admin's view of a stored sign-up.

Property-based (hypothesis) over the three sign-up forms, the find-support page, the search and the
routing API, plus the concrete cases that once answered 500. Examples are bounded so the file stays fast.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.models import Intake, Role
from intake.signup.abuse import HONEYPOT_FIELD
from tests.intake import signup_fixtures
from tests.intake.signup_fixtures import DATA, EN, NL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

page_url = signup_fixtures.page_url

MARKER = "<script>hostile-7f3</script>"
ESCAPED_MARKER = "&lt;script&gt;hostile-7f3&lt;/script&gt;"

FIND_SUPPORT = {NL: "/steun-zoeken/", EN: "/en/find-support/"}
SEARCH = {NL: "/search/", EN: "/en/search/"}
API = "/api/routing/"

# What a form field can hold when a browser sends it: any code point but a lone surrogate (which
# UTF-8 cannot encode), so NUL and other control characters are in.
browser_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
nasty = st.sampled_from(
    [
        "",
        '"',
        "'",
        '"unbalanced',
        "a\x00b",
        "\x00",
        "\\",
        "%00",
        "' OR 1=1 --",
        "NEAR(a b)",
        "a* OR -b",
        "(((",
        ":*",
        "&|!",
        "\u202egnp.exe",
        "\ufeff",
        "z\u0351\u0363\u0364a\u0352lgo",
        "👪🏽",
        "ﷺ",
        "İstanbul",
        "3431\x00AB",
        "GM0356\x00",
        "2024-02-30",
        "-1",
        "99999999999999999999",
        MARKER,
        f'"><{MARKER}',
    ]
)
value = st.one_of(
    browser_text,
    nasty,
    st.builds(lambda a, b: a + MARKER + b, browser_text, browser_text),
    st.builds(lambda n: "x" * n, st.integers(min_value=1_000, max_value=60_000)),
)
# A field sent once, or repeated (a list of values).
field_value = st.one_of(value, st.lists(value, min_size=2, max_size=4))

# How many examples each property runs comes from the Hypothesis profile (tests/conftest.py):
# 50 for `make test` on a laptop, 400 in CI (HYPOTHESIS_PROFILE=ci): some 3,000 hostile requests.
HYPOTHESIS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def mangle(base: dict, changes: dict) -> dict:
    """The valid data with some fields replaced by hostile values (and maybe some made up)."""
    data = dict(base)
    data.update(changes)
    return data


def sent(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def assert_safe(response):
    """Never a 5xx; typed markup never comes back as markup (escaped or URL-encoded is fine)."""
    assert response.status_code < 500, response.content[:2000]
    body = response.content.decode("utf-8", errors="replace")
    assert "<script>hostile-7f3" not in body


def form_fields(role):
    return sorted(DATA[role]().keys())


def overrides(role):
    names = st.sampled_from([*form_fields(role), "csrfmiddlewaretoken", "made_up_field"])
    return st.dictionaries(names, field_value, max_size=4)


# --- The sign-up forms --------------------------------------------------------------------------


@pytest.mark.parametrize("role", Role.values)
def test_signup_forms_survive_hostile_fields(client, page_url, role):
    urls = {language: page_url(role, language) for language in (NL, EN)}

    @HYPOTHESIS
    @given(changes=overrides(role), language=st.sampled_from([NL, EN]))
    def check(changes, language):
        data = mangle(DATA[role](), changes)
        data.pop(HONEYPOT_FIELD, None)
        response = client.post(urls[language], data)
        assert_safe(response)

    check()


@pytest.mark.parametrize("role", Role.values)
def test_a_stored_signup_is_escaped_on_the_page_and_in_the_admin(client, admin_client, page_url, role):
    data = DATA[role]()
    typed = {name: f"{value} {MARKER}" for name, value in data.items() if name in TEXT_FIELDS}
    assert typed, "no free-text field to type markup into"
    response = client.post(page_url(role), {**data, **typed}, follow=True)
    assert response.status_code == 200
    assert_safe(response)
    intake = Intake.objects.order_by("-created_at").first()
    assert intake is not None and MARKER in json.dumps(intake.personal, ensure_ascii=False)
    detail = admin_client.get(f"/admin/intake/signups/inspect/{intake.pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert MARKER not in html
    assert "hostile-7f3" in html  # shown, escaped


# The free-text fields of the three forms (names, notes, motivation ...).
TEXT_FIELDS = {
    "name",
    "notes",
    "household",
    "motivation",
    "referrer_name",
    "organisation",
    "parent_name",
    "reason",
}


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "latin-1", "x-no-such-charset", "utf-8"])
def test_a_form_post_in_another_charset_is_a_friendly_400(page_url, charset):
    client = Client()
    body = "name=%3Cscript%3E&consent=on".encode("utf-16" if charset.startswith("utf-16") else "utf-8")
    response = client.generic(
        "POST",
        page_url(Role.PARENT),
        body,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    if charset in ("utf-8", "x-no-such-charset"):
        # Read as UTF-8 (Django ignores a charset it does not know), shown back with errors.
        assert response.status_code == 200
        return
    assert response.status_code == 400
    doc = BeautifulSoup(response.content, "html.parser")
    assert doc.html["lang"] == "nl"
    assert doc.h1.get_text(strip=True) == "We konden dit niet lezen"


@HYPOTHESIS
@given(
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded; charset=utf-16",
            "application/x-www-form-urlencoded; charset=utf-32",
            "application/x-www-form-urlencoded; charset=latin-1",
            "application/x-www-form-urlencoded; charset=nonsense",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=xyz; charset=utf-16",
            "text/plain",
            "application/json",
        ]
    ),
    body=st.binary(max_size=300),
    language=st.sampled_from([NL, EN]),
    role=st.sampled_from(Role.values),
)
def test_any_body_in_any_content_type_never_fails(page_url, content_type, body, language, role):
    response = Client().generic("POST", page_url(role, language), body, content_type=content_type)
    assert_safe(response)


@pytest.mark.parametrize("language", [NL, EN])
def test_missing_or_wrong_csrf_token_gets_the_friendly_page(page_url, language):
    client = Client(enforce_csrf_checks=True)
    url = page_url(Role.PARENT, language)
    stored = Intake.objects.count()  # the demo's own sign-ups
    for token in (None, "wrong", "x" * 64, MARKER):
        data = DATA[Role.PARENT]()
        if token is not None:
            data["csrfmiddlewaretoken"] = token
        response = client.post(url, data)
        assert response.status_code == 403
        assert_safe(response)
        doc = BeautifulSoup(response.content, "html.parser")
        assert doc.html["lang"] == language
        expected = "Je formulier is verlopen" if language == NL else "Your form has expired"
        assert doc.h1.get_text(strip=True) == expected
        # Nothing secret: not Django's reason, not a token.
        assert "CSRF" not in response.content.decode()
    assert Intake.objects.count() == stored


@HYPOTHESIS
@given(token=st.one_of(st.none(), browser_text, nasty), changes=overrides(Role.HOST_FAMILY))
def test_csrf_checked_posts_never_fail(page_url, token, changes):
    client = Client(enforce_csrf_checks=True)
    client.get(page_url(Role.HOST_FAMILY))  # a real cookie, a token that does not fit it
    data = mangle(DATA[Role.HOST_FAMILY](), changes)
    if token is not None:
        data["csrfmiddlewaretoken"] = token
    response = client.post(page_url(Role.HOST_FAMILY), data)
    assert response.status_code == 403
    assert_safe(response)


def test_a_real_csrf_token_still_works(page_url):
    client = Client(enforce_csrf_checks=True)
    url = page_url(Role.PARENT)
    client.get(url)
    response = client.post(url, {**DATA[Role.PARENT](), "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 302


def test_an_oversized_post_is_a_400(page_url):
    response = Client().post(page_url(Role.PARENT), {"notes": "x" * 3_000_000})
    assert response.status_code == 400


# --- The find-support page, the search and the API ---------------------------------------------

FINDER_FIELDS = [
    "postcode",
    "municipality",
    "role",
    "child_birth_date_day",
    "child_birth_date_month",
    "child_birth_date_year",
    "concerns",
    "support",
]


@HYPOTHESIS
@given(
    params=st.dictionaries(st.sampled_from(FINDER_FIELDS), field_value, min_size=1, max_size=5),
    language=st.sampled_from([NL, EN]),
    live=st.booleans(),
)
def test_find_support_page_survives_hostile_queries(client, params, language, live):
    url = FIND_SUPPORT[language] + ("answer/" if live else "")
    response = client.post(url, params)
    assert_safe(response)


@pytest.mark.parametrize(
    "url",
    ["/search/?q=%22", "/search/?q=%00", "/en/search/?q=a%00b", "/search/?q=%22a%22%22", "/search/?q=%27%5C"],
)
def test_the_queries_that_once_failed(client, url):
    response = client.get(url)
    assert response.status_code == 200


def test_search_still_finds_words_between_hostile_characters(client):
    # "MeeleefGezin" is on every page; the quote and the NUL only separate words now.
    response = client.get("/search/", {"q": '"meeleefgezin\x00'})
    assert response.status_code == 200
    assert response.context["paginator"].count > 0
    assert response.context["search_query"] == '"meeleefgezin'


@HYPOTHESIS
@given(q=st.one_of(value, st.lists(value, min_size=2, max_size=3)), page=st.one_of(st.none(), nasty, browser_text))
def test_search_survives_any_query(client, q, page):
    params = {"q": q} if page is None else {"q": q, "page": page}
    for url in SEARCH.values():
        response = client.get(url, params)
        assert response.status_code == 200
        assert_safe(response)


API_FIELDS = ["postcode", "municipality", "role", "child_birth_date", "concerns", "support", "lang"]


@HYPOTHESIS
@given(params=st.dictionaries(st.sampled_from(API_FIELDS), field_value, max_size=6), as_json=st.booleans())
def test_api_answers_json_for_any_body(client, params, as_json):
    if as_json:
        response = client.post(API, json.dumps(params), content_type="application/json")
    else:
        response = client.post(API, params)
    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json"
    payload = response.json()
    assert ("errors" in payload) == (response.status_code == 400)
    assert "<script>hostile-7f3" not in response.content.decode()  # "<" is sent as \u003c


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
def test_api_refuses_other_methods_with_json_405_even_with_csrf_checks(method):
    response = Client(enforce_csrf_checks=True).generic(method, API, "role=parent")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "POST"
    assert "method" in response.json()["errors"]


def test_api_in_another_charset_is_json_400(client):
    response = client.generic("POST", API, "a=b".encode("utf-16"), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    response = client.generic("POST", API, "role=%FF%FE", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    response = client.get(API + "?role=%FF%FE")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
