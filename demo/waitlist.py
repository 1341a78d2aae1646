"""Demo sign-ups on the central waitlist, spread over the country. Safe to run again.

Called once at the end of `load_demo_content` (after the demo geography and regions). Parents and
host families wait in municipalities without an active MeeleefGezin region, received between two
weeks and four years ago, so the waitlist page (Intake → Waitlist) shows real waits, demand per
municipality and province, and — after `import_geography --boundaries` — the map.

Zeist, Utrechtse Heuvelrug and De Bilt belong to the ZuidOost Utrecht region, which does not take
sign-ups in the demo: switch it to "takes sign-ups" (Intake → Regions) and the waitlist page offers
to move their waiting sign-ups there.

Every person is invented (names, example.org addresses, 06-00 numbers). Each entry has a fixed
reference, so running this again changes nothing, also not an entry that was re-routed or closed in
the meantime. All entries are older than the outbox's sweep window, so no e-mail is ever queued.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from demo import geography as demo_geography
from intake.audit.actions import RECEIVED
from intake.geography.models import Municipality
from intake.records.models import REFERENCE_ALPHABET, Intake, Outcome, Role, Status
from intake.routing.vocabulary import MEELEEFGEZIN
from programs.models import Program

P, H = Role.PARENT, Role.HOST_FAMILY

# (key, role, municipality code, days ago, status). Keys make the references; never reuse one.
ENTRIES = [
    # ZuidOost Utrecht (not active in the demo): switch it on to re-route these.
    ("zeist-1", P, "GM0355", 41, Status.NEW),
    ("zeist-2", P, "GM0355", 120, Status.CONTACTED),
    ("zeist-3", P, "GM0355", 16, Status.NEW),
    ("zeist-4", H, "GM0355", 300, Status.NEW),
    ("zeist-5", H, "GM0355", 610, Status.ON_HOLD),
    ("heuvelrug-1", P, "GM1581", 75, Status.NEW),
    ("heuvelrug-2", H, "GM1581", 820, Status.NEW),
    ("debilt-1", H, "GM0310", 190, Status.NEW),
    # Soest and Amersfoort, near the active regions
    ("soest-1", P, "GM0342", 58, Status.NEW),
    ("soest-2", H, "GM0342", 402, Status.NEW),
    ("amersfoort-1", P, "GM0307", 33, Status.NEW),
    ("amersfoort-2", P, "GM0307", 260, Status.CONTACTED),
    ("amersfoort-3", H, "GM0307", 95, Status.NEW),
    ("amersfoort-4", H, "GM0307", 1210, Status.NEW),
    # The rest of the country
    ("amsterdam-1", P, "GM0363", 21, Status.NEW),
    ("amsterdam-2", P, "GM0363", 140, Status.NEW),
    ("amsterdam-3", P, "GM0363", 455, Status.ON_HOLD),
    ("amsterdam-4", H, "GM0363", 66, Status.NEW),
    ("amsterdam-5", H, "GM0363", 730, Status.NEW),
    ("amsterdam-6", H, "GM0363", 1400, Status.NEW),
    ("rotterdam-1", P, "GM0599", 88, Status.NEW),
    ("rotterdam-2", P, "GM0599", 15, Status.NEW),
    ("rotterdam-3", H, "GM0599", 512, Status.NEW),
    ("denhaag-1", P, "GM0518", 230, Status.NEW),
    ("denhaag-2", H, "GM0518", 990, Status.NEW),
    ("denhaag-3", H, "GM0518", 47, Status.NEW),
    ("eindhoven-1", P, "GM0772", 170, Status.NEW),
    ("eindhoven-2", H, "GM0772", 365, Status.NEW),
    ("tilburg-1", H, "GM0855", 640, Status.NEW),
    ("arnhem-1", P, "GM0202", 52, Status.NEW),
    ("arnhem-2", H, "GM0202", 1100, Status.NEW),
    ("nijmegen-1", P, "GM0268", 310, Status.NEW),
    ("nijmegen-2", H, "GM0268", 27, Status.NEW),
    ("zwolle-1", H, "GM0193", 205, Status.NEW),
    ("enschede-1", P, "GM0153", 99, Status.NEW),
    ("almere-1", P, "GM0034", 12, Status.NEW),
    ("almere-2", H, "GM0034", 480, Status.NEW),
    ("groningen-1", P, "GM0014", 150, Status.NEW),
    ("groningen-2", H, "GM0014", 1500, Status.NEW),
    ("leeuwarden-1", H, "GM0080", 560, Status.NEW),
    ("assen-1", P, "GM0106", 270, Status.NEW),
    ("middelburg-1", H, "GM0687", 880, Status.NEW),
    ("maastricht-1", P, "GM0935", 63, Status.NEW),
    ("maastricht-2", H, "GM0935", 345, Status.NEW),
    # No longer waiting: on the waitlist, but not counted.
    ("amsterdam-closed", P, "GM0363", 600, Status.CLOSED),
    ("rotterdam-referred", P, "GM0599", 200, Status.REFERRED),
]

# A real four-digit postcode in each municipality (the ones without postcodes in demo/geography.py
# were "not known", so the person chose the municipality in the form).
PC4 = {
    "GM0355": "3701", "GM1581": "3941", "GM0310": "3731", "GM0342": "3761", "GM0307": "3811",
    "GM0363": "1011", "GM0599": "3011", "GM0518": "2511", "GM0772": "5611", "GM0855": "5011",
    "GM0202": "6811", "GM0268": "6511", "GM0193": "8011", "GM0153": "7511", "GM0034": "1311",
    "GM0014": "9711", "GM0080": "8911", "GM0106": "9401", "GM0687": "4331", "GM0935": "6211",
}  # fmt: skip
KNOWN_PC4 = {pc4 for pc4, *_rest in demo_geography.POSTCODES}

FIRST_NAMES = ["Noor", "Daan", "Fleur", "Sem", "Lotte", "Milan", "Yara", "Luuk", "Iris", "Bram", "Sara", "Joep"]
LAST_NAMES = ["Jansen", "de Boer", "Visser", "Bakker", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters"]


def reference_for(key: str) -> str:
    """A fixed, valid-looking reference per demo entry (the real ones are random)."""
    digest = hashlib.sha256(f"meeleefgezin-demo-waitlist:{key}".encode()).digest()
    chars = "".join(REFERENCE_ALPHABET[byte % len(REFERENCE_ALPHABET)] for byte in digest[:12])
    return f"MG-{chars[0:4]}-{chars[4:8]}-{chars[8:12]}"


def _personal(index: int, role: str, municipality: Municipality, received) -> dict:
    first, last = FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[index % len(LAST_NAMES)]
    email = f"demo.{first.lower()}.{index}@example.org"
    phone = f"06 0000 {index:04d}"
    pc4 = PC4[municipality.code]
    where = {"postcode": f"{pc4} AB"}
    if pc4 not in KNOWN_PC4:
        where["municipality_answer"] = municipality.code
    if role == H:
        return {
            "name": f"{first} en Kim {last}",
            "phone": phone,
            "email": email,
            **where,
            "household": "Wij zijn een stel met twee kinderen van 6 en 9. (demo)",
            "motivation": "We hebben ruimte en tijd, en willen een kind een tweede thuis geven. (demo)",
            "read_requirements": True,
        }
    child = (received + timedelta(days=-300 - 40 * (index % 20))).date()
    return {
        "name": f"{first} {last}",
        "phone": phone,
        "email": email,
        "preferred_contact": "phone",
        **where,
        "child_date": child.isoformat(),
        "concerns": ["psychiatric"] if index % 3 else ["addiction"],
        "support": "outside_home",
        "notes": "Demo-aanmelding: verzonnen gegevens.",
        "share_with_partner": index % 2 == 0,
    }


def _reached(status: str) -> list[str]:
    path = {
        Status.NEW: [Status.NEW],
        Status.CONTACTED: [Status.NEW, Status.CONTACTED],
        Status.ON_HOLD: [Status.NEW, Status.CONTACTED, Status.ON_HOLD],
        Status.CLOSED: [Status.NEW, Status.CONTACTED, Status.CLOSED],
        Status.REFERRED: [Status.NEW, Status.CONTACTED, Status.REFERRED],
    }
    return [str(code) for code in path[status]]


def load(stdout=None) -> int:
    """Create the demo waitlist entries that do not exist yet; returns how many were created."""
    program = Program.objects.get(code=MEELEEFGEZIN)
    municipalities = Municipality.objects.in_bulk({code for _k, _r, code, _d, _s in ENTRIES}, field_name="code")
    existing = set(
        Intake.objects.filter(reference__in=[reference_for(key) for key, *_rest in ENTRIES]).values_list(
            "reference", flat=True
        )
    )
    home_start = Program.objects.filter(code="home-start").first()
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for index, (key, role, code, days, status) in enumerate(ENTRIES):
            reference = reference_for(key)
            if reference in existing or code not in municipalities:
                continue
            municipality = municipalities[code]
            received = now - timedelta(days=days, hours=index % 9)
            changed = received + timedelta(days=min(days // 2, 14)) if status != Status.NEW else None
            intake = Intake.objects.create(
                reference=reference,
                role=role,
                language="nl",
                created_at=received,
                outcome=Outcome.WAITLIST,
                program=program,
                region=None,
                municipality=municipality,
                pc4=PC4[code],
                status=status,
                status_changed_at=changed,
                statuses_reached=_reached(status),
                closed_reason="no_longer_waiting" if status == Status.CLOSED else "",
                referred_to=home_start if status == Status.REFERRED else None,
                last_contact_at=changed,
                personal=_personal(index, role, municipality, received),
                consent_at=received,
            )
            log(intake, RECEIVED, user=None, data={"outcome": Outcome.WAITLIST.value}, timestamp=received)
            created += 1
    if stdout is not None:
        stdout.write(f"Demo waitlist: {created} sign-ups added ({len(ENTRIES)} in the demo).")
    return created
