"""The routing decision in words: plain sentences (B1) in the active language.

Pure like the rules: a decision in, text out. `explain` says why, `headline` says what, both for the
find-support answer, the API, the thanks page and the admin preview alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from programs import ages
from programs import facts as vocab

from .vocabulary import (
    CJG,
    CONCERNS_NOT_COVERED,
    DUE_DATE_TOO_FAR,
    HOST_FAMILY,
    MAX_MONTHS_BEFORE_BIRTH,
    NO_CONCERNS,
    PARTNER,
    PREGNANCY,
    REGION,
    REGION_INACTIVE,
    TOO_OLD,
    TOO_YOUNG,
    UNKNOWN_LOCATION,
    WAITLIST,
    WANTS_AT_HOME,
    WANTS_OUTSIDE_HOME,
)

CJG_NAME = gettext_lazy("Centre for Youth and Family (CJG) or neighbourhood team of your municipality")

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


def _misfit_sentence(reason: str, program, decision) -> str:
    name = program.name
    if reason == TOO_OLD:
        limit = ages.limit_phrase(program.max_age_months)
        if decision.age_months is None:
            return _("%(name)s is for children %(limit)s.") % {"name": name, "limit": limit}
        return _("%(name)s is for children %(limit)s; the child is %(age)s.") % {
            "name": name,
            "limit": limit,
            "age": ages.age_phrase(decision.age_months),
        }
    if reason == TOO_YOUNG:
        return _("%(name)s starts when a child is %(age)s.") % {
            "name": name,
            "age": ages.age_phrase(program.min_age_months),
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


def explain(decision) -> str:
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


def headline(decision) -> str:
    """The answer in one line: where a sign-up would go."""
    if decision.outcome == REGION:
        if decision.role == HOST_FAMILY:
            return _("You can sign up as a host family with MeeleefGezin %(region)s") % {
                "region": decision.region.name
            }
        return _("You can sign up with MeeleefGezin %(region)s") % {"region": decision.region.name}
    if decision.outcome == WAITLIST:
        return str(_("You can sign up for the central waitlist"))
    if decision.outcome == PARTNER:
        return _("%(program)s may help you") % {"program": decision.program.name}
    if decision.reasons and decision.reasons[0] == NO_CONCERNS:
        return str(_("Tell us a little more"))
    return str(_("MeeleefGezin does not fit this situation"))
