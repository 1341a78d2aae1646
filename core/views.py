from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

#: Longer queries are cut: nobody types more, and the search backend should not have to chew on it.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


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
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
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
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    locale = Locale.get_active()
    results_page = None
    paginator = None
    if query:
        pages = Page.objects.live().public().filter(locale=locale)
        home = _home_for(request, locale)
        if home is not None:
            pages = pages.descendant_of(home, inclusive=True)
        results = pages.search(query, operator="and")
        paginator = Paginator(results, RESULTS_PER_PAGE)
        # Not a number: the first page; past the end: the last page.
        results_page = paginator.get_page(request.GET.get("page"))
        # One query per page type for the summaries, not one per result.
        hits = list(results_page.object_list)
        specific = {p.pk: p for p in Page.objects.filter(pk__in=[hit.pk for hit in hits]).specific()}
        results_page.object_list = [specific.get(hit.pk, hit) for hit in hits]
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results": results_page, "paginator": paginator},
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without context processors or the database: whatever broke must not break this too."""
    # Its one inline <style> carries the request's CSP nonce (core/headers.py).
    context = {"csp_nonce": getattr(request, "csp_nonce", "")}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
