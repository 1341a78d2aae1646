"""The central waitlist's figures: who is waiting, for how long, and where the demand is.

Waiting means: routed to the waitlist (outcome "waitlist") and not closed, matched or referred on.
A referrer's sign-up is about a parent and counts as a parent waiting.
Every figure starts from `intake.permissions.intakes_visible_to(user)`, so nobody counts sign-ups
they may not open. Nothing here decrypts anything (`personal` is deferred).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from intake.geography.models import MunicipalityBoundary
from intake.permissions import intakes_visible_to, is_active
from intake.records.models import Intake, Outcome, Role, Status
from intake.routing.vocabulary import MEELEEFGEZIN

# Statuses that end the wait.
DONE_WAITING = (Status.CLOSED, Status.MATCHED, Status.REFERRED)

# Sequential colours for the map, light to dark (ColorBrewer "Oranges", 5 classes), and the colour
# of a municipality where nobody waits.
MAP_COLOURS = ("#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603")
NO_DEMAND_COLOUR = "#f2f2f2"
MAP_WIDTH = 600  # the SVG's width in CSS pixels when shown at full size


def works_waitlist(user) -> bool:
    """MeeleefGezin's national coordinators and superusers work the central waitlist."""
    return is_active(user) and (user.is_superuser or user.coordinated_programs.filter(code=MEELEEFGEZIN).exists())


def waiting_filter() -> Q:
    return Q(outcome=Outcome.WAITLIST) & ~Q(status__in=DONE_WAITING)


def waiting(user) -> QuerySet[Intake]:
    """The waiting sign-ups this user may open, longest waiting first (nothing decrypted)."""
    return (
        intakes_visible_to(user)
        .filter(waiting_filter())
        .select_related("municipality", "program")
        .defer("personal")
        .order_by("created_at", "pk")
    )


@dataclass
class Demand:
    """Waiting parents and host families in one place (a municipality or a province)."""

    key: str
    name: str
    parents: int = 0
    host_families: int = 0
    province: str = ""

    @property
    def total(self) -> int:
        return self.parents + self.host_families


PARENT_ROLES = (Role.PARENT, Role.REFERRER)

_COUNTS = {
    "parents": Count("pk", filter=Q(role__in=PARENT_ROLES)),
    "host_families": Count("pk", filter=Q(role=Role.HOST_FAMILY)),
}


def _sorted(rows: list[Demand]) -> list[Demand]:
    # Most demand first; unknown places last; then by name.
    return sorted(rows, key=lambda row: (row.key == "", -row.total, -row.parents, row.name.casefold()))


def by_municipality(user) -> list[Demand]:
    rows = (
        intakes_visible_to(user)
        .filter(waiting_filter())
        .values("municipality__code", "municipality__name", "municipality__province_name")
        .annotate(**_COUNTS)
    )
    return _sorted(
        [
            Demand(
                key=row["municipality__code"] or "",
                name=row["municipality__name"] or "",
                province=row["municipality__province_name"] or "",
                parents=row["parents"],
                host_families=row["host_families"],
            )
            for row in rows
        ]
    )


def by_province(user) -> list[Demand]:
    totals: dict[str, Demand] = {}
    for row in by_municipality(user):
        key = row.province if row.key else ""
        demand = totals.setdefault(key, Demand(key=key, name=key))
        demand.parents += row.parents
        demand.host_families += row.host_families
    return _sorted(list(totals.values()))


def totals(rows: list[Demand]) -> Demand:
    result = Demand(key="*", name="")
    for row in rows:
        result.parents += row.parents
        result.host_families += row.host_families
    return result


# --- The map -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegendClass:
    low: int
    high: int
    colour: str


def classes(highest: int) -> list[LegendClass]:
    """Up to five classes of equal width from 1 to `highest` (whole numbers, none empty)."""
    if highest <= 0:
        return []
    count = min(len(MAP_COLOURS), highest)
    bounds = sorted({math.ceil(highest * (i + 1) / count) for i in range(count)})
    if len(bounds) == 1:
        colours = [MAP_COLOURS[len(MAP_COLOURS) // 2]]
    else:
        last = len(MAP_COLOURS) - 1
        colours = [MAP_COLOURS[round(i * last / (len(bounds) - 1))] for i in range(len(bounds))]
    result, low = [], 1
    for high, colour in zip(bounds, colours, strict=True):
        result.append(LegendClass(low, high, colour))
        low = high + 1
    return result


def colour_for(value: int, legend: list[LegendClass]) -> str:
    for item in legend:
        if item.low <= value <= item.high:
            return item.colour
    return NO_DEMAND_COLOUR


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str
    colour: str
    demand: Demand | None


@dataclass
class Map:
    shapes: list[Shape]
    legend: list[LegendClass]
    view_box: str
    width: int
    height: int
    no_demand_colour: str = NO_DEMAND_COLOUR
    # Municipalities with waiting sign-ups that have no outline (not on the map).
    missing: list[Demand] = field(default_factory=list)


def demand_map(rows: list[Demand]) -> Map | None:
    """The choropleth of every stored outline, coloured by `rows` (None without outlines)."""
    outlines = list(MunicipalityBoundary.objects.select_related("municipality").order_by("municipality__code"))
    if not outlines:
        return None
    demand = {row.key: row for row in rows if row.key}
    legend = classes(max((row.total for row in demand.values()), default=0))
    shapes = [
        Shape(
            code=item.municipality.code,
            name=item.municipality.name,
            path=item.svg_path,
            colour=colour_for(demand[item.municipality.code].total, legend)
            if item.municipality.code in demand
            else NO_DEMAND_COLOUR,
            demand=demand.get(item.municipality.code),
        )
        for item in outlines
    ]
    margin = 5
    min_x = min(item.min_x for item in outlines) - margin
    min_y = min(item.min_y for item in outlines) - margin
    width = max(item.max_x for item in outlines) - min_x + margin
    height = max(item.max_y for item in outlines) - min_y + margin
    drawn = {item.municipality.code for item in outlines}
    return Map(
        shapes=shapes,
        legend=legend,
        view_box=f"{min_x} {min_y} {width} {height}",
        width=MAP_WIDTH,
        height=max(1, round(MAP_WIDTH * height / max(width, 1))),
        missing=[row for row in rows if row.key and row.key not in drawn],
    )
