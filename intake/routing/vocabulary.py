"""The routing's vocabulary: roles, outcomes, program codes and reason codes.

Plain values shared by the rules, their wording and the models' choices (`intake.records.models`
builds its `Role` and `Outcome` choices from these lists), so a code exists in one place only.
"""

from django.utils.translation import gettext_lazy as _

# Roles: who signs up.
PARENT = "parent"
HOST_FAMILY = "host_family"
REFERRER = "referrer"
ROLE_CHOICES = [(PARENT, _("Parent")), (HOST_FAMILY, _("Host family")), (REFERRER, _("Referrer"))]

# Outcomes: where a sign-up goes.
REGION = "region"  # a region of the fitting program takes it
WAITLIST = "waitlist"  # MeeleefGezin fits, no active region: the central waitlist
PARTNER = "partner"  # another program of the collective fits and works there
NOT_ELIGIBLE = "not_eligible"  # nothing local fits: alternatives and the CJG
OUTCOME_CHOICES = [
    (REGION, _("Region")),
    (WAITLIST, _("Central waitlist")),
    (PARTNER, _("Partner program")),
    (NOT_ELIGIBLE, _("Not eligible")),
]

MEELEEFGEZIN = "meeleefgezin"
CJG = "cjg"  # the generic alternative: the municipality's CJG or neighbourhood team

# An expected due date may lie at most this many months ahead (a pregnancy lasts about nine).
MAX_MONTHS_BEFORE_BIRTH = 10

# Reason codes: why a decision came out as it did.
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
REASONS = frozenset(
    {
        FITS,
        ACTIVE_REGION,
        NO_ACTIVE_REGION,
        REGION_INACTIVE,
        UNKNOWN_LOCATION,
        TOO_YOUNG,
        TOO_OLD,
        PREGNANCY,
        DUE_DATE_TOO_FAR,
        NO_CONCERNS,
        CONCERNS_NOT_COVERED,
        WANTS_AT_HOME,
        WANTS_OUTSIDE_HOME,
        PARTNER_AVAILABLE,
        NO_LOCAL_PROGRAM,
        PROGRAM_MISSING,
    }
)
# The reasons that say why a program does not fit a family (each has its own sentence).
MISFIT_REASONS = frozenset(
    {
        TOO_YOUNG,
        TOO_OLD,
        PREGNANCY,
        DUE_DATE_TOO_FAR,
        NO_CONCERNS,
        CONCERNS_NOT_COVERED,
        WANTS_AT_HOME,
        WANTS_OUTSIDE_HOME,
    }
)

# Why an alternative is offered.
ALT_LOCAL = "local"  # fits and has an active region in the municipality
ALT_ELSEWHERE = "not_local"  # fits, but no active region in the municipality
ALT_REFERRAL = "referral"  # ask the CJG / neighbourhood team
