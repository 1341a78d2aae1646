"""The public routing API: `POST /api/routing/` answers where a sign-up would go (see the README).

The facts (concerns, the child's birth or due date, the postcode) are health data and place data:
they come in the request body, JSON or form-encoded, never in the address, so they never land in
access logs, proxies or browser histories. A GET (with or without parameters) is not processed.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse, UnreadablePostError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt

from intake.signup import abuse

from .answer import answer
from .forms import RoutingForm

RATE_LIMIT_GROUP = "routing-api"


SCALAR_FIELDS = ("postcode", "municipality", "role", "child_birth_date", "support")
JSON_TYPES = ("application/json",)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
ALLOWED_METHODS = "POST"


class UnreadableRequest(Exception):
    """The body is not JSON or form data we can read (the message says what to send)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _split_concerns(values) -> list:
    concerns = []
    for value in values:
        concerns.extend(part.strip() for part in value.split(",") if part.strip())
    return concerns


def api_data(query) -> dict:
    """QueryDict (a form-encoded body) -> form data: the last value of each field, concerns as
    comma-separated list(s) or repeated."""
    data = {}
    for name in SCALAR_FIELDS:
        value = query.get(name)
        if value is not None:
            data[name] = value
    data["concerns"] = _split_concerns(query.getlist("concerns"))
    if query.get("lang") is not None:
        data["lang"] = query.get("lang")
    return data


def _json_value(value):
    """A JSON scalar as the form reads it: text as is, a number as its digits; None when absent."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)  # never a valid answer: the form says what is wrong
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        try:
            value.encode("utf-8")  # JSON may escape lone surrogates, which no answer can carry
        except UnicodeEncodeError as error:
            raise UnreadableRequest(_("This request could not be read.")) from error
        return value
    raise UnreadableRequest(_("Send each fact as text (concerns may be a list of texts)."))


def json_data(body: bytes) -> dict:
    """A JSON object -> form data, as `api_data`. Anything else is unreadable."""
    try:
        parsed = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, ValueError) as error:
        raise UnreadableRequest(_("The body is not valid JSON.")) from error
    if not isinstance(parsed, dict):
        raise UnreadableRequest(_('Send one JSON object with the facts, for example {"role": "parent"}.'))
    data = {}
    for name in (*SCALAR_FIELDS, "lang"):
        value = _json_value(parsed.get(name))
        if value is not None:
            data[name] = value
    concerns = parsed.get("concerns")
    if concerns is None:
        concerns = []
    elif not isinstance(concerns, list):
        concerns = [concerns]
    data["concerns"] = _split_concerns(_json_value(value) or "" for value in concerns)
    return data


def body_data(request) -> dict:
    """The facts from the POST body: JSON, or form-encoded (urlencoded or multipart)."""
    content_type = (request.content_type or "").lower()
    if content_type in JSON_TYPES or content_type.endswith("+json"):
        return json_data(request.body)
    if content_type in FORM_TYPES:
        return api_data(request.POST)
    if not request.body:
        return api_data(request.POST)  # nothing sent: the form names what is missing
    raise UnreadableRequest(_("Send the facts as JSON, or form-encoded (application/x-www-form-urlencoded)."))


def request_language(request, wanted="") -> str:
    """`lang` (in the body, or `?lang=` in the address) if it names one of our languages, else the
    browser's preference, else Dutch."""
    available = {code for code, _name in settings.LANGUAGES}
    if not isinstance(wanted, str) or wanted not in available:
        try:
            wanted = request.GET.get("lang", "")
        except (SuspiciousOperation, UnicodeError):  # e.g. more than DATA_UPLOAD_MAX_NUMBER_FIELDS
            wanted = ""
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


def _not_allowed(language):
    response = _json(
        {
            "errors": {
                "method": [
                    str(
                        _(
                            "Send the facts with POST, in a JSON or form-encoded body, never in the address: "
                            "they are about health and where you live."
                        )
                    )
                ]
            }
        },
        status=405,
        language=language,
    )
    response["Allow"] = ALLOWED_METHODS
    return response


def _unreadable(message, language):
    return _json({"errors": {"request": [str(message)]}}, status=400, language=language)


# No CSRF token: the API is public and read-only. It stores nothing, changes nothing and reads no
# cookie-bound state (no session, no account), so a forged cross-site POST can do no more than any
# client may do by itself; and a cross-site page cannot read the answer (no CORS headers). Asking
# for a token would only lock out the other clients the API is for. Abuse is bounded by the rate
# limit, which counts every request, refused ones included.
@csrf_exempt
def routing_api(request):
    """POST /api/routing/ with {"postcode": "3431AB", "role": "parent", "child_birth_date":
    "2024-05-01", "concerns": ["psychiatric"]} (JSON or form-encoded).

    200 with the decision, 400 with {"errors": {field: [message, ...]}}, 405 (naming POST) for any
    other method, GET included, 429 (with Retry-After) when this client is over
    `ROUTING_API_RATE_LIMIT`. Errors outside this view are JSON too (core.views: 400, 403, 429,
    500; 503 when the database is down).
    """
    data, unreadable = {}, None
    if request.method == "POST":
        try:
            data = body_data(request)
        except UnreadableRequest as error:
            unreadable = error.message
        except (SuspiciousOperation, UnicodeError, UnreadablePostError):
            # e.g. a body over DATA_UPLOAD_MAX_MEMORY_SIZE, or too many fields
            unreadable = _("This request could not be read.")
    language = request_language(request, data.pop("lang", ""))
    with translation.override(language):
        wait = abuse.count_request(request, RATE_LIMIT_GROUP, getattr(settings, "ROUTING_API_RATE_LIMIT", None))
        if wait is not None:
            return _too_many(wait, language)
        if request.method != "POST":
            return _not_allowed(language)
        if unreadable is not None:
            return _unreadable(unreadable, language)
        form = RoutingForm(data)
        if not form.is_valid():
            errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
            return _json({"errors": errors}, status=400, language=language)
        payload = answer(form.route(), request)
        payload["language"] = language
        return _json(payload, language=language)
