"""Admin registration for the intake app: geography and regions, the sign-up queue, matches,
yearly targets, the board report, the waitlist, the outbox and privacy requests."""

from .admin import board, geography, matches, outbox, privacy, signups, targets, waitlist  # noqa: F401  (each registers its viewsets on import)
from .audit import actions  # noqa: F401  (registers the sign-up log model and actions)
