"""The waitlist page: who waits and how long, demand per municipality and province, the map, and
re-routing to a region that starts taking sign-ups. Only MeeleefGezin's national coordinators and
superusers; every figure scoped by intake.permissions."""

from collections import Counter
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.users.models import UserProfile

from demo import waitlist as waitlist_demo
from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.models import Intake, Municipality, MunicipalityBoundary, Notification, Outcome, Region, Role, Status
from intake.outbox import delivery
from intake.permissions import intakes_visible_to
from intake.workspace import rerouting, waitlist
from tests.conftest import otp_login
from tests.factories import (
    CoordinatorFactory,
    EditorFactory,
    HandlerFactory,
    IntakeFactory,
    MunicipalityFactory,
    ProgramFactory,
    RegionFactory,
    SuperuserFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "/admin/intake/waitlist/"
REROUTE = "/admin/intake/waitlist/reroute/"
HOSTILE = '<script>alert("x")</script> & Co'


def square(x, y, size=10):
    return f"M{x} {y}L{x + size} {y}L{x + size} {y + size}L{x} {y + size}Z"


@pytest.fixture
def world():
    mg = ProgramFactory(meeleefgezin=True)
    home_start = ProgramFactory(home_start=True)
    zeist = MunicipalityFactory(code="GM0355", name="Zeist", province_code="PV26", province_name="Utrecht")
    amsterdam = MunicipalityFactory(
        code="GM0363", name="Amsterdam", province_code="PV27", province_name="Noord-Holland"
    )
    soest = MunicipalityFactory(code="GM0342", name="Soest", province_code="PV26", province_name="Utrecht")
    lekstroom = RegionFactory(program=mg, name="Lekstroom", takes_intakes=True)
    zuidoost = RegionFactory(program=mg, name="ZuidOost Utrecht", takes_intakes=False, municipalities=[zeist])
    home_start_zeist = RegionFactory(program=home_start, name="Home-Start Zeist", municipalities=[zeist])
    HandlerFactory(username="hs-zeist", regions=[home_start_zeist])
    handler = HandlerFactory(username="lekstroom", regions=[lekstroom])
    zuidoost_handler = HandlerFactory(username="zuidoost", regions=[zuidoost])
    coordinator = CoordinatorFactory(username="coordinator", programs=[mg])
    home_start_coordinator = CoordinatorFactory(username="hs-national", programs=[home_start])
    now = timezone.now()

    def wait(municipality, role=Role.PARENT, days=10, **kwargs):
        return IntakeFactory(
            waitlist=True,
            program=mg,
            role=role,
            municipality=municipality,
            created_at=now - timedelta(days=days),
            **kwargs,
        )

    intakes = {
        "zeist-parent-1": wait(zeist, days=400),
        "zeist-parent-2": wait(zeist, days=30, status=Status.CONTACTED),
        "zeist-host": wait(zeist, Role.HOST_FAMILY, days=90, status=Status.ON_HOLD),
        "zeist-referrer": wait(zeist, Role.REFERRER, days=5),
        "zeist-closed": wait(zeist, days=50, status=Status.CLOSED, closed_reason="withdrawn"),
        "zeist-matched": wait(zeist, Role.HOST_FAMILY, status=Status.MATCHED),
        "amsterdam-parent": wait(amsterdam, days=800),
        "amsterdam-host-1": wait(amsterdam, Role.HOST_FAMILY, days=200),
        "amsterdam-host-2": wait(amsterdam, Role.HOST_FAMILY, days=3),
        "soest-host": wait(soest, Role.HOST_FAMILY, days=60),
        "unknown-parent": wait(None, days=20),
        "in-region": IntakeFactory(region=lekstroom, municipality=soest),
        # Another program's sign-up that its own region's handler works (marked "waitlist" here only to
        # test the scoping): MeeleefGezin's coordinator may not open it.
        "home-start": IntakeFactory(
            outcome=Outcome.WAITLIST, program=home_start, region=home_start_zeist, municipality=zeist
        ),
    }
    return {
        "mg": mg,
        "zeist": zeist,
        "amsterdam": amsterdam,
        "soest": soest,
        "lekstroom": lekstroom,
        "zuidoost": zuidoost,
        "handler": handler,
        "zuidoost_handler": zuidoost_handler,
        "coordinator": coordinator,
        "home_start_coordinator": home_start_coordinator,
        "editor": EditorFactory(username="editor"),
        "intakes": intakes,
    }


def signed_in(user):
    client = Client()
    if user.is_superuser or user.coordinated_programs.exists() or user.intake_regions.exists():
        return otp_login(client, user)
    client.force_login(user)
    return client


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def table_rows(page, table_id):
    rows = {}
    for row in page.find(id=table_id).find("tbody").find_all("tr"):
        cells = [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        rows[cells[0]] = tuple(int(value) for value in cells[-3:])
    return rows


def direct_counts(user, field):
    """Waiting parents (and referrals) and host families per `field`, counted straight from the DB."""
    counts = Counter()
    rows = (
        intakes_visible_to(user)
        .filter(outcome=Outcome.WAITLIST)
        .exclude(status__in=[Status.CLOSED, Status.MATCHED, Status.REFERRED])
    )
    for place, role in rows.values_list(field, "role"):
        counts[place or "", "host" if role == Role.HOST_FAMILY else "parent"] += 1
    places = {place for place, _kind in counts}
    return {place: (counts[place, "parent"], counts[place, "host"]) for place in places}


# --- Figures ---------------------------------------------------------------------------------


def test_the_figures_equal_direct_counts_from_the_database(world):
    coordinator = world["coordinator"]
    page = soup(signed_in(coordinator).get(PAGE))
    municipalities = table_rows(page, "waitlist-municipality-table")
    expected = direct_counts(coordinator, "municipality__name")
    assert {name: row[:2] for name, row in municipalities.items()} == {
        (name or "Gemeente onbekend"): counts for name, counts in expected.items()
    }
    assert municipalities["Zeist"] == (3, 1, 4)  # two parents and a referral; closed and matched do not wait
    assert all(total == parents + hosts for parents, hosts, total in municipalities.values())
    # Sorted: most demand first, the unknown municipality last.
    assert list(municipalities) == ["Zeist", "Amsterdam", "Soest", "Gemeente onbekend"]
    provinces = table_rows(page, "waitlist-province-table")
    expected = direct_counts(coordinator, "municipality__province_name")
    assert {name: row[:2] for name, row in provinces.items()} == {
        (name or "Provincie onbekend"): counts for name, counts in expected.items()
    }
    assert provinces["Utrecht"] == (3, 2, 5)


def test_the_list_shows_each_waiting_sign_up_with_its_wait_longest_first_and_links_to_it(world):
    page = soup(signed_in(world["coordinator"]).get(PAGE))
    intakes = world["intakes"]
    links = [a for a in page.select("table.listing a") if a.get_text(strip=True).startswith("MG-")]
    waiting = Intake.objects.filter(pk__in=[i.pk for i in waitlist.waiting(world["coordinator"])])
    assert [a.get_text(strip=True) for a in links] == list(
        waiting.order_by("created_at").values_list("reference", flat=True)
    )
    assert links[0].get_text(strip=True) == intakes["amsterdam-parent"].reference
    assert links[0]["href"] == f"/admin/intake/signups/inspect/{intakes['amsterdam-parent'].pk}/"
    first_row = links[0].find_parent("tr").get_text(" ", strip=True)
    assert "2\xa0jaar, 2\xa0maanden" in first_row  # 800 days
    for name in ("zeist-closed", "zeist-matched", "in-region", "home-start"):
        assert intakes[name].reference not in str(page)


def test_the_list_can_be_narrowed_to_parents_or_host_families(world):
    client = signed_in(world["coordinator"])
    hosts = soup(client.get(PAGE + "?role=host_family")).get_text()
    parents = soup(client.get(PAGE + "?role=parent")).get_text()
    assert world["intakes"]["soest-host"].reference in hosts
    assert world["intakes"]["soest-host"].reference not in parents
    assert world["intakes"]["zeist-referrer"].reference in parents
    assert client.get(PAGE + "?role=<x>&p=abc").status_code == 200


def test_the_list_decrypts_nothing(world):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE intake_intake SET personal = %s", ["not-a-fernet-token"])
    page = soup(signed_in(world["coordinator"]).get(PAGE))
    assert world["intakes"]["zeist-parent-1"].reference in str(page)


# --- Who may see it ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["handler", "zuidoost_handler", "editor", "home_start_coordinator"])
def test_handlers_editors_and_other_programs_get_403_and_no_menu_item(world, who):
    client = signed_in(world[who])
    response = client.get(PAGE)
    assert response.status_code == 403
    for intake in world["intakes"].values():
        assert intake.reference not in response.content.decode()
    assert client.post(REROUTE, {"region": world["zuidoost"].pk}).status_code == 403
    assert PAGE not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = Client().get(PAGE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_coordinators_and_superusers_see_the_menu_item(world):
    assert PAGE in signed_in(world["coordinator"]).get("/admin/").content.decode()
    assert PAGE in signed_in(SuperuserFactory()).get("/admin/").content.decode()


def test_every_figure_is_scoped_by_the_permissions(world):
    """The superuser also sees the other program's waitlist sign-up; the coordinator does not."""
    hidden = world["intakes"]["home-start"]
    coordinator_page = signed_in(world["coordinator"]).get(PAGE).content.decode()
    superuser = SuperuserFactory()
    superuser_page = soup(signed_in(superuser).get(PAGE))
    assert hidden.reference not in coordinator_page
    assert hidden.reference in str(superuser_page)
    municipalities = table_rows(superuser_page, "waitlist-municipality-table")
    assert municipalities["Zeist"] == (4, 1, 5)
    assert {name: row[:2] for name, row in municipalities.items()} == {
        (name or "Gemeente onbekend"): counts
        for name, counts in direct_counts(superuser, "municipality__name").items()
    }


# --- The chart and the map ---------------------------------------------------------------------


def test_without_outlines_the_page_says_how_to_add_the_map(world):
    page = soup(signed_in(world["coordinator"]).get(PAGE))
    assert "manage.py import_geography --boundaries" in page.get_text()
    assert page.select_one(".waitlist-map") is None
    chart = page.select_one("#waitlist-municipality-chart-title").find_parent("svg")
    assert chart["role"] == "img"
    assert "tabel" in chart.find("desc").get_text()  # the table is the text alternative


def test_the_map_draws_one_shape_per_outline_coloured_by_demand(world):
    for index, municipality in enumerate([world["zeist"], world["amsterdam"], world["soest"]]):
        MunicipalityBoundary.objects.create(
            municipality=municipality, svg_path=square(index * 20, 0), min_x=index * 20, min_y=0,
            max_x=index * 20 + 10, max_y=10, point_count=4,
        )  # fmt: skip
    quiet = MunicipalityFactory(name="Stil")
    MunicipalityBoundary.objects.create(
        municipality=quiet, svg_path=square(80, 0), min_x=80, min_y=0, max_x=90, max_y=10, point_count=4
    )
    page = soup(signed_in(world["coordinator"]).get(PAGE))
    svg = page.select_one(".waitlist-map svg")
    shapes = {path["data-code"]: path for path in svg.find_all("path")}
    assert set(shapes) == {"GM0355", "GM0363", "GM0342", quiet.code}
    assert shapes["GM0355"].find("title").get_text() == "Zeist: 4 wachtend (3 ouders, 1 meeleefgezinnen)"
    assert shapes[quiet.code].find("title").get_text() == "Stil: niemand wacht"
    assert shapes["GM0355"]["fill"] == waitlist.MAP_COLOURS[-1]  # the most demand: the darkest
    assert shapes[quiet.code]["fill"] == waitlist.NO_DEMAND_COLOUR
    legend = page.select_one(".waitlist-map .waitlist-legend").get_text(" ", strip=True)
    assert "niemand" in legend and "4" in legend
    assert "https://" not in str(svg) and "<script" not in str(svg)


def test_names_are_escaped_in_the_svg_and_the_tables(world):
    world["zeist"].name = HOSTILE
    world["zeist"].save()
    MunicipalityBoundary.objects.create(
        municipality=world["zeist"], svg_path=square(0, 0), min_x=0, min_y=0, max_x=10, max_y=10, point_count=4
    )
    html = signed_in(world["coordinator"]).get(PAGE).content.decode()
    assert HOSTILE not in html and '<script>alert("x")' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one(".waitlist-map path title").get_text().startswith(HOSTILE)


def test_legend_classes_cover_every_value_once():
    for highest in range(1, 40):
        legend = waitlist.classes(highest)
        covered = [value for item in legend for value in range(item.low, item.high + 1)]
        assert covered == list(range(1, highest + 1))
        assert len({item.colour for item in legend}) == len(legend) <= 5


# --- Re-routing --------------------------------------------------------------------------------


def offer_form(page, region):
    for form in page.select(".waitlist-offers form"):
        if form.find("input", {"name": "region"})["value"] == str(region.pk):
            return form
    return None


def post_offer(client, form):
    data = {"region": form.find("input", {"name": "region"})["value"]}
    data["municipality"] = form.find("input", {"name": "municipality"})["value"]
    data["intake"] = [field["value"] for field in form.find_all("input", {"name": "intake"})]
    return client.post(REROUTE, data, follow=True)


def test_switching_a_region_on_offers_its_waiting_sign_ups_and_one_post_moves_them(
    world, django_capture_on_commit_callbacks
):
    client = signed_in(world["coordinator"])
    zuidoost = world["zuidoost"]
    assert offer_form(soup(client.get(PAGE)), zuidoost) is None  # not taking sign-ups yet
    zuidoost.takes_intakes = True
    zuidoost.save()
    page = soup(client.get(PAGE))
    form = offer_form(page, zuidoost)
    assert "4 wachtende aanmeldingen uit Zeist kunnen nu naar regio ZuidOost Utrecht" in form.get_text(" ", strip=True)
    intakes = world["intakes"]
    moving = [intakes[name] for name in ("zeist-parent-1", "zeist-parent-2", "zeist-host", "zeist-referrer")]
    statuses = {intake.pk: intake.status for intake in moving}

    with django_capture_on_commit_callbacks(execute=False):
        response = post_offer(client, form)
    assert "4 aanmeldingen uit Zeist zijn verplaatst naar regio ZuidOost Utrecht" in response.content.decode()
    for intake in moving:
        intake.refresh_from_db()
        assert (intake.outcome, intake.region, intake.program) == (Outcome.REGION, zuidoost, world["mg"])
        assert intake.status == statuses[intake.pk]
        entry = IntakeLogEntry.objects.get(intake=intake, action=audit.REROUTED)
        assert entry.user == world["coordinator"]
        assert entry.data == {
            "from_region": None, "to_region": zuidoost.pk, "from_outcome": "waitlist", "municipality": "GM0355",
        }  # fmt: skip
    # Not waiting, or not the coordinator's: left alone.
    for name in ("zeist-closed", "zeist-matched", "home-start"):
        intakes[name].refresh_from_db()
        assert intakes[name].outcome == Outcome.WAITLIST
    # The timeline of a moved sign-up says so.
    # (The sign-up's timeline shows its log entries' messages.)
    assert str(IntakeLogEntry.objects.get(intake=moving[0], action=audit.REROUTED).message) == (
        "Verplaatst van de centrale wachtlijst naar regio ZuidOost Utrecht"
    )
    # The region's handler is told, one notice per sign-up, without personal or health data.
    notices = Notification.objects.filter(kind=Notification.Kind.REROUTED)
    assert sorted(notices.values_list("intake_id", flat=True)) == sorted(statuses)
    for notice in notices:
        delivery.attempt(notice.pk)
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        assert message.to == [world["zuidoost_handler"].email]
        assert "Sanne" not in message.body and "depressie" not in message.body and "06 1234" not in message.body
        assert "ZuidOost Utrecht" in message.subject
        assert "/admin/intake/signups/inspect/" in message.body
    # Nothing left to offer for Zeist.
    assert offer_form(soup(client.get(PAGE)), zuidoost) is None


def test_adding_a_municipality_to_an_active_region_offers_its_waiting_sign_ups(world):
    client = signed_in(world["coordinator"])
    world["lekstroom"].municipalities.add(world["soest"])
    form = offer_form(soup(client.get(PAGE)), world["lekstroom"])
    assert "1 wachtende aanmelding uit Soest kan nu naar regio Lekstroom" in form.get_text(" ", strip=True)
    post_offer(client, form)
    world["intakes"]["soest-host"].refresh_from_db()
    assert world["intakes"]["soest-host"].region == world["lekstroom"]


def test_rerouting_again_moves_nothing_and_records_nothing(world):
    world["zuidoost"].takes_intakes = True
    world["zuidoost"].save()
    client = signed_in(world["coordinator"])
    form = offer_form(soup(client.get(PAGE)), world["zuidoost"])
    post_offer(client, form)
    entries = IntakeLogEntry.objects.filter(action=audit.REROUTED).count()
    notices = Notification.objects.count()
    response = post_offer(client, form)  # the same confirmation, sent twice
    assert "4 aanmeldingen zijn niet verplaatst" in response.content.decode()
    assert IntakeLogEntry.objects.filter(action=audit.REROUTED).count() == entries == 4
    assert Notification.objects.count() == notices


def test_rerouting_refuses_sign_ups_not_waiting_elsewhere_or_out_of_scope(world):
    world["zuidoost"].takes_intakes = True
    world["zuidoost"].save()
    intakes = world["intakes"]
    names = ("zeist-closed", "zeist-matched", "home-start", "amsterdam-parent", "in-region")
    refused = [intakes[name] for name in names]
    ids = [i.pk for i in refused] + [intakes["zeist-host"].pk]
    result = rerouting.reroute(world["coordinator"], world["zuidoost"].pk, world["zeist"].pk, ids)
    assert [i.pk for i in result.moved] == [intakes["zeist-host"].pk]
    assert result.refused == len(refused)
    for intake in refused:
        before = intake.outcome, intake.region_id
        intake.refresh_from_db()
        assert (intake.outcome, intake.region_id) == before
        assert not IntakeLogEntry.objects.filter(intake=intake, action=audit.REROUTED).exists()


def test_rerouting_refuses_a_region_that_does_not_take_sign_ups_there(world):
    intake = world["intakes"]["zeist-host"]
    with pytest.raises(rerouting.RerouteError):  # ZuidOost is not active
        rerouting.reroute(world["coordinator"], world["zuidoost"].pk, world["zeist"].pk, [intake.pk])
    with pytest.raises(rerouting.RerouteError):  # Lekstroom does not cover Zeist
        rerouting.reroute(world["coordinator"], world["lekstroom"].pk, world["zeist"].pk, [intake.pk])
    with pytest.raises(rerouting.RerouteError):  # a handler may not re-route
        rerouting.reroute(world["handler"], world["lekstroom"].pk, world["soest"].pk, [intake.pk])
    intake.refresh_from_db()
    assert intake.outcome == Outcome.WAITLIST


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"region": "x", "municipality": "1", "intake": "1"},
        {"region": "1", "municipality": "", "intake": "1"},
        {"region": "1", "municipality": "1"},
        {"region": "99999999", "municipality": "99999999", "intake": "1"},
        {"region": "9" * 40, "municipality": "1", "intake": "1"},
        {"region": "-1", "municipality": "1", "intake": ["1", "zz"]},
        {"region": "1", "municipality": "1", "intake": "1\x00"},
        {"region": "<script>", "municipality": "1", "intake": "1"},
    ],
)
def test_garbage_posts_get_a_message_never_a_500(world, data):
    client = signed_in(world["coordinator"])
    response = client.post(REROUTE, data, follow=True)
    assert response.status_code == 200
    assert "niets verplaatst" in response.content.decode() or "bestaat niet" in response.content.decode()
    assert not IntakeLogEntry.objects.filter(action=audit.REROUTED).exists()


def test_the_reroute_url_takes_only_posts(world):
    assert signed_in(world["coordinator"]).get(REROUTE).status_code == 405


def test_the_page_is_english_for_an_english_admin(world):
    coordinator = world["coordinator"]
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    text = soup(signed_in(coordinator).get(PAGE)).get_text(" ", strip=True)
    assert "Demand per municipality" in text and "Who is waiting, longest first" in text


# --- The real boundaries, and the demo ---------------------------------------------------------


def _shared_data():
    for candidate in (
        Path(__file__).resolve().parents[3] / "shared" / "data",
        Path(settings.BASE_DIR).parent / "shared" / "data",
    ):
        if (candidate / "raw" / "cbs_gemeente_2023_wgs84.geojson").is_file():
            return candidate
    return None


DATA = _shared_data()


@pytest.mark.skipif(DATA is None, reason="shared/data (CBS boundaries) not present")
def test_the_map_of_the_cbs_boundaries_has_one_shape_per_municipality(world):
    call_command(
        "import_geography",
        "--municipalities", str(DATA / "municipalities.csv"),
        "--boundaries", str(DATA / "raw" / "cbs_gemeente_2023_wgs84.geojson"),
        stdout=StringIO(),
    )  # fmt: skip
    page = soup(signed_in(world["coordinator"]).get(PAGE))
    svg = page.select_one(".waitlist-map svg")
    paths = svg.find_all("path")
    assert len(paths) == Municipality.objects.filter(boundary__isnull=False).count() == 342
    assert len({path["data-code"] for path in paths}) == 342
    zeist = svg.find("path", {"data-code": "GM0355"})
    assert zeist.find("title").get_text() == "Zeist: 4 wachtend (3 ouders, 1 meeleefgezinnen)"
    assert zeist["fill"] != waitlist.NO_DEMAND_COLOUR
    assert svg.find("path", {"data-code": "GM0344"})["fill"] == waitlist.NO_DEMAND_COLOUR  # Utrecht: nobody
    # The whole country fits the drawing: every outline lies inside the viewBox.
    x, y, width, height = map(int, svg["viewbox"].split())
    for outline in MunicipalityBoundary.objects.all():
        assert x <= outline.min_x and outline.max_x <= x + width and y <= outline.min_y and outline.max_y <= y + height


@pytest.mark.usefixtures("demo_site")
def test_the_demo_waitlist_spreads_over_provinces_and_offers_a_re_routing_when_zuidoost_starts():
    coordinator = get_user_model().objects.get(username="coordinator")
    waiting = list(waitlist.waiting(coordinator))
    assert len(waiting) >= 30
    assert {intake.role for intake in waiting} == {Role.PARENT, Role.HOST_FAMILY}
    assert len({intake.municipality.province_name for intake in waiting}) >= 8
    assert len({intake.created_at.date() for intake in waiting}) >= 20  # waits differ
    zuidoost = Region.objects.get(name="ZuidOost Utrecht")
    assert not zuidoost.takes_intakes
    assert not [offer for offer in rerouting.offers(coordinator) if offer.region == zuidoost]
    zuidoost.takes_intakes = True
    zuidoost.save()
    offers = rerouting.offers(coordinator)
    offered = {offer.municipality.name: offer.count for offer in offers if offer.region == zuidoost}
    covered = set(zuidoost.municipalities.all())
    expected = Counter(intake.municipality.name for intake in waiting if intake.municipality in covered)
    assert offered == dict(expected) and offered["Zeist"] >= 5
    # Loading it again adds nothing.
    assert waitlist_demo.load() == 0
