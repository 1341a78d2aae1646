"""Admin registration for the intake app: geography and regions, the sign-up queue, the outbox, matches,
yearly targets and the board's report."""

from .admin import board, geography, matches, outbox, signups, targets  # noqa: F401  (each registers on import)
from .audit import actions  # noqa: F401  (registers the sign-up log model and actions)
