"""Editors find the programs, menus and footers in the admin, in both languages."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import otp_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor-test", "editor@example.org", "x" * 16)
    return otp_login(client, user)


def test_programs_are_listed_with_their_age_range(editor_client):
    response = editor_client.get(reverse("wagtailsnippets_programs_program:list"))
    assert response.status_code == 200
    body = response.content.decode()
    for name in ("MeeleefGezin", "Buurtgezinnen", "Steunouder", "Home-Start", "Samen Oplopen"):
        assert name in body
    assert "0 t/m 4 jaar (0 t/m 59 maanden)" in body or "0 to 4 years (0 to 59 months)" in body


def test_programs_can_be_searched(editor_client):
    response = editor_client.get(reverse("wagtailsnippets_programs_program:list"), {"q": "home"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Home-Start" in body
    assert "Buurtgezinnen" not in body


def test_menus_and_footers_are_snippets_that_can_be_translated(editor_client):
    for name in ("navigationmenu", "footer"):
        response = editor_client.get(reverse(f"wagtailsnippets_core_{name}:list"))
        assert response.status_code == 200, name
