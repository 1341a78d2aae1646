"""Demo sign-ups for Lekstroom and Utrecht in every status a handler sets by hand. Safe to run again.

Called by `load_demo_content` after the demo regions and accounts exist (`load_demo_intake`). Every
person here is invented and plainly fake: surnames such as "Voorbeeld", e-mail addresses at
example.org, phone numbers 06-0000…. The statuses are reached through the workspace's own
functions (`intake.workspace.workflow`), so each sign-up's timeline is real; the timeline's times are
then moved into the past to match the story. Every demo sign-up came in before the outbox's sweep
window (`SWEEP_WINDOW`), so the worker never mails anybody about them. A sign-up that exists (by its
fixed reference) is left as it is, whatever happened to it since. "Matched" needs a match, and
matches are not made here.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.geography.models import Municipality, Region
from intake.outbox.queue import SWEEP_WINDOW
from intake.records.models import REFERENCE_ALPHABET, Intake, Outcome, Role, Status
from intake.workspace import workflow
from programs.models import Program

MEELEEFGEZIN = "meeleefgezin"


def demo_reference(key: str) -> str:
    """A fixed reference for a demo sign-up, in the format of real ones (so it can be looked up)."""
    chooser = random.Random(f"meeleefgezin-demo-{key}")  # noqa: S311 (not a secret: a fixed demo label)
    chars = "".join(chooser.choice(REFERENCE_ALPHABET) for _ in range(12))
    return f"MG-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


def _parent(name, n, pc6, child_months, concerns, notes):
    return {
        "name": name,
        "phone": f"06-0000{n:04d}",
        "email": f"{name.split()[0].lower()}.{n}@example.org",
        "preferred_contact": "phone",
        "postcode": pc6,
        "child_date": child_months,
        "concerns": concerns,
        "support": "outside_home",
        "notes": notes,
        "share_with_partner": True,
    }


def _host(name, n, pc6, household, motivation):
    return {
        "name": name,
        "phone": f"06-0000{n:04d}",
        "email": f"gastgezin.{n}@example.org",
        "postcode": pc6,
        "household": household,
        "motivation": motivation,
        "read_requirements": True,
    }


def _referral(referrer, profession, organisation, n, parent, pc6, child_months, concerns, reason):
    return {
        "referrer_name": referrer,
        "profession": profession,
        "organisation": organisation,
        "work_phone": f"030-000{n:04d}",
        "work_email": f"verwijzer.{n}@example.org",
        "parent_name": parent,
        "parent_phone": f"06-0000{n:04d}",
        "postcode": pc6,
        "child_date": child_months,
        "concerns": concerns,
        "support": "outside_home",
        "reason": reason,
        "parents_agreed": True,
    }


PSY, ADD = "psychiatric", "addiction"

# key, region, role, municipality code, days ago received, answers, steps, notes, assigned handler.
# A step is a status, or (status, extra) for closing (a reason) and referring (a program code).
# The child's date is given in months from today (negative: a due date to come).
SIGN_UPS = [
    # Lekstroom
    ("lek-sanne", "Lekstroom", Role.PARENT, "GM0356", 10,
     _parent("Sanne Voorbeeld", 1, "3431 AB", 14, [PSY], "Ik ben onder behandeling en mijn vriend werkt veel."),
     ["contacted"], ["Sanne gebeld. Ze wil graag een gastgezin voor haar dochter; afspraak voor huisbezoek."],
     "lekstroom"),
    ("lek-fatima", "Lekstroom", Role.PARENT, "GM0321", 8,
     _parent("Fatima Proefstra", 2, "3991 CD", -3, [PSY], "Ik ben zwanger en heb een depressie gehad."),
     [], [], None),
    ("lek-joost", "Lekstroom", Role.HOST_FAMILY, "GM0353", 21,
     _host("Anna en Joost Voorbeeld", 3, "3401 EF", "Wij zijn een stel met twee kinderen van 6 en 9.",
           "Wij hebben tijd en ruimte, en willen iets betekenen voor een gezin in de buurt."),
     ["contacted", "screening"], ["Kennismaking gehad. Verklaring omtrent gedrag aangevraagd."], "lekstroom"),
    ("lek-mila", "Lekstroom", Role.REFERRER, "GM0356", 32,
     _referral("Petra Testema", "neighbourhood_team", "Wijkteam Nieuwegein (voorbeeld)", 4, "Mila Proef",
               "3432 GH", 8, [ADD], "Moeder is herstellende van een verslaving en staat er alleen voor."),
     ["contacted", "screening", "matching"], ["Screening afgerond: zoekt een gastgezin in Nieuwegein-Zuid."],
     "lekstroom"),
    ("lek-bakker", "Lekstroom", Role.HOST_FAMILY, "GM0321", 45,
     _host("Familie Bakker-Voorbeeld", 5, "3992 JK", "Wij zijn met z'n tweeën; onze kinderen zijn het huis uit.",
           "We missen kleine kinderen in huis en hebben op woensdag tijd."),
     ["contacted", "screening", "matching"], [], "lekstroom"),
    ("lek-noor", "Lekstroom", Role.PARENT, "GM0331", 26,
     _parent("Noor Testers", 6, "3411 LM", 30, [PSY, ADD], "We gaan binnenkort verhuizen."),
     ["contacted", "on_hold"], ["Gezin verhuist eerst; na de zomer weer bellen."], None),
    ("lek-daan", "Lekstroom", Role.PARENT, "GM1961", 16,
     _parent("Daan Proefman", 7, "4141 NP", 40, [PSY], "Ik zoek vooral iemand die bij ons thuis helpt."),
     ["contacted", ("referred", "home-start")], ["Hulp thuis past beter: doorverwezen naar Home-Start."], None),
    ("lek-kim", "Lekstroom", Role.HOST_FAMILY, "GM0356", 62,
     _host("Kim Voorbeeldsen", 8, "3433 QR", "Ik woon alleen met mijn zoon van 12.", "Ik wil graag helpen."),
     ["contacted", ("closed", "withdrawn")], ["Kim heeft zich teruggetrokken: nieuwe baan, geen tijd meer."], None),
    # Utrecht
    ("utr-lotte", "Utrecht", Role.PARENT, "GM0344", 8,
     _parent("Lotte Voorbeeld", 11, "3511 AB", 6, [PSY], "Ik heb een angststoornis en weinig mensen om me heen."),
     [], [], None),
    ("utr-yusuf", "Utrecht", Role.PARENT, "GM0344", 11,
     _parent("Yusuf Proefoglu", 12, "3521 CD", 20, [ADD], "Mijn vrouw en ik willen onze zoon wat rust geven."),
     ["contacted"], [], "utrecht"),
    ("utr-eva", "Utrecht", Role.HOST_FAMILY, "GM0344", 24,
     _host("Eva en Mark Testhuis", 13, "3531 EF", "Wij hebben een dochter van 3.",
           "Wij kennen de situatie uit onze familie."),
     ["contacted", "screening"], ["Referenties nagebeld: positief."], "utrecht"),
    ("utr-sem", "Utrecht", Role.REFERRER, "GM0344", 35,
     _referral("Ilse Voorbeeldhuis", "youth_health", "Consultatiebureau Utrecht (voorbeeld)", 14, "Sem Testkamp",
               "3541 GH", 11, [PSY], "Vader is opgenomen geweest; moeder heeft steun nodig."),
     ["contacted", "screening", "matching"], [], "utrecht"),
    ("utr-ruud", "Utrecht", Role.HOST_FAMILY, "GM0344", 50,
     _host("Ruud Proefstede", 15, "3551 JK", "Wij zijn een gezin met drie kinderen.", "Wij hebben plek voor nog één."),
     ["contacted", "screening", "matching"], ["Training afgerond; klaar om te koppelen."], "utrecht"),
    ("utr-iris", "Utrecht", Role.PARENT, "GM0344", 28,
     _parent("Iris Testveld", 16, "3561 LM", 18, [PSY], "Ik word eerst opgenomen."),
     ["contacted", "on_hold"], ["Moeder wordt eerst opgenomen; over zes weken opnieuw contact."], None),
    ("utr-bram", "Utrecht", Role.REFERRER, "GM0344", 19,
     _referral("Hans Voorbeeldman", "gp", "Huisartsenpraktijk (voorbeeld)", 17, "Bram Proefhof", "3571 NP", 48,
               ["multiple_problems"], "Het gezin heeft op veel gebieden hulp nodig."),
     ["contacted", ("referred", "samen-oplopen")], [], None),
    ("utr-tess", "Utrecht", Role.PARENT, "GM0344", 70,
     _parent("Tess Testerman", 18, "3581 QR", 26, [ADD], "Bel liever na 17.00 uur."),
     ["contacted", ("closed", "no_contact")], ["Drie keer gebeld en gemaild, geen reactie."], None),
]  # fmt: skip


def _child_date(months: int) -> str:
    day = timezone.localdate() - datetime.timedelta(days=round(months * 30.4))
    return day.isoformat()


def _timestamp_last_entry(intake, when):
    """The newest entry of this sign-up's trail happened at `when` (the demo's story, not today)."""
    entry = IntakeLogEntry.objects.filter(intake_id=intake.pk).order_by("-pk").first()
    if entry is not None:
        IntakeLogEntry.objects.filter(pk=entry.pk).update(timestamp=when)


def _create(spec, regions, programs, handlers, now):
    key, region_name, role, municipality_code, days_ago, answers, steps, notes, assignee = spec
    region = regions[region_name]
    days_ago = max(days_ago, SWEEP_WINDOW.days + 1)  # older than the sweep: no notices for the demo
    received = now - datetime.timedelta(days=days_ago, hours=3)
    personal = dict(answers)
    if "child_date" in personal:
        personal["child_date"] = _child_date(personal["child_date"])
    intake = Intake.objects.create(
        reference=demo_reference(key),
        role=role,
        language="nl",
        created_at=received,
        outcome=Outcome.REGION,
        program=region.program,
        region=region,
        municipality=Municipality.objects.filter(code=municipality_code).first(),
        pc4=personal["postcode"][:4],
        personal=personal,
        consent_at=received,
        statuses_reached=[Status.NEW],
    )
    audit.record(intake, audit.RECEIVED, None, outcome=intake.outcome)
    _timestamp_last_entry(intake, received)
    handler = handlers[region_name]
    when = received
    if assignee:
        when += datetime.timedelta(hours=20)
        workflow.assign(intake, handlers[assignee], user=handler)
        _timestamp_last_entry(intake, when)
    for step in steps:
        status, extra = step if isinstance(step, tuple) else (step, "")
        when += datetime.timedelta(days=max(1, days_ago // (len(steps) + 2)))
        workflow.change_status(
            intake,
            status,
            user=handler,
            reason=extra if status == Status.CLOSED else "",
            referred_to=programs.get(extra) if status == Status.REFERRED else None,
            now=when,
        )
        _timestamp_last_entry(intake, when)
    for text in notes:
        when += datetime.timedelta(hours=2)
        workflow.add_note(intake, text, user=handler, now=when)
        _timestamp_last_entry(intake, when)
    return intake


def load(stdout=None) -> int:
    """Create the demo sign-ups that do not exist yet; returns how many were created."""
    regions = {r.name: r for r in Region.objects.filter(program__code=MEELEEFGEZIN, name__in=["Lekstroom", "Utrecht"])}
    User = get_user_model()
    handlers = {u.username: u for u in User.objects.filter(username__in=["lekstroom", "utrecht"])}
    handlers.update({"Lekstroom": handlers.get("lekstroom"), "Utrecht": handlers.get("utrecht")})
    if len(regions) < 2 or None in handlers.values():
        if stdout is not None:
            stdout.write("Demo sign-ups skipped: the demo regions and handlers are missing (load_demo_intake).")
        return 0
    programs = {p.code: p for p in Program.objects.all()}
    existing = set(
        Intake.objects.filter(reference__in=[demo_reference(s[0]) for s in SIGN_UPS]).values_list(
            "reference", flat=True
        )
    )
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for spec in SIGN_UPS:
            if demo_reference(spec[0]) in existing:
                continue
            _create(spec, regions, programs, handlers, now)
            created += 1
    if stdout is not None:
        stdout.write(f"Demo sign-ups: {created} created, {len(SIGN_UPS) - created} already there.")
    return created
