"""Making a match between a parent's sign-up and a host family's, and following it through its phases.

A match links a parent's sign-up to a host family's sign-up:

- in one region: both sign-ups routed to the same region (the match's region), or
- out of region: both on the central waitlist, and only when the referrer has found the route to
  financing (the match costs the foundation nothing); the match then has no region.

Both sign-ups must be in status "matching", neither may be in a match that has not ended, and the
person making it must be allowed to open both (`intake.permissions.may_open`). Making it sets both
sign-ups to "matched" and records "matched" in both trails. A match then moves settling in → active
→ ended (with a reason and an end date; it may also end while settling in); every change is
recorded in both trails. Both families can turn to their professional for two years from the
start date (`Match.guidance_ends_on`).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.audit import actions as audit
from intake.permissions import intakes_visible_to, may_open
from intake.records.models import Intake, Outcome, Role, Status
from intake.routing.vocabulary import MEELEEFGEZIN
from intake.workspace.models import Match, MatchEndReason, MatchPhase
from intake.workspace.workflow import WorkflowError, mark_matched

# What `make_match` reads fresh from the database (never the encrypted answers).
FRESH_FIELDS = ["role", "outcome", "program", "region", "status", "statuses_reached", "created_at"]

# Which phase may follow which. An ended match stays ended.
PHASES: dict[str, tuple[str, ...]] = {
    MatchPhase.SETTLING_IN: (MatchPhase.ACTIVE, MatchPhase.ENDED),
    MatchPhase.ACTIVE: (MatchPhase.ENDED,),
    MatchPhase.ENDED: (),
}

# The family side of a match: a parent's own sign-up, or a referral made for that family.
FAMILY_ROLES = (Role.PARENT, Role.REFERRER)


def open_matches():
    """Matches that have not ended."""
    return Match.objects.exclude(phase=MatchPhase.ENDED)


def open_match_of(intake: Intake) -> Match | None:
    """The match this sign-up is in now (as parent or host family), if any."""
    if intake.pk is None:
        return None
    return open_matches().filter(Q(parent=intake) | Q(host_family=intake)).first()


def _in_open_match(intake: Intake) -> bool:
    return open_matches().filter(Q(parent=intake) | Q(host_family=intake)).exists()


def _is_meeleefgezin(intake: Intake) -> bool:
    return intake.program_id is not None and intake.program.code == MEELEEFGEZIN


def candidates_for(parent: Intake, *, user):
    """The host families this parent's sign-up can be matched with, for this user: host-family sign-ups
    they may open, in status "matching", not in a match; of the parent's region, or (a parent on the
    central waitlist) on the waitlist too. Nothing personal is loaded."""
    candidates = (
        intakes_visible_to(user)
        .filter(role=Role.HOST_FAMILY, status=Status.MATCHING, program__code=MEELEEFGEZIN)
        .exclude(pk__in=open_matches().values("host_family"))
        .exclude(pk__in=open_matches().values("parent"))
        .defer("personal")
        .order_by("created_at", "pk")
    )
    if parent.outcome == Outcome.WAITLIST and parent.region_id is None:
        return candidates.filter(outcome=Outcome.WAITLIST, region__isnull=True)
    if parent.region_id is None:
        return candidates.none()
    return candidates.filter(region=parent.region_id)


def check_parent(parent: Intake, *, user) -> None:
    """Why this parent's sign-up cannot be matched now (raises `WorkflowError`), or nothing."""
    if not may_open(user, parent):
        raise WorkflowError(_("You may not open this sign-up."))
    if parent.role not in FAMILY_ROLES:
        raise WorkflowError(_("A match starts from a family's sign-up (a parent's or a referral); this is not one."))
    if not _is_meeleefgezin(parent):
        raise WorkflowError(_("Only MeeleefGezin's sign-ups can be matched with a host family."))
    if parent.status != Status.MATCHING:
        raise WorkflowError(
            _("The parent's sign-up has the status “%(status)s”. Move it to “Matching” first.")
            % {"status": parent.get_status_display()}
        )
    if _in_open_match(parent):
        raise WorkflowError(_("The parent's sign-up is already in a match that has not ended."))
    if parent.outcome != Outcome.WAITLIST and parent.region_id is None:
        raise WorkflowError(_("The parent's sign-up has no region and is not on the central waitlist."))


def match_region(parent: Intake, host_family: Intake, *, financing_found: bool):
    """The region the match belongs to (None: out of region), or `WorkflowError` when they cannot be matched."""
    parent_waits = parent.outcome == Outcome.WAITLIST and parent.region_id is None
    host_waits = host_family.outcome == Outcome.WAITLIST and host_family.region_id is None
    if parent_waits or host_waits:
        if not (parent_waits and host_waits):
            raise WorkflowError(
                _(
                    "A sign-up on the central waitlist can only be matched with another sign-up on the "
                    "waitlist (out of region), and a sign-up of a region only within that region."
                )
            )
        if not financing_found:
            raise WorkflowError(
                _(
                    "A match outside the active regions is only made when the referrer has found the route "
                    "to financing. Confirm that the financing is found."
                )
            )
        return None
    if parent.region_id != host_family.region_id:
        raise WorkflowError(_("The parent and the host family are in different regions; match within one region."))
    return parent.region


def check_match(parent: Intake, host_family: Intake, started_on, *, user, financing_found: bool = False, today=None):
    """Every rule of making a match; returns the match's region (None: out of region) or raises `WorkflowError`."""
    check_parent(parent, user=user)
    if host_family.pk == parent.pk:
        raise WorkflowError(_("Choose a host family's sign-up."))
    if not may_open(user, host_family):
        raise WorkflowError(_("You may not open the host family's sign-up."))
    if host_family.role != Role.HOST_FAMILY:
        raise WorkflowError(_("The second sign-up must be a host family's sign-up."))
    if not _is_meeleefgezin(host_family):
        raise WorkflowError(_("Only MeeleefGezin's sign-ups can be matched with a host family."))
    if host_family.status != Status.MATCHING:
        raise WorkflowError(
            _("The host family's sign-up has the status “%(status)s”. Move it to “Matching” first.")
            % {"status": host_family.get_status_display()}
        )
    if _in_open_match(host_family):
        raise WorkflowError(_("The host family's sign-up is already in a match that has not ended."))
    region = match_region(parent, host_family, financing_found=financing_found)
    check_start_date(started_on, parent, host_family, today=today)
    return region


def check_start_date(started_on, parent: Intake, host_family: Intake, *, today=None) -> None:
    today = today or timezone.localdate()
    if not isinstance(started_on, datetime.date) or isinstance(started_on, datetime.datetime):
        raise WorkflowError(_("Enter the date the match starts."))
    if started_on > today:
        raise WorkflowError(_("The start date cannot be in the future. Make the match on the day it starts."))
    received = max(timezone.localdate(parent.created_at), timezone.localdate(host_family.created_at))
    if started_on < received:
        raise WorkflowError(
            _("The start date cannot be before both sign-ups were received (%(date)s).")
            % {"date": received.strftime("%d-%m-%Y")}
        )


def make_match(
    parent: Intake, host_family: Intake, started_on, *, user, financing_found: bool = False, now=None
) -> Match:
    """Link a parent's sign-up to a host family's; both become "matched". Raises `WorkflowError`."""
    now = now or timezone.now()
    with transaction.atomic():
        # Lock both rows and read them fresh, so two people cannot match the same sign-up at once.
        list(Intake.objects.select_for_update().filter(pk__in=[parent.pk, host_family.pk]).values_list("pk"))
        for intake in (parent, host_family):
            intake.refresh_from_db(fields=FRESH_FIELDS)
        region = check_match(
            parent,
            host_family,
            started_on,
            user=user,
            financing_found=financing_found,
            today=timezone.localdate(now),
        )
        match = Match.objects.create(
            parent=parent,
            host_family=host_family,
            region=region,
            started_on=started_on,
            financing_found=bool(financing_found) and region is None,
            created_by=user if getattr(user, "pk", None) else None,
            created_at=now,
        )
        for intake, other, side in ((parent, host_family, "parent"), (host_family, parent, "host_family")):
            mark_matched(intake, user=user, now=now)
            audit.record(
                intake,
                audit.MATCHED,
                user,
                match=match.pk,
                **{"as": side, "with": other.pk, "region": region.pk if region else None},
            )
    return match


def next_phases(match: Match) -> list[str]:
    return list(PHASES.get(match.phase, ()))


def check_phase_change(match: Match, phase: str, *, user, ended_on=None, end_reason: str = "", today=None) -> None:
    """Every rule of moving a match to `phase`; raises `WorkflowError`."""
    today = today or timezone.localdate()
    if not may_open(user, match.parent):
        raise WorkflowError(_("You may not open this match."))
    if phase not in MatchPhase.values:
        raise WorkflowError(_("Choose a phase."))
    if phase == match.phase:
        raise WorkflowError(
            _("This match is already in the phase “%(phase)s”.") % {"phase": match.get_phase_display()}
        )
    if phase not in PHASES.get(match.phase, ()):
        if match.phase == MatchPhase.ENDED:
            raise WorkflowError(_("This match has ended; an ended match cannot start again. Make a new match."))
        raise WorkflowError(
            _("A match cannot go from “%(old)s” back to “%(new)s”.")
            % {"old": match.get_phase_display(), "new": MatchPhase(phase).label}
        )
    if phase == MatchPhase.ENDED:
        if end_reason not in MatchEndReason.values:
            raise WorkflowError(_("Choose why the match ended."))
        if not isinstance(ended_on, datetime.date) or isinstance(ended_on, datetime.datetime):
            raise WorkflowError(_("Enter the date the match ended."))
        if ended_on < match.started_on:
            raise WorkflowError(
                _("The end date cannot be before the start date (%(date)s).")
                % {"date": match.started_on.strftime("%d-%m-%Y")}
            )
        if ended_on > today:
            raise WorkflowError(_("The end date cannot be in the future."))


def change_phase(match: Match, phase: str, *, user, ended_on=None, end_reason: str = "", now=None) -> Match:
    """Move a match to its next phase (ending it needs a reason and an end date); recorded on both sign-ups."""
    now = now or timezone.now()
    with transaction.atomic():
        list(Match.objects.select_for_update().filter(pk=match.pk).values_list("pk"))
        match.refresh_from_db(fields=["phase", "ended_on", "end_reason", "started_on", "parent", "host_family"])
        check_phase_change(
            match, phase, user=user, ended_on=ended_on, end_reason=end_reason, today=timezone.localdate(now)
        )
        old = match.phase
        match.phase = phase
        data = {"match": match.pk, "from": old, "to": phase}
        if phase == MatchPhase.ENDED:
            match.ended_on = ended_on
            match.end_reason = end_reason
            data["reason"] = end_reason
        match.save(update_fields=["phase", "ended_on", "end_reason"])
        for intake in (match.parent, match.host_family):
            audit.record(intake, audit.MATCH_CHANGED, user, **data)
    return match


def end_match(match: Match, reason: str, ended_on, *, user, now=None) -> Match:
    """End a match (from settling in or active) with a reason and an end date."""
    return change_phase(match, MatchPhase.ENDED, user=user, ended_on=ended_on, end_reason=reason, now=now)
