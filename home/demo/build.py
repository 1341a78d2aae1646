"""Build the demo site: locales, the Dutch home page as Site root."""

from wagtail.models import Locale, Page, Site

from home.models import HomePage


def ensure_locales():
    nl = Locale.objects.get_or_create(language_code="nl")[0]
    Locale.objects.get_or_create(language_code="en")
    return nl


def ensure_home(nl):
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=nl, depth=2).first()
    if home is None:
        home = HomePage(
            title="MeeleefGezin",
            slug="home",
            locale=nl,
            lead="Een meeleefgezin is een gastgezin voor je jonge kind. Je kind is er één dag per week en één weekend per maand.",
            front_doors=[],
        )
        # Free the slug taken by Wagtail's default welcome page.
        Page.objects.filter(depth=2, slug="home").exclude(pk=home.pk).update(slug="welcome-wagtail")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.site_name = "MeeleefGezin"
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).exclude(locale__language_code="en").filter(
        content_type__model="page"
    ).delete()
    return home


def run(stdout=None, verbosity=1):
    nl = ensure_locales()
    ensure_home(nl)
