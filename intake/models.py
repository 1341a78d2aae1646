"""The intake app's models, gathered here for Django; each lives in the sub-package of its concern.

Code inside `intake` imports a model from its own module (`intake.records.models`, ...), never from
here, so no import cycle can run through this module.
"""

from .finder.pages import FindSupportPage
from .geography.models import Municipality, PostcodeArea, Region
from .outbox.models import Notification
from .records.models import Intake, Outcome, Role, Status
from .signup.pages import IntakeFormPage

__all__ = [
    "FindSupportPage",
    "Intake",
    "IntakeFormPage",
    "Municipality",
    "Notification",
    "Outcome",
    "PostcodeArea",
    "Region",
    "Role",
    "Status",
]
