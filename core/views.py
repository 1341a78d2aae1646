import re
import sys
import unicodedata

from django.conf import settings
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django_ratelimit.exceptions import Ratelimited
from wagtail.models import Locale, Page, Site

from .cache import locale_for, public, remember, remember_many
from .routing import site_for_request

#: Longer queries are cut: nobody types more, and the search backend should not have to chew on it.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
#: At most this many words go to the search backend.
MAX_QUERY_TERMS = 20
_WORD = re.compile(r"\w+")

#: Paths that answer JSON, also when something goes wrong (the public API).
JSON_PREFIX = "/api/"
#: Where a database outage is left to Django's own error handling (staff see the real failure).
ADMIN_PREFIX = "/admin/"
#: Seconds a visitor is asked to wait when the database is unreachable.
OUTAGE_RETRY_AFTER = 120
DATABASE_DOWN = (OperationalError, InterfaceError)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _home_for(request, locale):
    site = site_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    return (
        Page.objects.filter(translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key"))
        .filter(locale=locale)
        .first()
    )


@require_GET
def search(request):
    """Full-text search over the live, public pages of the active language only."""
    query = displayable(request.GET.get("q", ""))[:MAX_QUERY_LENGTH].strip()
    terms = search_terms(query)
    try:
        locale = locale_for(request, translation.get_language() or settings.LANGUAGE_CODE)
    except (Locale.DoesNotExist, LookupError):
        locale = Locale.get_default()
    results_page = None
    paginator = None
    if terms:
        pages = public(Page.objects.live(), request).filter(locale=locale)
        home = remember(request, f"search-home:{locale.pk}", lambda: _home_for(request, locale))
        if home is not None:
            pages = pages.descendant_of(home, inclusive=True)
        results = pages.search(terms, operator="and")
    elif query:
        # Typed, but no word in it (only quotes or punctuation): no results, said as such.
        results = []
    if query:
        paginator = Paginator(results, RESULTS_PER_PAGE)
        # Not a number: the first page; past the end: the last page.
        results_page = paginator.get_page(request.GET.get("page"))
        # What each result shows under its title (the specific page's summary) and where it sits,
        # kept in the site cache per page; built for the ones it lacks with one query per page type.
        hits = list(results_page.object_list)
        shown = remember_many(request, "search-result", [hit.pk for hit in hits], _result_details)
        for hit in hits:
            hit.search_summary, hit.search_context = shown.get(hit.pk, ("", ""))
        results_page.object_list = hits
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results": results_page, "paginator": paginator},
    )


def _result_details(pks) -> dict:
    """{pk: (summary, context)} of the pages with these ids (see `_add_search_context`)."""
    from core.templatetags.site_tags import search_summary

    pages = list(Page.objects.filter(pk__in=pks).specific())
    _add_search_context(pages)
    return {page.pk: (search_summary(page), str(page.search_context)) for page in pages}


def _add_search_context(pages) -> None:
    """Where each result sits, so two pages with the same title can be told apart ("MeeleefGezin" the
    home page, "MeeleefGezin" the program in the collective): `search_context` is "Home page" for a
    home page, the section's title for a page inside a section, and empty for a page right under the
    home page. One query for all the sections."""
    step = Page.steplen
    section_paths = {page.path[:-step] for page in pages if page.depth > 3}
    titles = dict(Page.objects.filter(path__in=section_paths).values_list("path", "title")) if section_paths else {}
    for page in pages:
        if page.depth <= 2:
            page.search_context = gettext_lazy("Home page")
        else:
            page.search_context = titles.get(page.path[:-step], "") if page.depth > 3 else ""


def displayable(text: str) -> str:
    """The text without control characters (NUL, escapes) or unpaired surrogates; tabs and newlines
    become spaces. What is left can be shown back (escaped) and is never a problem for a database."""
    return "".join(" " if char.isspace() else char for char in text if unicodedata.category(char) not in ("Cc", "Cs"))


def search_terms(query: str) -> str:
    """The words of a query, separated by single spaces, for the database search backend.

    Wagtail's database backend puts each word between quotes in the backend's own query language
    (SQLite FTS5's MATCH, PostgreSQL's tsquery) without escaping every character that means
    something there: an unbalanced `"` or a NUL byte broke the query. Only letters and digits (in
    any script) count as words; quotes, brackets, operators and punctuation separate them."""
    return " ".join(_WORD.findall(query.replace("_", " "))[:MAX_QUERY_TERMS])


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# --- Error pages that need neither the database nor a CSRF token ------------------------------
# 400, 403, the CSRF failure, 500 and 503 are rendered from static templates without context
# processors: no menu, no settings, no session, no CSRF token. Whatever went wrong (a request that
# cannot be read, a database that is down) cannot go wrong again while the error page is rendered.


def _language(request) -> str:
    """The visitor's language from the address alone (/en/... is English), so no middleware is needed."""
    language = translation.get_language_from_path(request.path_info)
    return language or settings.LANGUAGE_CODE


def _json_error(status, code, message):
    """The API's error shape ({"errors": {code: [message]}}), in Dutch like the API's default."""
    with translation.override(settings.LANGUAGE_CODE):
        data = {"errors": {code: [str(message)]}}
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def _error(request, status, kind, message):
    """JSON under /api/; elsewhere the static error page (templates/error.html) in the visitor's language."""
    if request.path_info.startswith(JSON_PREFIX):
        return _json_error(status, kind, message)
    language = _language(request)
    with translation.override(language):
        html = loader.get_template("error.html").render(
            {
                "kind": kind,
                "language": language,
                "home_url": "/en/" if language == "en" else "/",
                # Its one inline <style> carries the request's CSP nonce (core/headers.py).
                "csp_nonce": getattr(request, "csp_nonce", ""),
            }
        )
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


def bad_request(request, exception=None):
    return _error(request, 400, "request", gettext_lazy("This request could not be read."))


def permission_denied(request, exception=None):
    if isinstance(exception, Ratelimited):
        response = _error(request, 429, "rate_limit", gettext_lazy("Too many requests. Try again later."))
        response["Retry-After"] = "3600"
        return response
    return _error(request, 403, "permission", gettext_lazy("You may not open this page."))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form was open too long, or cookies are blocked. Django logs the reason;
    the page never shows it."""
    return _error(
        request, 403, "csrf", gettext_lazy("This request could not be checked. Reload the page and try again.")
    )


def database_unavailable(request):
    """503 with Retry-After: the database cannot be reached, nothing was stored."""
    if request.path_info.startswith(JSON_PREFIX):
        response = _json_error(
            503, "service", gettext_lazy("The service is unavailable for a moment. Try again later.")
        )
    else:
        context = {"csp_nonce": getattr(request, "csp_nonce", "")}
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(OUTAGE_RETRY_AFTER)
    return response


def is_database_outage(request, exception) -> bool:
    return isinstance(exception, DATABASE_DOWN) and not request.path_info.startswith(ADMIN_PREFIX)


def server_error(request):
    """Rendered without context processors or the database: whatever broke must not break this too.

    A database outage that escaped the views (e.g. in a middleware) still answers 503."""
    exception = sys.exc_info()[1]
    if is_database_outage(request, exception):
        return database_unavailable(request)
    if request.path_info.startswith(JSON_PREFIX):
        return _json_error(500, "server", gettext_lazy("Something went wrong on our side. Try again later."))
    # Its one inline <style> carries the request's CSP nonce (core/headers.py).
    context = {"csp_nonce": getattr(request, "csp_nonce", "")}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
