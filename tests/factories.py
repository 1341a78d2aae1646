"""Factories for unit tests on an empty database: build only what a test needs.

- `ProgramFactory` gets or creates by `code`; the five real programs are traits
  (`ProgramFactory(meeleefgezin=True)`) or `five_programs()`; their facts are `PROGRAM_FACTS`.
- `MunicipalityFactory`, `PostcodeAreaFactory` and `RegionFactory` (with `municipalities=` and
  `handlers=`); `covered_by(region, "3431", ...)` gives a region postcodes to route.
- `UserFactory`, `EditorFactory`, `HandlerFactory(regions=[...])`, `CoordinatorFactory(programs=[...])`
  and `SuperuserFactory`.
- `IntakeFactory`: a stored sign-up; `personal` is encrypted by its field, like the real flow.
- `dutch()`, `english()`, `home_page(language)` and `intake_form_page(role, language)`: the Dutch and
  English locales and the smallest page tree that serves a sign-up form.
"""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from intake.geography.models import Municipality, PostcodeArea, Region
from intake.records.models import Intake, Outcome, Role
from intake.signup.pages import IntakeFormPage
from programs.models import Program

PSY, ADD, PQ, MULTI = "psychiatric", "addiction", "parenting_questions", "multiple_problems"

# The five programs' routing facts as the domain brief states them (MeeleefGezin: 0-59 months, from
# pregnancy, in the volunteer's home, for psychiatric and addiction problems).
PROGRAM_FACTS = [
    # code, name, min, max, pregnancy, setting, concerns, order
    ("meeleefgezin", "MeeleefGezin", 0, 59, True, "volunteer_home", [PSY, ADD], 1),
    ("steunouder", "Steunouder", 0, 215, False, "volunteer_home", [PSY, ADD, MULTI], 2),
    ("buurtgezinnen", "Buurtgezinnen", 0, 215, False, "volunteer_home", [PQ, MULTI, PSY], 3),
    ("home-start", "Home-Start", 0, 155, True, "family_home", [PQ, MULTI], 4),
    ("samen-oplopen", "Samen Oplopen", 0, 275, False, "family_home", [MULTI, PSY, ADD], 5),
]  # fmt: skip


def _program_traits():
    traits = {}
    for code, name, low, high, pregnancy, setting, concerns, order in PROGRAM_FACTS:
        traits[code.replace("-", "_")] = factory.Trait(
            code=code,
            name=name,
            min_age_months=low,
            max_age_months=high,
            allows_pregnancy=pregnancy,
            setting=setting,
            concerns=list(concerns),
            sort_order=order,
        )
    return traits


# --- Locales and pages -------------------------------------------------------------------------


class LocaleFactory(DjangoModelFactory):
    language_code = "nl"

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)


def locale(language):
    return LocaleFactory(language_code=language)


def dutch():
    return locale("nl")


def english():
    return locale("en")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "MeeleefGezin"
    slug = "meeleefgezin"
    lead = "Een gezin dat met je meeleeft."
    locale = factory.LazyFunction(dutch)

    class Meta:
        model = HomePage


class IntakeFormPageFactory(wagtail_factories.PageFactory):
    role = Role.PARENT
    title = factory.LazyAttribute(lambda page: f"Aanmelden {page.role}")
    slug = factory.LazyAttribute(lambda page: f"aanmelden-{page.role.replace('_', '-')}")
    intro = "Vul het formulier in."
    privacy_note = "<p>We bewaren je gegevens veilig.</p>"

    class Meta:
        model = IntakeFormPage


def _translation_of(page, language, **changes):
    """A live translation of `page` in `language`, beside the translations of its parent.

    Built the cheap way (no revisions, unlike `copy_for_translation`); what a visitor gets is the same:
    a live page in that locale with the same translation key.
    """
    parent = page.get_parent().specific
    if not parent.is_root():
        parent = parent.get_translation(locale(language))
    own = {field.name for field in Page._meta.get_fields()}
    fields = {
        f.attname: getattr(page, f.attname)
        for f in page._meta.concrete_fields
        if f.name not in own and not f.primary_key
    }
    translated = type(page)(**fields, **changes)
    translated.translation_key, translated.locale, translated.live = page.translation_key, locale(language), True
    parent.add_child(instance=translated)
    return translated


def home_page(language="nl"):
    """The live home page in `language`; the default site serves the Dutch one (created once)."""
    dutch_home = HomePage.objects.filter(locale__language_code="nl").first()
    if dutch_home is None:
        root = Page.get_first_root_node()
        # Wagtail's "Welcome" page (from its migration) stays beside it, out of every site: deleting it
        # costs more queries than the rest of the tree together.
        dutch_home = HomePageFactory(parent=root, locale=dutch(), live=True)
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, dutch_home, "MeeleefGezin"
        site.save()
    if language == "nl":
        return dutch_home
    existing = HomePage.objects.filter(locale__language_code=language).first()
    return existing or _translation_of(dutch_home, language, slug=f"home-{language}", title="MeeleefGezin")


def intake_form_page(role, language="nl"):
    """The live sign-up page for `role` in `language` (the English one a translation of the Dutch)."""
    page = IntakeFormPage.objects.filter(role=role, locale__language_code=language).first()
    if page is not None:
        return page
    dutch_page = IntakeFormPage.objects.filter(role=role, locale__language_code="nl").first()
    if dutch_page is None:
        dutch_page = IntakeFormPageFactory(parent=home_page("nl"), role=role, locale=dutch(), live=True)
    if language == "nl":
        return dutch_page
    home_page(language)
    slug = f"sign-up-{role.replace('_', '-')}"
    return _translation_of(dutch_page, language, slug=slug, title=f"Sign-up {role}")


# --- Programs and geography ----------------------------------------------------------------------


class ProgramFactory(DjangoModelFactory):
    code = factory.Sequence(lambda n: f"program-{n}")
    name = factory.LazyAttribute(lambda program: program.code.replace("-", " ").title())
    min_age_months = 0
    max_age_months = 215
    allows_pregnancy = False
    setting = "volunteer_home"
    concerns = factory.LazyFunction(lambda: [PSY])
    sort_order = 10

    class Meta:
        model = Program
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    Params = type("Params", (), _program_traits())

    @factory.post_generation
    def coordinators(self, create, extracted, **kwargs):
        if create and extracted:
            self.coordinators.add(*extracted)


def five_programs():
    """{code: Program} for the five programs of the collective, with their real facts."""
    return {code: ProgramFactory(**{code.replace("-", "_"): True}) for code, *_facts in PROGRAM_FACTS}


class MunicipalityFactory(DjangoModelFactory):
    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    province_code = "PV26"
    province_name = "Utrecht"

    class Meta:
        model = Municipality
        django_get_or_create = ("code",)


class PostcodeAreaFactory(DjangoModelFactory):
    pc4 = factory.Sequence(lambda n: f"{8000 + n % 1000:04d}")
    municipality = factory.SubFactory(MunicipalityFactory)
    address_count = 2000
    share = 1

    class Meta:
        model = PostcodeArea
        django_get_or_create = ("pc4", "municipality")


class RegionFactory(DjangoModelFactory):
    program = factory.SubFactory(ProgramFactory, meeleefgezin=True)
    name = factory.Sequence(lambda n: f"Regio {n}")
    takes_intakes = True
    contact_name = factory.LazyAttribute(lambda region: f"Team {region.name}")
    contact_email = factory.LazyAttribute(lambda region: f"{region.name.lower().replace(' ', '-')}@example.org")

    class Meta:
        model = Region
        django_get_or_create = ("program", "name")
        skip_postgeneration_save = True

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.add(*extracted)

    @factory.post_generation
    def handlers(self, create, extracted, **kwargs):
        if create and extracted:
            self.handlers.add(*extracted)


def covered_by(region, *pc4s, municipality=None):
    """Give `region` a municipality (new unless given) holding these postcodes; returns the municipality."""
    municipality = municipality or MunicipalityFactory()
    for pc4 in pc4s:
        PostcodeAreaFactory(pc4=pc4, municipality=municipality)
    region.municipalities.add(municipality)
    return municipality


# --- Users ---------------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("not-the-demo-password")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True


class EditorFactory(UserFactory):
    """May enter the Wagtail admin (edits pages), nothing about sign-ups."""

    @factory.post_generation
    def admin_access(self, create, extracted, **kwargs):
        if create:
            self.user_permissions.add(
                Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
            )


class HandlerFactory(EditorFactory):
    """Works the sign-ups of `regions=[...]`."""

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            for region in extracted:
                region.handlers.add(self)


class CoordinatorFactory(EditorFactory):
    """National coordinator of `programs=[...]` (MeeleefGezin unless given)."""

    @factory.post_generation
    def programs(self, create, extracted, **kwargs):
        if create:
            for program in extracted if extracted is not None else [ProgramFactory(meeleefgezin=True)]:
                program.coordinators.add(self)


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


# --- Sign-ups --------------------------------------------------------------------------------------


def _personal(intake):
    return {
        "name": "Sanne de Vries",
        "phone": "06 12345678",
        "email": "sanne@example.nl",
        "postcode": f"{intake.pc4}AB" if intake.pc4 else "",
        "concerns": ["psychiatric"],
        "support": "outside_home",
        "notes": "Mijn zoon slaapt slecht; ik word behandeld voor depressie.",
    }


class IntakeFactory(DjangoModelFactory):
    """A stored sign-up routed to a region (traits: `waitlist`, `partner`, `not_eligible`)."""

    role = Role.PARENT
    language = "nl"
    outcome = Outcome.REGION
    region = factory.SubFactory(RegionFactory)
    program = factory.LazyAttribute(lambda intake: intake.region.program if intake.region else None)
    municipality = None
    pc4 = "3431"
    personal = factory.LazyAttribute(_personal)
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Intake

    class Params:
        waitlist = factory.Trait(
            outcome=Outcome.WAITLIST, region=None, program=factory.SubFactory(ProgramFactory, meeleefgezin=True)
        )
        not_eligible = factory.Trait(outcome=Outcome.NOT_ELIGIBLE, region=None, program=None)
        # A partner's sign-up without the parents' permission to pass it on (with it, give its region).
        partner = factory.Trait(
            outcome=Outcome.PARTNER, region=None, program=factory.SubFactory(ProgramFactory, home_start=True)
        )
