"""Helpers shared by the intake tests."""

from django.core.management import call_command

# The programs' routing facts as the domain brief states them. Used only when the demo content has not
# created the programs (the routing reads whatever the database holds).
PSY, ADD, PQ, MULTI = "psychiatric", "addiction", "parenting_questions", "multiple_problems"
PROGRAM_FACTS = [
    # code, name, min, max, pregnancy, setting, concerns, order
    ("meeleefgezin", "MeeleefGezin", 0, 59, True, "volunteer_home", [PSY, ADD], 1),
    ("steunouder", "Steunouder", 0, 215, False, "volunteer_home", [PSY, ADD, MULTI], 2),
    ("buurtgezinnen", "Buurtgezinnen", 0, 215, False, "volunteer_home", [PQ, MULTI, PSY], 3),
    ("home-start", "Home-Start", 0, 155, True, "family_home", [PQ, MULTI], 4),
    ("samen-oplopen", "Samen Oplopen", 0, 275, False, "family_home", [MULTI, PSY, ADD], 5),
]  # fmt: skip


def ensure_demo_intake():
    """Make sure the programs, the demo geography and the demo regions exist (idempotent)."""
    from programs.models import Program

    for code, name, low, high, pregnancy, setting, concerns, order in PROGRAM_FACTS:
        Program.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "min_age_months": low,
                "max_age_months": high,
                "allows_pregnancy": pregnancy,
                "setting": setting,
                "concerns": concerns,
                "sort_order": order,
            },
        )
    call_command("load_demo_intake", verbosity=0)
