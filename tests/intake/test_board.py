"""The board's figures (intake.workspace.figures), its report page and its dashboard panel: the
figures equal counts taken straight from the database, on their boundaries, and each user sees only
what they may open."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from intake.records.models import Intake, Outcome, Role, Status
from intake.workspace import figures
from intake.workspace.models import Match, MatchEndReason, MatchPhase, YearTarget
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
TWO_YEARS_AGO = datetime.date(2024, 12, 1)
REPORT = "/admin/intake/board/"
AMSTERDAM = timezone.get_fixed_timezone(60)  # winter time, CET


def d(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 11, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def world():
    mg = ProgramFactory(meeleefgezin=True)
    lek = RegionFactory(program=mg, name="Lekstroom")
    utr = RegionFactory(program=mg, name="Utrecht")
    return {
        "lek": lek,
        "utr": utr,
        "lek_handler": HandlerFactory(username="lek", regions=[lek]),
        "utr_handler": HandlerFactory(username="utr", regions=[utr]),
        "coordinator": CoordinatorFactory(username="coord", programs=[mg]),
        "superuser": SuperuserFactory(username="root"),
        "editor": EditorFactory(username="editor"),
    }


def pair(region, started_on, *, ended_on=None, phase=MatchPhase.ACTIVE, reason=""):
    """A match stored as it stands (the figures read rows; the rules are tested elsewhere)."""
    kwargs = {"region": region} if region else {"waitlist": True}
    received = timezone.make_aware(datetime.datetime(2023, 1, 5, 10))
    parent = IntakeFactory(role=Role.PARENT, status=Status.MATCHED, created_at=received, **kwargs)
    host = IntakeFactory(role=Role.HOST_FAMILY, status=Status.MATCHED, created_at=received, **kwargs)
    if ended_on:
        phase, reason = MatchPhase.ENDED, reason or MatchEndReason.OTHER
    return Match.objects.create(
        parent=parent,
        host_family=host,
        region=region,
        started_on=started_on,
        ended_on=ended_on,
        phase=phase,
        end_reason=reason,
        financing_found=region is None,
    )


@pytest.fixture
def data(world):
    lek, utr = world["lek"], world["utr"]
    for region, year, number in [(lek, 2025, 5), (lek, 2026, 6), (lek, 2027, 8), (utr, 2026, 8), (None, 2026, 8)]:
        YearTarget.objects.create(region=region, year=year, matches=number)
    matches = {
        "lek_2026_a": pair(lek, d("2026-01-15"), phase=MatchPhase.SETTLING_IN),
        "lek_2026_b": pair(lek, d("2026-11-30")),
        "lek_2026_ended": pair(lek, d("2026-03-01"), ended_on=d("2026-09-01")),
        "lek_2025": pair(lek, d("2025-06-01")),
        # Exactly two years old today: its guidance period is over, it is still active.
        "lek_exactly_two": pair(lek, TWO_YEARS_AGO),
        # One day short of two years: not counted in the two-year share yet.
        "lek_one_day_short": pair(lek, d("2024-12-02")),
        # Ended the day before its guidance end date: not active after two years.
        "lek_ended_day_before": pair(lek, d("2024-06-01"), ended_on=d("2026-05-31")),
        # Ended on its guidance end date: it made the two years.
        "lek_ended_on_the_day": pair(lek, d("2024-06-01"), ended_on=d("2026-06-01")),
        # Ended, but no end date recorded: not counted as active.
        "lek_ended_no_date": pair(lek, d("2023-03-01"), phase=MatchPhase.ENDED, reason=MatchEndReason.OTHER),
        "utr_2026": pair(utr, d("2026-05-05")),
        "utr_2023": pair(utr, d("2023-02-01")),
        "out_2026": pair(None, d("2026-04-01")),
    }
    # The waitlist: waiting parents and host families, and some that no longer wait.
    for role, status in [
        (Role.PARENT, Status.NEW),
        (Role.PARENT, Status.SCREENING),
        (Role.PARENT, Status.ON_HOLD),
        (Role.PARENT, Status.CLOSED),
        (Role.PARENT, Status.REFERRED),
        (Role.HOST_FAMILY, Status.NEW),
        (Role.HOST_FAMILY, Status.MATCHING),
        (Role.REFERRER, Status.CONTACTED),
    ]:
        IntakeFactory(
            role=role, status=status, waitlist=True, created_at=timezone.make_aware(datetime.datetime(2026, 2, 3, 9))
        )
    # Sign-ups across the last months, on their boundaries (Amsterdam time).
    for when, role, region in [
        (datetime.datetime(2026, 11, 1, 0, 30, tzinfo=AMSTERDAM), Role.PARENT, lek),  # 31 Oct 23:30 UTC: November
        (datetime.datetime(2026, 10, 31, 23, 59, tzinfo=AMSTERDAM), Role.HOST_FAMILY, lek),  # October
        (datetime.datetime(2026, 1, 1, 0, 5, tzinfo=AMSTERDAM), Role.REFERRER, utr),  # first month shown
        (datetime.datetime(2025, 12, 31, 23, 55, tzinfo=AMSTERDAM), Role.PARENT, lek),  # 13th month back: not shown
        (datetime.datetime(2026, 12, 1, 8, 0, tzinfo=AMSTERDAM), Role.PARENT, utr),  # this month
    ]:
        IntakeFactory(role=role, region=region, created_at=when)
    return matches


def expected_started(region, year):
    return Match.objects.filter(region=region, started_on__year=year).count()


def expected_target(region, year):
    target = YearTarget.objects.filter(region=region, year=year).first()
    return target.matches if target else None


def expected_share(region):
    """Eligible and still active after two years, counted with the ORM (guidance end = start + 2 years)."""
    eligible = still = 0
    for match in Match.objects.filter(region=region, started_on__lte=TWO_YEARS_AGO):
        eligible += 1
        ended_before = Match.objects.filter(
            pk=match.pk, ended_on__lt=match.started_on.replace(year=match.started_on.year + 2)
        ).exists()
        ended_without_date = Match.objects.filter(pk=match.pk, phase=MatchPhase.ENDED, ended_on__isnull=True).exists()
        still += not (ended_before or ended_without_date)
    return eligible, still


def expected_waiting(visible, role):
    return visible.filter(outcome=Outcome.WAITLIST, role=role).exclude(status__in=figures.NOT_WAITING).count()


def expected_month(visible, year, month, role):
    return visible.filter(created_at__year=year, created_at__month=month, role=role).count()


# --- The figures -----------------------------------------------------------------------------


def test_matches_against_targets_equal_the_database(world, data):
    for year in (2025, 2026, 2027):
        result = figures.board(world["superuser"], year=year, today=TODAY)
        by_region = {row.region: row for row in result.rows}
        assert set(by_region) == {world["lek"], world["utr"], None}
        for region, row in by_region.items():
            assert row.started == expected_started(region, year), (region, year)
            assert row.target == expected_target(region, year), (region, year)
        assert result.total.started == Match.objects.filter(started_on__year=year).count()
    result = figures.board(world["superuser"], year=2026, today=TODAY)
    lek = next(r for r in result.rows if r.region == world["lek"])
    assert (lek.started, lek.target, lek.percent) == (3, 6, 50)
    out = next(r for r in result.rows if r.region is None)
    assert (out.label, out.started, out.target) == (gettext("Out of region"), 1, 8)
    assert out.label != "Out of region"  # in Dutch
    assert result.total.target == 6 + 8 + 8
    # All years: 2023 has a Utrecht match, 2027 a Lekstroom target.
    assert result.years == [2023, 2024, 2025, 2026, 2027]
    history = dict(result.history)
    assert [(c.started, c.target) for c in history["Lekstroom"]] == [
        (expected_started(world["lek"], y), expected_target(world["lek"], y)) for y in result.years
    ]


def test_the_two_year_share_on_its_boundaries(world, data):
    result = figures.board(world["superuser"], today=TODAY)
    shares = {row.region: row for row in result.shares}
    for region in (world["lek"], world["utr"], None):
        assert (shares[region].eligible, shares[region].still_active) == expected_share(region)
    # Lekstroom: exactly two years (active), ended the day before (not), ended on the day (active),
    # ended without a date (not); one day short is not counted.
    assert (shares[world["lek"]].eligible, shares[world["lek"]].still_active) == (4, 2)
    assert shares[world["lek"]].percent == 50
    assert (result.share_total.eligible, result.share_total.still_active) == (5, 3)
    # Tomorrow the match started on 2 December 2024 is two years old too.
    tomorrow = figures.board(world["superuser"], today=TODAY + datetime.timedelta(days=1))
    assert next(s for s in tomorrow.shares if s.region == world["lek"]).eligible == 5


def test_the_waitlist_and_the_sign_ups_per_month_equal_the_database(world, data):
    result = figures.board(world["coordinator"], today=TODAY)
    visible = Intake.objects.all()
    assert result.shows_waitlist
    for role in Role.values:
        assert result.waitlist[role] == expected_waiting(visible, role)
    assert result.waitlist == {"parent": 3, "host_family": 2, "referrer": 1}
    assert [m["month"] for m in result.months][0] == d("2026-01-01")
    assert [m["month"] for m in result.months][-1] == d("2026-12-01")
    assert len(result.months) == 12
    for month in result.months:
        for role in Role.values:
            assert month["counts"][role] == expected_month(visible, month["month"].year, month["month"].month, role)
        assert month["total"] == sum(month["counts"].values())
    by_month = {m["month"]: m for m in result.months}
    assert by_month[d("2026-11-01")]["counts"]["parent"] == 1
    assert by_month[d("2026-10-01")]["counts"]["host_family"] == 1
    assert by_month[d("2026-01-01")]["counts"]["referrer"] == 1
    assert d("2025-12-01") not in by_month
    assert by_month[d("2026-12-01")]["counts"]["parent"] == 1


def test_a_region_handler_sees_only_their_region(world, data):
    handler = world["lek_handler"]
    result = figures.board(handler, year=2026, today=TODAY)
    assert [row.region for row in result.rows] == [world["lek"]]
    assert [row.region for row in result.shares] == [world["lek"]]
    assert [label for label, _cells in result.history] == ["Lekstroom"]
    assert result.rows[0].started == expected_started(world["lek"], 2026)
    assert not result.shows_waitlist and result.waitlist == {}
    visible = Intake.objects.filter(region=world["lek"])
    for month in result.months:
        for role in Role.values:
            assert month["counts"][role] == expected_month(visible, month["month"].year, month["month"].month, role)
    assert sum(m["total"] for m in result.months) == 2
    assert [row.region for row in figures.year_progress(handler, 2026, today=TODAY)] == [world["lek"]]
    assert set(figures.matches_in_view(handler)) == set(Match.objects.filter(region=world["lek"]))


def test_an_editor_sees_no_figures(world, data):
    result = figures.board(world["editor"], today=TODAY)
    assert result.rows == [] and result.shares == [] and result.months == [] and result.waitlist == {}
    assert figures.year_progress(world["editor"], today=TODAY) == []
    assert not figures.matches_in_view(world["editor"]).exists()
    assert not figures.targets_in_view(world["editor"]).exists()


def test_the_figures_survive_removing_personal_data(world, data):
    before = figures.board(world["superuser"], today=TODAY)
    Intake.objects.update(personal={})
    after = figures.board(world["superuser"], today=TODAY)
    assert [(r.started, r.target) for r in before.rows] == [(r.started, r.target) for r in after.rows]
    assert before.waitlist == after.waitlist and before.months == after.months


# --- The report page -------------------------------------------------------------------------


def cell(html, table_id, region_key, figure):
    table = re.search(rf'id="{table_id}".*?</table>', html, re.S).group(0)
    row = re.search(rf'data-region="{region_key}".*?</tr>', table, re.S).group(0)
    return re.search(rf'data-figure="{figure}">([^<]*)<', row).group(1).strip()


def test_the_report_shows_the_figures(world, data, client):
    otp_login(client, world["coordinator"])
    html = client.get(REPORT, {"year": 2026}).content.decode()
    lek = world["lek"].pk
    assert cell(html, "board-targets", lek, "started") == str(expected_started(world["lek"], 2026))
    assert cell(html, "board-targets", lek, "target") == "6"
    assert cell(html, "board-targets", "out-of-region", "started") == "1"
    assert cell(html, "board-shares", lek, "eligible") == "4"
    assert cell(html, "board-shares", lek, "share") == "50%"
    assert 'id="board-waitlist-table"' in html and "<svg" in html
    svg = re.search(r"<svg[^>]*intake-board-chart.*?</svg>", html, re.S).group(0)
    assert not re.search(r'="-?\d+,\d', svg), "SVG coordinates must not use the Dutch decimal comma"
    assert len(re.findall(r"<rect ", svg)) == 12
    assert "Van de koppelingen die minstens twee jaar geleden begonnen" in html  # the definition, in Dutch
    html = client.get(REPORT, {"year": 2025}).content.decode()
    assert cell(html, "board-targets", lek, "started") == "1"
    assert cell(html, "board-targets", lek, "target") == "5"


@pytest.mark.parametrize("year", ["abc", "1900", "99999999999999999999", "<script>"])
def test_a_bad_year_is_refused_with_a_message(world, data, client, year):
    otp_login(client, world["coordinator"])
    response = client.get(REPORT, {"year": year}, follow=True)
    assert response.status_code == 200
    assert "Kies een jaar van 2012 tot en met 2100" in response.content.decode()


def test_the_report_of_a_handler_holds_no_other_regions(world, data, client):
    otp_login(client, world["lek_handler"])
    html = client.get(REPORT).content.decode()
    assert f'data-region="{world["lek"].pk}"' in html
    assert f'data-region="{world["utr"].pk}"' not in html and 'data-region="out-of-region"' not in html
    assert "Utrecht" not in html.split('id="board-year"', 1)[1]
    assert 'id="board-waitlist-table"' not in html
    assert data["utr_2026"].parent.reference not in html


def test_an_editor_gets_no_report_and_no_panel(world, data, client):
    client.force_login(world["editor"])
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == "/admin/"
    home = client.get("/admin/").content.decode()
    assert "intake-board" not in home and REPORT not in home


def test_the_reports_queries_do_not_grow_with_the_data(world, data, client):
    otp_login(client, world["superuser"])
    client.get(REPORT)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as first:
        assert client.get(REPORT).status_code == 200
    for index in range(5):
        pair(world["lek"], d("2026-02-01") + datetime.timedelta(days=index))
        pair(world["utr"], d("2022-02-01") + datetime.timedelta(days=index), ended_on=d("2023-01-01"))
        IntakeFactory(waitlist=True, role=Role.HOST_FAMILY)
    YearTarget.objects.create(region=world["utr"], year=2022, matches=3)
    with CaptureQueriesContext(connection) as second:
        assert client.get(REPORT).status_code == 200
    assert len(second) == len(first)
    assert len(first) <= 40


# --- The dashboard panel ---------------------------------------------------------------------


def test_the_panel_shows_a_handler_this_years_figures_for_their_region(world, data, client):
    otp_login(client, world["lek_handler"])
    html = client.get("/admin/").content.decode()
    panel = re.search(r'id="intake-board-section".*?</section>', html, re.S).group(0)
    assert "Koppelingen gestart in 2026" in html
    assert cell(panel, "intake-board", world["lek"].pk, "started") == str(expected_started(world["lek"], 2026))
    assert cell(panel, "intake-board", world["lek"].pk, "target") == "6"
    assert f'data-region="{world["utr"].pk}"' not in panel and "out-of-region" not in panel
    assert REPORT in panel


def test_the_panel_moves_when_a_match_is_made(world, data, client):
    otp_login(client, world["coordinator"])
    before = client.get("/admin/").content.decode()
    pair(world["utr"], TODAY)
    after = client.get("/admin/").content.decode()
    utr = world["utr"].pk
    assert int(cell(after, "intake-board", utr, "started")) == int(cell(before, "intake-board", utr, "started")) + 1
    assert cell(after, "intake-board", "out-of-region", "target") == "8"


def test_no_targets_and_no_matches_is_shown_plainly(world, client):
    otp_login(client, world["lek_handler"])
    html = client.get("/admin/").content.decode()
    assert cell(html, "intake-board", world["lek"].pk, "started") == "0"
    assert cell(html, "intake-board", world["lek"].pk, "target") == "geen doel"
    assert client.get(REPORT).status_code == 200


def test_superusers_see_every_region_even_without_data(world):
    regions = {row.region for row in figures.year_progress(world["superuser"], today=TODAY)}
    assert regions == {world["lek"], world["utr"], None}
