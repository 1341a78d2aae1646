"""The intake app's models, gathered here for Django; each lives in the sub-package of its concern.

Code inside `intake` imports a model from its own module (`intake.records.models`, ...), never from
here, so no import cycle can run through this module.
"""

from .audit.models import IntakeLogEntry
from .finder.pages import FindSupportPage
from .geography.models import Municipality, MunicipalityBoundary, PostcodeArea, Region
from .outbox.models import Notification
from .privacy.models import WaitlistQuestion
from .records.models import ClosureReason, Intake, Outcome, Role, Status
from .signup.pages import IntakeFormPage
from .workspace.models import Match, MatchEndReason, MatchPhase, Note, YearTarget

__all__ = [
    "ClosureReason",
    "IntakeLogEntry",
    "Match",
    "MatchEndReason",
    "MatchPhase",
    "Note",
    "YearTarget",
    "FindSupportPage",
    "Intake",
    "IntakeFormPage",
    "Municipality",
    "MunicipalityBoundary",
    "Notification",
    "Outcome",
    "PostcodeArea",
    "Region",
    "Role",
    "Status",
    "WaitlistQuestion",
]
