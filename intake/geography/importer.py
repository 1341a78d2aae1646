"""Import (or refresh) municipalities and PC4 postcodes from CBS-derived CSV files, and the
municipalities' outlines for the waitlist map from a GeoJSON file.

    manage.py import_geography --municipalities municipalities.csv --postcodes pc4_municipality.csv
    manage.py import_geography --boundaries cbs_gemeente_2023_wgs84.geojson

Everything is validated first; on any error nothing changes and the command names file:line.
Re-running with the same files changes nothing. Postcode rows that are no longer in the file are
removed; municipalities are never removed (regions and sign-ups refer to them), only reported.
The boundaries file is the whole map: outlines of municipalities that are not in it are removed.
Every feature's CBS code must be a known municipality (in the database or in the municipalities
file given with it).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction

from . import boundaries as geometry
from .models import Municipality, MunicipalityBoundary, PostcodeArea

MUNICIPALITY_HEADER = ["code", "name", "province_code", "province_name"]
POSTCODE_HEADER = ["pc4", "municipality_code", "address_count", "share"]
CODE_RE = re.compile(r"^GM[0-9]{4}$")
PROVINCE_RE = re.compile(r"^(PV[0-9]{2})?$")
PC4_RE = re.compile(r"^[1-9][0-9]{3}$")
COUNT_RE = re.compile(r"^[0-9]{1,9}$")
MAX_ERRORS_SHOWN = 20
BATCH = 500


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    province_code: str = ""
    province_name: str = ""


@dataclass(frozen=True)
class PostcodeRow:
    pc4: str
    municipality_code: str
    address_count: int
    share: Decimal


@dataclass
class Result:
    municipalities_created: int = 0
    municipalities_updated: int = 0
    municipalities_unchanged: int = 0
    municipalities_not_in_file: list[str] = field(default_factory=list)
    postcodes_created: int = 0
    postcodes_updated: int = 0
    postcodes_removed: int = 0
    postcodes_unchanged: int = 0
    boundaries_imported: bool = False
    boundaries_created: int = 0
    boundaries_updated: int = 0
    boundaries_removed: int = 0
    boundaries_unchanged: int = 0
    boundary_points_read: int = 0
    boundary_points_kept: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.municipalities_created,
                self.municipalities_updated,
                self.postcodes_created,
                self.postcodes_updated,
                self.postcodes_removed,
                self.boundaries_created,
                self.boundaries_updated,
                self.boundaries_removed,
            )
        )


class GeographyError(CommandError):
    """One or more problems in the input files (the message lists them, with file:line)."""


class _Errors(list):
    def add(self, path, line, message):
        self.append(f"{path}:{line}: {message}")

    def add_feature(self, path, feature, message):
        self.append(f"{path}: {feature}: {message}")

    def raise_if_any(self):
        if self:
            shown = self[:MAX_ERRORS_SHOWN]
            more = len(self) - len(shown)
            lines = ["Nothing was imported; fix these problems first:", *shown]
            if more:
                lines.append(f"... and {more} more problem(s).")
            raise GeographyError("\n".join(lines))


def _read_rows(path: Path, header: list[str], errors: _Errors):
    """Yield (line number, row) after checking the header; file-level problems end up in `errors`."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            content = handle.read()
    except FileNotFoundError:
        errors.add(path, 0, "file not found")
        return
    except (OSError, UnicodeDecodeError) as exc:
        errors.add(path, 0, f"cannot read the file as UTF-8 text ({exc.__class__.__name__})")
        return
    reader = csv.reader(content.splitlines())
    try:
        found = next(reader)
    except StopIteration:
        errors.add(path, 1, f"the file is empty; expected the header '{','.join(header)}'")
        return
    except csv.Error as exc:
        errors.add(path, 1, f"not valid CSV ({exc})")
        return
    if [cell.strip() for cell in found] != header:
        errors.add(path, 1, f"expected the header '{','.join(header)}', found '{','.join(found)}'")
        return
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            yield reader.line_num, [cell.strip() for cell in row]
    except csv.Error as exc:
        errors.add(path, reader.line_num, f"not valid CSV ({exc})")


def parse_municipalities(path: Path, errors: _Errors) -> list[MunicipalityRow]:
    rows, seen = [], {}
    for line, cells in _read_rows(path, MUNICIPALITY_HEADER, errors):
        if len(cells) != len(MUNICIPALITY_HEADER):
            errors.add(path, line, f"expected {len(MUNICIPALITY_HEADER)} columns, found {len(cells)}")
            continue
        code, name, province_code, province_name = cells
        ok = True
        if not CODE_RE.fullmatch(code):
            errors.add(path, line, f"municipality code '{code}' is not of the form GM0000")
            ok = False
        elif code in seen:
            errors.add(path, line, f"municipality code {code} also appears on line {seen[code]}")
            ok = False
        if not name or len(name) > Municipality._meta.get_field("name").max_length:
            errors.add(path, line, "the name is empty or longer than 100 characters")
            ok = False
        if not PROVINCE_RE.fullmatch(province_code):
            errors.add(path, line, f"province code '{province_code}' is not of the form PV00")
            ok = False
        if len(province_name) > Municipality._meta.get_field("province_name").max_length:
            errors.add(path, line, "the province name is longer than 60 characters")
            ok = False
        if ok:
            seen[code] = line
            rows.append(MunicipalityRow(code, name, province_code, province_name))
    return rows


def parse_postcodes(path: Path, known_codes: set[str], errors: _Errors) -> list[PostcodeRow]:
    rows, seen = [], {}
    for line, cells in _read_rows(path, POSTCODE_HEADER, errors):
        if len(cells) != len(POSTCODE_HEADER):
            errors.add(path, line, f"expected {len(POSTCODE_HEADER)} columns, found {len(cells)}")
            continue
        pc4, code, count_text, share_text = cells
        ok = True
        if not PC4_RE.fullmatch(pc4):
            errors.add(path, line, f"postcode '{pc4}' is not four digits from 1000 to 9999")
            ok = False
        if not CODE_RE.fullmatch(code):
            errors.add(path, line, f"municipality code '{code}' is not of the form GM0000")
            ok = False
        elif code not in known_codes:
            errors.add(path, line, f"unknown municipality code {code} (not in the municipalities)")
            ok = False
        if not COUNT_RE.fullmatch(count_text):
            errors.add(path, line, f"address count '{count_text}' is not a whole number >= 0")
            ok = False
        try:
            share = Decimal(share_text)
            valid_share = share.is_finite() and 0 < share <= 1 and share == share.quantize(Decimal("0.0001"))
        except (InvalidOperation, ValueError):
            valid_share = False
        if not valid_share:
            errors.add(path, line, f"share '{share_text}' is not a number above 0 and at most 1 (4 decimals)")
            ok = False
        if ok and (pc4, code) in seen:
            errors.add(path, line, f"postcode {pc4} in {code} also appears on line {seen[pc4, code]}")
            ok = False
        if ok:
            seen[pc4, code] = line
            rows.append(PostcodeRow(pc4, code, int(count_text), share.quantize(Decimal("0.0001"))))
    return rows


def apply(
    municipalities: list[MunicipalityRow],
    postcodes: list[PostcodeRow] | None,
    *,
    update_existing: bool = True,
    remove_missing: bool = True,
) -> Result:
    """Upsert in one transaction with bulk queries. `postcodes=None` leaves postcodes alone.

    The demo loader passes update_existing=False, remove_missing=False so it never disturbs a
    full import.
    """
    result = Result()
    with transaction.atomic():
        existing = {m.code: m for m in Municipality.objects.all()}
        create, update = [], []
        for row in municipalities:
            current = existing.get(row.code)
            if current is None:
                create.append(Municipality(**row.__dict__))
                continue
            if not update_existing:
                result.municipalities_unchanged += 1
                continue
            if (current.name, current.province_code, current.province_name) == (
                row.name,
                row.province_code,
                row.province_name,
            ):
                result.municipalities_unchanged += 1
                continue
            current.name, current.province_code, current.province_name = (
                row.name,
                row.province_code,
                row.province_name,
            )
            update.append(current)
        Municipality.objects.bulk_create(create, batch_size=BATCH)
        Municipality.objects.bulk_update(update, ["name", "province_code", "province_name"], batch_size=BATCH)
        result.municipalities_created, result.municipalities_updated = len(create), len(update)
        in_file = {row.code for row in municipalities}
        if remove_missing and municipalities:
            result.municipalities_not_in_file = sorted(set(existing) - in_file)

        if postcodes is None:
            return result
        ids = dict(Municipality.objects.values_list("code", "pk"))
        current_rows = {
            (pc4, code): (pk, count, share)
            for pk, pc4, code, count, share in PostcodeArea.objects.values_list(
                "pk", "pc4", "municipality__code", "address_count", "share"
            )
        }
        create, update, keep = [], [], set()
        for row in postcodes:
            key = (row.pc4, row.municipality_code)
            keep.add(key)
            current = current_rows.get(key)
            if current is None:
                create.append(
                    PostcodeArea(
                        pc4=row.pc4,
                        municipality_id=ids[row.municipality_code],
                        address_count=row.address_count,
                        share=row.share,
                    )
                )
            elif update_existing and (current[1], Decimal(current[2])) != (row.address_count, row.share):
                update.append(PostcodeArea(pk=current[0], address_count=row.address_count, share=row.share))
            else:
                result.postcodes_unchanged += 1
        removed = [pk for key, (pk, _c, _s) in current_rows.items() if key not in keep] if remove_missing else []
        for start in range(0, len(removed), BATCH):
            PostcodeArea.objects.filter(pk__in=removed[start : start + BATCH]).delete()
        PostcodeArea.objects.bulk_create(create, batch_size=BATCH)
        PostcodeArea.objects.bulk_update(update, ["address_count", "share"], batch_size=BATCH)
        result.postcodes_created, result.postcodes_updated, result.postcodes_removed = (
            len(create),
            len(update),
            len(removed),
        )
    return result


def parse_boundaries(path: Path, known_codes: set[str], errors: _Errors) -> list[geometry.Outline]:
    outlines = []
    for number, code, polygons in geometry.read_features(path, errors):
        if code not in known_codes:
            errors.add_feature(path, f"feature {number} ({code})", f"unknown municipality code {code}")
            continue
        outlines.append(geometry.outline(code, polygons))
    return outlines


BOUNDARY_FIELDS = ["svg_path", "min_x", "min_y", "max_x", "max_y", "point_count"]


def apply_boundaries(outlines: list[geometry.Outline], result: Result) -> Result:
    """Store the outlines (the file is the whole map: outlines not in it are removed)."""
    result.boundaries_imported = True
    with transaction.atomic():
        ids = dict(Municipality.objects.values_list("code", "pk"))
        existing = {b.municipality_id: b for b in MunicipalityBoundary.objects.all()}
        create, update, keep = [], [], set()
        for item in outlines:
            municipality_id = ids[item.code]
            keep.add(municipality_id)
            values = {name: getattr(item, name) for name in BOUNDARY_FIELDS}
            current = existing.get(municipality_id)
            if current is None:
                create.append(MunicipalityBoundary(municipality_id=municipality_id, **values))
            elif any(getattr(current, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(current, name, value)
                update.append(current)
            else:
                result.boundaries_unchanged += 1
            result.boundary_points_read += item.source_point_count
            result.boundary_points_kept += item.point_count
        removed = [b.pk for municipality_id, b in existing.items() if municipality_id not in keep]
        MunicipalityBoundary.objects.filter(pk__in=removed).delete()
        MunicipalityBoundary.objects.bulk_create(create, batch_size=BATCH)
        MunicipalityBoundary.objects.bulk_update(update, BOUNDARY_FIELDS, batch_size=BATCH)
        result.boundaries_created, result.boundaries_updated = len(create), len(update)
        result.boundaries_removed = len(removed)
    return result


def import_files(
    municipalities_path: Path | None, postcodes_path: Path | None, boundaries_path: Path | None = None
) -> Result:
    """Validate every file completely, then apply them together; raises GeographyError and changes
    nothing when any file has a problem."""
    errors = _Errors()
    municipalities = parse_municipalities(Path(municipalities_path), errors) if municipalities_path else []
    known = {row.code for row in municipalities} | set(Municipality.objects.values_list("code", flat=True))
    postcodes = parse_postcodes(Path(postcodes_path), known, errors) if postcodes_path else None
    outlines = parse_boundaries(Path(boundaries_path), known, errors) if boundaries_path else None
    errors.raise_if_any()
    with transaction.atomic():
        result = apply(municipalities, postcodes, remove_missing=True)
        if outlines is not None:
            apply_boundaries(outlines, result)
    return result


def describe(result: Result) -> str:
    csv_changed = any(
        (
            result.municipalities_created,
            result.municipalities_updated,
            result.postcodes_created,
            result.postcodes_updated,
            result.postcodes_removed,
        )
    )
    if not result.changed:
        lines = ["No changes."]
    elif result.boundaries_imported and not csv_changed:
        lines = []
    else:
        lines = [
            f"Municipalities: {result.municipalities_created} created, {result.municipalities_updated} updated, "
            f"{result.municipalities_unchanged} unchanged.",
            f"Postcode rows: {result.postcodes_created} created, {result.postcodes_updated} updated, "
            f"{result.postcodes_removed} removed, {result.postcodes_unchanged} unchanged.",
        ]
    if result.boundaries_imported:
        lines.append(
            f"Municipality outlines: {result.boundaries_created} created, {result.boundaries_updated} updated, "
            f"{result.boundaries_removed} removed, {result.boundaries_unchanged} unchanged "
            f"({result.boundary_points_kept} of {result.boundary_points_read} points kept after simplifying)."
        )
    if result.municipalities_not_in_file:
        lines.append(
            f"{len(result.municipalities_not_in_file)} municipalities in the database are not in the file and were "
            f"kept (regions or sign-ups may refer to them): {', '.join(result.municipalities_not_in_file[:20])}"
        )
    return "\n".join(lines)
