"""Admin menu for the site furniture, the guard that keeps /en/ honest, and the admin's security pages."""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import translations_admin
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


TRANSLATION_COLUMN = translations_admin.TranslationStateColumn("translation_state", label=_("Translation"))


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Main menu")
    list_display = ["name", "locale", TRANSLATION_COLUMN]
    search_fields = ["name"]
    search_backend_name = None


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "placeholder"
    menu_label = _("Footer")
    list_display = ["__str__", "locale", TRANSLATION_COLUMN]
    search_fields = ["text"]
    search_backend_name = None


class YouthTeamGuidanceViewSet(SnippetViewSet):
    """Shown by the intake wherever it suggests the CJG or neighbourhood team (one per language)."""

    model = YouthTeamGuidance
    icon = "help"
    menu_label = _("CJG guidance")
    list_display = ["__str__", "locale", TRANSLATION_COLUMN]
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


# --- Translation state (core/translations_admin.py) ------------------------------------------------


@hooks.register("register_admin_urls")
def register_translation_update_url():
    """Our update view at wagtail-localize's own address: registered first (core comes before
    wagtail_localize in INSTALLED_APPS), so every link to "update translations" leads to it."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            translations_admin.UpdateTranslationsView.as_view(),
            name="update_translation_state",
        )
    ]


@hooks.register("register_page_listing_buttons")
def translation_state_page_buttons(page, user, next_url=None):
    if user.has_perm("wagtail_localize.submit_translation"):
        yield from translations_admin.listing_buttons(page, next_url, page.get_admin_display_title())


@hooks.register("register_snippet_listing_buttons")
def translation_state_snippet_buttons(snippet, user, next_url=None):
    if user.has_perm("wagtail_localize.submit_translation"):
        yield from translations_admin.listing_buttons(snippet, next_url, str(snippet))


@hooks.register("before_edit_page", order=-10)
def translation_state_in_page_editor(request, page):
    """Before wagtail-localize's own hook, which answers with the translation editor."""
    translations_admin.warn_in_editor(request, page)


@hooks.register("before_edit_snippet", order=-10)
def translation_state_in_snippet_editor(request, instance):
    translations_admin.warn_in_editor(request, instance)


@hooks.register("after_edit_page", order=1000)
def stay_on_the_page_after_publishing(request, page):
    """After publishing, the editor stays where they were (the page's editor, with Wagtail's
    "published" message), not on the list of the parent page (for a home page: the root, with
    its notice about adding sites). A `next` address, when given, still wins."""
    if request.method == "POST" and "action-publish" in request.POST and not _next_url(request):
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("after_create_page", order=1000)
def stay_on_the_new_page_after_publishing(request, page):
    if request.method == "POST" and "action-publish" in request.POST and not _next_url(request):
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def _next_url(request):
    from wagtail.admin.views.pages.utils import get_valid_next_url_from_request

    return get_valid_next_url_from_request(request)
