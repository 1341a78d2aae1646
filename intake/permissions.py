"""Who may open a sign-up, and who is told about it: decided here, once, so the two never disagree.

- The handlers of a sign-up's region (`Region.handlers`) may open it.
- The national coordinators of its program (`Program.coordinators`) may open it when it is theirs:
  MeeleefGezin's own sign-ups (its regions and the central waitlist) and the sign-ups a partner
  program received with the parents' permission (it then has a region).
- A sign-up that nobody above can open (not eligible, a partner without permission to pass it on,
  a region or program without accounts here) stays with MeeleefGezin's national coordinators, who
  refer it on.
- Superusers may open every sign-up. Page editors open none.

The notice about a new sign-up goes to the nearest of the people who may open it (superusers only
when nobody else can), so an e-mail never points at a sign-up its reader cannot see.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from intake.geography.models import Region
from intake.records.models import Intake
from intake.routing.vocabulary import MEELEEFGEZIN
from programs.models import Program


def is_active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _region_handled():
    return Exists(Region.handlers.through.objects.filter(region_id=OuterRef("region_id"), user__is_active=True))


def _program_coordinated():
    return Exists(Program.coordinators.through.objects.filter(program_id=OuterRef("program_id"), user__is_active=True))


def _program_may_see() -> Q:
    """The program's own sign-ups: MeeleefGezin's, or a partner's that the parents let us pass on."""
    return Q(program__code=MEELEEFGEZIN) | Q(region__isnull=False)


def _unattended() -> Q:
    """Sign-ups that no region handler and no coordinator of their own program can open."""
    return ~Q(_region_handled()) & ~(Q(_program_coordinated()) & _program_may_see())


def intakes_visible_to(user) -> QuerySet[Intake]:
    """The sign-ups this user may open: the only place where that is decided."""
    intakes = Intake.objects.all()
    if not is_active(user):
        return intakes.none()
    if user.is_superuser:
        return intakes
    condition = Q(region__handlers=user) | (Q(program__coordinators=user) & _program_may_see())
    if user.coordinated_programs.filter(code=MEELEEFGEZIN).exists():
        condition |= _unattended()
    return intakes.filter(pk__in=Intake.objects.filter(condition).values("pk"))


def may_open(user, intake: Intake) -> bool:
    return intakes_visible_to(user).filter(pk=intake.pk).exists()


def works_intakes(user) -> bool:
    """May this user open the sign-up queue at all (handlers, coordinators, superusers)?"""
    return is_active(user) and (
        user.is_superuser or user.intake_regions.exists() or user.coordinated_programs.exists()
    )


def _tiers(intake: Intake) -> list[QuerySet]:
    """Who may open a sign-up, nearest first: its region's handlers, its program's coordinators
    (when it is theirs), then MeeleefGezin's coordinators for what nobody else can open."""
    users = get_user_model().objects.filter(is_active=True)
    tiers = []
    if intake.region_id:
        tiers.append(users.filter(intake_regions=intake.region_id))
    program_may_see = intake.region_id is not None or (intake.program_id and intake.program.code == MEELEEFGEZIN)
    if intake.program_id and program_may_see:
        tiers.append(users.filter(coordinated_programs=intake.program_id))
    if not any(tier.exists() for tier in tiers):
        tiers.append(users.filter(coordinated_programs__code=MEELEEFGEZIN))
    return tiers


def people_who_may_open(intake: Intake) -> QuerySet:
    """The active accounts that may open this sign-up, superusers excluded."""
    User = get_user_model()
    ids = set()
    for tier in _tiers(intake):
        ids.update(tier.values_list("pk", flat=True))
    return User.objects.filter(pk__in=ids)


def notice_recipients(intake: Intake) -> list[str]:
    """The addresses told about a new sign-up: the nearest people who may open it (its region's
    handlers; else its program's coordinators; else MeeleefGezin's), superusers when nobody else can.
    Everybody told can open it; not everybody who can open it is told."""
    told = next((tier for tier in _tiers(intake) if tier.exists()), None)
    if told is None:
        told = get_user_model().objects.filter(is_active=True, is_superuser=True)
    emails, seen = [], set()
    for email in told.order_by("pk").values_list("email", flat=True):
        if email and email.lower() not in seen:
            seen.add(email.lower())
            emails.append(email)
    return emails
