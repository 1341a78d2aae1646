"""The public routing API: `GET /api/routing/` answers where a sign-up would go (see the README)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt

from intake.signup import abuse

from .answer import answer
from .forms import RoutingForm

RATE_LIMIT_GROUP = "routing-api"


def api_data(query) -> dict:
    """QueryDict -> form data: the last value of each field, concerns as comma-separated list(s)."""
    data = {}
    for name in ("postcode", "municipality", "role", "child_birth_date", "support"):
        value = query.get(name)
        if value is not None:
            data[name] = value
    concerns = []
    for value in query.getlist("concerns"):
        concerns.extend(part.strip() for part in value.split(",") if part.strip())
    data["concerns"] = concerns
    return data


def request_language(request) -> str:
    """`?lang=` if it names one of our languages, else the browser's preference, else Dutch."""
    available = {code for code, _name in settings.LANGUAGES}
    wanted = request.GET.get("lang", "")
    if wanted in available:
        return wanted
    language = translation.get_language_from_request(request)
    return language if language in available else settings.LANGUAGE_CODE


# "<", ">" and "&" go out as \u escapes (as in Django's json_script): input echoed in an error
# message can never be read as markup, whatever a client does with the JSON.
_MARKUP_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class _MarkupSafeEncoder(DjangoJSONEncoder):
    def encode(self, o):
        return super().encode(o).translate(_MARKUP_ESCAPES)


def _json(data, status=200, language=None):
    response = JsonResponse(data, status=status, encoder=_MarkupSafeEncoder, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    response["Vary"] = "Accept-Language, Cookie"
    if language:
        response["Content-Language"] = language
    return response


def _too_many(wait, language):
    message = ngettext(
        "Too many requests from your address. Try again in %(minutes)d minute.",
        "Too many requests from your address. Try again in %(minutes)d minutes.",
        wait.minutes,
    ) % {"minutes": wait.minutes}
    response = _json({"errors": {"rate_limit": [message]}}, status=429, language=language)
    response["Retry-After"] = str(wait.seconds)
    return response


@csrf_exempt  # read-only and stores nothing: a POST gets the JSON 405 below, not the CSRF page
def routing_api(request):
    """GET /api/routing/?postcode=3431AB&role=parent&child_birth_date=2024-05-01&concerns=psychiatric

    200 with the decision, 400 with {"errors": {field: [message, ...]}}, 405 for anything but GET,
    429 (with Retry-After) when this client is over `ROUTING_API_RATE_LIMIT`. Errors outside this
    view are JSON too (core.views: 400, 403, 429, 500; 503 when the database is down).
    """
    try:
        query = request.GET
    except (SuspiciousOperation, UnicodeError):  # e.g. more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters
        with translation.override(settings.LANGUAGE_CODE):
            return _json({"errors": {"query": [str(_("This request could not be read."))]}}, status=400)
    language = request_language(request)
    with translation.override(language):
        wait = abuse.count_request(request, RATE_LIMIT_GROUP, getattr(settings, "ROUTING_API_RATE_LIMIT", None))
        if wait is not None:
            return _too_many(wait, language)
        if request.method not in ("GET", "HEAD"):
            response = _json({"errors": {"method": [str(_("Only GET is allowed."))]}}, status=405, language=language)
            response["Allow"] = "GET, HEAD"
            return response
        form = RoutingForm(api_data(query))
        if not form.is_valid():
            errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
            return _json({"errors": errors}, status=400, language=language)
        payload = answer(form.route(), request)
        payload["language"] = language
        return _json(payload, language=language)
