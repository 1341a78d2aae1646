"""Demo matches and yearly targets, so every figure of the board's report shows real numbers.

Safe to run again: the targets are created when missing (an edited target stays as it is), and each
demo pair of sign-ups has a fixed reference, so a pair that exists is left alone. The sign-ups are
plainly fake (example.org); they reach "matching" through the workflow and are matched with
`make_match`, like a handler would do it. Called at the end of `load_demo_content`.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from intake.audit import actions as audit
from intake.geography.models import Municipality, Region
from intake.records.models import REFERENCE_ALPHABET, ClosureReason, Intake, Outcome, Role, Status
from intake.workspace.matching import change_phase, end_match, make_match
from intake.workspace.models import MatchEndReason, MatchPhase, YearTarget, add_years
from intake.workspace.workflow import change_status
from programs.models import Program

# The targets of the domain brief over three years: last year, this year, next year.
TARGETS = {"Lekstroom": (5, 6, 8), "Utrecht": (6, 8, 10), None: (6, 8, 10)}

# Where the demo families live: (municipality code, PC4) per region; None is the waitlist (Zeist).
PLACES = {"Lekstroom": ("GM0356", "3431"), "Utrecht": ("GM0344", "3511"), None: ("GM0355", "3701")}
HANDLERS = {"Lekstroom": "lekstroom", "Utrecht": "utrecht", None: "coordinator"}


@dataclass(frozen=True)
class DemoMatch:
    key: str
    region: str | None
    started_on: datetime.date
    ended_on: datetime.date | None = None
    end_reason: str = ""
    phase: str = MatchPhase.ACTIVE


def demo_matches(today: datetime.date) -> list[DemoMatch]:
    """The demo's matches, dated from `today` (this year's never before 1 January)."""
    year_start = datetime.date(today.year, 1, 1)

    def this_year(days_ago):
        return max(year_start, today - datetime.timedelta(days=days_ago))

    last_year = datetime.date(today.year - 1, 6, 15)
    long_ago = add_years(today, -2) - datetime.timedelta(days=120)
    older = add_years(today, -3) + datetime.timedelta(days=30)
    return [
        # More than two years old and still active.
        DemoMatch("lekstroom-long", "Lekstroom", long_ago),
        # Ended before its two years were over, with a reason.
        DemoMatch(
            "lekstroom-ended",
            "Lekstroom",
            older,
            ended_on=older + datetime.timedelta(days=400),
            end_reason=MatchEndReason.HOST_STOPPED,
        ),
        DemoMatch("lekstroom-last-year", "Lekstroom", last_year),
        DemoMatch("lekstroom-this-year", "Lekstroom", this_year(60)),
        DemoMatch("lekstroom-new", "Lekstroom", this_year(7), phase=MatchPhase.SETTLING_IN),
        # Guided for the full two years, then ended: it counts as still active after two years.
        DemoMatch(
            "utrecht-completed",
            "Utrecht",
            older,
            ended_on=add_years(older, 2) + datetime.timedelta(days=10),
            end_reason=MatchEndReason.GUIDANCE_COMPLETED,
        ),
        DemoMatch("utrecht-last-year", "Utrecht", last_year + datetime.timedelta(days=30)),
        DemoMatch("utrecht-this-year", "Utrecht", this_year(30)),
        # Out of region: both families from the central waitlist, the financing found.
        DemoMatch("waitlist-financed", None, this_year(45)),
    ]


def demo_reference(key: str) -> str:
    """A fixed reference for a demo sign-up, in the format of the real ones."""
    digest = hashlib.sha256(f"meeleefgezin-demo-match:{key}".encode()).digest()
    chars = "".join(REFERENCE_ALPHABET[b % len(REFERENCE_ALPHABET)] for b in digest[:12])
    return f"MG-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _personal(role: str, key: str, pc4: str) -> dict:
    name = f"Demo {'ouder' if role == Role.PARENT else 'meeleefgezin'} {key}"
    email = f"{role.replace('_', '-')}-{key}@example.org"
    if role == Role.PARENT:
        return {
            "name": name,
            "phone": "06 00000000",
            "email": email,
            "postcode": f"{pc4}AA",
            "concerns": ["psychiatric"],
            "support": "outside_home",
            "notes": "Demo: verzonnen gegevens.",
        }
    return {
        "name": name,
        "phone": "06 00000000",
        "email": email,
        "postcode": f"{pc4}AA",
        "household": "Demo: verzonnen gegevens.",
        "motivation": "Demo: verzonnen gegevens.",
    }


def _signup(spec: DemoMatch, role: str, region, municipality, pc4, program, user) -> Intake:
    received = spec.started_on - datetime.timedelta(days=75)
    intake = _received(f"{spec.key}:{role}", role, region, municipality, pc4, program, received, spec.key)
    for days, status in ((3, Status.CONTACTED), (20, Status.SCREENING), (50, Status.MATCHING)):
        change_status(intake, status, user=user, now=_at(received + datetime.timedelta(days=days)))
    return intake


def _received(ref_key, role, region, municipality, pc4, program, received, key) -> Intake:
    intake = Intake.objects.create(
        reference=demo_reference(ref_key),
        role=role,
        outcome=Outcome.REGION if region else Outcome.WAITLIST,
        program=program,
        region=region,
        municipality=municipality,
        pc4=pc4,
        personal=_personal(role, key, pc4),
        consent_at=_at(received),
        created_at=_at(received),
        statuses_reached=[Status.NEW],
    )
    audit.record(intake, audit.RECEIVED, None, outcome=intake.outcome)
    return intake


def _waiting(program, today) -> int:
    """Two families still waiting on the central waitlist (Zeist and De Bilt), for the waitlist figure."""
    made = 0
    for key, role, code, pc4, days in (
        ("waiting-parent", Role.PARENT, "GM0355", "3701", 40),
        ("waiting-host", Role.HOST_FAMILY, "GM0310", "3731", 200),
    ):
        if Intake.objects.filter(reference=demo_reference(key)).exists():
            continue
        municipality = Municipality.objects.filter(code=code).first()
        _received(key, role, None, municipality, pc4, program, today - datetime.timedelta(days=days), key)
        made += 1
    return made


def _make(spec: DemoMatch, regions, program, users, today) -> bool:
    if Intake.objects.filter(reference=demo_reference(f"{spec.key}:{Role.PARENT}")).exists():
        return False
    region = regions[spec.region] if spec.region else None
    code, pc4 = PLACES[spec.region]
    municipality = Municipality.objects.filter(code=code).first()
    user = users[spec.region]
    with transaction.atomic():
        parent = _signup(spec, Role.PARENT, region, municipality, pc4, program, user)
        host = _signup(spec, Role.HOST_FAMILY, region, municipality, pc4, program, user)
        match = make_match(
            parent, host, spec.started_on, user=user, financing_found=region is None, now=_at(spec.started_on)
        )
        settled = spec.started_on + datetime.timedelta(days=42)
        if spec.phase != MatchPhase.SETTLING_IN and (spec.ended_on is None or settled < spec.ended_on):
            change_phase(match, MatchPhase.ACTIVE, user=user, now=_at(min(settled, today)))
        if spec.ended_on:
            end_match(match, spec.end_reason, spec.ended_on, user=user, now=_at(spec.ended_on, 16))
            for intake in (parent, host):
                change_status(
                    intake, Status.CLOSED, user=user, reason=ClosureReason.MATCH_ENDED, now=_at(spec.ended_on, 17)
                )
    return True


def load(stdout=None, today: datetime.date | None = None) -> dict:
    """Create the demo targets and matches that are missing; returns what was created."""
    today = today or timezone.localdate()
    program = Program.objects.get(code="meeleefgezin")
    regions = {r.name: r for r in Region.objects.filter(program=program, name__in=["Lekstroom", "Utrecht"])}
    User = get_user_model()
    users = {region: User.objects.filter(username=username).first() for region, username in HANDLERS.items()}
    if len(regions) < 2 or not all(users.values()):
        if stdout is not None:
            stdout.write("Demo matches skipped: run load_demo_intake first (regions and handlers).")
        return {"targets": 0, "matches": 0, "waiting": 0}

    targets = 0
    for name, numbers in TARGETS.items():
        for offset, number in zip((-1, 0, 1), numbers, strict=True):
            _target, created = YearTarget.objects.get_or_create(
                region=regions[name] if name else None, year=today.year + offset, defaults={"matches": number}
            )
            targets += created
    made = sum(_make(spec, regions, program, users, today) for spec in demo_matches(today))
    waiting = _waiting(program, today)
    if stdout is not None:
        stdout.write(f"Demo matches: {made} matches, {targets} yearly targets and {waiting} waiting sign-ups added.")
    return {"targets": targets, "matches": made, "waiting": waiting}
