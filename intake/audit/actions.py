"""What is recorded about a sign-up, and how it reads in the timeline and the site history.

Every decrypted view, export, status change, assignment, note, match and re-routing is recorded with
`record(intake, ACTION, user, **data)`. The actions are registered with Wagtail's log registry, so
they show in the sign-up's history and in the admin's site history, in the reader's language.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import LogFormatter, log

from intake.audit.models import IntakeLogEntry
from intake.geography.models import Region
from intake.records.models import ClosureReason, Intake, Status
from programs.models import Program

RECEIVED = "intake.received"
VIEWED = "intake.viewed"
EXPORTED = "intake.exported"
STATUS_CHANGED = "intake.status_changed"
ASSIGNED = "intake.assigned"
NOTE_ADDED = "intake.note_added"
REROUTED = "intake.rerouted"
MATCHED = "intake.matched"
MATCH_CHANGED = "intake.match_changed"
ANONYMISED = "intake.anonymised"
ERASED = "intake.erased"
SUBJECT_ACCESS = "intake.subject_access"
WAITLIST_ASKED = "intake.waitlist_asked"
WAITLIST_ANSWERED = "intake.waitlist_answered"


def record(intake: Intake, action: str, user=None, **data):
    """Add one entry to the sign-up's trail. `data` must hold codes and ids only, never answers."""
    return log(intake, action, user=user, data=data)


def _status_label(code):
    try:
        return Status(code).label
    except ValueError:
        return code or "—"


class StatusChangedFormatter(LogFormatter):
    label = _("Sign-up: status changed")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = _("Status changed from “%(old)s” to “%(new)s”") % {
            "old": _status_label(data.get("from")),
            "new": _status_label(data.get("to")),
        }
        if data.get("reason"):
            message += " (" + _("reason: %(reason)s") % {"reason": _choice_label(ClosureReason, data["reason"])} + ")"
        if data.get("program"):
            program = Program.objects.filter(code=data["program"]).first()
            message += " (" + _("to %(program)s") % {"program": program or data["program"]} + ")"
        return message


class AssignedFormatter(LogFormatter):
    label = _("Sign-up: assigned")

    def format_message(self, log_entry):
        assignee_id = (log_entry.data or {}).get("assignee")
        if not assignee_id:
            return _("No longer assigned to anybody")
        assignee = get_user_model().objects.filter(pk=assignee_id).first()
        name = get_user_display_name(assignee) if assignee else _("a deleted account")
        return _("Assigned to %(name)s") % {"name": name}


# The field groups an export can hold (intake.workspace.export), as the timeline names them.
EXPORT_GROUPS = {
    "minimal": _("routing facts"),
    "contact": _("contact details"),
    "health": _("answers about health and the family"),
}


class ExportedFormatter(LogFormatter):
    label = _("Sign-up: exported")

    def format_message(self, log_entry):
        groups = (log_entry.data or {}).get("fields") or ["minimal"]
        names = ", ".join(str(EXPORT_GROUPS.get(group, group)) for group in groups)
        return _("Included in an export (%(fields)s)") % {"fields": names}


def _choice_label(choices, code):
    try:
        return choices(code).label
    except ValueError:
        return code


class WaitlistAnsweredFormatter(LogFormatter):
    label = _("Sign-up: waitlist question answered")

    def format_message(self, log_entry):
        answer = (log_entry.data or {}).get("answer")
        if answer == "yes":
            return _("Answered the waitlist question: still wants to wait")
        if answer == "no":
            return _("Answered the waitlist question: no longer wants to wait")
        return _("Did not answer the waitlist question in time")


def _region_name(region_id):
    if not region_id:
        return None
    region = Region.objects.filter(pk=region_id).only("name").first()
    return region.name if region else _("a region that no longer exists")


class ReroutedFormatter(LogFormatter):
    label = _("Sign-up: re-routed")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        to = _region_name(data.get("to_region")) or "—"
        origin = _region_name(data.get("from_region"))
        if origin is None:
            return _("Moved from the central waitlist to region %(to)s") % {"to": to}
        return _("Moved from region %(from)s to region %(to)s") % {"from": origin, "to": to}


@hooks.register("register_log_actions")
def register_intake_log_actions(actions):
    actions.register_model(Intake, IntakeLogEntry)
    actions.register_action(RECEIVED, _("Sign-up: received"), _("Sign-up received"))
    actions.register_action(VIEWED, _("Sign-up: answers viewed"), _("Answers viewed"))
    actions.register_action(EXPORTED)(ExportedFormatter)
    actions.register_action(STATUS_CHANGED)(StatusChangedFormatter)
    actions.register_action(ASSIGNED)(AssignedFormatter)
    actions.register_action(NOTE_ADDED, _("Sign-up: note added"), _("Note added"))
    actions.register_action(REROUTED)(ReroutedFormatter)
    actions.register_action(MATCHED, _("Sign-up: matched"), _("Match made"))
    actions.register_action(MATCH_CHANGED, _("Sign-up: match changed"), _("Match changed"))
    actions.register_action(ANONYMISED, _("Sign-up: anonymised"), _("Personal data removed (retention)"))
    actions.register_action(ERASED, _("Sign-up: erased"), _("Personal data erased on request"))
    actions.register_action(SUBJECT_ACCESS, _("Sign-up: subject access"), _("Everything held was exported"))
    actions.register_action(
        WAITLIST_ASKED, _("Sign-up: waitlist question sent"), _("Asked by e-mail whether still waiting")
    )
    actions.register_action(WAITLIST_ANSWERED)(WaitlistAnsweredFormatter)
