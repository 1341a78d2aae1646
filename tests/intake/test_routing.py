"""The routing decision on plain data: no database, table-driven."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.utils import translation

from intake.presenter import municipality_data, region_data
from intake.routing import vocabulary, wording
from intake.routing.rules import (
    Coverage,
    Facts,
    MunicipalityInfo,
    ProgramInfo,
    RegionInfo,
    add_months,
    age_in_months,
    decide,
    latest_due_date,
)

TODAY = date(2026, 5, 20)

PSY, ADD, PQ, MULTI = "psychiatric", "addiction", "parenting_questions", "multiple_problems"
OUT, HOME, EITHER = "outside_home", "at_home", "either"

MG = ProgramInfo("meeleefgezin", "MeeleefGezin", 0, 59, True, "volunteer_home", frozenset({PSY, ADD}), sort_order=1)
BUURT = ProgramInfo(
    "buurtgezinnen", "Buurtgezinnen", 0, 215, False, "volunteer_home", frozenset({PQ, PSY, ADD, MULTI}), sort_order=2
)
STEUN = ProgramInfo("steunouder", "Steunouder", 0, 215, False, "volunteer_home", frozenset({PSY, MULTI}), sort_order=3)
HS = ProgramInfo("home-start", "Home-Start", 0, 215, True, "family_home", frozenset({PQ}), sort_order=4)
SO = ProgramInfo("samen-oplopen", "Samen Oplopen", 0, 275, False, "family_home", frozenset({MULTI, PSY}), sort_order=5)
PROGRAMS = (MG, BUURT, STEUN, HS, SO)

NIEUWEGEIN = MunicipalityInfo("GM0356", "Nieuwegein")
HOUTEN = MunicipalityInfo("GM0321", "Houten")
UTRECHT = MunicipalityInfo("GM0344", "Utrecht")
ZEIST = MunicipalityInfo("GM0355", "Zeist")
GRONINGEN = MunicipalityInfo("GM0014", "Groningen")
WEST_BETUWE = MunicipalityInfo("GM1960", "West Betuwe")
BUREN = MunicipalityInfo("GM0214", "Buren")

MG_UTRECHT = RegionInfo(1, "Utrecht", "meeleefgezin", True, "Team Utrecht", "utrecht@example.org", "030 1")
MG_LEKSTROOM = RegionInfo(2, "Lekstroom", "meeleefgezin", True, "Team Lekstroom", "lekstroom@example.org", "030 2")
MG_ZUIDOOST = RegionInfo(3, "ZuidOost Utrecht", "meeleefgezin", False)
HS_UTRECHT_LEK = RegionInfo(4, "Home-Start Utrecht en Lekstroom", "home-start", True, "", "hs@example.org")
BG_ZEIST = RegionInfo(5, "Buurtgezinnen Zeist", "buurtgezinnen", True)
SO_UTRECHT = RegionInfo(6, "Samen Oplopen Utrecht", "samen-oplopen", True)
STEUN_BUREN_INACTIVE = RegionInfo(7, "Steunouder Buren", "steunouder", False)

REGIONS = {
    None: (),
    NIEUWEGEIN: (MG_LEKSTROOM, HS_UTRECHT_LEK),
    HOUTEN: (MG_LEKSTROOM, HS_UTRECHT_LEK),
    UTRECHT: (MG_UTRECHT, HS_UTRECHT_LEK, SO_UTRECHT),
    ZEIST: (MG_ZUIDOOST, BG_ZEIST),
    GRONINGEN: (),
    WEST_BETUWE: (),
    BUREN: (STEUN_BUREN_INACTIVE,),
}


def months_ago(months, days=0):
    return add_months(TODAY, -months) - timedelta(days=days)


def facts(role="parent", municipality=NIEUWEGEIN, birth=None, concerns=(PSY,), support=OUT, today=TODAY, **extra):
    if birth is None and role != "host_family":
        birth = months_ago(18)
    return Facts(role, municipality, birth, frozenset(concerns), support, today, **extra)


def run(the_facts, programs=PROGRAMS):
    return decide(the_facts, Coverage(programs=programs, regions=REGIONS[the_facts.municipality]))


# id, facts, outcome, program, region name, reasons that must be present, alternative programs (in order)
CASES = [
    # --- Age boundaries (MeeleefGezin: 0-59 months, from pregnancy) ---
    ("born-today", facts(birth=TODAY), "region", "meeleefgezin", "Lekstroom", {"fits", "active_region"}, []),
    ("one-day-old", facts(birth=TODAY - timedelta(days=1)), "region", "meeleefgezin", "Lekstroom", {"fits"}, []),
    ("18-months", facts(birth=months_ago(18)), "region", "meeleefgezin", "Lekstroom", {"fits"}, []),
    ("4y11m", facts(birth=months_ago(59)), "region", "meeleefgezin", "Lekstroom", {"fits"}, []),
    ("day-before-5th-birthday", facts(birth=date(2021, 5, 21)), "region", "meeleefgezin", "Lekstroom", set(), []),
    (
        "on-5th-birthday",
        facts(birth=date(2021, 5, 20)),
        "not_eligible",
        None,
        None,
        {"too_old", "no_local_program"},
        ["buurtgezinnen", "steunouder", "cjg"],
    ),
    (
        "29-feb-day-before-5th-birthday",
        facts(birth=date(2020, 2, 29), today=date(2025, 2, 27)),
        "region",
        "meeleefgezin",
        "Lekstroom",
        {"fits"},
        [],
    ),
    (
        "29-feb-5th-birthday-in-common-year",
        facts(birth=date(2020, 2, 29), today=date(2025, 2, 28)),
        "not_eligible",
        None,
        None,
        {"too_old"},
        ["buurtgezinnen", "steunouder", "cjg"],
    ),
    (
        "month-end-birthday-day-before",
        facts(birth=date(2021, 8, 31), today=date(2026, 8, 30)),
        "region",
        "meeleefgezin",
        "Lekstroom",
        {"fits"},
        [],
    ),
    (
        "month-end-birthday-on",
        facts(birth=date(2021, 8, 31), today=date(2026, 8, 31)),
        "not_eligible",
        None,
        None,
        {"too_old"},
        ["buurtgezinnen", "steunouder", "cjg"],
    ),
    (
        "due-in-4-months",
        facts(municipality=UTRECHT, birth=add_months(TODAY, 4), concerns=(ADD,)),
        "region",
        "meeleefgezin",
        "Utrecht",
        {"fits"},
        [],
    ),
    (
        "due-exactly-10-months-ahead",
        facts(birth=latest_due_date(TODAY)),
        "region",
        "meeleefgezin",
        "Lekstroom",
        {"fits"},
        [],
    ),
    (
        "due-too-far-ahead",
        facts(birth=latest_due_date(TODAY) + timedelta(days=1)),
        "not_eligible",
        None,
        None,
        {"due_date_too_far"},
        ["cjg"],
    ),
    (
        "pregnant-in-zeist-waitlist-no-partner-allows-pregnancy",
        facts(municipality=ZEIST, birth=add_months(TODAY, 3)),
        "waitlist",
        "meeleefgezin",
        None,
        {"fits", "no_active_region", "region_inactive"},
        ["cjg"],
    ),
    # --- Location ---
    (
        "zeist-2y-waitlist-with-local-partner",
        facts(municipality=ZEIST, birth=months_ago(24)),
        "waitlist",
        "meeleefgezin",
        None,
        {"fits", "no_active_region", "region_inactive"},
        ["buurtgezinnen", "cjg"],
    ),
    (
        "groningen-2y-waitlist",
        facts(municipality=GRONINGEN, birth=months_ago(24)),
        "waitlist",
        "meeleefgezin",
        None,
        {"fits", "no_active_region"},
        ["cjg"],
    ),
    (
        "unknown-location-fits-waitlist",
        facts(municipality=None),
        "waitlist",
        "meeleefgezin",
        None,
        {"fits", "unknown_location"},
        ["cjg"],
    ),
    (
        "unknown-location-too-old",
        facts(municipality=None, birth=months_ago(72), support=EITHER),
        "not_eligible",
        None,
        None,
        {"too_old", "unknown_location"},
        ["buurtgezinnen", "steunouder", "samen-oplopen", "cjg"],
    ),
    (
        "groningen-daughter-turned-5-last-month",
        facts(municipality=GRONINGEN, birth=months_ago(61), support=EITHER),
        "not_eligible",
        None,
        None,
        {"too_old", "no_local_program"},
        ["buurtgezinnen", "steunouder", "samen-oplopen", "cjg"],
    ),
    (
        "inactive-partner-region-is-not-local",
        facts(municipality=BUREN, birth=months_ago(72), concerns=(MULTI,)),
        "not_eligible",
        None,
        None,
        {"too_old", "concerns_not_covered"},
        ["buurtgezinnen", "steunouder", "cjg"],
    ),
    (
        "split-pc4-routes-on-given-municipality",
        facts(municipality=WEST_BETUWE, municipality_candidates=(WEST_BETUWE, BUREN)),
        "waitlist",
        "meeleefgezin",
        None,
        {"no_active_region"},
        ["cjg"],
    ),
    # --- Concerns ---
    ("psychiatric", facts(concerns=(PSY,)), "region", "meeleefgezin", "Lekstroom", {"fits"}, []),
    ("addiction", facts(concerns=(ADD,)), "region", "meeleefgezin", "Lekstroom", {"fits"}, []),
    ("psychiatric-and-more", facts(concerns=(PSY, MULTI, PQ)), "region", "meeleefgezin", "Lekstroom", set(), []),
    (
        "parenting-questions-only-partner",
        facts(concerns=(PQ,), support=EITHER),
        "partner",
        "home-start",
        "Home-Start Utrecht en Lekstroom",
        {"concerns_not_covered", "partner_available"},
        ["buurtgezinnen", "cjg"],
    ),
    (
        "multiple-problems-utrecht-partner",
        facts(municipality=UTRECHT, concerns=(MULTI,), support=EITHER),
        "partner",
        "samen-oplopen",
        "Samen Oplopen Utrecht",
        {"concerns_not_covered"},
        ["buurtgezinnen", "steunouder", "cjg"],
    ),
    (
        "multiple-problems-utrecht-outside-home",
        facts(municipality=UTRECHT, concerns=(MULTI,), support=OUT),
        "not_eligible",
        None,
        None,
        {"concerns_not_covered", "no_local_program"},
        ["buurtgezinnen", "steunouder", "cjg"],
    ),
    ("no-concerns", facts(concerns=()), "not_eligible", None, None, {"no_concerns"}, ["cjg"]),
    # --- Support wanted ---
    ("support-outside-home", facts(support=OUT), "region", "meeleefgezin", "Lekstroom", {"fits"}, []),
    ("support-either", facts(support=EITHER), "region", "meeleefgezin", "Lekstroom", {"fits"}, []),
    ("support-not-given", facts(support=None), "region", "meeleefgezin", "Lekstroom", {"fits"}, []),
    (
        "support-at-home-partner",
        facts(concerns=(PSY, PQ), support=HOME),
        "partner",
        "home-start",
        "Home-Start Utrecht en Lekstroom",
        {"wants_at_home"},
        ["samen-oplopen", "cjg"],
    ),
    (
        "support-at-home-utrecht-two-partners",
        facts(municipality=UTRECHT, concerns=(PSY, PQ), support=HOME),
        "partner",
        "home-start",
        "Home-Start Utrecht en Lekstroom",
        {"wants_at_home"},
        ["samen-oplopen", "cjg"],
    ),
    (
        "support-at-home-psychiatric-utrecht",
        facts(municipality=UTRECHT, concerns=(PSY,), support=HOME),
        "partner",
        "samen-oplopen",
        "Samen Oplopen Utrecht",
        {"wants_at_home"},
        ["cjg"],
    ),
    (
        "support-at-home-groningen",
        facts(municipality=GRONINGEN, concerns=(PSY,), support=HOME),
        "not_eligible",
        None,
        None,
        {"wants_at_home", "no_local_program"},
        ["samen-oplopen", "cjg"],
    ),
    # --- Roles ---
    (
        "host-family-houten",
        facts(role="host_family", municipality=HOUTEN, concerns=()),
        "region",
        "meeleefgezin",
        "Lekstroom",
        {"active_region"},
        [],
    ),
    (
        "host-family-child-facts-ignored",
        facts(role="host_family", municipality=HOUTEN, birth=months_ago(120), concerns=(PQ,), support=HOME),
        "region",
        "meeleefgezin",
        "Lekstroom",
        {"active_region"},
        [],
    ),
    (
        "host-family-zeist",
        facts(role="host_family", municipality=ZEIST, concerns=()),
        "waitlist",
        "meeleefgezin",
        None,
        {"region_inactive"},
        [],
    ),
    (
        "host-family-groningen",
        facts(role="host_family", municipality=GRONINGEN, concerns=()),
        "waitlist",
        "meeleefgezin",
        None,
        {"no_active_region"},
        [],
    ),
    (
        "host-family-unknown-location",
        facts(role="host_family", municipality=None, concerns=()),
        "waitlist",
        "meeleefgezin",
        None,
        {"unknown_location"},
        [],
    ),
    (
        "referrer-ijsselstein-area",
        facts(role="referrer", birth=months_ago(14)),
        "region",
        "meeleefgezin",
        "Lekstroom",
        {"fits"},
        [],
    ),
    (
        "referrer-too-old",
        facts(role="referrer", municipality=GRONINGEN, birth=months_ago(60)),
        "not_eligible",
        None,
        None,
        {"too_old"},
        ["buurtgezinnen", "steunouder", "cjg"],
    ),
]


@pytest.mark.parametrize(
    ("the_facts", "outcome", "program", "region", "reasons", "alternatives"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_decide(the_facts, outcome, program, region, reasons, alternatives):
    decision = run(the_facts)
    assert decision.outcome == outcome
    assert (decision.program.code if decision.program else None) == program
    assert (decision.region.name if decision.region else None) == region
    assert reasons <= set(decision.reasons), decision.reasons
    assert [a.program for a in decision.alternatives] == alternatives
    assert decision.municipality == the_facts.municipality
    assert decision.explanation  # always explainable
    if outcome == "region":
        assert decision.region.takes_intakes and decision.region.program_code == program
    if outcome == "waitlist":
        assert decision.region is None


def test_alternatives_carry_their_local_region():
    decision = run(facts(municipality=ZEIST, birth=months_ago(24)))
    buurt = decision.alternatives[0]
    assert (buurt.region, buurt.reason) == (BG_ZEIST, "local")
    not_local = run(facts(municipality=GRONINGEN, birth=months_ago(72), support=EITHER)).alternatives[0]
    assert (not_local.region, not_local.reason) == (None, "not_local")


def test_split_pc4_candidates_are_passed_on():
    decision = run(facts(municipality=BUREN, municipality_candidates=(WEST_BETUWE, BUREN)))
    assert decision.municipality == BUREN
    assert decision.municipality_candidates == (WEST_BETUWE, BUREN)
    assert [municipality_data(m) for m in decision.municipality_candidates] == [
        {"code": "GM1960", "name": "West Betuwe"},
        {"code": "GM0214", "name": "Buren"},
    ]


# --- Facts are read from the program, never hard-coded -----------------------------------------


def test_editor_widens_the_age_range():
    older = replace(MG, max_age_months=71)
    decision = run(facts(birth=date(2021, 5, 20)), programs=(older, BUURT, STEUN, HS, SO))
    assert decision.outcome == "region"


def test_too_young_when_program_starts_later():
    later = replace(MG, min_age_months=3)
    decision = run(facts(birth=months_ago(2)), programs=(later, BUURT, STEUN, HS, SO))
    assert decision.outcome == "not_eligible"
    assert "too_young" in decision.reasons


def test_pregnancy_not_allowed_by_program():
    no_pregnancy = replace(MG, allows_pregnancy=False)
    decision = run(facts(birth=add_months(TODAY, 2)), programs=(no_pregnancy, BUURT, STEUN, HS, SO))
    assert decision.outcome == "not_eligible"
    assert decision.reasons[0] == "pregnancy"


def test_program_concerns_come_from_the_facts():
    for_parenting = replace(MG, concerns=frozenset({PQ}))
    decision = run(facts(concerns=(PQ,)), programs=(for_parenting,))
    assert decision.outcome == "region"


def test_setting_comes_from_the_facts():
    at_home_mg = replace(MG, setting="family_home")
    decision = run(facts(support=OUT), programs=(at_home_mg,))
    assert decision.outcome == "not_eligible"
    assert "wants_outside_home" in decision.reasons


def test_without_meeleefgezin_program():
    decision = run(facts(role="host_family", concerns=()), programs=(BUURT,))
    assert (decision.outcome, decision.reasons) == ("not_eligible", ("program_missing",))
    parent = run(facts(concerns=(PQ,), support=HOME), programs=(HS,))
    assert parent.outcome == "partner"
    assert "program_missing" in parent.reasons


def test_inactive_meeleefgezin_region_never_receives():
    decision = run(facts(municipality=ZEIST))
    assert decision.outcome == "waitlist"
    assert decision.inactive_region == MG_ZUIDOOST


# --- Age in months ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "today", "months"),
    [
        (date(2026, 5, 20), date(2026, 5, 20), 0),
        (date(2026, 5, 19), date(2026, 5, 20), 0),
        (date(2026, 4, 20), date(2026, 5, 20), 1),
        (date(2026, 4, 21), date(2026, 5, 20), 0),
        (date(2021, 5, 20), date(2026, 5, 20), 60),
        (date(2021, 5, 21), date(2026, 5, 20), 59),
        (date(2020, 2, 29), date(2025, 2, 28), 60),
        (date(2020, 2, 29), date(2025, 2, 27), 59),
        (date(2020, 2, 29), date(2024, 2, 29), 48),
        (date(2020, 2, 29), date(2024, 2, 28), 47),
        (date(2026, 1, 31), date(2026, 2, 28), 1),
        (date(2026, 1, 31), date(2026, 2, 27), 0),
        (date(2021, 8, 31), date(2026, 8, 30), 59),
        (date(2026, 5, 21), date(2026, 5, 20), None),
        (date(1, 1, 1), date(2026, 5, 20), 2025 * 12 + 4),
    ],
)
def test_age_in_months(birth, today, months):
    assert age_in_months(birth, today) == months


def test_latest_due_date_clamps_month_ends():
    assert latest_due_date(date(2026, 5, 31)) == date(2027, 3, 31)
    assert latest_due_date(date(2026, 4, 30)) == date(2027, 2, 28)


# --- Explanation ----------------------------------------------------------------------------------


def test_presented_region_and_municipality():
    decision = run(facts())
    region = region_data(decision.region)
    assert region["name"] == "Lekstroom"
    assert region["contact_email"] == "lekstroom@example.org"
    assert municipality_data(decision.municipality) == {"code": "GM0356", "name": "Nieuwegein"}
    assert region_data(None) is None and municipality_data(None) is None


@pytest.mark.parametrize(
    ("the_facts", "language", "expected"),
    [
        (
            facts(municipality=GRONINGEN, birth=months_ago(61), support=EITHER),
            "en",
            "MeeleefGezin is for children until their fifth birthday; the child is 5 years old.",
        ),
        (
            facts(municipality=GRONINGEN, birth=months_ago(61), support=EITHER),
            "nl",
            "vijfde verjaardag; het kind is 5 jaar",
        ),
        (
            facts(),
            "en",
            "MeeleefGezin fits this situation. MeeleefGezin Lekstroom handles sign-ups from Nieuwegein.",
        ),
        (
            facts(),
            "nl",
            "MeeleefGezin past bij deze situatie. MeeleefGezin Lekstroom behandelt aanmeldingen uit Nieuwegein.",
        ),
        (facts(municipality=ZEIST), "en", "ZuidOost Utrecht does not take sign-ups yet"),
        (facts(municipality=ZEIST), "nl", "centrale wachtlijst"),
        (facts(municipality=None), "nl", "We weten de gemeente nog niet"),
        (facts(concerns=(PQ,), support=EITHER), "nl", "Home-Start kan misschien helpen: het werkt in Nieuwegein."),
        (facts(concerns=(PQ,), support=EITHER), "en", "a parent has psychiatric problems or an addiction"),
        (facts(birth=months_ago(8), concerns=(PSY,), support=HOME), "nl", "logeert het kind bij een ander gezin"),
        (facts(role="host_family", municipality=HOUTEN, concerns=()), "nl", "zoekt meeleefgezinnen in Houten"),
        (facts(birth=latest_due_date(TODAY) + timedelta(days=1)), "en", "more than 10 months away"),
        (facts(concerns=()), "nl", "welk programma past"),
    ],
)
def test_explanation_in_both_languages(the_facts, language, expected):
    decision = run(the_facts)
    with translation.override(language):
        assert expected in decision.explanation


def test_explanation_follows_the_active_language():
    decision = run(facts(municipality=GRONINGEN, birth=months_ago(72), support=EITHER))
    with translation.override("en"):
        english = decision.explanation
    with translation.override("nl"):
        dutch = decision.explanation
    assert english != dutch
    assert "Buurtgezinnen, Steunouder or Samen Oplopen may fit" in english
    assert "Buurtgezinnen, Steunouder of Samen Oplopen" in dutch


def test_reason_codes_are_known():
    for case in CASES:
        reasons = run(case[1]).reasons
        assert reasons, case[0]
        assert set(reasons) <= vocabulary.REASONS, case[0]


@pytest.mark.parametrize("reason", sorted(vocabulary.MISFIT_REASONS))
def test_every_misfit_reason_has_a_sentence(reason):
    decision = run(facts())
    with translation.override("en"):
        assert wording._misfit_sentence(reason, MG, decision).strip()
