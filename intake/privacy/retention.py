"""The retention rules, and the nightly run that applies them (`manage.py apply_retention`).

The periods are set in the admin (Settings → Retention periods, `core.models.RetentionSettings`),
and the privacy page states the same values. Every rule counts in whole days (local time): on the
day a period is over, the rule applies; the day before, nothing happens.

- closed: closed without a match → anonymised `closed_months` after the day it was closed;
- matched: part of a match → anonymised `after_guidance_months` after the guidance ends (two years
  after the start, or the match's end if that is later; the latest of its matches counts), once it is
  matched or closed;
- inactive: anything else still open → closed and anonymised `inactive_months` after the last
  contact (or after it signed up, if nobody was in touch since): the privacy page's outer limit;
- waitlist_ask: a sign-up on the central waitlist, still waiting, is asked by e-mail whether it
  still wants to wait `waitlist_question_months` after it signed up or was last in touch;
- waitlist_no_answer: no answer within `waitlist_answer_weeks` of the day the e-mail was sent → closed
  (then the "closed" rule applies to it like to any other).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import RetentionSettings
from intake.encryption.crypto import DecryptionError
from intake.records.models import Intake, Outcome, Status
from intake.workspace.models import Match

from . import waitlist
from .anonymise import anonymise
from .models import WaitlistQuestion

CLOSED = "closed"
MATCHED = "matched"
INACTIVE = "inactive"
WAITLIST_ASK = "waitlist_ask"
WAITLIST_NO_ANSWER = "waitlist_no_answer"

RULE_LABELS = {
    WAITLIST_NO_ANSWER: _("Waitlist question not answered in time: closed"),
    WAITLIST_ASK: _("Waitlist sign-ups asked whether they still want to wait"),
    CLOSED: _("Closed without a match: anonymised"),
    MATCHED: _("Matched, guidance over: anonymised"),
    INACTIVE: _("No contact for too long: closed and anonymised"),
}
#: The order of the run: closing first, so a sign-up closed tonight starts its own period today.
RULES = list(RULE_LABELS)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the month's last day where the month is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def guidance_over_on(match: Match) -> datetime.date:
    """The day the match's guidance is over: two years after the start, or its end if that is later."""
    end = match.guidance_ends_on
    if match.ended_on and match.ended_on > end:
        end = match.ended_on
    return end


@dataclass
class Due:
    intake: Intake
    rule: str
    due_on: datetime.date
    question: WaitlistQuestion | None = None
    note: str = ""


@dataclass
class Plan:
    today: datetime.date
    due: dict[str, list[Due]] = field(default_factory=lambda: {rule: [] for rule in RULES})
    #: Waitlist sign-ups that should be asked but have no e-mail address to ask at.
    cannot_ask: list[Due] = field(default_factory=list)
    expired_sessions: int = 0

    def counts(self) -> dict[str, int]:
        return {rule: len(items) for rule, items in self.due.items()}


def _local_day(moment):
    return timezone.localdate(moment) if moment is not None else None


def _latest(*moments):
    return max(moment for moment in moments if moment is not None)


def _match_ends(intake_ids) -> dict[int, datetime.date]:
    """For each sign-up, the day the guidance of its latest match is over."""
    ends: dict[int, datetime.date] = {}
    matches = Match.objects.filter(Q(parent_id__in=intake_ids) | Q(host_family_id__in=intake_ids))
    for match in matches.only("parent_id", "host_family_id", "started_on", "ended_on"):
        end = guidance_over_on(match)
        for intake_id in (match.parent_id, match.host_family_id):
            if intake_id in intake_ids and (intake_id not in ends or end > ends[intake_id]):
                ends[intake_id] = end
    return ends


def make_plan(now=None, rules: RetentionSettings | None = None) -> Plan:
    """What the run would do today; changes nothing."""
    now = now or timezone.now()
    rules = rules or RetentionSettings.load()
    today = timezone.localdate(now)
    plan = Plan(today=today)
    live = (
        Intake.objects.filter(anonymised_at__isnull=True)
        .defer("personal")
        .only("pk", "reference", "status", "outcome", "created_at", "status_changed_at", "last_contact_at")
    )
    in_match = Exists(Match.objects.filter(Q(parent_id=OuterRef("pk")) | Q(host_family_id=OuterRef("pk"))))
    open_question = Exists(WaitlistQuestion.objects.filter(intake_id=OuterRef("pk"), answer=""))
    intakes = list(live.annotate(in_match=in_match, open_question=open_question))
    ends = _match_ends({intake.pk for intake in intakes if intake.in_match})

    # Waitlist questions whose answer period is over.
    for question in (
        WaitlistQuestion.objects.filter(
            answer="", intake__anonymised_at__isnull=True, notification__sent_at__isnull=False
        )
        .select_related("intake", "notification")
        .defer("intake__personal")
    ):
        if question.answer_by <= today:
            plan.due[WAITLIST_NO_ANSWER].append(Due(question.intake, WAITLIST_NO_ANSWER, question.answer_by, question))
    closing_tonight = {due.intake.pk for due in plan.due[WAITLIST_NO_ANSWER]}

    for intake in intakes:
        if intake.pk in closing_tonight:
            continue
        last_seen = _local_day(_latest(intake.created_at, intake.last_contact_at, intake.status_changed_at))
        if intake.status == Status.CLOSED and not intake.in_match:
            due_on = add_months(_local_day(intake.status_changed_at or intake.created_at), rules.closed_months)
            rule = CLOSED
        elif intake.status in (Status.CLOSED, Status.MATCHED) and intake.in_match:
            due_on = add_months(ends[intake.pk], rules.after_guidance_months)
            rule = MATCHED
        else:
            if (
                intake.outcome == Outcome.WAITLIST
                and intake.status in waitlist.WAITING_STATUSES
                and not intake.open_question
            ):
                since = _local_day(_latest(intake.created_at, intake.last_contact_at))
                ask_on = add_months(since, rules.waitlist_question_months)
                if ask_on <= today:
                    plan.due[WAITLIST_ASK].append(Due(intake, WAITLIST_ASK, ask_on))
                    continue
            if intake.open_question:
                continue  # waiting for an answer; the no-answer rule closes it
            due_on = add_months(last_seen, rules.inactive_months)
            if intake.in_match:
                due_on = max(due_on, add_months(ends[intake.pk], rules.after_guidance_months))
            rule = INACTIVE
        if due_on <= today:
            plan.due[rule].append(Due(intake, rule, due_on))

    # Asking needs an address: decrypt only the few that are due.
    askable = []
    for due in plan.due[WAITLIST_ASK]:
        intake = Intake.objects.get(pk=due.intake.pk)
        try:
            address = intake.confirmation_email
        except DecryptionError:
            address = ""
        (askable if address else plan.cannot_ask).append(due)
    plan.due[WAITLIST_ASK] = askable
    plan.expired_sessions = Session.objects.filter(expire_date__lt=now).count()
    return plan


def apply(now=None, rules: RetentionSettings | None = None) -> Plan:
    """Do what the plan says: close, ask, anonymise; then clear the expired sessions."""
    now = now or timezone.now()
    rules = rules or RetentionSettings.load()
    plan = make_plan(now, rules)
    for due in plan.due[WAITLIST_NO_ANSWER]:
        waitlist.close_unanswered(due.question, now=now)
    for due in plan.due[WAITLIST_ASK]:
        waitlist.ask(due.intake, answer_weeks=rules.waitlist_answer_weeks, now=now)
    for rule in (CLOSED, MATCHED, INACTIVE):
        for due in plan.due[rule]:
            anonymise(due.intake, rule=rule, now=now)
    call_command("clearsessions")
    return plan
