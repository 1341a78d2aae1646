"""Who may export or erase a sign-up (on top of `intake.permissions`, which decides who may open it).

- Subject access (export): whoever may open the sign-up. They see all of it already; the export
  is recorded in its trail.
- Erasure: superusers, and the national coordinators of the sign-up's own program when they may
  open it. Erasure cannot be undone and answers a request made to the organisation (the privacy
  page's address), so it stays with the few people accountable for a program, who sign in with a
  second factor and leave a reason in the trail; region handlers, who work the daily queue, cannot.
"""

from intake.permissions import is_active, may_open, works_intakes
from intake.records.models import Intake


def may_export(user, intake: Intake) -> bool:
    return works_intakes(user) and may_open(user, intake)


def may_erase(user, intake: Intake) -> bool:
    if not (is_active(user) and may_open(user, intake)):
        return False
    if user.is_superuser:
        return True
    return bool(intake.program_id) and user.coordinated_programs.filter(pk=intake.program_id).exists()
