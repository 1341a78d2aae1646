"""Wagtail's page serving, with the site and the route of an address remembered (core/cache.py).

Wagtail finds the page of an address one tree level at a time: the site (a query), the localised
home page (three), then for every level of the path the child by its slug and its specific page
(two each). A program page four levels deep cost nine queries before anything was rendered. Here
the site of a host name and, per site, language and address, the page that answered (its model,
its id and how many path segments the tree used) are kept under the site cache's generation, which
every publish, move or deletion replaces. A remembered route costs one query: the page itself. The
page then routes what is left of the address itself, so a routable page's own sub-pages
(`thanks/<token>/`, `answer/`) work as before, and a page that is no longer live still answers 404.
"""

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site

from .cache import keep, recall, remember


def site_for_request(request):
    """`Site.find_for_request`, remembered per host name and port; also fills Wagtail's per-request slot."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    try:
        host, port = request.get_host(), request.get_port()
    except Exception:  # noqa: BLE001 - a disallowed Host header: let Wagtail and Django answer it
        return Site.find_for_request(request)
    site = remember(request, f"site:{host}:{port}", lambda: Site._find_for_request(request))
    request._wagtail_site = site
    return site


def _route_name(site, path):
    language = translation.get_language() or ""
    return f"route:{site.pk}:{language}:{path}"


def _resolve(request, path, entry):
    """The route result of a remembered (model label, page id, path segments used), or None."""
    label, pk, used = entry
    try:
        page = apps.get_model(label).objects.select_related("locale").get(pk=pk)
    except (LookupError, ObjectDoesNotExist):
        return None
    components = [component for component in path.split("/") if component]
    try:
        return page.route(request, components[used:])
    except Http404:
        return None


def _store_route(request, site, path):
    result = getattr(request, "_wagtail_route_for_request", None)
    if result:
        page = result[0]
        keep(request, _route_name(site, path), (page._meta.label, page.pk, page.depth - site.root_page.depth))


def serve(request, path):
    """wagtail.views.serve, with the site and the route taken from the cache when it knows them."""
    site = site_for_request(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        entry = recall(request, _route_name(site, path))
        if entry is not None:
            result = _resolve(request, path, entry)
            if result is not None:
                request._wagtail_route_for_request = result
                return wagtail_views.serve(request, path)
        response = wagtail_views.serve(request, path)
        _store_route(request, site, path)
        return response
    return wagtail_views.serve(request, path)


class CachedSiteMiddleware:
    """Fills Wagtail's per-request site (`request._wagtail_site`) from the cache, for every view
    (pages, search, the settings in the footer), so finding the site costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            site_for_request(request)
            if not hasattr(request, "_wagtail_cached_site_root_paths"):
                # Wagtail reads these from the cache for every page address; the site cache's copy
                # is in this process already (cleared with Wagtail's own on every publish or site change).
                request._wagtail_cached_site_root_paths = remember(
                    request, "site-root-paths", Site.get_site_root_paths
                )
        except DatabaseError:
            # The database is down: the view meets the same error and answers 503 (core/middleware.py).
            pass
        return self.get_response(request)
