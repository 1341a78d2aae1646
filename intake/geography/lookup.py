"""From the database to plain routing data: where a family lives, and what covers it there.

`locate()` resolves a PC4 (and a chosen municipality) into a `Location` once; `route()` reads the
programs and the regions covering that location into the plain dataclasses of `intake.routing` and
lets `decide()` make the (pure) decision. The forms, the API, the find-support page and the admin
preview all go through these two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from intake.routing.rules import (
    Coverage,
    Decision,
    Facts,
    Location,
    MunicipalityInfo,
    ProgramInfo,
    RegionInfo,
    decide,
)
from intake.routing.vocabulary import HOST_FAMILY
from programs.models import Program

from .models import Municipality, PostcodeArea, Region
from .postcodes import normalise_municipality_code


def program_info(program: Program) -> ProgramInfo:
    return ProgramInfo(
        code=program.code,
        name=program.name,
        min_age_months=program.min_age_months,
        max_age_months=program.max_age_months,
        allows_pregnancy=program.allows_pregnancy,
        setting=program.setting,
        concerns=frozenset(program.concerns or ()),
        website=program.website,
        sort_order=program.sort_order,
        id=program.pk,
    )


def region_info(region: Region, program_code: str | None = None) -> RegionInfo:
    return RegionInfo(
        id=region.pk,
        name=region.name,
        program_code=program_code or region.program.code,
        takes_intakes=region.takes_intakes,
        contact_name=region.contact_name,
        contact_email=region.contact_email,
        contact_phone=region.contact_phone,
    )


class DatabaseLookup:
    """Answers the routing's questions with small, targeted queries (one request, one family)."""

    def municipalities_for_pc4(self, pc4: str) -> list[MunicipalityInfo]:
        rows = (
            PostcodeArea.objects.filter(pc4=pc4)
            .order_by("-share", "-address_count", "municipality__code")
            .values_list("municipality__code", "municipality__name", "municipality_id")
        )
        return [MunicipalityInfo(code, name, pk) for code, name, pk in rows]

    def municipality(self, code: str) -> MunicipalityInfo | None:
        row = Municipality.objects.filter(code=code).values_list("code", "name", "pk").first()
        return MunicipalityInfo(*row) if row else None

    def programs(self) -> tuple[ProgramInfo, ...]:
        return tuple(program_info(p) for p in Program.objects.order_by("sort_order", "name"))

    def regions(self, municipality_code: str) -> tuple[RegionInfo, ...]:
        regions = (
            Region.objects.filter(municipalities__code=municipality_code)
            .select_related("program")
            .order_by("program__sort_order", "-takes_intakes", "name", "pk")
            .distinct()
        )
        return tuple(region_info(r) for r in regions)


class Snapshot:
    """All geography and coverage in memory, for routing many families at once (imports, tests,
    the admin's overviews). Three queries to load, none to route."""

    def __init__(self, municipalities, pc4s, programs, regions_by_municipality):
        self._municipalities = municipalities
        self._pc4s = pc4s
        self._programs = programs
        self._regions = regions_by_municipality

    @classmethod
    def load(cls) -> Snapshot:
        municipalities = {
            code: MunicipalityInfo(code, name, pk)
            for code, name, pk in Municipality.objects.values_list("code", "name", "pk")
        }
        pc4s = defaultdict(list)
        rows = PostcodeArea.objects.order_by("pc4", "-share", "-address_count", "municipality__code").values_list(
            "pc4", "municipality__code"
        )
        for pc4, code in rows:
            pc4s[pc4].append(municipalities[code])
        programs = tuple(program_info(p) for p in Program.objects.order_by("sort_order", "name"))
        codes = {p.pk: p.code for p in Program.objects.only("pk", "code")}
        regions = defaultdict(list)
        through = Region.municipalities.through.objects.select_related("region", "municipality").order_by(
            "region__program__sort_order", "-region__takes_intakes", "region__name", "region__pk"
        )
        for link in through:
            regions[link.municipality.code].append(region_info(link.region, codes[link.region.program_id]))
        return cls(municipalities, dict(pc4s), programs, {k: tuple(v) for k, v in regions.items()})

    def municipalities_for_pc4(self, pc4: str) -> list[MunicipalityInfo]:
        return list(self._pc4s.get(pc4, ()))

    def municipality(self, code: str) -> MunicipalityInfo | None:
        return self._municipalities.get(code)

    def programs(self) -> tuple[ProgramInfo, ...]:
        return self._programs

    def regions(self, municipality_code: str) -> tuple[RegionInfo, ...]:
        return self._regions.get(municipality_code, ())

    def locate(self, **kwargs) -> Location:
        return locate(lookup=self, **kwargs)

    def route(self, **kwargs) -> Decision:
        return route(lookup=self, **kwargs)


def locate(*, pc4: str = "", municipality_code: str | None = None, lookup=None) -> Location:
    """Where a family lives, from a normalised PC4 (see `postcodes.normalise_postcode`) and/or a CBS code.

    The postcode decides; `municipality_code` picks among its municipalities (the largest share
    otherwise), or stands in for a postcode we do not know. An unknown postcode or code gives a
    location without a municipality: it never blocks.
    """
    lookup = lookup or DatabaseLookup()
    candidates = tuple(lookup.municipalities_for_pc4(pc4)) if pc4 else ()
    code = normalise_municipality_code(municipality_code) if municipality_code else None
    if candidates:
        return Location(pc4=pc4, municipality=candidates[0], candidates=candidates).choose(code)
    return Location(pc4=pc4, municipality=lookup.municipality(code) if code else None)


def route(
    *,
    role: str,
    location: Location,
    child_birth_date: date | None = None,
    concerns: Iterable[str] = (),
    support: str | None = None,
    today: date | None = None,
    lookup=None,
) -> Decision:
    """Gather the coverage of a resolved location and decide."""
    lookup = lookup or DatabaseLookup()
    municipality = location.municipality
    facts = Facts(
        role=role,
        municipality=municipality,
        child_birth_date=None if role == HOST_FAMILY else child_birth_date,
        concerns=frozenset(concerns or ()),
        support=support or None,
        today=today or timezone.localdate(),
        municipality_candidates=location.candidates if location.is_split else (),
    )
    coverage = Coverage(
        programs=lookup.programs(),
        regions=lookup.regions(municipality.code) if municipality else (),
    )
    return decide(facts, coverage)
