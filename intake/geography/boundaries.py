"""Municipality outlines for the waitlist map: read from GeoJSON, checked, projected and simplified.

The input is a GeoJSON FeatureCollection in WGS84 (longitude, latitude), one feature per
municipality with its CBS code in `properties.statcode` (the format of CBS's "gebiedsindelingen",
e.g. `cbs_gemeente_2023_wgs84.geojson`). Each outline is stored as a ready-to-draw SVG path in the
map's own coordinate space (`project`): no GIS database extension is needed, on SQLite or PostgreSQL.

The map space is a plain equirectangular projection centred on the Netherlands, with x to the east
and y to the south (as SVG draws), in units of 100 metres, rounded to whole units. At the scale of a
national choropleth its distortion is invisible. Outlines are simplified with Douglas–Peucker
(`simplify`) at SIMPLIFY_TOLERANCE units; a ring that shrinks to nothing (a tiny island) is dropped,
but every municipality keeps at least its largest ring.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

CODE_RE = re.compile(r"^GM[0-9]{4}$")

# The projection: origin (west, north) and units per degree (100 m units).
ORIGIN_LON, ORIGIN_LAT = 3.2, 53.7
REFERENCE_LAT = 52.2
UNITS_PER_DEGREE_LAT = 1111.95  # 111.195 km per degree of latitude, in 100 m units
UNITS_PER_DEGREE_LON = UNITS_PER_DEGREE_LAT * math.cos(math.radians(REFERENCE_LAT))
SIMPLIFY_TOLERANCE = 1.5  # 150 m: well under one pixel on a national map
MIN_SIZE = 2  # half the side of the square drawn for a municipality too small to draw
MAX_FILE_BYTES = 50 * 1024 * 1024
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")

Point = tuple[int, int]


@dataclass(frozen=True)
class Outline:
    """One municipality's outline in map units, ready to store."""

    code: str
    svg_path: str
    min_x: int
    min_y: int
    max_x: int
    max_y: int
    point_count: int
    source_point_count: int


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - ORIGIN_LON) * UNITS_PER_DEGREE_LON, (ORIGIN_LAT - lat) * UNITS_PER_DEGREE_LAT


def _distance_to_segment(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker on an open line (iterative, so a long line cannot exhaust the stack)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        farthest, index = 0.0, None
        for i in range(start + 1, end):
            distance = _distance_to_segment(points[i], points[start], points[end])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack.extend(((start, index), (index, end)))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: list, tolerance: float) -> list:
    """A closed ring (first point not repeated at the end) simplified; split at its farthest point."""
    if len(ring) <= 3:
        return list(ring)
    first = ring[0]
    split = max(range(len(ring)), key=lambda i: math.hypot(ring[i][0] - first[0], ring[i][1] - first[1]))
    if split == 0:
        return [first]
    one = simplify(ring[: split + 1], tolerance)
    two = simplify([*ring[split:], first], tolerance)
    return one[:-1] + two[:-1]


def _area(ring: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True))) / 2


def _rounded(points) -> list[Point]:
    """Round to whole units and drop consecutive repeats (and a repeated closing point)."""
    result: list[Point] = []
    for x, y in points:
        point = (round(x), round(y))
        if not result or result[-1] != point:
            result.append(point)
    while len(result) > 1 and result[0] == result[-1]:
        result.pop()
    return result


def outline(code: str, polygons: list, tolerance: float = SIMPLIFY_TOLERANCE) -> Outline:
    """`polygons`: [[ring, ...], ...] of checked (lon, lat) rings, outer ring first."""
    rings, source_points, all_points = [], 0, []
    for polygon in polygons:
        for ring in polygon:
            source_points += len(ring)
            projected = [project(lon, lat) for lon, lat in ring[:-1]]
            all_points.extend(projected)
            rings.append(_rounded(simplify_ring(projected, tolerance)))
    drawable = [ring for ring in rings if len(ring) >= 3 and _area(ring) > 0]
    if not drawable:
        # Smaller than the map's resolution: a square of MIN_SIZE units where it lies, so it can
        # still be seen (and hovered) on the map.
        cx = round(sum(x for x, _y in all_points) / len(all_points))
        cy = round(sum(y for _x, y in all_points) / len(all_points))
        drawable = [[(cx - MIN_SIZE, cy - MIN_SIZE), (cx + MIN_SIZE, cy - MIN_SIZE), (cx + MIN_SIZE, cy + MIN_SIZE),
                     (cx - MIN_SIZE, cy + MIN_SIZE)]]  # fmt: skip
    parts = []
    for ring in drawable:
        (x0, y0), rest = ring[0], ring[1:]
        parts.append(f"M{x0} {y0}" + "".join(f"L{x} {y}" for x, y in rest) + "Z")
    xs = [x for ring in drawable for x, _y in ring] or [0]
    ys = [y for ring in drawable for _x, y in ring] or [0]
    return Outline(
        code=code,
        svg_path="".join(parts),
        min_x=min(xs),
        min_y=min(ys),
        max_x=max(xs),
        max_y=max(ys),
        point_count=sum(len(ring) for ring in drawable),
        source_point_count=source_points,
    )


# --- Reading and checking a GeoJSON file ----------------------------------------------------------


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_ring(ring, where: str) -> str | None:
    """None when `ring` is a closed WGS84 linear ring, else what is wrong."""
    if not isinstance(ring, list):
        return f"{where} is not a list of positions"
    if len(ring) < 4:
        return f"{where} has {len(ring)} positions; a closed ring needs at least 4"
    for index, position in enumerate(ring):
        if not isinstance(position, list) or len(position) not in (2, 3) or not all(map(_is_number, position)):
            return f"{where}, position {index + 1}: expected [longitude, latitude] numbers"
        lon, lat = position[0], position[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return (
                f"{where}, position {index + 1}: [{lon}, {lat}] is not a WGS84 longitude/latitude "
                "(is the file in another coordinate system, such as RD New?)"
            )
    if ring[0][:2] != ring[-1][:2]:
        return f"{where} is not closed (its first and last positions differ)"
    return None


def _polygons(geometry) -> tuple[list | None, str | None]:
    """([[ring, ...], ...], None) for a valid Polygon/MultiPolygon, else (None, problem)."""
    if not isinstance(geometry, dict):
        return None, "has no geometry object"
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        return None, f"geometry type {json.dumps(kind)[:40]} is not Polygon or MultiPolygon"
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        return None, f"the {kind}'s coordinates are missing or empty"
    result = []
    for p, polygon in enumerate(polygons, start=1):
        label = "the polygon" if kind == "Polygon" else f"polygon {p}"
        if not isinstance(polygon, list) or not polygon:
            return None, f"{label} has no rings"
        for r, ring in enumerate(polygon, start=1):
            problem = _check_ring(ring, f"{label}, ring {r}")
            if problem:
                return None, problem
        result.append([[(float(pos[0]), float(pos[1])) for pos in ring] for ring in polygon])
    return result, None


def read_features(path: Path, errors) -> list[tuple[int, str, list]]:
    """[(feature number, CBS code, polygons)] of a checked file; problems go to `errors` (an importer `_Errors`),
    named by file and feature number."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            errors.add(path, 0, f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
            return []
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        errors.add(path, 0, "file not found")
        return []
    except (OSError, UnicodeDecodeError) as exc:
        errors.add(path, 0, f"cannot read the file as UTF-8 text ({exc.__class__.__name__})")
        return []
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", 0)
        errors.add(path, line, f"not valid JSON ({getattr(exc, 'msg', exc.__class__.__name__)})")
        return []
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        errors.add(path, 0, "expected a GeoJSON FeatureCollection")
        return []
    features = data.get("features")
    if not isinstance(features, list) or not features:
        errors.add(path, 0, "the FeatureCollection has no features")
        return []
    result, seen = [], {}
    for number, feature in enumerate(features, start=1):
        where = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            errors.add_feature(path, where, "is not a GeoJSON Feature")
            continue
        properties = feature.get("properties")
        code = properties.get("statcode") if isinstance(properties, dict) else None
        if not isinstance(code, str) or not CODE_RE.fullmatch(code.strip()):
            shown = json.dumps(code)[:40] if code is not None else "missing"
            errors.add_feature(path, where, f"properties.statcode ({shown}) is not a CBS code of the form GM0000")
            continue
        code = code.strip()
        where = f"feature {number} ({code})"
        if code in seen:
            errors.add_feature(path, where, f"{code} is also feature {seen[code]}")
            continue
        seen[code] = number
        polygons, problem = _polygons(feature.get("geometry"))
        if problem:
            errors.add_feature(path, where, problem)
            continue
        result.append((number, code, polygons))
    return result
