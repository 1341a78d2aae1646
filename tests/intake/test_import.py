"""import_geography on the shared reference data, malformed files, and routing every imported PC4."""

import csv
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from demo import geography as demo_geography
from intake.geography import lookup as coverage
from intake.models import Municipality, PostcodeArea, Region
from programs.models import Program
from tests.intake import ensure_demo_intake

from . import signup_fixtures

# A child born on 1 June 2025 is under five on this day (signup_fixtures.TODAY), whatever today is.
pytestmark = pytest.mark.usefixtures("frozen_today")
frozen_today = signup_fixtures.frozen_today


def _data_dir():
    for candidate in (
        Path(__file__).resolve().parents[3] / "shared" / "data",
        Path(settings.BASE_DIR).parent / "shared" / "data",
    ):
        if (candidate / "municipalities.csv").is_file() and (candidate / "pc4_municipality.csv").is_file():
            return candidate
    return None


DATA = _data_dir()
needs_data = pytest.mark.skipif(DATA is None, reason="shared/data (CBS reference files) not present")


def run_import(municipalities=None, postcodes=None):
    out = StringIO()
    args = []
    if municipalities:
        args += ["--municipalities", str(municipalities)]
    if postcodes:
        args += ["--postcodes", str(postcodes)]
    call_command("import_geography", *args, stdout=out)
    return out.getvalue()


def snapshot_of_tables():
    return (
        sorted(Municipality.objects.values_list("code", "name", "province_code", "province_name")),
        sorted((pc4, code, count, str(share)) for pc4, code, count, share in PostcodeArea.objects.values_list(
            "pc4", "municipality__code", "address_count", "share"
        )),
    )  # fmt: skip


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def small_files(tmp_path):
    municipalities = write_csv(
        tmp_path / "municipalities.csv",
        ["code", "name", "province_code", "province_name"],
        [("GM0356", "Nieuwegein", "PV26", "Utrecht"), ("GM0321", "Houten", "PV26", "Utrecht")],
    )
    postcodes = write_csv(
        tmp_path / "pc4.csv",
        ["pc4", "municipality_code", "address_count", "share"],
        [("3431", "GM0356", "100", "1.0"), ("3991", "GM0321", "90", "0.9"), ("3991", "GM0356", "10", "0.1")],
    )
    return municipalities, postcodes


# --- The shared reference data ---------------------------------------------------------------


@needs_data
@pytest.mark.django_db
def test_import_shared_data_and_rerun():
    output = run_import(DATA / "municipalities.csv", DATA / "pc4_municipality.csv")
    assert "Postcode rows:" in output
    assert Municipality.objects.count() == 342
    assert PostcodeArea.objects.count() == 4092
    assert PostcodeArea.objects.values("pc4").distinct().count() == 4072
    nieuwegein = PostcodeArea.objects.select_related("municipality").get(pc4="3431")
    assert (nieuwegein.municipality.code, nieuwegein.municipality.name) == ("GM0356", "Nieuwegein")
    assert nieuwegein.share == 1
    assert Municipality.objects.get(code="GM0356").province_name == "Utrecht"

    assert run_import(DATA / "municipalities.csv", DATA / "pc4_municipality.csv").startswith("No changes.")


@needs_data
@pytest.mark.django_db
def test_reimport_reports_created_updated_removed(tmp_path):
    run_import(DATA / "municipalities.csv", DATA / "pc4_municipality.csv")
    with open(DATA / "pc4_municipality.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    removed = body.pop(0)  # 1011 Amsterdam
    body[0][2] = str(int(body[0][2]) + 1)  # one changed address count
    changed = write_csv(tmp_path / "pc4.csv", header, body)
    output = run_import(postcodes=changed)
    assert "0 created, 1 updated, 1 removed" in output
    assert not PostcodeArea.objects.filter(pc4=removed[0], municipality__code=removed[1]).exists()
    assert Municipality.objects.count() == 342  # municipalities are never removed


@needs_data
@pytest.mark.django_db
def test_every_imported_pc4_routes(django_assert_max_num_queries):
    ensure_demo_intake()
    run_import(DATA / "municipalities.csv", DATA / "pc4_municipality.csv")
    with open(DATA / "pc4_municipality.csv", encoding="utf-8") as handle:
        first = {}
        for row in csv.DictReader(handle):
            first.setdefault(row["pc4"], row["municipality_code"])
    assert len(first) == 4072

    with django_assert_max_num_queries(10):
        lookup = coverage.Snapshot.load()
        outcomes = {}
        for pc4, code in first.items():
            for role, birth in (("parent", date(2025, 6, 1)), ("host_family", None)):
                decision = lookup.route(
                    role=role,
                    location=lookup.locate(pc4=pc4),
                    child_birth_date=birth,
                    concerns=("psychiatric",),
                    support="either",
                )
                assert decision.municipality.code == code, pc4
                outcomes[decision.outcome] = outcomes.get(decision.outcome, 0) + 1
    assert set(outcomes) == {"region", "waitlist"}
    split = [pc4 for pc4 in first if len(lookup.municipalities_for_pc4(pc4)) > 1]
    assert len(split) == 20
    assert all(
        len(lookup.route(role="host_family", location=lookup.locate(pc4=pc4)).municipality_candidates) == 2
        for pc4 in split
    )


@needs_data
@pytest.mark.django_db
def test_database_lookup_matches_snapshot():
    ensure_demo_intake()
    run_import(DATA / "municipalities.csv", DATA / "pc4_municipality.csv")
    lookup = coverage.Snapshot.load()
    for pc4 in ["1011", "3431", "3701", "3991", "4062", "4197", "9711", "9999"]:
        kwargs = {"role": "parent", "concerns": ("addiction",), "support": "outside_home"}
        assert coverage.route(location=coverage.locate(pc4=pc4), **kwargs) == lookup.route(
            location=lookup.locate(pc4=pc4), **kwargs
        )


@needs_data
def test_demo_geography_agrees_with_the_reference_data():
    with open(DATA / "municipalities.csv", encoding="utf-8") as handle:
        names = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    with open(DATA / "pc4_municipality.csv", encoding="utf-8") as handle:
        pairs = {(row["pc4"], row["municipality_code"]) for row in csv.DictReader(handle)}
    for code, name, *_province in demo_geography.MUNICIPALITIES:
        assert names[code] == name
    for pc4, code, _count, _share in demo_geography.POSTCODES:
        assert (pc4, code) in pairs, (pc4, code)


# --- Malformed files change nothing --------------------------------------------------------------


MUNICIPALITY_HEADER = ["code", "name", "province_code", "province_name"]
POSTCODE_HEADER = ["pc4", "municipality_code", "address_count", "share"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "header", "rows", "message"),
    [
        ("municipalities", ["gemeentecode", "naam"], [], "expected the header"),
        ("municipalities", MUNICIPALITY_HEADER, [("0356", "Nieuwegein", "PV26", "Utrecht")], "not of the form GM0000"),
        ("municipalities", MUNICIPALITY_HEADER, [("GM0356", "", "PV26", "Utrecht")], "name is empty"),
        ("municipalities", MUNICIPALITY_HEADER, [("GM0356", "Nieuwegein", "26", "Utrecht")], "province code"),
        ("municipalities", MUNICIPALITY_HEADER, [("GM0356", "Nieuwegein", "PV26")], "expected 4 columns"),
        (
            "municipalities",
            MUNICIPALITY_HEADER,
            [("GM0356", "Nieuwegein", "PV26", "Utrecht"), ("GM0356", "Nieuwegein", "PV26", "Utrecht")],
            "also appears on line 2",
        ),
        ("postcodes", ["postcode", "gemeente", "adressen", "aandeel"], [], "expected the header"),
        ("postcodes", POSTCODE_HEADER, [("343", "GM0356", "1", "1.0")], "postcode '343'"),
        ("postcodes", POSTCODE_HEADER, [("0431", "GM0356", "1", "1.0")], "postcode '0431'"),
        ("postcodes", POSTCODE_HEADER, [("3431", "GM9999", "1", "1.0")], "unknown municipality code GM9999"),
        ("postcodes", POSTCODE_HEADER, [("3431", "Nieuwegein", "1", "1.0")], "not of the form GM0000"),
        ("postcodes", POSTCODE_HEADER, [("3431", "GM0356", "1", "1.5")], "share '1.5'"),
        ("postcodes", POSTCODE_HEADER, [("3431", "GM0356", "1", "abc")], "share 'abc'"),
        ("postcodes", POSTCODE_HEADER, [("3431", "GM0356", "1", "0")], "share '0'"),
        ("postcodes", POSTCODE_HEADER, [("3431", "GM0356", "1", "NaN")], "share 'NaN'"),
        ("postcodes", POSTCODE_HEADER, [("3431", "GM0356", "1", "0.12345")], "share '0.12345'"),
        ("postcodes", POSTCODE_HEADER, [("3431", "GM0356", "-1", "1.0")], "address count '-1'"),
        ("postcodes", POSTCODE_HEADER, [("3431", "GM0356", "²", "1.0")], "address count '²'"),
        (
            "postcodes",
            POSTCODE_HEADER,
            [("3431", "GM0356", "1", "1.0"), ("3431", "GM0356", "1", "1.0")],
            "also appears on line 2",
        ),
    ],
)
def test_malformed_file_is_rejected_and_changes_nothing(tmp_path, small_files, kind, header, rows, message):
    run_import(*small_files)
    before = snapshot_of_tables()
    bad = write_csv(tmp_path / f"bad-{kind}.csv", header, rows)
    good_municipalities, good_postcodes = small_files
    files = (bad, good_postcodes) if kind == "municipalities" else (good_municipalities, bad)
    with pytest.raises(CommandError) as error:
        run_import(*files)
    text = str(error.value)
    assert message in text
    assert f"{bad}:" in text  # names file and line
    assert "Nothing was imported" in text
    assert snapshot_of_tables() == before


@pytest.mark.django_db
def test_one_bad_row_among_good_ones_changes_nothing(tmp_path, small_files):
    run_import(*small_files)
    before = snapshot_of_tables()
    postcodes = write_csv(
        tmp_path / "pc4.csv",
        POSTCODE_HEADER,
        [("3432", "GM0356", "5", "1.0"), ("3433", "GM0356", "5", "1.0"), ("3434", "GM0000", "5", "1.0")],
    )
    with pytest.raises(CommandError, match=r"pc4\.csv:4: unknown municipality code GM0000"):
        run_import(small_files[0], postcodes)
    assert snapshot_of_tables() == before


@pytest.mark.django_db
def test_missing_unreadable_and_empty_files(tmp_path, small_files):
    with pytest.raises(CommandError, match="file not found"):
        run_import(tmp_path / "nope.csv", small_files[1])
    latin1 = "code,name,province_code,province_name\nGM0001,S\xfadwest,PV21,X\n".encode("latin-1")
    (tmp_path / "latin1.csv").write_bytes(latin1)
    with pytest.raises(CommandError, match="cannot read the file as UTF-8"):
        run_import(tmp_path / "latin1.csv")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(CommandError, match="the file is empty"):
        run_import(tmp_path / "empty.csv")
    with pytest.raises(CommandError, match="Give --municipalities"):
        call_command("import_geography")


@pytest.mark.django_db
def test_small_import_is_an_upsert(small_files, tmp_path):
    run_import(*small_files)
    assert PostcodeArea.objects.filter(pc4="3991").count() == 2
    assert [m.code for m in coverage.locate(pc4="3991").candidates] == ["GM0321", "GM0356"]
    renamed = write_csv(tmp_path / "m.csv", MUNICIPALITY_HEADER, [("GM0356", "Nieuwegein (U.)", "PV26", "Utrecht")])
    output = run_import(renamed)
    assert "0 created, 1 updated" in output
    assert "GM0321" in output  # in the database, not in the file: reported and kept
    assert Municipality.objects.filter(code="GM0321").exists()


# --- The demo loader -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_demo_intake_is_idempotent():
    ensure_demo_intake()
    counts = (Municipality.objects.count(), PostcodeArea.objects.count(), Region.objects.count())
    call_command("load_demo_intake", verbosity=0)
    assert (Municipality.objects.count(), PostcodeArea.objects.count(), Region.objects.count()) == counts
    lekstroom = Region.objects.get(program__code="meeleefgezin", name="Lekstroom")
    assert sorted(lekstroom.municipalities.values_list("code", flat=True)) == sorted(
        ["GM0321", "GM0356", "GM0353", "GM1961", "GM0331"]
    )
    assert lekstroom.takes_intakes
    handler = lekstroom.handlers.get()
    assert handler.username == "lekstroom"
    # The local demo password (README); a password somebody chose survives a second run.
    assert handler.check_password("changeme-demo")
    handler.set_password("mijn-eigen-wachtwoord")
    handler.save()
    call_command("load_demo_intake", verbosity=0)
    handler.refresh_from_db()
    assert handler.check_password("mijn-eigen-wachtwoord")
    assert handler.groups.filter(name="handlers").exists()
    assert handler.has_perm("wagtailadmin.access_admin")
    assert not Region.objects.get(name="ZuidOost Utrecht").takes_intakes
    assert len(coverage.locate(pc4=demo_geography.SPLIT_PC4).candidates) == 2


@pytest.mark.django_db
def test_load_demo_intake_needs_the_programs():
    ensure_demo_intake()
    Program.objects.filter(code="steunouder").update(code="steunouder-renamed")
    with pytest.raises(CommandError, match="Programs missing: steunouder"):
        call_command("load_demo_intake", verbosity=0)
