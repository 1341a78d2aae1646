"""Demo geography, regions and handlers for the intake. Safe to run again.

Called by `load_demo_content` after it has created the programs. All organisations' contact
details are invented (example.org). The handler accounts `lekstroom`, `utrecht` and `coordinator`
get the demo password (`changeme-demo`, local demo only; kept when somebody has changed it) and,
like `admin`, enrol an authenticator app at their first sign-in.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import geography as demo_geography
from demo.content.build import ADMIN_PASSWORD as DEMO_PASSWORD
from demo.safety import refuse_unless_demo_allowed
from intake.geography.importer import MunicipalityRow, PostcodeRow, apply
from intake.geography.models import Municipality, Region
from programs.models import Program

HANDLERS_GROUP = "handlers"

LEKSTROOM = ["GM0321", "GM0356", "GM0353", "GM1961", "GM0331"]
ZUIDOOST_UTRECHT = ["GM0355", "GM1581", "GM0310", "GM0312", "GM0352"]

# (program code, region name, municipalities, takes intakes, contact name, e-mail, phone, handler username)
REGIONS = [
    (
        "meeleefgezin",
        "Utrecht",
        ["GM0344"],
        True,
        "Team MeeleefGezin Utrecht",
        "utrecht@meeleefgezin.example.org",
        "030 000 0101",
        "utrecht",
    ),
    (
        "meeleefgezin",
        "Lekstroom",
        LEKSTROOM,
        True,
        "Team MeeleefGezin Lekstroom",
        "lekstroom@meeleefgezin.example.org",
        "030 000 0102",
        "lekstroom",
    ),
    (
        "meeleefgezin",
        "ZuidOost Utrecht",
        ZUIDOOST_UTRECHT,
        False,
        "MeeleefGezin landelijk",
        "info@meeleefgezin.example.org",
        "",
        "",
    ),
    (
        "home-start",
        "Home-Start Utrecht en Lekstroom",
        ["GM0344", *LEKSTROOM],
        True,
        "Coördinator Home-Start",
        "utrecht@home-start.example.org",
        "030 000 0201",
        "",
    ),
    (
        "buurtgezinnen",
        "Buurtgezinnen Zeist",
        ["GM0355"],
        True,
        "Coördinator Buurtgezinnen Zeist",
        "zeist@buurtgezinnen.example.org",
        "030 000 0301",
        "",
    ),
    (
        "steunouder",
        "Steunouder De Bilt",
        ["GM0310"],
        True,
        "Coördinator Steunouder",
        "debilt@steunouder.example.org",
        "030 000 0401",
        "",
    ),
    (
        "samen-oplopen",
        "Samen Oplopen Utrecht",
        ["GM0344"],
        True,
        "Coördinator Samen Oplopen",
        "utrecht@samen-oplopen.example.org",
        "030 000 0501",
        "",
    ),
]


def _give_demo_password(user):
    """The demo password, unless the account already has a password of its own."""
    if not user.password or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


def load(stdout=None) -> dict:
    """Create or refresh the demo intake data; returns {region name: Region}."""
    needed = sorted({code for code, *_rest in REGIONS})
    programs = {p.code: p for p in Program.objects.filter(code__in=needed)}
    missing = [code for code in needed if code not in programs]
    if missing:
        raise CommandError(
            f"Programs missing: {', '.join(missing)}. Create the programs first (manage.py load_demo_content)."
        )

    with transaction.atomic():
        apply(
            [MunicipalityRow(*row) for row in demo_geography.MUNICIPALITIES],
            [PostcodeRow(pc4, code, count, share) for pc4, code, count, share in demo_geography.POSTCODES],
            update_existing=False,
            remove_missing=False,
        )
        municipalities = {
            m.code: m for m in Municipality.objects.filter(code__in=[r[0] for r in demo_geography.MUNICIPALITIES])
        }
        for code, (team, url, phone) in demo_geography.YOUTH_TEAMS.items():
            Municipality.objects.filter(code=code).update(
                youth_team_name=team, youth_team_url=url, youth_team_phone=phone
            )
        group, _created = Group.objects.get_or_create(name=HANDLERS_GROUP)
        # Handlers may enter the admin; what they see there is scoped by Region.handlers.
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
        User = get_user_model()
        regions = {}
        for code, name, codes, takes, contact, email, phone, username in REGIONS:
            region, _created = Region.objects.update_or_create(
                program=programs[code],
                name=name,
                defaults={
                    "takes_intakes": takes,
                    "contact_name": contact,
                    "contact_email": email,
                    "contact_phone": phone,
                },
            )
            region.municipalities.set([municipalities[c] for c in codes])
            if username:
                user, _created = User.objects.get_or_create(
                    username=username,
                    defaults={"email": f"{username}@meeleefgezin.example.org", "first_name": f"Team {name}"},
                )
                _give_demo_password(user)
                user.groups.add(group)
                region.handlers.add(user)
            regions[name] = region
        # MeeleefGezin's national coordinator works the central waitlist.
        coordinator, _created = User.objects.get_or_create(
            username="coordinator",
            defaults={"email": "coordinator@meeleefgezin.example.org", "first_name": "Landelijk coördinator"},
        )
        _give_demo_password(coordinator)
        coordinator.groups.add(group)
        programs["meeleefgezin"].coordinators.add(coordinator)
    if stdout is not None:
        stdout.write(f"Demo intake: {len(municipalities)} municipalities, {len(regions)} regions.")
    return regions


class Command(BaseCommand):
    help = "Load the demo geography, regions and region handlers (needs the programs; safe to run again)."

    def handle(self, *args, **options):
        refuse_unless_demo_allowed("load_demo_intake")
        load(stdout=self.stdout if options["verbosity"] > 0 else None)
