"""Re-routing: when a region starts taking sign-ups for a municipality, its waiting sign-ups move.

A region "starts" for a municipality when it is switched to take sign-ups, or when a municipality is
added to a region that already takes them. Nothing needs to watch for that moment: the offers are
worked out from the data each time (`offers`), so both ways, and any order of edits, are covered,
and a sign-up that has moved is simply no longer waiting.

`reroute` moves the sign-ups the coordinator confirmed, in one transaction: outcome "region", the
region and its program; the status stays. Each move is recorded in the sign-up's audit trail
(REROUTED, with the region ids), and the notice to the region's handlers is queued in the outbox
(worked out when sent: the people who may open the sign-up in its new region; no health data).

Only MeeleefGezin's national coordinators and superusers may re-route (`may_reroute`), and only the
waiting sign-ups they may open (`intake.permissions.intakes_visible_to`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from intake.audit import actions as audit
from intake.geography.models import Municipality, Region
from intake.outbox.queue import queue_rerouted
from intake.outbox.tasks import deliver_when_committed
from intake.records.models import Intake, Outcome
from intake.workspace.waitlist import waiting, waiting_filter, works_waitlist

# One confirmation moves at most this many sign-ups (a bigger offer takes more than one click).
MAX_PER_ACTION = 500


class RerouteError(Exception):
    """The re-routing cannot be done; the message says why, in the reader's language."""


def may_reroute(user) -> bool:
    """Those who work the central waitlist: MeeleefGezin's national coordinators and superusers."""
    return works_waitlist(user)


@dataclass(frozen=True)
class Offer:
    """Waiting sign-ups of one municipality that the region now takes."""

    region: Region
    municipality: Municipality
    intake_ids: tuple[int, ...]
    has_handlers: bool

    @property
    def count(self) -> int:
        return len(self.intake_ids)


def _takers() -> dict[tuple[int, int], list[Region]]:
    """{(municipality id, program id): [regions that take sign-ups there now]}."""
    through = Region.municipalities.through.objects.filter(region__takes_intakes=True)
    regions = {region.pk: region for region in Region.objects.filter(takes_intakes=True).select_related("program")}
    takers = defaultdict(list)
    for region_id, municipality_id in through.values_list("region_id", "municipality_id"):
        region = regions[region_id]
        takers[municipality_id, region.program_id].append(region)
    return takers


def offers(user) -> list[Offer]:
    """What this user can re-route now, largest first."""
    if not may_reroute(user):
        return []
    takers = _takers()
    if not takers:
        return []
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    rows = waiting(user).filter(municipality__isnull=False, program__isnull=False)
    for pk, municipality_id, program_id in rows.values_list("pk", "municipality_id", "program_id"):
        for region in takers.get((municipality_id, program_id), ()):
            groups[region.pk, municipality_id].append(pk)
    if not groups:
        return []
    municipalities = Municipality.objects.in_bulk({municipality_id for _r, municipality_id in groups})
    regions = {region.pk: region for found in takers.values() for region in found}
    handled = set(
        Region.handlers.through.objects.filter(region_id__in=regions, user__is_active=True).values_list(
            "region_id", flat=True
        )
    )
    result = [
        Offer(
            region=regions[region_id],
            municipality=municipalities[municipality_id],
            intake_ids=tuple(sorted(ids)[:MAX_PER_ACTION]),
            has_handlers=region_id in handled,
        )
        for (region_id, municipality_id), ids in groups.items()
    ]
    return sorted(result, key=lambda offer: (-offer.count, offer.municipality.name, offer.region.name))


@dataclass
class Rerouted:
    region: Region
    municipality: Municipality
    moved: list[Intake] = field(default_factory=list)
    refused: int = 0


def reroute(user, region_id, municipality_id, intake_ids) -> Rerouted:
    """Move the confirmed waiting sign-ups (`intake_ids`) of `municipality_id` to `region_id`.

    Sign-ups that are not (or no longer) waiting, lie elsewhere, belong to another program or that
    the user may not open are left alone and counted in `refused`, without saying which. Raises
    RerouteError when the user may not re-route or the region does not take sign-ups there."""
    if not may_reroute(user):
        raise RerouteError(_("Only MeeleefGezin’s national coordinators can move sign-ups from the waitlist."))
    region = Region.objects.select_related("program").filter(pk=region_id).first()
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if region is None or municipality is None:
        raise RerouteError(_("This region or municipality does not exist (any more)."))
    if not region.takes_intakes or not region.municipalities.filter(pk=municipality.pk).exists():
        raise RerouteError(
            _("Region %(region)s does not take sign-ups from %(municipality)s; nothing was moved.")
            % {"region": region.name, "municipality": municipality.name}
        )
    wanted = sorted(set(intake_ids))[:MAX_PER_ACTION]
    result = Rerouted(region=region, municipality=municipality)
    with transaction.atomic():
        allowed = waiting(user).filter(pk__in=wanted, municipality=municipality, program_id=region.program_id)
        # Locked and checked again, so two coordinators confirming at once move each sign-up once.
        locked = (
            Intake.objects.select_for_update()
            .filter(pk__in=list(allowed.values_list("pk", flat=True)))
            .filter(waiting_filter())
            .defer("personal")
            .order_by("pk")
        )
        notices = []
        for intake in locked:
            from_region = intake.region_id
            intake.outcome = Outcome.REGION
            intake.region = region
            intake.program = region.program
            intake.save(update_fields=["outcome", "region", "program"])
            audit.record(
                intake,
                audit.REROUTED,
                user,
                from_region=from_region,
                to_region=region.pk,
                from_outcome=Outcome.WAITLIST.value,
                municipality=municipality.code,
            )
            notices.append(queue_rerouted(intake))
            result.moved.append(intake)
        deliver_when_committed(notices)
    result.refused = len(wanted) - len(result.moved)
    return result
