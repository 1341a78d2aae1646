"""Admin registration for the intake app: geography and coverage, and the sign-up queue."""

from . import admin_geography, admin_intakes  # noqa: F401  (each registers its viewsets on import)
