"""Build the bilingual demo site, step by step. Every step finds what exists and updates it."""

import os
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale, Page, Site

from core.models import ContactSettings, Footer, FooterLink, NavigationItem, NavigationMenu, YouthTeamGuidance
from core.roles import ensure_editors_group
from demo import signups
from demo import waitlist as waitlist_demo
from programs.models import Program

from . import articles, audiences, collective, home, other_pages
from .images import ensure_images
from .indexing import deferred_indexing
from .text import Img, ProgramOf, Ref, translation_map
from .translate import translate
from .upsert import upsert_page

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "changeme-demo"
#: A member of the Editors group (core/roles.py): pages, snippets, settings, translations, no sign-ups.
EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "changeme-demo"


def page_specs():
    """All demo pages, parents before children, siblings in menu order."""
    home_page, how_it_works = home.PAGES
    return [
        home_page,
        *audiences.PAGES[:-1],  # the three audiences, each followed by its sign-up page
        how_it_works,
        *collective.PAGES,
        *articles.PAGES,
        audiences.FIND_SUPPORT,
        *other_pages.PAGES,
    ]


class DemoBuilder:
    """Holds what the steps share: locales, programs, images and the Dutch pages by spec key."""

    def __init__(self, stdout=None, stderr=None, verbosity=1, create_admin=True):
        self.stdout, self.stderr, self.verbosity = stdout, stderr, verbosity
        self.create_admin = create_admin
        self.pages = {}  # spec key -> Dutch page
        self.specs = {spec.key: spec for spec in page_specs()}
        self.changed = 0

    def log(self, message, level=1):
        if self.stdout is not None and self.verbosity >= level:
            self.stdout.write(message)

    # Locales, programs, site --------------------------------------------------------------

    def ensure_locales(self):
        self.nl = Locale.objects.get_or_create(language_code="nl")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]

    @transaction.atomic
    def ensure_programs(self):
        self.programs = {}
        for sort_order, facts in enumerate(collective.PROGRAMS):
            code, defaults = facts["code"], {k: v for k, v in facts.items() if k != "code"}
            self.programs[code] = Program.objects.update_or_create(
                code=code, defaults={**defaults, "sort_order": sort_order * 10}
            )[0]

    def remove_default_welcome_page(self):
        """Wagtail's 'Welcome to your new Wagtail site!' page (a plain Page with slug 'home') makes way."""
        for page in Page.objects.filter(depth=2, slug="home", content_type__model="page", numchild=0):
            page.delete()

    def ensure_site(self):
        home = self.pages["home"]
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        # Where `make run` serves the demo, so absolute links (sitemap, e-mails) work locally.
        site.hostname = os.environ.get("SITE_HOSTNAME", "127.0.0.1")
        site.port = int(os.environ.get("PORT") or 8000)
        site.root_page, site.site_name = home, "MeeleefGezin"
        site.save()
        self.site = site

    # Dutch pages --------------------------------------------------------------------------

    def build_dutch_pages(self):
        self.images = ensure_images()
        specs = page_specs()
        pending = [spec for spec in specs if not self.upsert(spec)]
        # Links to pages that did not exist yet on the first pass.
        for spec in pending:
            if not self.upsert(spec):
                raise CommandError(f"{spec.key}: a page link points at a page that is not in the demo")

    def find_page(self, key):
        """The Dutch page of a spec: already handled in this run, or existing from an earlier run."""
        if key not in self.pages:
            spec = self.specs[key]
            parent = self.find_page(spec.parent) if spec.parent else Page.get_first_root_node()
            page = parent and parent.get_children().filter(slug=spec.slug).first()
            if page is None:
                return None
            self.pages[key] = page.specific
        return self.pages[key]

    def upsert(self, spec):
        """Create or update one Dutch page. Returns False when a link had to wait for a later page."""
        parent = self.pages[spec.parent] if spec.parent else Page.get_first_root_node()
        parent.refresh_from_db(fields=["numchild"])  # the tree position of a new child depends on it
        resolved = True

        def resolve(value):
            nonlocal resolved
            if isinstance(value, Img):
                return self.images[value.key].pk
            if isinstance(value, ProgramOf):
                return self.programs[value.code].pk
            if isinstance(value, Ref) and (target := self.find_page(value.key)) is not None:
                return target.pk
            resolved = False
            return parent.pk  # a valid placeholder until the target exists

        with transaction.atomic():  # one page at a time (see wagtail-localize #773)
            page, changed = upsert_page(spec, parent, self.nl, resolve)
        self.pages[spec.key] = page
        self.changed += changed
        return resolved

    # English ------------------------------------------------------------------------------

    def translate_pages(self):
        specs = page_specs()
        pending = [spec for spec in specs if not self.translate_page(spec)]
        for spec in pending:
            if not self.translate_page(spec):
                raise CommandError(f"{spec.key}: a page link has no English page to point at")

    def translate_page(self, spec):
        # A fresh instance: the one from upsert may hold unsaved in-memory child rows (tags).
        page = Page.objects.get(pk=self.pages[spec.key].pk).specific
        mapping = translation_map(spec.pairs(), spec.key)
        # The English page is published when the block commits. Its interim (Dutch) slug was never a
        # public URL, so Wagtail should not create a redirect from it.
        with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False), transaction.atomic():
            return translate(page, self.en, mapping, spec.key)

    # Snippets and settings ----------------------------------------------------------------

    def build_menu(self):
        self._build_furniture(
            NavigationMenu, "name", other_pages.MENU_NAME, "items", NavigationItem, other_pages.MENU_ITEMS
        )

    def build_footer(self):
        self._build_furniture(Footer, "text", other_pages.FOOTER_TEXT, "links", FooterLink, other_pages.FOOTER_LINKS)

    @transaction.atomic
    def _build_furniture(self, model, field, text, relation, link_model, entries):
        """The Dutch menu or footer (published), and its English translation through wagtail-localize."""
        snippet = model.objects.filter(locale=self.nl).order_by("pk").first() or model(locale=self.nl)
        before = _snippet_state(snippet, field, relation)
        setattr(snippet, field, text.nl)
        setattr(snippet, relation, self._children(snippet, relation, link_model, entries))
        snippet = _publish(snippet, before, _snippet_state(snippet, field, relation))
        labels = [label for _key, label in entries]
        # wagtail-localize publishes the English one when this block commits (save_target(publish=True)).
        key = model._meta.model_name
        translate(snippet, self.en, translation_map([text, labels], key), key)

    def _children(self, parent, relation, model, entries):
        """Menu/footer rows in order, reusing existing rows (and so their translation keys) by page."""
        existing = {row.page_id: row for row in getattr(parent, relation).all()} if parent.pk else {}
        rows = []
        for order, (key, label) in enumerate(entries):
            page = self.pages[key]
            row = existing.get(page.pk) or model(page=page, locale=self.nl)
            row.label, row.sort_order, row.locale = label.nl, order, self.nl
            rows.append(row)
        return rows

    @transaction.atomic
    def build_youth_team_guidance(self):
        """The Dutch guidance towards the CJG or neighbourhood team, and its English translation."""
        spec = other_pages.YOUTH_TEAM_GUIDANCE
        guidance = YouthTeamGuidance.objects.filter(locale=self.nl).order_by("pk").first()
        guidance = guidance or YouthTeamGuidance(locale=self.nl)
        wanted = {"text": spec["text"].nl, "link_url": spec["link_url"], "link_label": spec["link_label"].nl}
        if guidance.pk is None or any(getattr(guidance, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(guidance, name, value)
            guidance.save()
        # wagtail-localize saves the English one when this block commits.
        translate(
            guidance,
            self.en,
            translation_map([spec["text"], spec["link_label"]], "youth team guidance"),
            "youth team guidance",
        )

    def ensure_contact_settings(self):
        settings = ContactSettings.for_site(self.site)
        for name, value in other_pages.CONTACT_DETAILS.items():
            setattr(settings, name, value)
        settings.save()

    # Other apps, admin, checks ------------------------------------------------------------

    def load_intake_demo(self):
        if "load_demo_intake" in get_commands():
            call_command("load_demo_intake", verbosity=self.verbosity)
            signups.load(stdout=self.stdout if self.verbosity > 0 else None)
        else:
            self.log("load_demo_intake is not available yet; skipped the intake demo data.")

    def load_waitlist_demo(self):
        waitlist_demo.load(stdout=self.stdout if self.verbosity >= 1 else None)

    def ensure_admin(self):
        User = get_user_model()
        if not self.create_admin or User.objects.filter(username=ADMIN_USERNAME).exists():
            return
        User.objects.create_superuser(ADMIN_USERNAME, "admin@meeleefgezin.example.org", ADMIN_PASSWORD)
        if self.stderr is not None and self.verbosity >= 1:
            self.stderr.write(
                f"Created superuser '{ADMIN_USERNAME}' with password '{ADMIN_PASSWORD}'. "
                "For local demo use only: never run this command on a public server."
            )

    def ensure_editor(self):
        """The demo editor, in the Editors group (which `migrate` creates; completed here too)."""
        group, _missing = ensure_editors_group()
        if not self.create_admin:
            return
        User = get_user_model()
        editor, created = User.objects.get_or_create(
            username=EDITOR_USERNAME, defaults={"email": "editor@meeleefgezin.example.org", "first_name": "Eva"}
        )
        if created:
            editor.set_password(EDITOR_PASSWORD)
            editor.save()
            if self.stderr is not None and self.verbosity >= 1:
                self.stderr.write(
                    f"Created editor '{EDITOR_USERNAME}' with password '{EDITOR_PASSWORD}' in the Editors group. "
                    "For local demo use only."
                )
        editor.groups.add(group)

    def check_tree(self):
        """Repair tree counts if anything went wrong (see wagtail-localize #773)."""
        if any(Page.find_problems()):
            self.log("Page tree problems found; repairing with Page.fix_tree().")
            Page.fix_tree()

    def summary(self, started):
        self.log(f"Demo content ready in {time.monotonic() - started:.1f}s ({self.changed} Dutch pages saved).")
        for locale in (self.nl, self.en):
            count = Page.objects.filter(locale=locale, depth__gt=1).count()
            self.log(f"  {locale.get_display_name()} ({locale.language_code}): {count} pages")
        self.log(f"  Site root: {self.site.root_page.title} on {self.site.hostname}:{self.site.port}")


def _snippet_state(snippet, field, relation):
    """What a menu or footer shows: its text and its rows, to skip publishing what did not change."""
    rows = getattr(snippet, relation).all() if snippet.pk else []
    return getattr(snippet, field), [(row.page_id, row.label, row.sort_order) for row in rows]


def _publish(snippet, before, after):
    """Publish a menu or footer the way an editor does (a revision, then publish). Returns it fresh from the database.

    Visitors only see published snippets, so a first save is a draft (`live=False`) until published.
    """
    if snippet.pk is None:
        snippet.live = False
        snippet.save()
    elif before == after and snippet.live and not snippet.has_unpublished_changes:
        return snippet
    snippet.save_revision().publish()
    return type(snippet).objects.get(pk=snippet.pk)


def run(stdout=None, stderr=None, verbosity=1, create_admin=True):
    started = time.monotonic()
    builder = DemoBuilder(stdout, stderr, verbosity, create_admin)
    steps = [
        builder.ensure_locales,
        builder.ensure_programs,
        builder.remove_default_welcome_page,
        builder.build_dutch_pages,
        builder.ensure_site,
        builder.translate_pages,
        builder.build_menu,
        builder.build_footer,
        builder.build_youth_team_guidance,
        builder.ensure_contact_settings,
        builder.load_intake_demo,
        builder.ensure_admin,
        builder.ensure_editor,
        builder.check_tree,
        builder.load_waitlist_demo,
    ]
    with deferred_indexing():
        for step in steps:
            step_started = time.monotonic()
            step()
            builder.log(f"  {step.__name__}: {time.monotonic() - step_started:.2f}s", level=2)
    builder.summary(started)
    return builder
