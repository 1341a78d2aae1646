"""The admin's preview of a sign-up form page shows the real form, with every field."""

import pytest
from bs4 import BeautifulSoup

from intake.models import IntakeFormPage, Role
from intake.signup.forms import form_class_for
from tests.conftest import otp_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def _editor_preview(client, page):
    """What an editor sees with 'Preview' (the latest revision, rendered by the page itself)."""
    return client.get(f"/admin/pages/{page.pk}/view_draft/")


@pytest.mark.parametrize("role", Role.values)
def test_preview_of_each_sign_up_page_shows_all_its_fields(client, admin_user, role):
    otp_login(client, admin_user)
    page = IntakeFormPage.objects.get(role=role, locale__language_code="nl")
    response = _editor_preview(client, page)
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    form = html.find("form", attrs={"method": "post"})
    assert form is not None, "the preview shows no form"
    shown = {field.get("name") for field in form.find_all(["input", "select", "textarea"])}
    expected = form_class_for(role)(language="nl")
    for fieldset_name, _legend, names in expected.fieldsets:
        for name in names:
            if expected.field_is_shown(name):
                assert any(n == name or n.startswith(f"{name}_") for n in shown if n), (fieldset_name, name)
    # The legends of the form's fieldsets are there too, in the page's language.
    legends = [legend.get_text(strip=True) for legend in form.find_all("legend")]
    assert "Over jou" in legends or "Het gezin" in legends


def test_preview_of_a_changed_draft_shows_the_draft_intro(client, admin_user):
    otp_login(client, admin_user)
    page = IntakeFormPage.objects.get(role=Role.PARENT, locale__language_code="nl")
    page.intro = "Dit is een concepttekst voor de test."
    page.save_revision()
    response = _editor_preview(client, page)
    body = response.content.decode()
    assert "Dit is een concepttekst voor de test." in body
    assert 'name="postcode"' in body
    # The live page still shows the published intro.
    assert "Dit is een concepttekst voor de test." not in client.get(page.url).content.decode()
