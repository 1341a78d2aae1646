"""The board's figures: matches against the yearly targets, the two-year share, the waitlist, sign-ups.

Queries only (no views). Every figure is scoped to what the user may open (`intake.permissions`):
a region handler sees their regions, MeeleefGezin's national coordinators and superusers see every
region and the out-of-region work, page editors see nothing. A match counts for whoever may open its
parent's sign-up.

The figures read only non-personal columns of the sign-ups (role, outcome, program, region, status,
received date) and of the matches (region, start and end dates, phase), never the encrypted answers,
so they stay the same when personal data is removed from a sign-up (retention, erasure).

Definitions (also shown on the report page):

- **Matches started** in a year: matches whose start date lies in that calendar year, per region;
  matches outside the active regions (no region) form their own row, against the out-of-region target.
- **Still active after two years**: of the matches whose two-year guidance period is over by today
  (guidance end date = start date + 2 years ≤ today), the share that had not ended before their
  guidance end date: no end date yet, or an end date on or after the guidance end date. An ended
  match without an end date counts as not active.
- **Waitlist**: sign-ups on the central waitlist (outcome "waitlist") whose status is not closed,
  referred or matched, per form.
- **Sign-ups per month**: sign-ups received in each of the last 12 calendar months (this month
  included), per form, by the received date in the site's time zone.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.geography.models import Region
from intake.permissions import intakes_visible_to, is_active, works_intakes
from intake.records.models import Outcome, Role, Status
from intake.routing.vocabulary import MEELEEFGEZIN
from intake.workspace.models import GUIDANCE_YEARS, Match, MatchPhase, YearTarget, add_years

# The statuses of a sign-up that is no longer waiting.
NOT_WAITING = (Status.CLOSED, Status.REFERRED, Status.MATCHED)
MONTHS_SHOWN = 12


# --- Scope -----------------------------------------------------------------------------------


def sees_every_region(user) -> bool:
    """Superusers and MeeleefGezin's national coordinators see every region and the out-of-region work."""
    return is_active(user) and (user.is_superuser or user.coordinated_programs.filter(code=MEELEEFGEZIN).exists())


def regions_in_view(user):
    """The regions whose figures (and yearly targets) this user sees."""
    if not works_intakes(user):
        return Region.objects.none()
    if sees_every_region(user):
        condition = Q(program__code=MEELEEFGEZIN) | Q(year_targets__isnull=False) | Q(matches__isnull=False)
    else:
        condition = Q(handlers=user) | Q(program__coordinators=user)
    return Region.objects.filter(pk__in=Region.objects.filter(condition).values("pk"))


def targets_in_view(user):
    """The yearly targets this user sees: those of their regions, the out-of-region ones for all-region users."""
    if not works_intakes(user):
        return YearTarget.objects.none()
    if sees_every_region(user):
        return YearTarget.objects.all()
    return YearTarget.objects.filter(region__in=regions_in_view(user))


def matches_in_view(user):
    """The matches this user sees: those whose parent's sign-up they may open."""
    if not works_intakes(user):
        return Match.objects.none()
    return Match.objects.filter(parent__in=intakes_visible_to(user).values("pk"))


# --- Rows ------------------------------------------------------------------------------------


@dataclass
class Row:
    """One region (or, with `region` None, the out-of-region work)."""

    region: Region | None
    label: str = ""
    target: int | None = None
    started: int = 0

    @property
    def percent(self) -> int | None:
        if not self.target:
            return None
        return round(100 * self.started / self.target)

    @property
    def bar_percent(self) -> int:
        """The share of the target reached, for a bar (at most 100)."""
        return min(self.percent or 0, 100)


@dataclass
class ShareRow:
    region: Region | None
    label: str = ""
    eligible: int = 0
    still_active: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.still_active / self.eligible) if self.eligible else None


@dataclass
class Board:
    """Every figure of the board's report for one user and one year."""

    year: int
    today: datetime.date
    rows: list[Row]  # the chosen year, per region
    total: Row
    years: list[int]
    history: list[tuple[str, list[Row]]]  # per region: one Row per year in `years`
    shares: list[ShareRow]
    share_total: ShareRow
    waitlist: dict[str, int] = field(default_factory=dict)  # role code -> waiting sign-ups
    shows_waitlist: bool = False
    months: list[dict] = field(default_factory=list)  # {"month": date, "counts": {role: n}, "total": n}

    @property
    def waitlist_total(self) -> int:
        return sum(self.waitlist.values())

    @property
    def months_max(self) -> int:
        return max((m["total"] for m in self.months), default=0)


def out_of_region_label() -> str:
    return _("Out of region")


def _region_rows(user, matches: list[tuple]) -> list[Region | None]:
    """The rows, in order: the user's regions, regions of matches they see, then out of region."""
    regions = {r.pk: r for r in regions_in_view(user).select_related("program")}
    match_region_ids = {region_id for region_id, *_rest in matches if region_id is not None}
    missing = match_region_ids - regions.keys()
    if missing:
        regions.update({r.pk: r for r in Region.objects.filter(pk__in=missing).select_related("program")})
    rows: list[Region | None] = sorted(regions.values(), key=lambda r: (r.program.sort_order, r.name))
    if sees_every_region(user) or any(region_id is None for region_id, *_rest in matches):
        rows.append(None)
    return rows


def _label(region: Region | None) -> str:
    return region.name if region is not None else out_of_region_label()


def _match_values(user) -> list[tuple]:
    """(region id, start date, end date, phase) of every match the user sees: one query."""
    return list(matches_in_view(user).values_list("region_id", "started_on", "ended_on", "phase"))


def still_active_after_two_years(started_on, ended_on, phase) -> bool:
    """Had this match not ended before its guidance end date? (See the module's definition.)"""
    if ended_on is None:
        return phase != MatchPhase.ENDED
    return ended_on >= add_years(started_on, GUIDANCE_YEARS)


def two_year_due(started_on, today) -> bool:
    """Is the two-year guidance period of a match started on `started_on` over by `today`?"""
    return add_years(started_on, GUIDANCE_YEARS) <= today


def waitlist_size(user) -> dict[str, int]:
    """Waiting sign-ups on the central waitlist per form (role code), scoped to the user."""
    counts = (
        intakes_visible_to(user)
        .filter(outcome=Outcome.WAITLIST)
        .exclude(status__in=NOT_WAITING)
        .order_by()
        .values("role")
        .annotate(n=Count("pk"))
    )
    found = {row["role"]: row["n"] for row in counts}
    return {role: found.get(role, 0) for role in Role.values}


def month_starts(today: datetime.date, months: int = MONTHS_SHOWN) -> list[datetime.date]:
    """The first days of the last `months` calendar months, oldest first, this month last."""
    index = today.year * 12 + today.month - 1
    return [datetime.date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def signups_per_month(user, today: datetime.date | None = None, months: int = MONTHS_SHOWN) -> list[dict]:
    """Sign-ups received per calendar month (site time zone) and form, the last `months` months."""
    today = today or timezone.localdate()
    starts = month_starts(today, months)
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(starts[0], datetime.time.min, tzinfo=tz)
    counts = (
        intakes_visible_to(user)
        .filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at", tzinfo=tz))
        .order_by()
        .values("month", "role")
        .annotate(n=Count("pk"))
    )
    by_month: dict[datetime.date, Counter] = defaultdict(Counter)
    for row in counts:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month, tz).date() if timezone.is_aware(month) else month.date()
        by_month[month.replace(day=1)][row["role"]] += row["n"]
    result = []
    for start in starts:
        found = by_month.get(start, Counter())
        result.append(
            {
                "month": start,
                "counts": {role: found.get(role, 0) for role in Role.values},
                "total": sum(found.values()),
            }
        )
    return result


def board(user, year: int | None = None, today: datetime.date | None = None) -> Board:
    """All figures of the report for this user; `year` defaults to this year."""
    today = today or timezone.localdate()
    year = year or today.year
    matches = _match_values(user) if works_intakes(user) else []
    row_regions = _region_rows(user, matches) if works_intakes(user) else []
    keys = [r.pk if r is not None else None for r in row_regions]

    targets: dict[tuple, int] = {}
    if row_regions:
        for region_id, target_year, number in targets_in_view(user).values_list("region_id", "year", "matches"):
            if region_id in keys:
                targets[(region_id, target_year)] = number

    started: Counter = Counter()
    eligible: Counter = Counter()
    active: Counter = Counter()
    for region_id, started_on, ended_on, phase in matches:
        started[(region_id, started_on.year)] += 1
        if two_year_due(started_on, today):
            eligible[region_id] += 1
            if still_active_after_two_years(started_on, ended_on, phase):
                active[region_id] += 1

    def row(region, key, for_year):
        return Row(region, _label(region), targets.get((key, for_year)), started[(key, for_year)])

    rows = [row(region, key, year) for region, key in zip(row_regions, keys, strict=True)]
    with_target = [r.target for r in rows if r.target is not None]
    total = Row(None, "", sum(with_target) if with_target else None, sum(r.started for r in rows))

    years = sorted(
        {year, today.year}
        | {y for (k, y) in targets if k in keys}
        | {y for (k, y), n in started.items() if n and k in keys}
    )
    history = [
        (_label(region), [row(region, key, y) for y in years]) for region, key in zip(row_regions, keys, strict=True)
    ]
    shares = [
        ShareRow(region, _label(region), eligible[key], active[key])
        for region, key in zip(row_regions, keys, strict=True)
    ]
    share_total = ShareRow(None, "", sum(s.eligible for s in shares), sum(s.still_active for s in shares))

    shows_waitlist = sees_every_region(user)
    return Board(
        year=year,
        today=today,
        rows=rows,
        total=total,
        years=years,
        history=history,
        shares=shares,
        share_total=share_total,
        waitlist=waitlist_size(user) if shows_waitlist else {},
        shows_waitlist=shows_waitlist,
        months=signups_per_month(user, today) if works_intakes(user) else [],
    )


def year_progress(user, year: int | None = None, today: datetime.date | None = None) -> list[Row]:
    """This year's (or `year`'s) matches started against the target, per region: the dashboard panel."""
    today = today or timezone.localdate()
    year = year or today.year
    if not works_intakes(user):
        return []
    matches = list(
        matches_in_view(user).filter(started_on__year=year).values_list("region_id", "started_on", "ended_on", "phase")
    )
    row_regions = _region_rows(user, matches)
    keys = [r.pk if r is not None else None for r in row_regions]
    targets = {
        region_id: number
        for region_id, number in targets_in_view(user).filter(year=year).values_list("region_id", "matches")
        if region_id in keys
    }
    started = Counter(region_id for region_id, *_rest in matches)
    return [
        Row(region, _label(region), targets.get(key), started[key])
        for region, key in zip(row_regions, keys, strict=True)
    ]
