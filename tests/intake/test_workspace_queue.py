"""The queue listing: scoped, filtered, searchable, decrypting nothing, in a bounded number of queries."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.models import Intake, Role
from intake.workspace import workflow
from tests.factories import IntakeFactory

from . import workspace_fixtures
from .workspace_fixtures import LIST, detail, refused, signed_in

world = workspace_fixtures.world

pytestmark = pytest.mark.django_db


def references(response):
    return set(re.findall(r"MG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", response.content.decode()))


def test_each_role_lists_exactly_its_sign_ups(world, admin_client):
    lek, utr, wait = (world[k].reference for k in ("Lekstroom", "Utrecht", "waitlist"))
    assert references(signed_in(world["lekstroom"]).get(LIST)) == {lek}
    assert references(signed_in(world["utrecht"]).get(LIST)) == {utr}
    # The national coordinator works all of MeeleefGezin's regions and the central waitlist.
    assert references(signed_in(world["coordinator"]).get(LIST)) == {lek, utr, wait}
    assert references(admin_client.get(LIST)) == {lek, utr, wait}


def test_an_editor_has_no_menu_item_and_no_listing(world):
    client = signed_in(world["editor"])
    assert refused(client.get(LIST))
    assert refused(client.get(LIST + "results/"))
    assert LIST not in client.get("/admin/").content.decode()
    assert references(client.get("/admin/")) == set()


def test_filters(world):
    client = signed_in(world["coordinator"])
    lek, utr, wait = world["Lekstroom"], world["Utrecht"], world["waitlist"]
    host = IntakeFactory(region=world["regions"]["Lekstroom"], role=Role.HOST_FAMILY)
    workflow.change_status(utr, "contacted", user=world["coordinator"])
    workflow.assign(lek, world["coordinator"], user=world["coordinator"])

    assert references(client.get(LIST, {"role": "host_family"})) == {host.reference}
    assert references(client.get(LIST, {"region": world["regions"]["Utrecht"].pk})) == {utr.reference}
    assert references(client.get(LIST, {"status": "contacted"})) == {utr.reference}
    assert references(client.get(LIST, {"outcome": "waitlist"})) == {wait.reference}
    assert references(client.get(LIST, {"assigned": "me"})) == {lek.reference}
    assert lek.reference not in references(client.get(LIST, {"assigned": "nobody"}))


def test_the_received_filter_is_a_date_range(world):
    client = signed_in(world["coordinator"])
    old = world["Lekstroom"]
    Intake.objects.filter(pk=old.pk).update(created_at=timezone.make_aware(datetime.datetime(2025, 3, 10, 12)))
    found = references(client.get(LIST, {"created_at_from": "2025-03-01", "created_at_to": "2025-03-31"}))
    assert found == {old.reference}
    # Nonsense dates are a refused filter, not a server error.
    assert client.get(LIST, {"created_at_from": "gisteren", "created_at_to": "<script>"}).status_code == 200


def test_the_region_filter_offers_only_regions_in_scope(world):
    html = signed_in(world["lekstroom"]).get(LIST).content.decode()
    assert "Lekstroom" in html
    assert "Utrecht" not in html
    # Filtering on another region's id shows nothing of it.
    response = signed_in(world["lekstroom"]).get(LIST, {"region": world["regions"]["Utrecht"].pk})
    assert world["Utrecht"].reference not in response.content.decode()


@pytest.mark.parametrize("query", ["{ref}", "{ref_lower}", "{ref_compact}", "{ref_middle}"])
def test_search_by_reference(world, query):
    intake = world["Lekstroom"]
    ref = intake.reference
    q = query.format(ref=ref, ref_lower=ref.lower(), ref_compact=ref.replace("-", " "), ref_middle=ref[5:12])
    client = signed_in(world["coordinator"])
    assert references(client.get(LIST, {"q": q})) == {ref}


def test_a_handler_cannot_find_another_regions_sign_up_by_reference(world):
    client = signed_in(world["lekstroom"])
    html = client.get(LIST, {"q": world["Utrecht"].reference}).content.decode()
    assert detail(world["Utrecht"]) not in html
    # Wagtail's global admin search finds no sign-up either (it only echoes what was typed).
    html = client.get("/admin/search/", {"q": world["Utrecht"].reference}).content.decode()
    assert detail(world["Utrecht"]) not in html
    assert "/admin/intake/signups/inspect/" not in html


def test_listing_shows_assignee_and_last_contact(world):
    lek = world["Lekstroom"]
    with time_machine.travel(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC)):
        workflow.assign(lek, world["lekstroom2"], user=world["lekstroom"])
        workflow.change_status(lek, "contacted", user=world["lekstroom"])
    html = signed_in(world["lekstroom"]).get(LIST).content.decode()
    assert "Luuk" in html
    assert "4 mei 2026" in html or "04-05-2026" in html or "May 4, 2026" in html


def test_the_listing_decrypts_nothing_and_costs_a_fixed_number_of_queries(world, monkeypatch):
    from intake.encryption import fields

    client = signed_in(world["coordinator"])
    last_queries = []
    client.get(LIST)  # warm caches (content types, site, menu)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        last_queries[:] = queries.captured_queries
        return len(queries)

    few = count()
    for n in range(12):
        intake = IntakeFactory(region=world["regions"]["Lekstroom" if n % 2 else "Utrecht"])
        workflow.assign(intake, world["coordinator"], user=world["coordinator"])
    decrypted = []
    original = fields.EncryptedJSONField.from_db_value
    monkeypatch.setattr(
        fields.EncryptedJSONField,
        "from_db_value",
        lambda self, *args: decrypted.append(1) or original(self, *args),
    )
    many = count()
    assert many == few
    assert decrypted == []


def test_the_site_history_shows_a_handler_only_their_sign_ups(world, admin_client):
    for key in ("Lekstroom", "Utrecht", "waitlist"):
        audit.record(world[key], audit.VIEWED, world["coordinator"])
    assert IntakeLogEntry.objects.count() == 3
    lek = signed_in(world["lekstroom"]).get("/admin/reports/site-history/")
    assert lek.status_code == 200
    assert references(lek) == {world["Lekstroom"].reference}
    assert references(admin_client.get("/admin/reports/site-history/")) == {
        world[key].reference for key in ("Lekstroom", "Utrecht", "waitlist")
    }
    editor = signed_in(world["editor"]).get("/admin/reports/site-history/")
    assert references(editor) == set()
