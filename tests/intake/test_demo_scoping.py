"""Issue 7's must-shows on the demo data (`load_demo_content`, as a fresh `make run` builds it):

- each demo account sees exactly its own sign-ups everywhere in the admin, and the editor none;
- the board's figures equal the sign-ups and matches in the database;
- opening a sign-up's answers and exporting a CSV each leave an audit record visible in the admin.

"Its own" is computed here from plain ORM data, not through `intake.permissions`: a region handler
gets their region's sign-ups; the national coordinator every MeeleefGezin sign-up plus whatever
nobody else can open (here: a partner region without accounts and a not-eligible sign-up, added for
the test); the editor nothing. Every surface is read the way a user reads it: the references on the
page (or in the file), every page of a listing.
"""

import csv
import datetime
import io
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.geography.models import Region
from intake.records.models import Intake, Outcome, Role, Status
from intake.workspace.models import Match, MatchPhase, YearTarget, add_years
from tests.conftest import otp_login

pytestmark = pytest.mark.django_db

ACCOUNTS = ("lekstroom", "utrecht", "coordinator", "editor")
REFERENCE = re.compile(r"MG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
SIGNUPS = "/admin/intake/signups/"
EXPORT = "/admin/intake/signups/export/"
MATCHES = "/admin/intake/matches/"
BOARD = "/admin/intake/board/"
WAITLIST = "/admin/intake/waitlist/"
SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def world(demo_site):
    """The demo, plus two sign-ups only MeeleefGezin's coordinator can open (nobody else has them)."""
    partner_region = Region.objects.get(name="Home-Start Utrecht en Lekstroom")
    assert not partner_region.handlers.exists() and not partner_region.program.coordinators.exists()
    Intake.objects.create(
        role=Role.PARENT,
        outcome=Outcome.PARTNER,
        program=partner_region.program,
        region=partner_region,
        pc4="3431",
        personal={"name": "Test Partnerregio"},
        consent_at=timezone.now(),
    )
    Intake.objects.create(
        role=Role.PARENT,
        outcome=Outcome.NOT_ELIGIBLE,
        pc4="9999",
        personal={"name": "Test"},
        consent_at=timezone.now(),
    )
    User = get_user_model()
    return {name: User.objects.get(username=name) for name in ACCOUNTS}


def expected_references(username) -> set[str]:
    """What the account should see, from the plain data: regions, programs, who holds which account."""
    if username == "editor":
        return set()
    intakes = Intake.objects.select_related("region", "program")
    if username in ("lekstroom", "utrecht"):
        name = {"lekstroom": "Lekstroom", "utrecht": "Utrecht"}[username]
        return {
            i.reference for i in intakes if i.region and i.region.name == name and i.program.code == "meeleefgezin"
        }
    refs = set()
    for intake in intakes:
        own = intake.program is not None and intake.program.code == "meeleefgezin"
        region_held = intake.region is not None and intake.region.handlers.exists()
        program_held = intake.program is not None and intake.program.coordinators.exists()
        if own or not (region_held or program_held):
            refs.add(intake.reference)
    return refs


def refs(response) -> set[str]:
    return set(REFERENCE.findall(response.content.decode()))


def listed(response) -> set[str]:
    """The references in the listing's table of a page (none when there is no table)."""
    found = re.search(r'<table[^>]*class="[^"]*listing.*?</table>', response.content.decode(), re.S)
    return set(REFERENCE.findall(found.group(0))) if found else set()


def all_pages(client, url, **params) -> tuple[set[str], int]:
    """The references on every page of a paginated admin listing, and the first page's status."""
    seen, number, first_status = set(), 1, None
    while True:
        response = client.get(url, {**params, "p": number})
        first_status = first_status or response.status_code
        if response.status_code != 200:
            break
        found = refs(response)
        if found <= seen:
            break
        seen |= found
        number += 1
    return seen, first_status


@pytest.fixture
def signed_in(client, world):
    def sign_in(username):
        client.logout()
        otp_login(client, world[username])
        return client

    return sign_in


@pytest.mark.parametrize("username", ACCOUNTS)
def test_each_account_sees_exactly_its_own_sign_ups_everywhere(signed_in, username):
    expected = expected_references(username)
    everything = set(Intake.objects.values_list("reference", flat=True))
    hidden = everything - expected
    assert username == "editor" or len(expected) >= 14  # the demo gives every account real work
    client = signed_in(username)

    # The listing, every page.
    in_listing, status = all_pages(client, SIGNUPS)
    assert in_listing == expected
    if username == "editor":
        assert status in (302, 403)

    # Every sign-up's page and history: open for its own, closed (and without a trace) for the rest.
    for intake in Intake.objects.all():
        for url in (f"{SIGNUPS}inspect/{intake.pk}/", f"{SIGNUPS}history/{intake.pk}/"):
            response = client.get(url)
            if intake.reference in expected:
                assert response.status_code == 200, url
                assert intake.reference in refs(response)
            else:
                assert response.status_code in (302, 403, 404), url
                assert not refs(response) & hidden

    # Searching the listing by reference finds one's own and nothing else (the search box repeats
    # what was typed; the results are the listing's table).
    for reference in sorted(everything)[::7]:
        found = listed(client.get(SIGNUPS, {"q": reference}))
        assert found == ({reference} if reference in expected else set())
        # Wagtail's admin search (pages, snippets, …) never shows a sign-up either.
        assert not (refs(client.get("/admin/search/", {"q": reference})) - {reference}) & hidden

    # The CSV export holds exactly one's own.
    response = client.post(EXPORT)
    if username == "editor":
        assert response.status_code in (302, 403)
        assert not refs(response)
    else:
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert {row[0] for row in rows[1:]} == expected
        assert not refs(response) & hidden

    # Matches: those whose parent one may open; a host family's reference only when one may open it.
    matches = Match.objects.select_related("parent", "host_family")
    own_matches = [m for m in matches if m.parent.reference in expected]
    shown, status = all_pages(client, MATCHES)
    assert shown == {m.parent.reference for m in own_matches} | {
        m.host_family.reference for m in own_matches if m.host_family.reference in expected
    }
    for match in matches:
        response = client.get(f"{MATCHES}{match.pk}/")
        assert (response.status_code == 200) == (match in own_matches)
        assert not refs(response) & hidden

    # The waitlist page: the coordinator's, listing the waiting sign-ups; closed to everybody else.
    shown, status = all_pages(client, WAITLIST)
    if username == "coordinator":
        waiting = Intake.objects.filter(outcome=Outcome.WAITLIST).exclude(
            status__in=[Status.CLOSED, Status.REFERRED, Status.MATCHED]
        )
        assert status == 200
        assert shown == set(waiting.values_list("reference", flat=True))
    else:
        assert status in (302, 403)
        assert not shown

    # The site history: the trail of one's own sign-ups (every one was at least received), no other.
    intake_type = ContentType.objects.get_for_model(Intake).pk
    shown, status = all_pages(client, SITE_HISTORY, object_type=intake_type)
    assert shown == expected
    unfiltered = refs(client.get(SITE_HISTORY))
    assert unfiltered <= expected

    # The dashboard and the board's report name no sign-up, and the editor gets neither.
    dashboard = client.get("/admin/")
    assert not refs(dashboard)
    report = client.get(BOARD)
    if username == "editor":
        assert "intake-board" not in dashboard.content.decode()
        assert report.status_code in (302, 403)
    else:
        assert report.status_code == 200 and not refs(report)


# --- The board's figures equal the database -----------------------------------------------------


def table(html, table_id) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert match, table_id
    return match.group(0)


def rows_by_region(html, table_id) -> dict[str, dict[str, str]]:
    """{row label: {figure: text}} of a board table (tbody only)."""
    body = re.search(r"<tbody>(.*?)</tbody>", table(html, table_id), re.S).group(1)
    result = {}
    for row in re.findall(r"<tr.*?</tr>", body, re.S):
        label = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1)))
        result[label.strip()] = {
            key: value.strip() for key, value in re.findall(r'data-figure="([a-z]+)">([^<]*)<', row)
        }
    return result


def expected_region_labels(username):
    if username == "lekstroom":
        return {"Lekstroom"}
    if username == "utrecht":
        return {"Utrecht"}
    mg_regions = set(Region.objects.filter(program__code="meeleefgezin").values_list("name", flat=True))
    return mg_regions | {"Buiten de regio"}


def started_and_target(label, year):
    region = None if label == "Buiten de regio" else Region.objects.get(name=label, program__code="meeleefgezin")
    started = Match.objects.filter(region=region, started_on__year=year).count()
    target = YearTarget.objects.filter(region=region, year=year).values_list("matches", flat=True).first()
    return {"started": str(started), "target": "geen doel" if target is None else str(target)}


@pytest.mark.parametrize("username", ["lekstroom", "utrecht", "coordinator"])
def test_the_dashboard_and_report_figures_equal_the_database(signed_in, username):
    client = signed_in(username)
    year = timezone.localdate().year
    labels = expected_region_labels(username)

    panel = client.get("/admin/").content.decode()
    shown = rows_by_region(panel, "intake-board")
    assert set(shown) == labels
    for label in labels:
        assert shown[label] == started_and_target(label, year), label

    report = client.get(BOARD, {"year": year}).content.decode()
    shown = rows_by_region(report, "board-targets")
    assert set(shown) == labels
    for label in labels:
        assert shown[label] == started_and_target(label, year), label
    # Last year's too: the demo has matches and targets for it.
    previous = rows_by_region(client.get(BOARD, {"year": year - 1}).content.decode(), "board-targets")
    for label in labels:
        assert previous[label] == started_and_target(label, year - 1), label

    # Still active two years after the start, per region, from the matches' dates.
    today = timezone.localdate()
    shares = rows_by_region(report, "board-shares")
    for label in labels:
        region = None if label == "Buiten de regio" else Region.objects.get(name=label, program__code="meeleefgezin")
        due = [m for m in Match.objects.filter(region=region) if add_years(m.started_on, 2) <= today]
        active = [
            m
            for m in due
            if (m.ended_on is None and m.phase != MatchPhase.ENDED)
            or (m.ended_on is not None and m.ended_on >= add_years(m.started_on, 2))
        ]
        assert (shares[label]["eligible"], shares[label]["active"]) == (str(len(due)), str(len(active))), label
    if username == "lekstroom":
        assert shares["Lekstroom"]["eligible"] != "0"  # the demo has a match older than two years

    # Sign-ups per month, per form, the last twelve months (received date in the site's time zone).
    own = Intake.objects.filter(reference__in=expected_references(username))
    counted = Counter(
        (timezone.localtime(created).strftime("%Y-%m"), role)
        for created, role in own.values_list("created_at", "role")
    )
    monthly = table(report, "board-monthly")
    rows = re.findall(r'<tr data-month="(\d{4}-\d{2})">(.*?)</tr>', monthly, re.S)
    assert len(rows) == 12
    for month, row in rows:
        for role, number in re.findall(r'data-role="([a-z_]+)">(\d+)<', row):
            assert int(number) == counted[(month, role)], (month, role)
    assert sum(int(n) for _m, row in rows for n in re.findall(r'data-figure="total">(\d+)<', row)) > 0

    # The central waitlist's size, for the coordinator only.
    if username == "coordinator":
        waiting = Counter(
            Intake.objects.filter(outcome=Outcome.WAITLIST)
            .exclude(status__in=[Status.CLOSED, Status.REFERRED, Status.MATCHED])
            .values_list("role", flat=True)
        )
        waitlist = table(report, "board-waitlist-table")
        for role in Role.values:
            found = re.search(rf'data-role="{role}">.*?data-figure="waiting">(\d+)<', waitlist, re.S).group(1)
            assert int(found) == waiting[role], role
        assert sum(waiting.values()) >= 40
    else:
        assert 'id="board-waitlist-table"' not in report


# --- Reading and exporting leave a record in the admin ------------------------------------------


def test_opening_the_answers_and_exporting_leave_records_visible_in_the_admin(signed_in):
    client = signed_in("lekstroom")
    from demo.signups import demo_reference

    sanne = Intake.objects.get(reference=demo_reference("lek-sanne"))
    since = timezone.now() - datetime.timedelta(seconds=1)

    assert "Sanne Voorbeeld" in client.get(f"{SIGNUPS}inspect/{sanne.pk}/").content.decode()
    viewed = IntakeLogEntry.objects.filter(intake_id=sanne.pk, action=audit.VIEWED, timestamp__gte=since)
    assert viewed.filter(user__username="lekstroom").count() == 1

    response = client.post(EXPORT, {"contact": "on"})
    assert response.status_code == 200 and sanne.reference in response.content.decode("utf-8-sig")
    exported = IntakeLogEntry.objects.filter(action=audit.EXPORTED, timestamp__gte=since, user__username="lekstroom")
    assert set(exported.values_list("intake__reference", flat=True)) == expected_references("lekstroom")

    # The sign-up's history page shows both, with who.
    history = client.get(f"{SIGNUPS}history/{sanne.pk}/").content.decode()
    assert "Antwoorden bekeken" in history
    assert "Opgenomen in een export (basisgegevens, contactgegevens)" in history
    assert "Team Lekstroom" in history

    # The site history shows both, filtered by what happened.
    for action in (audit.VIEWED, audit.EXPORTED):
        page = client.get(SITE_HISTORY, {"action": action}).content.decode()
        assert sanne.reference in page, action
        assert "Team Lekstroom" in page

    # …and another region's handler sees neither.
    client = signed_in("utrecht")
    for action in (audit.VIEWED, audit.EXPORTED):
        assert sanne.reference not in client.get(SITE_HISTORY, {"action": action}).content.decode()
