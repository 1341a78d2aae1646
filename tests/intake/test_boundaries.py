"""`import_geography --boundaries`: municipality outlines for the waitlist map, all or nothing."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from intake.geography import boundaries
from intake.models import Municipality, MunicipalityBoundary
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def _data_dir():
    for candidate in (
        Path(__file__).resolve().parents[3] / "shared" / "data",
        Path(settings.BASE_DIR).parent / "shared" / "data",
    ):
        if (candidate / "raw" / "cbs_gemeente_2023_wgs84.geojson").is_file():
            return candidate
    return None


DATA = _data_dir()
needs_data = pytest.mark.skipif(DATA is None, reason="shared/data (CBS boundaries) not present")

# Two small squares near Utrecht and a MultiPolygon (an island and the mainland) near Zeist.
SQUARE = [[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.1], [5.0, 52.0]]
OTHER = [[5.2, 52.0], [5.3, 52.0], [5.3, 52.1], [5.2, 52.1], [5.2, 52.0]]
ISLAND = [[5.4, 52.2], [5.45, 52.2], [5.45, 52.25], [5.4, 52.2]]


def feature(code, geometry=None, **properties):
    return {
        "type": "Feature",
        "id": code,
        "properties": {"statcode": code, "statnaam": f"Gemeente {code}", **properties},
        "geometry": geometry if geometry is not None else {"type": "Polygon", "coordinates": [SQUARE]},
    }


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def write(tmp_path, data, name="gemeenten.geojson"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def run(*args):
    out = StringIO()
    call_command("import_geography", *args, stdout=out)
    return out.getvalue()


def stored():
    return sorted(MunicipalityBoundary.objects.values_list("municipality__code", "svg_path"))


@pytest.fixture
def three():
    return [MunicipalityFactory(code=code) for code in ("GM0001", "GM0002", "GM0003")]


VALID = collection(
    feature("GM0001"),
    feature("GM0002", {"type": "Polygon", "coordinates": [OTHER]}),
    feature("GM0003", {"type": "MultiPolygon", "coordinates": [[SQUARE], [ISLAND]]}),
)


def test_a_valid_file_stores_one_projected_outline_per_municipality(tmp_path, three):
    output = run("--boundaries", str(write(tmp_path, VALID)))
    assert "Municipality outlines: 3 created, 0 updated, 0 removed, 0 unchanged" in output
    outlines = {b.municipality.code: b for b in MunicipalityBoundary.objects.select_related("municipality")}
    assert set(outlines) == {"GM0001", "GM0002", "GM0003"}
    square = outlines["GM0001"]
    assert re.fullmatch(r"M-?\d+ -?\d+(L-?\d+ -?\d+){3}Z", square.svg_path)
    # East is +x, north is -y; 0.1 degree of latitude is about 11 km, i.e. 111 units of 100 m.
    assert square.max_y - square.min_y == pytest.approx(111, abs=1)
    assert outlines["GM0002"].min_x > square.max_x
    assert outlines["GM0003"].svg_path.count("M") == 2  # the MultiPolygon keeps both parts


def test_running_again_changes_nothing_and_a_smaller_file_removes_outlines(tmp_path, three):
    path = write(tmp_path, VALID)
    run("--boundaries", str(path))
    before = stored()
    assert "3 unchanged" in run("--boundaries", str(path))
    assert stored() == before
    output = run("--boundaries", str(write(tmp_path, collection(feature("GM0001")), "one.geojson")))
    assert "Municipality outlines: 0 created, 0 updated, 2 removed, 1 unchanged" in output
    assert [code for code, _path in stored()] == ["GM0001"]
    assert Municipality.objects.count() == 3  # municipalities are never removed


def test_municipalities_and_their_outlines_can_be_imported_in_one_go(tmp_path):
    csv_path = tmp_path / "municipalities.csv"
    csv_path.write_text("code,name,province_code,province_name\nGM0001,Eerste,PV26,Utrecht\n", encoding="utf-8")
    run("--municipalities", str(csv_path), "--boundaries", str(write(tmp_path, collection(feature("GM0001")))))
    assert [code for code, _path in stored()] == ["GM0001"]


BAD_FILES = {
    "not JSON": ('{"type": "FeatureCollection", "features": [', r"not valid JSON"),
    "not a FeatureCollection": ({"type": "Feature"}, r"expected a GeoJSON FeatureCollection"),
    "a list": ([1, 2], r"expected a GeoJSON FeatureCollection"),
    "no features": (collection(), r"has no features"),
    "unknown code": (collection(feature("GM0001"), feature("GM9999")), r"feature 2 \(GM9999\): unknown municipality"),
    "bad code": (collection(feature("0344")), r"feature 1: properties.statcode .* GM0000"),
    "no statcode": (collection({"type": "Feature", "properties": {}, "geometry": None}), r"feature 1: .*statcode"),
    "duplicate": (collection(feature("GM0001"), feature("GM0001")), r"feature 2 \(GM0001\): GM0001 is also feature 1"),
    "a point": (
        collection(feature("GM0001", {"type": "Point", "coordinates": [5, 52]})),
        r"feature 1 \(GM0001\): geometry type \"Point\" is not Polygon or MultiPolygon",
    ),
    "no geometry": (collection(feature("GM0001", "nothing")), r"has no geometry object"),
    "open ring": (
        collection(feature("GM0001", {"type": "Polygon", "coordinates": [SQUARE[:-1] + [[5.0, 52.05]]]})),
        r"ring 1 is not closed",
    ),
    "short ring": (
        collection(feature("GM0001", {"type": "Polygon", "coordinates": [[[5, 52], [5.1, 52], [5, 52]]]})),
        r"a closed ring needs at least 4",
    ),
    "text coordinates": (
        collection(feature("GM0001", {"type": "Polygon", "coordinates": [[["5", "52"]] * 4]})),
        r"expected \[longitude, latitude\] numbers",
    ),
    "RD New coordinates": (
        collection(
            feature(
                "GM0001",
                {"type": "Polygon", "coordinates": [[[136000, 455000], [137000, 455000], [137000, 456000], [136000, 455000]]]},  # noqa: E501
            )
        ),
        r"not a WGS84 longitude/latitude",
    ),
    "empty MultiPolygon": (
        collection(feature("GM0001", {"type": "MultiPolygon", "coordinates": []})),
        r"coordinates are missing or empty",
    ),
    "feature is a string": (collection("GM0001"), r"feature 1: is not a GeoJSON Feature"),
}  # fmt: skip


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_names_file_and_feature_and_changes_nothing(tmp_path, three, kind):
    run("--boundaries", str(write(tmp_path, VALID, "good.geojson")))
    before = stored()
    data, message = BAD_FILES[kind]
    path = write(tmp_path, data)
    with pytest.raises(CommandError, match=message) as raised:
        run("--boundaries", str(path))
    assert str(raised.value).startswith("Nothing was imported")
    assert str(path) in str(raised.value)
    assert stored() == before


def test_a_missing_or_unreadable_file_changes_nothing(tmp_path, three):
    with pytest.raises(CommandError, match="file not found"):
        run("--boundaries", str(tmp_path / "nowhere.geojson"))
    latin = tmp_path / "latin.geojson"
    latin.write_bytes('{"name": "Súdwest"}'.encode("latin-1"))
    with pytest.raises(CommandError, match="cannot read the file as UTF-8"):
        run("--boundaries", str(latin))
    assert stored() == []


def test_a_bad_boundaries_file_also_stops_the_municipalities_given_with_it(tmp_path):
    csv_path = tmp_path / "municipalities.csv"
    csv_path.write_text("code,name,province_code,province_name\nGM0001,Eerste,PV26,Utrecht\n", encoding="utf-8")
    with pytest.raises(CommandError, match="unknown municipality code GM0002"):
        run("--municipalities", str(csv_path), "--boundaries", str(write(tmp_path, collection(feature("GM0002")))))
    assert not Municipality.objects.exists()


def test_douglas_peucker_drops_points_on_a_straight_line_and_keeps_corners():
    line = [(0, 0), (1, 0.01), (2, 0), (3, 5), (4, 0)]
    assert boundaries.simplify(line, 0.5) == [(0, 0), (2, 0), (3, 5), (4, 0)]
    ring = [(0, 0), (5, 0.1), (10, 0), (10, 10), (0, 10)]
    assert boundaries.simplify_ring(ring, 1) == [(0, 0), (10, 0), (10, 10), (0, 10)]


def test_a_municipality_smaller_than_the_map_resolution_keeps_a_shape(tmp_path, three):
    tiny = [[5.0, 52.0], [5.0001, 52.0], [5.0001, 52.0001], [5.0, 52.0]]
    geometry = {"type": "Polygon", "coordinates": [tiny]}
    run("--boundaries", str(write(tmp_path, collection(feature("GM0001", geometry)))))
    assert MunicipalityBoundary.objects.get().svg_path.startswith("M")


@needs_data
def test_the_cbs_boundaries_import_and_every_municipality_is_drawn(tmp_path):
    run("--municipalities", str(DATA / "municipalities.csv"))
    output = run("--boundaries", str(DATA / "raw" / "cbs_gemeente_2023_wgs84.geojson"))
    assert "342 created" in output
    assert MunicipalityBoundary.objects.count() == 342
    assert all(b.svg_path.startswith("M") and b.point_count >= 3 for b in MunicipalityBoundary.objects.all())
    assert "342 unchanged" in run("--boundaries", str(DATA / "raw" / "cbs_gemeente_2023_wgs84.geojson"))
