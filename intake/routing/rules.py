"""The routing decision: which program and region receive a sign-up, or why none fits.

Pure: plain dataclasses and dates in, a `Decision` out. No ORM, no request, no templates, no mail,
so the whole rule table can be tested in milliseconds and explained to the visitor word for word.
`intake.geography.lookup` gathers the facts from the database and calls `decide()`; the codes are
in `vocabulary`, the sentences in `wording`.

The rules, in order (each step is a small predicate with a reason code):

1. Host family (role ``host_family``): MeeleefGezin. An active MeeleefGezin region covering the
   municipality -> ``region``; otherwise (no active region, location unknown) -> ``waitlist``.
2. Parent or referrer: does MeeleefGezin fit? Every program's fit is checked with the same
   predicates, all read from the program's facts (never hard-coded here):
      age        too_young / too_old / pregnancy (program does not start before birth) /
                 due_date_too_far (expected more than MAX_MONTHS_BEFORE_BIRTH months ahead)
      concerns   no_concerns / concerns_not_covered (no overlap with the program's concerns)
      setting    wants_at_home / wants_outside_home (the wanted support excludes the program's setting)
3. MeeleefGezin fits: an active MeeleefGezin region covers the municipality -> ``region``;
   otherwise -> ``waitlist`` (reasons no_active_region [+ region_inactive] or unknown_location),
   with fitting partner programs that have an active region there as alternatives.
4. MeeleefGezin does not fit: fitting partner programs with an active region there -> ``partner``
   (best one: the wanted setting first, then the programs' order), the others as alternatives.
5. Nothing local fits -> ``not_eligible``, with fitting partner programs without local coverage
   (region None) and always the generic referral to the CJG / neighbourhood team.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date

from programs import facts as vocab

from . import wording
from .vocabulary import (
    ACTIVE_REGION,
    ALT_ELSEWHERE,
    ALT_LOCAL,
    ALT_REFERRAL,
    CJG,
    CONCERNS_NOT_COVERED,
    DUE_DATE_TOO_FAR,
    FITS,
    HOST_FAMILY,
    MAX_MONTHS_BEFORE_BIRTH,
    MEELEEFGEZIN,
    NO_ACTIVE_REGION,
    NO_CONCERNS,
    NO_LOCAL_PROGRAM,
    NOT_ELIGIBLE,
    PARENT,
    PARTNER,
    PARTNER_AVAILABLE,
    PREGNANCY,
    PROGRAM_MISSING,
    REGION,
    REGION_INACTIVE,
    TOO_OLD,
    TOO_YOUNG,
    UNKNOWN_LOCATION,
    WAITLIST,
    WANTS_AT_HOME,
    WANTS_OUTSIDE_HOME,
)

# --- Plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityInfo:
    code: str
    name: str
    id: int | None = field(default=None, compare=False)  # the database row: storing needs no second look-up


@dataclass(frozen=True)
class RegionInfo:
    id: int
    name: str
    program_code: str
    takes_intakes: bool
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class ProgramInfo:
    code: str
    name: str
    min_age_months: int
    max_age_months: int
    allows_pregnancy: bool
    setting: str
    concerns: frozenset[str]
    website: str = ""
    sort_order: int = 0
    id: int | None = field(default=None, compare=False)  # the database row: storing needs no second look-up


@dataclass(frozen=True)
class Alternative:
    program: str
    name: str
    region: RegionInfo | None
    reason: str


@dataclass(frozen=True)
class Location:
    """Where a family lives, resolved once: the PC4, its municipalities (largest share first) and the
    municipality that counts (the largest, or the one the visitor chose among them)."""

    pc4: str = ""
    municipality: MunicipalityInfo | None = None
    candidates: tuple[MunicipalityInfo, ...] = ()

    @property
    def is_split(self) -> bool:
        """The PC4 lies in more than one municipality: the visitor may have to choose."""
        return len(self.candidates) > 1

    def choose(self, code: str | None) -> Location:
        """The same PC4 with the candidate `code` as the municipality (unknown codes change nothing)."""
        chosen = next((m for m in self.candidates if m.code == code), None)
        return replace(self, municipality=chosen) if chosen else self


@dataclass(frozen=True)
class Facts:
    role: str
    municipality: MunicipalityInfo | None
    child_birth_date: date | None
    concerns: frozenset[str]
    support: str | None
    today: date
    municipality_candidates: tuple[MunicipalityInfo, ...] = ()


@dataclass(frozen=True)
class Coverage:
    programs: tuple[ProgramInfo, ...]
    regions: tuple[RegionInfo, ...]  # regions that cover the facts' municipality (active or not)


@dataclass(frozen=True)
class Decision:
    outcome: str
    program: ProgramInfo | None
    region: RegionInfo | None
    municipality: MunicipalityInfo | None
    alternatives: tuple[Alternative, ...]
    reasons: tuple[str, ...]
    municipality_candidates: tuple[MunicipalityInfo, ...] = ()
    # Context for the explanation (not part of the public contract).
    role: str = PARENT
    age_months: int | None = None
    meeleefgezin: ProgramInfo | None = field(default=None, repr=False)
    inactive_region: RegionInfo | None = field(default=None, repr=False)

    @property
    def explanation(self) -> str:
        """One or two plain-language sentences in the active language."""
        return wording.explain(self)

    @property
    def headline(self) -> str:
        """The answer in one line, in the active language."""
        return wording.headline(self)


# --- Dates -----------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a day that does not exist becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_in_months(birth_date: date, today: date) -> int | None:
    """Whole months since birth; None for a future date (an expected due date).

    A monthly anniversary that does not exist falls on the month's last day: a child born on
    31 January is one month old on 28 (29) February, and a child born on 29 February turns
    five on 28 February of a common year.
    """
    if birth_date > today:
        return None
    months = (today.year - birth_date.year) * 12 + today.month - birth_date.month
    anniversary_day = min(birth_date.day, calendar.monthrange(today.year, today.month)[1])
    if today.day < anniversary_day:
        months -= 1
    return months


def latest_due_date(today: date) -> date:
    """The latest expected due date that is accepted (MAX_MONTHS_BEFORE_BIRTH months ahead)."""
    return add_months(today, MAX_MONTHS_BEFORE_BIRTH)


# --- Predicates ------------------------------------------------------------------------------
# Each returns None when the fact fits the program, or the reason code why not.


def _age_reason(program: ProgramInfo, facts: Facts) -> str | None:
    birth = facts.child_birth_date
    if birth is None:  # not known (the forms require it): not checked
        return None
    if birth > facts.today:
        if birth > latest_due_date(facts.today):
            return DUE_DATE_TOO_FAR
        return None if program.allows_pregnancy else PREGNANCY
    months = age_in_months(birth, facts.today)
    if months < program.min_age_months:
        return TOO_YOUNG
    if months > program.max_age_months:
        return TOO_OLD
    return None


def _concerns_reason(program: ProgramInfo, facts: Facts) -> str | None:
    if not facts.concerns:
        return NO_CONCERNS
    if not facts.concerns & program.concerns:
        return CONCERNS_NOT_COVERED
    return None


def _setting_reason(program: ProgramInfo, facts: Facts) -> str | None:
    wanted = vocab.SUPPORT_TO_SETTINGS.get(facts.support or vocab.EITHER, set())
    if program.setting in wanted:
        return None
    return WANTS_AT_HOME if facts.support == vocab.AT_HOME else WANTS_OUTSIDE_HOME


# The rule table for "does this program fit this family?", in the order the reasons are explained.
FIT_RULES = (
    ("age", _age_reason),
    ("concerns", _concerns_reason),
    ("setting", _setting_reason),
)


def misfit_reasons(program: ProgramInfo, facts: Facts) -> tuple[str, ...]:
    """Reason codes why `program` does not fit the family; empty when it fits."""
    return tuple(reason for _name, rule in FIT_RULES if (reason := rule(program, facts)))


def _active_region(program: ProgramInfo, coverage: Coverage) -> RegionInfo | None:
    for region in coverage.regions:
        if region.program_code == program.code and region.takes_intakes:
            return region
    return None


def _inactive_region(program: ProgramInfo, coverage: Coverage) -> RegionInfo | None:
    for region in coverage.regions:
        if region.program_code == program.code and not region.takes_intakes:
            return region
    return None


def _partner_fits(facts: Facts, coverage: Coverage) -> list[tuple[ProgramInfo, RegionInfo | None]]:
    """Fitting partner programs with their active local region (or None), best first.

    The setting is part of the fit (a program whose setting the family does not want never fits),
    so "the wanted setting first" holds by construction; among fitting programs their order decides.
    """
    found = []
    for position, program in enumerate(coverage.programs):
        if program.code == MEELEEFGEZIN or misfit_reasons(program, facts):
            continue
        region = _active_region(program, coverage) if facts.municipality else None
        found.append((program.sort_order, position, program, region))
    found.sort(key=lambda item: item[:2])
    return [(program, region) for *_key, program, region in found]


def _cjg() -> Alternative:
    return Alternative(program=CJG, name=wording.CJG_NAME, region=None, reason=ALT_REFERRAL)


# --- The decision ----------------------------------------------------------------------------


def decide(facts: Facts, coverage: Coverage) -> Decision:
    """Route one family (or host family) given the programs and the regions covering its municipality."""
    meeleefgezin = next((p for p in coverage.programs if p.code == MEELEEFGEZIN), None)
    common = {
        "municipality": facts.municipality,
        "municipality_candidates": facts.municipality_candidates,
        "role": facts.role,
        "meeleefgezin": meeleefgezin,
        "age_months": (
            age_in_months(facts.child_birth_date, facts.today)
            if facts.child_birth_date and facts.role != HOST_FAMILY
            else None
        ),
    }

    if facts.role == HOST_FAMILY:
        if meeleefgezin is None:
            return Decision(NOT_ELIGIBLE, None, None, alternatives=(), reasons=(PROGRAM_MISSING,), **common)
        return _meeleefgezin_decision(meeleefgezin, facts, coverage, alternatives=(), common=common)

    partners = _partner_fits(facts, coverage)
    local = [(program, region) for program, region in partners if region is not None]
    not_local = [(program, region) for program, region in partners if region is None]

    misfits = misfit_reasons(meeleefgezin, facts) if meeleefgezin else (PROGRAM_MISSING,)
    if not misfits:
        alternatives = tuple(Alternative(p.code, p.name, r, ALT_LOCAL) for p, r in local) + (_cjg(),)
        return _meeleefgezin_decision(meeleefgezin, facts, coverage, alternatives=alternatives, common=common)

    if local:
        (program, region), others = local[0], local[1:]
        alternatives = tuple(Alternative(p.code, p.name, r, ALT_LOCAL) for p, r in others)
        alternatives += tuple(Alternative(p.code, p.name, None, ALT_ELSEWHERE) for p, _r in not_local)
        return Decision(
            PARTNER,
            program,
            region,
            alternatives=alternatives + (_cjg(),),
            reasons=misfits + (PARTNER_AVAILABLE,),
            **common,
        )

    alternatives = tuple(Alternative(p.code, p.name, None, ALT_ELSEWHERE) for p, _r in not_local)
    reasons = misfits + ((NO_LOCAL_PROGRAM,) if facts.municipality else (UNKNOWN_LOCATION,))
    return Decision(NOT_ELIGIBLE, None, None, alternatives=alternatives + (_cjg(),), reasons=reasons, **common)


def _meeleefgezin_decision(program, facts, coverage, *, alternatives, common) -> Decision:
    if facts.municipality is None:
        return Decision(WAITLIST, program, None, alternatives=alternatives, reasons=(FITS, UNKNOWN_LOCATION), **common)
    region = _active_region(program, coverage)
    if region is not None:
        return Decision(REGION, program, region, alternatives=(), reasons=(FITS, ACTIVE_REGION), **common)
    inactive = _inactive_region(program, coverage)
    reasons = (FITS, NO_ACTIVE_REGION) + ((REGION_INACTIVE,) if inactive else ())
    return Decision(
        WAITLIST, program, None, alternatives=alternatives, reasons=reasons, inactive_region=inactive, **common
    )
