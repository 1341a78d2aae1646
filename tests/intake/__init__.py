"""Helpers shared by the intake tests."""

from django.core.management import call_command

from tests.factories import ADD, MULTI, PQ, PROGRAM_FACTS, PSY, five_programs

__all__ = ["ADD", "MULTI", "PQ", "PROGRAM_FACTS", "PSY", "ensure_demo_intake"]


def ensure_demo_intake():
    """Make sure the programs, the demo geography and the demo regions exist (idempotent).

    The programs keep whatever facts they already have (the demo site's); on an empty database they
    get the real facts of `PROGRAM_FACTS`. The demo geography is the project's own small table of real
    municipalities and postcodes (`demo/geography.py`), which the routing tests use by name.
    """
    five_programs()
    call_command("load_demo_intake", verbosity=0)
