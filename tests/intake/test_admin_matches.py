"""Matches and yearly targets in the admin: making a match from a parent's sign-up, the list and a
match's page with its phase, the targets' viewset, and the button on a sign-up's page. Scoped:
another region's handler gets 404 for every object, an editor gets nothing."""

import datetime
from html import unescape

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import gettext

from intake.admin.matches import match_actions
from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.records.models import Role, Status
from intake.workspace.matching import make_match
from intake.workspace.models import Match, MatchPhase, YearTarget
from tests.conftest import otp_login
from tests.factories import (
    CoordinatorFactory,
    EditorFactory,
    HandlerFactory,
    IntakeFactory,
    ProgramFactory,
    RegionFactory,
    SuperuserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
MATCHES = "/admin/intake/matches/"
TARGETS = "/admin/intake/targets/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 11, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def world():
    mg = ProgramFactory(meeleefgezin=True)
    lek = RegionFactory(program=mg, name="Lekstroom")
    utr = RegionFactory(program=mg, name="Utrecht")
    received = timezone.now() - datetime.timedelta(days=90)

    def signup(role, region, status=Status.MATCHING):
        where = {"waitlist": True} if region is None else {"region": region}
        return IntakeFactory(role=role, status=status, created_at=received, **where)

    w = {
        "lek": lek,
        "utr": utr,
        "lek_handler": HandlerFactory(username="lek", regions=[lek]),
        "utr_handler": HandlerFactory(username="utr", regions=[utr]),
        "coordinator": CoordinatorFactory(username="coord", programs=[mg]),
        "editor": EditorFactory(username="editor"),
        "signup": signup,
    }
    w["lek_parent"], w["lek_host"] = signup(Role.PARENT, lek), signup(Role.HOST_FAMILY, lek)
    w["utr_parent"], w["utr_host"] = signup(Role.PARENT, utr), signup(Role.HOST_FAMILY, utr)
    w["wait_parent"], w["wait_host"] = signup(Role.PARENT, None), signup(Role.HOST_FAMILY, None)
    return w


def make_url(intake):
    return f"{MATCHES}make/{intake.pk}/"


def detail_url(match):
    return f"{MATCHES}{match.pk}/"


def utrecht_match(world):
    return make_match(world["utr_parent"], world["utr_host"], TODAY, user=world["utr_handler"])


# --- Make a match ----------------------------------------------------------------------------


def test_a_handler_makes_a_match_from_a_parents_sign_up(world, client):
    otp_login(client, world["lek_handler"])
    html = client.get(make_url(world["lek_parent"])).content.decode()
    assert world["lek_host"].reference in html
    for foreign in ("utr_host", "wait_host", "utr_parent"):
        assert world[foreign].reference not in html
    assert "financing_found" not in html
    response = client.post(
        make_url(world["lek_parent"]), {"host_family": world["lek_host"].pk, "started_on": "2026-11-20"}
    )
    match = Match.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(match)
    assert (match.parent, match.host_family, match.region) == (world["lek_parent"], world["lek_host"], world["lek"])
    html = client.get(detail_url(match)).content.decode()
    assert "20 november 2028" in html  # the two-year guidance end date
    assert "Koppeling gemaakt" in html
    for intake in (world["lek_parent"], world["lek_host"]):
        intake.refresh_from_db()
        assert intake.status == Status.MATCHED
        assert IntakeLogEntry.objects.filter(intake=intake, action=audit.MATCHED, user=world["lek_handler"]).exists()


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"started_on": "2026-11-20"}, "Kies een meeleefgezin."),
        ({"host_family": "utr_host", "started_on": "2026-11-20"}, "Kies een van de meeleefgezinnen uit de lijst."),
        ({"host_family": "lek_parent", "started_on": "2026-11-20"}, "Kies een van de meeleefgezinnen uit de lijst."),
        ({"host_family": "abc", "started_on": "2026-11-20"}, "Kies een van de meeleefgezinnen uit de lijst."),
        ({"host_family": "lek_host"}, "Vul de datum in waarop de koppeling begint."),
        ({"host_family": "lek_host", "started_on": "gisteren"}, "Vul een geldige datum in."),
        ({"host_family": "lek_host", "started_on": "2027-01-01"}, "kan niet in de toekomst liggen"),
        ({"host_family": "lek_host", "started_on": "2020-01-01"}, "vóór de dag waarop beide aanmeldingen"),
    ],
)
def test_a_bad_match_is_refused_with_a_message(world, client, post, message):
    otp_login(client, world["lek_handler"])
    data = {key: (world[value].pk if value in world else value) for key, value in post.items()}
    response = client.post(make_url(world["lek_parent"]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Match.objects.exists()


def test_out_of_region_needs_the_financing_ticked(world, client):
    otp_login(client, world["coordinator"])
    url = make_url(world["wait_parent"])
    html = client.get(url).content.decode()
    assert "financing_found" in html and world["wait_host"].reference in html
    assert world["lek_host"].reference not in html
    response = client.post(url, {"host_family": world["wait_host"].pk, "started_on": "2026-11-30"})
    assert "financiering" in response.content.decode() and not Match.objects.exists()
    client.post(url, {"host_family": world["wait_host"].pk, "started_on": "2026-11-30", "financing_found": "on"})
    match = Match.objects.get()
    assert match.region is None and match.financing_found


def test_a_parent_that_cannot_be_matched_gets_the_reason_and_no_form(world, client):
    otp_login(client, world["lek_handler"])
    screening = world["signup"](Role.PARENT, world["lek"], Status.SCREENING)
    response = client.get(make_url(screening))
    html = response.content.decode()
    assert response.status_code == 200 and "Zet die eerst op “Koppelen”" in html
    assert 'name="host_family"' not in html
    client.post(make_url(screening), {"host_family": world["lek_host"].pk, "started_on": "2026-11-20"})
    assert not Match.objects.exists()
    html = client.get(make_url(world["lek_host"])).content.decode()
    assert "Een koppeling begint bij de aanmelding van een gezin" in html


def test_another_regions_handler_gets_404_and_an_editor_nothing(world, client):
    match = utrecht_match(world)
    otp_login(client, world["lek_handler"])
    for url in (make_url(world["utr_parent"]), make_url(world["wait_parent"]), detail_url(match), f"{MATCHES}999999/"):
        assert client.get(url).status_code == 404, url
    assert client.post(detail_url(match), {"phase": MatchPhase.ACTIVE}).status_code == 404
    assert (
        client.post(
            make_url(world["utr_parent"]), {"host_family": world["utr_host"].pk, "started_on": "2026-11-30"}
        ).status_code
        == 404
    )
    html = client.get(MATCHES).content.decode()
    assert match.parent.reference not in html and match.host_family.reference not in html
    match.refresh_from_db()
    assert match.phase == MatchPhase.SETTLING_IN

    client.logout()
    client.force_login(world["editor"])
    for url in (MATCHES, detail_url(match), make_url(world["lek_parent"])):
        response = client.get(url)
        assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/", url
    assert MATCHES not in client.get("/admin/").content.decode()


# --- The list and a match's page -------------------------------------------------------------


def test_the_list_shows_only_matches_whose_parent_the_user_may_open(world, client):
    lek_match = make_match(world["lek_parent"], world["lek_host"], TODAY, user=world["lek_handler"])
    utr = utrecht_match(world)
    otp_login(client, world["lek_handler"])
    html = client.get(MATCHES).content.decode()
    assert lek_match.parent.reference in html and lek_match.host_family.reference in html
    assert utr.parent.reference not in html
    client.logout()
    otp_login(client, world["coordinator"])
    html = client.get(MATCHES).content.decode()
    assert lek_match.parent.reference in html and utr.parent.reference in html
    html = client.get(MATCHES, {"phase": "ended"}).content.decode()
    assert lek_match.parent.reference not in html
    assert client.get(MATCHES, {"phase": "<script>", "p": "x"}).status_code == 200


def test_the_phase_is_changed_on_the_matchs_page(world, client):
    started = TODAY - datetime.timedelta(days=10)
    match = make_match(world["lek_parent"], world["lek_host"], started, user=world["lek_handler"])
    otp_login(client, world["lek_handler"])
    url = detail_url(match)
    assert client.post(url, {"phase": MatchPhase.ACTIVE}).status_code == 302
    match.refresh_from_db()
    assert match.phase == MatchPhase.ACTIVE
    response = client.post(url, {"phase": MatchPhase.ENDED})
    html = response.content.decode()
    assert (
        "Kies waarom de koppeling is beëindigd." in html
        and "Vul de datum in waarop de koppeling is beëindigd." in html
    )
    response = client.post(url, {"phase": MatchPhase.ENDED, "end_reason": "moved", "ended_on": "2027-02-01"})
    assert "De einddatum kan niet in de toekomst liggen." in response.content.decode()
    response = client.post(url, {"phase": MatchPhase.SETTLING_IN})
    assert "Kies een fase." in response.content.decode() or "geldige keuze" in response.content.decode()
    client.post(url, {"phase": MatchPhase.ENDED, "end_reason": "moved", "ended_on": "2026-11-30"})
    match.refresh_from_db()
    assert (match.phase, match.end_reason) == (MatchPhase.ENDED, "moved")
    html = client.get(url).content.decode()
    assert "Deze koppeling is beëindigd." in html and 'name="phase"' not in html
    assert client.post(url, {"phase": MatchPhase.ACTIVE}).status_code == 200
    match.refresh_from_db()
    assert match.phase == MatchPhase.ENDED
    entries = IntakeLogEntry.objects.filter(intake=match.parent, action=audit.MATCH_CHANGED)
    assert [e.data["to"] for e in entries.order_by("pk")] == ["active", "ended"]


# --- The button on a sign-up's page ----------------------------------------------------------


def actions_for(user, intake):
    request = RequestFactory().get("/admin/")
    request.user = user
    return match_actions(request, intake)


def test_the_sign_up_page_offers_make_a_match_then_view_the_match(world):
    [action] = actions_for(world["lek_handler"], world["lek_parent"])
    assert action["url"] == make_url(world["lek_parent"]) and action["label"] == "Koppeling maken"
    assert set(action) == {"label", "url", "classname"}
    assert actions_for(world["lek_handler"], world["lek_host"]) == []
    assert actions_for(world["utr_handler"], world["lek_parent"]) == []
    assert actions_for(world["editor"], world["lek_parent"]) == []
    screening = world["signup"](Role.PARENT, world["lek"], Status.SCREENING)
    assert actions_for(world["lek_handler"], screening) == []
    match = make_match(world["lek_parent"], world["lek_host"], TODAY, user=world["lek_handler"])
    for intake in (world["lek_parent"], world["lek_host"]):
        [action] = actions_for(world["lek_handler"], intake)
        assert action["url"] == detail_url(match)


# --- Yearly targets --------------------------------------------------------------------------


@pytest.fixture
def targets(world):
    return {
        "lek": YearTarget.objects.create(region=world["lek"], year=2026, matches=6),
        "utr": YearTarget.objects.create(region=world["utr"], year=2026, matches=8),
        "out": YearTarget.objects.create(region=None, year=2026, matches=8),
    }


def target_urls(target):
    return [f"{TARGETS}{view}/{target.pk}/" for view in ("edit", "delete", "inspect", "history", "usage")]


def test_a_coordinator_manages_the_targets(world, targets, client):
    otp_login(client, world["coordinator"])
    html = unescape(client.get(TARGETS).content.decode())
    assert gettext("Out of region") in html and "Lekstroom" in html and "Utrecht" in html
    response = client.post(f"{TARGETS}new/", {"region": world["lek"].pk, "year": 2027, "matches": 8})
    assert response.status_code == 302
    assert YearTarget.objects.get(region=world["lek"], year=2027).matches == 8
    response = client.post(f"{TARGETS}new/", {"region": "", "year": 2026, "matches": 3})
    assert "Er is al een doel buiten de regio's voor 2026" in unescape(response.content.decode())
    response = client.post(f"{TARGETS}new/", {"region": world["lek"].pk, "year": 2026, "matches": 3})
    assert "Er is al een doel voor Lekstroom in 2026" in response.content.decode()
    response = client.post(f"{TARGETS}new/", {"region": "", "year": 1999, "matches": 3000})
    html = response.content.decode()
    assert "Vul een jaar in van 2012 tot en met 2100." in html and "Vul hoogstens 1000 koppelingen in." in html
    client.post(f"{TARGETS}edit/{targets['out'].pk}/", {"region": "", "year": 2026, "matches": 10})
    targets["out"].refresh_from_db()
    assert targets["out"].matches == 10


def test_a_handler_sees_their_regions_targets_read_only(world, targets, client):
    otp_login(client, world["lek_handler"])
    html = client.get(TARGETS).content.decode()
    assert f"{TARGETS}inspect/{targets['lek'].pk}/" in html
    assert f"inspect/{targets['utr'].pk}/" not in html and f"inspect/{targets['out'].pk}/" not in html
    assert client.get(f"{TARGETS}inspect/{targets['lek'].pk}/").status_code == 200
    for url in (f"{TARGETS}new/", f"{TARGETS}edit/{targets['lek'].pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    client.post(f"{TARGETS}edit/{targets['lek'].pk}/", {"region": world["lek"].pk, "year": 2026, "matches": 99})
    targets["lek"].refresh_from_db()
    assert targets["lek"].matches == 6
    for target in (targets["utr"], targets["out"]):
        for url in target_urls(target):
            assert client.get(url).status_code == 404, url
        assert client.post(f"{TARGETS}delete/{target.pk}/").status_code == 404
    assert YearTarget.objects.count() == 3


def test_an_editor_gets_no_targets(world, targets, client):
    client.force_login(world["editor"])
    for url in (TARGETS, f"{TARGETS}new/", *target_urls(targets["lek"])):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert response.status_code != 302 or response["Location"] == "/admin/"
    assert TARGETS not in client.get("/admin/").content.decode()


def test_the_intake_menu_lists_matches_targets_and_the_report_for_handlers(world, client):
    otp_login(client, world["lek_handler"])
    html = client.get("/admin/").content.decode()
    for url in (MATCHES, TARGETS, "/admin/intake/board/"):
        assert url in html
    client.logout()
    otp_login(client, SuperuserFactory())
    assert client.get(MATCHES).status_code == 200 and client.get(TARGETS).status_code == 200
