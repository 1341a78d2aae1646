"""The demo's matches and targets (demo/matches.py): re-runnable, reached through the workflow, and
enough for every figure of the board's report to show real numbers."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model

from demo import matches as demo_matches
from intake.records.models import Intake, Status
from intake.workspace import figures
from intake.workspace.models import Match, MatchPhase, YearTarget
from tests.factories import CoordinatorFactory, HandlerFactory, ProgramFactory, RegionFactory, SuperuserFactory

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 12, 1, 11, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def demo_regions(db):
    mg = ProgramFactory(meeleefgezin=True)
    lek = RegionFactory(program=mg, name="Lekstroom")
    utr = RegionFactory(program=mg, name="Utrecht")
    HandlerFactory(username="lekstroom", regions=[lek])
    HandlerFactory(username="utrecht", regions=[utr])
    CoordinatorFactory(username="coordinator", programs=[mg])
    return {"Lekstroom": lek, "Utrecht": utr}


def test_the_demo_sets_the_domains_targets_for_three_years(demo_regions):
    demo_matches.load(today=TODAY)
    got = {
        (t.region.name if t.region else None, t.year): t.matches for t in YearTarget.objects.select_related("region")
    }
    assert got == {
        ("Lekstroom", 2025): 5,
        ("Lekstroom", 2026): 6,
        ("Lekstroom", 2027): 8,
        ("Utrecht", 2025): 6,
        ("Utrecht", 2026): 8,
        ("Utrecht", 2027): 10,
        (None, 2025): 6,
        (None, 2026): 8,
        (None, 2027): 10,
    }


def test_the_demo_is_re_runnable_and_every_figure_has_numbers(demo_regions):
    first = demo_matches.load(today=TODAY)
    assert first["matches"] == len(demo_matches.demo_matches(TODAY)) and first["targets"] == 9
    counts = (Intake.objects.count(), Match.objects.count(), YearTarget.objects.count())
    YearTarget.objects.filter(region=demo_regions["Lekstroom"], year=2026).update(matches=7)
    assert demo_matches.load(today=TODAY) == {"targets": 0, "matches": 0, "waiting": 0}
    assert (Intake.objects.count(), Match.objects.count(), YearTarget.objects.count()) == counts
    assert YearTarget.objects.get(region=demo_regions["Lekstroom"], year=2026).matches == 7  # an edit stays

    board = figures.board(SuperuserFactory(), today=TODAY)
    rows = {row.label: row for row in board.rows}
    assert all(row.started > 0 and row.target for row in rows.values()), rows
    assert board.share_total.eligible >= 3 and 0 < board.share_total.still_active < board.share_total.eligible
    assert board.waitlist_total == 2
    assert sum(m["total"] for m in board.months) > 0
    # An old match still active, an ended one with a reason, an out-of-region one with the financing found.
    long_ago = TODAY.replace(year=TODAY.year - 2)
    assert Match.objects.filter(started_on__lt=long_ago, phase=MatchPhase.ACTIVE).exists()
    assert Match.objects.filter(phase=MatchPhase.ENDED).exclude(end_reason="").exists()
    assert Match.objects.filter(region__isnull=True, financing_found=True).count() == 1
    # Reached through the workflow: every matched sign-up went through the statuses by hand.
    for intake in Intake.objects.filter(status=Status.MATCHED):
        assert intake.statuses_reached == ["new", "contacted", "screening", "matching", "matched"]
    assert all("@example.org" in i.personal["email"] for i in Intake.objects.all())


def test_the_demo_handlers_see_their_own_matches(demo_regions):
    demo_matches.load(today=TODAY)
    lekstroom = get_user_model().objects.get(username="lekstroom")
    assert set(figures.matches_in_view(lekstroom)) == set(Match.objects.filter(region=demo_regions["Lekstroom"]))
    assert [row.label for row in figures.year_progress(lekstroom, today=TODAY)] == ["Lekstroom"]
