"""Admin registration for the intake app: geography and regions, the sign-up queue, the outbox,
privacy requests."""

from .admin import geography, outbox, privacy, signups, waitlist  # noqa: F401  (each registers its viewsets on import)
from .audit import actions  # noqa: F401  (registers the sign-up log model and actions)
