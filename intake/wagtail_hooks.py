"""Admin registration for the intake app: geography and coverage, and the sign-up queue."""

from .admin_geography import register as register_geography  # noqa: F401
from .admin_intakes import register as register_intakes  # noqa: F401
