"""Admin menu for the site furniture, the guard that keeps /en/ honest, and the admin's security pages."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_security import urls as admin_security_urls
from .models import Footer, NavigationMenu, YouthTeamGuidance


def _base_language(code):
    return (code or "").split("-")[0].lower()


@hooks.register("before_serve_page")
def serve_only_in_the_page_language(page, request, serve_args, serve_kwargs):
    """Never show a page under another language's address.

    Wagtail routes /en/... through the English home page when there is one, and through the
    Dutch home page when there is not, so a Dutch page would be served at an English address with
    English navigation around it. Answer 404 instead, and point to the page in its own language.
    """
    page_language = _base_language(page.locale.language_code)
    active_language = _base_language(translation.get_language() or settings.LANGUAGE_CODE)
    if page_language == active_language:
        return None
    context = {"untranslated_language": page_language}
    if page.live:
        context["untranslated_url"] = page.get_url(request)
    return TemplateResponse(request, "404.html", context, status=404)


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Main menu")
    list_display = ["name", "locale"]
    search_fields = ["name"]
    search_backend_name = None


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "placeholder"
    menu_label = _("Footer")
    list_display = ["__str__", "locale"]
    search_fields = ["text"]
    search_backend_name = None


class YouthTeamGuidanceViewSet(SnippetViewSet):
    """Shown by the intake wherever it suggests the CJG or neighbourhood team (one per language)."""

    model = YouthTeamGuidance
    icon = "help"
    menu_label = _("CJG guidance")
    list_display = ["__str__", "locale"]
    search_fields = ["text"]
    search_backend_name = None


class SiteFurnitureGroup(SnippetViewSetGroup):
    items = (NavigationMenuViewSet, FooterViewSet, YouthTeamGuidanceViewSet)
    menu_icon = "site"
    menu_label = _("Navigation")
    menu_name = "site-furniture"
    menu_order = 250


register_snippet(SiteFurnitureGroup)


# --- Admin security: the second-factor step and enrolment (core/admin_security/) -------------------


@hooks.register("register_admin_urls")
def register_admin_security_urls():
    return [path("security/", include(admin_security_urls))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("admin_security_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Protect your account with a code from an authenticator app, and get recovery codes."),
    }
