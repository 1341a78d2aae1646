"""From the database to plain routing data, and postcode parsing.

`route()` is what the forms, the API, the find-support page and the admin preview call: it reads the
programs, the geography and the regions into the plain dataclasses of `intake.routing` and lets
`routing.decide()` make the (pure) decision.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.models import Program

from . import routing
from .models.geography import Municipality, PostcodeArea, Region
from .routing import Coverage, Decision, Facts, MunicipalityInfo, ProgramInfo, RegionInfo

__all__ = [
    "MunicipalityInfo",
    "PostcodeError",
    "Snapshot",
    "municipalities_for_pc4",
    "municipality_info",
    "normalise_postcode",
    "route",
]

# PC4 (1000-9999), optionally followed by the two PC6 letters; SA, SD and SS are never issued.
POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})([A-Z]{2})?$")
EXCLUDED_LETTERS = {"SA", "SD", "SS"}
MUNICIPALITY_CODE_RE = re.compile(r"^GM[0-9]{4}$")
MAX_POSTCODE_LENGTH = 20


class PostcodeError(ValueError):
    """The text is not a Dutch postcode. `message` is meant for the visitor (lazily translated)."""

    def __init__(self, message=None):
        self.message = message or _("Enter a Dutch postcode: four digits, optionally two letters, e.g. 3431 AB.")
        super().__init__(self.message)

    def __str__(self):
        return str(self.message)


def normalise_postcode(text: str) -> str:
    """'3431 ab', '3431AB', ' 3431 ' -> '3431'. Raises PostcodeError for anything else."""
    if not isinstance(text, str) or len(text) > MAX_POSTCODE_LENGTH:
        raise PostcodeError()
    compact = "".join(text.split()).upper()
    if not compact:
        raise PostcodeError(_("Enter a postcode."))
    match = POSTCODE_RE.fullmatch(compact)
    if not match or (match.group(2) or "") in EXCLUDED_LETTERS:
        raise PostcodeError()
    return match.group(1)


def normalise_municipality_code(text: str) -> str | None:
    """'gm0356' -> 'GM0356'; None when it does not look like a CBS code."""
    if not isinstance(text, str):
        return None
    code = text.strip().upper()
    return code if MUNICIPALITY_CODE_RE.fullmatch(code) else None


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
            .values_list("municipality__code", "municipality__name")
        )
        return [MunicipalityInfo(code, name) for code, name in rows]

    def municipality(self, code: str) -> MunicipalityInfo | None:
        row = Municipality.objects.filter(code=code).values_list("code", "name").first()
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
            code: MunicipalityInfo(code, name) for code, name in Municipality.objects.values_list("code", "name")
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

    def route(self, **kwargs) -> Decision:
        return route(lookup=self, **kwargs)


def municipalities_for_pc4(pc4: str) -> list[MunicipalityInfo]:
    """The municipalities a PC4 lies in, largest share first; [] if unknown."""
    return DatabaseLookup().municipalities_for_pc4(pc4)


def municipality_info(code: str) -> MunicipalityInfo | None:
    """The municipality with this CBS code (any case), or None."""
    code = normalise_municipality_code(code)
    return DatabaseLookup().municipality(code) if code else None


def route(
    *,
    role: str,
    postcode: str | None = None,
    municipality_code: str | None = None,
    child_birth_date: date | None = None,
    concerns: Iterable[str] = (),
    support: str | None = None,
    today: date | None = None,
    lookup=None,
) -> Decision:
    """Gather the facts and decide. `postcode` is PC4 or PC6 (PostcodeError if it is not a postcode).

    With a PC4 that lies in two municipalities the largest share is used, unless `municipality_code`
    names the other one; the decision lists both in `municipality_candidates` so the form can ask.
    Without a known postcode, `municipality_code` gives the location. An unknown postcode or
    municipality never blocks: the decision is then made without a location.
    """
    lookup = lookup or DatabaseLookup()
    candidates: list[MunicipalityInfo] = []
    if postcode:
        candidates = lookup.municipalities_for_pc4(normalise_postcode(postcode))

    # The postcode decides; `municipality_code` picks among its municipalities, or stands in for a
    # postcode we do not know (a code that does not match a known postcode is ignored).
    code = normalise_municipality_code(municipality_code) if municipality_code else None
    if candidates:
        municipality = next((m for m in candidates if m.code == code), candidates[0])
    else:
        municipality = lookup.municipality(code) if code else None

    facts = Facts(
        role=role,
        municipality=municipality,
        child_birth_date=None if role == routing.HOST_FAMILY else child_birth_date,
        concerns=frozenset(concerns or ()),
        support=support or None,
        today=today or timezone.localdate(),
        municipality_candidates=tuple(candidates) if len(candidates) > 1 else (),
    )
    coverage = Coverage(
        programs=lookup.programs(),
        regions=lookup.regions(municipality.code) if municipality else (),
    )
    return routing.decide(facts, coverage)
