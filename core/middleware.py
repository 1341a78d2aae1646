"""When the database cannot be reached, visitors get a 503 that says so, not a 500; in development a
missing page shows the site's own 404."""

import logging

from django.http import Http404

from . import views

logger = logging.getLogger(__name__)


class DatabaseOutageMiddleware:
    """A view that fails with `OperationalError` or `InterfaceError` (the database is down or went
    away) answers 503 with `Retry-After` and a bilingual page saying nothing was stored (templates/
    503.html, rendered without the database); the API answers JSON. The admin keeps Django's own
    500 handling. Outages outside a view (another middleware) reach `core.views.server_error`, which
    answers the same 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not views.is_database_outage(request, exception):
            return None
        logger.error("Database unavailable for %s %s", request.method, request.path, exc_info=exception)
        return views.database_unavailable(request)


class SiteNotFoundMiddleware:
    """Development only (config.settings.dev): a page that does not exist answers the site's own 404.

    With DEBUG on, Django answers a missing page with its technical 404 (the URL patterns), so
    somebody trying the site under `make run` never sees what a visitor sees. DEBUG stays on for
    everything else (static and media files, tracebacks of real errors); only `Http404` raised by a
    view goes through the site's `handler404` (`core.views.page_not_found`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Http404):
            return None
        return views.page_not_found(request, exception)
