"""Admin registration for the intake app: geography and regions, the sign-up queue, matches,
yearly targets, the board report, the waitlist, the outbox and privacy requests."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from .admin import board, geography, matches, outbox, privacy, signups, targets, waitlist  # noqa: F401  (each registers its viewsets on import)
from .audit import actions  # noqa: F401  (registers the sign-up log model and actions)
from .records.models import Intake, Outcome, Status


@hooks.register("program_fact_change_impact")
def open_signups_of_the_program(program, changes):
    """What a change to a program's facts touches, in counts (programs/views.py): its open sign-ups.

    Counts only, never a name or reference: the editor who changes the facts may see no sign-up."""
    open_signups = Intake.objects.filter(program=program).exclude(status=Status.CLOSED)
    counts = dict(open_signups.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
    total = sum(counts.values())
    if not total:
        return [_("%(program)s has no open sign-ups now: the change applies to new sign-ups.") % {"program": program}]
    lines = [
        ngettext(
            "%(count)d open sign-up of %(program)s was routed with the current facts.",
            "%(count)d open sign-ups of %(program)s were routed with the current facts.",
            total,
        )
        % {"count": total, "program": program}
    ]
    for outcome, label in Outcome.choices:
        if counts.get(outcome):
            lines.append(_("%(label)s: %(count)d") % {"label": label, "count": counts[outcome]})
    lines.append(
        _(
            "They keep their routing; their handlers and coordinators decide on each of them. "
            "New sign-ups are routed with the new facts at once."
        )
    )
    return lines
