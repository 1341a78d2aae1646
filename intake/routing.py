"""The routing decision: which program and region receive a sign-up, or why none fits.

Pure: plain dataclasses and dates in, a `Decision` out. No ORM, no request, no templates, no mail,
so the whole rule table can be tested in milliseconds and explained to the visitor word for word.
`intake.coverage` gathers the facts from the database and calls `decide()`.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from programs import facts as vocab

# Outcomes (the same values as intake.models.Outcome).
REGION = "region"
WAITLIST = "waitlist"
PARTNER = "partner"
NOT_ELIGIBLE = "not_eligible"
OUTCOMES = (REGION, WAITLIST, PARTNER, NOT_ELIGIBLE)

# Roles (the same values as intake.models.Role).
PARENT = "parent"
HOST_FAMILY = "host_family"
REFERRER = "referrer"
ROLES = (PARENT, HOST_FAMILY, REFERRER)

MEELEEFGEZIN = "meeleefgezin"
CJG = "cjg"  # the generic alternative: the municipality's CJG or neighbourhood team

# An expected due date may lie at most this many months ahead (a pregnancy lasts about nine).
MAX_MONTHS_BEFORE_BIRTH = 10

# Reason codes.
FITS = "fits"
ACTIVE_REGION = "active_region"
NO_ACTIVE_REGION = "no_active_region"
REGION_INACTIVE = "region_inactive"
UNKNOWN_LOCATION = "unknown_location"
TOO_YOUNG = "too_young"
TOO_OLD = "too_old"
PREGNANCY = "pregnancy"
DUE_DATE_TOO_FAR = "due_date_too_far"
NO_CONCERNS = "no_concerns"
CONCERNS_NOT_COVERED = "concerns_not_covered"
WANTS_AT_HOME = "wants_at_home"
WANTS_OUTSIDE_HOME = "wants_outside_home"
PARTNER_AVAILABLE = "partner_available"
NO_LOCAL_PROGRAM = "no_local_program"
PROGRAM_MISSING = "program_missing"

# Alternative reasons.
ALT_LOCAL = "local"  # fits and has an active region in the municipality
ALT_ELSEWHERE = "not_local"  # fits, but no active region in the municipality
ALT_REFERRAL = "referral"  # ask the CJG / neighbourhood team


# --- Plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityInfo:
    code: str
    name: str

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True)
class RegionInfo:
    id: int
    name: str
    program_code: str
    takes_intakes: bool
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "program": self.program_code,
            "takes_intakes": self.takes_intakes,
            "contact_name": self.contact_name,
            "contact_email": self.contact_email,
            "contact_phone": self.contact_phone,
        }


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


@dataclass(frozen=True)
class Alternative:
    program: str
    name: str
    region: RegionInfo | None
    reason: str

    def as_dict(self) -> dict:
        return {
            "program": self.program,
            "name": str(self.name),
            "region": self.region.as_dict() if self.region else None,
            "reason": self.reason,
        }


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
        return explain(self)

    def as_dict(self) -> dict:
        return {
            "outcome": self.outcome,
            "program": self.program.code if self.program else None,
            "program_name": self.program.name if self.program else None,
            "region": self.region.as_dict() if self.region else None,
            "municipality": self.municipality.as_dict() if self.municipality else None,
            "municipality_candidates": [m.as_dict() for m in self.municipality_candidates],
            "alternatives": [a.as_dict() for a in self.alternatives],
            "reasons": list(self.reasons),
            "explanation": self.explanation,
        }


CJG_NAME = gettext_lazy("Centre for Youth and Family (CJG) or neighbourhood team of your municipality")


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
    return Alternative(program=CJG, name=CJG_NAME, region=None, reason=ALT_REFERRAL)


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


# --- Explanation -----------------------------------------------------------------------------

CONCERN_PHRASES = {
    vocab.PSYCHIATRIC: gettext_lazy("psychiatric problems"),
    vocab.ADDICTION: gettext_lazy("an addiction"),
    vocab.PARENTING_QUESTIONS: gettext_lazy("everyday questions about parenting"),
    vocab.MULTIPLE_PROBLEMS: gettext_lazy("problems on several fronts at once"),
}


def _join_or(items: Iterable[str]) -> str:
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s or %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _age_phrase(months: int) -> str:
    if months < 24:
        return ngettext("%(count)d month old", "%(count)d months old", months) % {"count": months}
    years = months // 12
    return ngettext("%(count)d year old", "%(count)d years old", years) % {"count": years}


ORDINALS = {
    1: pgettext_lazy("birthday", "first"),
    2: pgettext_lazy("birthday", "second"),
    3: pgettext_lazy("birthday", "third"),
    4: pgettext_lazy("birthday", "fourth"),
    5: pgettext_lazy("birthday", "fifth"),
    6: pgettext_lazy("birthday", "sixth"),
    7: pgettext_lazy("birthday", "seventh"),
    8: pgettext_lazy("birthday", "eighth"),
    9: pgettext_lazy("birthday", "ninth"),
    10: pgettext_lazy("birthday", "tenth"),
    11: pgettext_lazy("birthday", "eleventh"),
    12: pgettext_lazy("birthday", "twelfth"),
}


def _limit_phrase(program: ProgramInfo) -> str:
    """'until their fifth birthday' for 59 months; 'up to 30 months old' for other limits."""
    next_birthday, rest = divmod(program.max_age_months + 1, 12)
    if rest == 0 and next_birthday in ORDINALS:
        return _("until their %(ordinal)s birthday") % {"ordinal": ORDINALS[next_birthday]}
    return _("up to %(age)s") % {"age": _age_phrase(program.max_age_months)}


def _misfit_sentence(reason: str, program: ProgramInfo, decision: Decision) -> str:
    name = program.name
    if reason == TOO_OLD:
        limit = _limit_phrase(program)
        if decision.age_months is None:
            return _("%(name)s is for children %(limit)s.") % {"name": name, "limit": limit}
        return _("%(name)s is for children %(limit)s; the child is %(age)s.") % {
            "name": name,
            "limit": limit,
            "age": _age_phrase(decision.age_months),
        }
    if reason == TOO_YOUNG:
        return _("%(name)s starts when a child is %(age)s.") % {
            "name": name,
            "age": _age_phrase(program.min_age_months),
        }
    if reason == PREGNANCY:
        return _("%(name)s can only start after the child is born.") % {"name": name}
    if reason == DUE_DATE_TOO_FAR:
        return _("The expected due date is more than %(count)d months away.") % {"count": MAX_MONTHS_BEFORE_BIRTH}
    if reason == CONCERNS_NOT_COVERED:
        phrases = [CONCERN_PHRASES[c] for c in vocab.CONCERN_CODES if c in program.concerns]
        return _("%(name)s is for families in which a parent has %(concerns)s.") % {
            "name": name,
            "concerns": _join_or(phrases),
        }
    if reason == NO_CONCERNS:
        return _("Tell us what worries you, so we can see which program fits.")
    if reason == WANTS_AT_HOME:
        return _("With %(name)s the child stays with another family, and you are looking for help at home.") % {
            "name": name
        }
    if reason == WANTS_OUTSIDE_HOME:
        return _("%(name)s comes to your home, and you are looking for a family where the child can stay.") % {
            "name": name
        }
    return ""


def explain(decision: Decision) -> str:
    """The decision in one or two plain sentences (B1), in the active language."""
    reasons = decision.reasons
    program = decision.program
    municipality = decision.municipality.name if decision.municipality else ""
    host = decision.role == HOST_FAMILY

    if decision.outcome == REGION:
        names = {"program": program.name, "region": decision.region.name, "municipality": municipality}
        if host:
            return _("%(program)s %(region)s is looking for host families in %(municipality)s.") % names
        return _("%(program)s fits this situation. %(program)s %(region)s handles sign-ups from %(municipality)s.") % (
            names
        )

    if decision.outcome == WAITLIST:
        names = {"program": program.name, "municipality": municipality}
        if UNKNOWN_LOCATION in reasons:
            where = _("We do not know the municipality yet, so the sign-up goes on the central waitlist.")
        elif REGION_INACTIVE in reasons and decision.inactive_region:
            names["region"] = decision.inactive_region.name
            where = (
                _(
                    "%(program)s %(region)s does not take sign-ups yet, so a sign-up from %(municipality)s goes on "
                    "the central waitlist."
                )
                % names
            )
        else:
            where = (
                _("%(program)s does not work in %(municipality)s yet, so the sign-up goes on the central waitlist.")
                % names
            )
        if host:
            first = _("Thank you for wanting to become a host family.")
        else:
            first = _("%(program)s fits this situation.") % names
        return f"{first} {where}"

    why = ""
    if decision.meeleefgezin is None:
        why = _("MeeleefGezin is not available at the moment.")
    else:
        for reason in reasons:
            why = _misfit_sentence(reason, decision.meeleefgezin, decision)
            if why:
                break

    if decision.outcome == PARTNER:
        then = _("%(program)s may help: it works in %(municipality)s.") % {
            "program": program.name,
            "municipality": municipality,
        }
        return f"{why} {then}"

    others = [a.name for a in decision.alternatives if a.program != CJG]
    if not others:
        then = _("Ask the CJG or neighbourhood team of your municipality what would fit.")
    elif UNKNOWN_LOCATION in reasons:
        then = ngettext(
            "%(programs)s may fit; the CJG or neighbourhood team of your municipality can tell you more.",
            "%(programs)s may fit; the CJG or neighbourhood team of your municipality can tell you more.",
            len(others),
        ) % {"programs": _join_or(others)}
    else:
        then = ngettext(
            "%(programs)s may fit, but does not work in %(municipality)s yet. Ask the CJG or neighbourhood "
            "team what would fit.",
            "%(programs)s may fit, but do not work in %(municipality)s yet. Ask the CJG or neighbourhood "
            "team what would fit.",
            len(others),
        ) % {"programs": _join_or(others), "municipality": municipality}
    return f"{why} {then}"
