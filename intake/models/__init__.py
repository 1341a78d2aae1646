from .find_support import FindSupportPage
from .geography import Municipality, PostcodeArea, Region
from .pages import IntakeFormPage
from .submissions import Intake, Notification, Outcome, Role, Status

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
