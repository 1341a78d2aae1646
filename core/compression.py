"""HTML and JSON compression that cannot leak a secret (BREACH).

BREACH recovers a secret from a compressed HTTPS response when the same response also reflects
something the attacker controls (a query parameter, a form value): the compressed length tells how
much of a guess matches the secret. Django masks its CSRF token anew in every response, and since
Django 4.2 `GZipMiddleware` pads each body with random bytes ("Heal the Breach"); both make the
attack much harder, but neither covers every secret a page can hold (a sign-up reference on the
thanks page, an editor's data in the admin).

So this middleware compresses only responses that hold no secret at all, which is a property of the
request rather than of the page: an anonymous request without a session cookie can only get back
what it sent plus what is public. Not compressed: any response to a request with a session cookie
(signed-in editors, the admin, a visitor's thanks page), any response with a CSRF token in it (the
sign-up forms) and any response that sets a cookie. That still covers every page a visitor reads,
the find-support answers and the routing API; static files are compressed ahead of time by
WhiteNoise, and cached pages are kept compressed by the page cache (core/cache.py).
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


def holds_no_secret(request, response) -> bool:
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    return not response.cookies


class SafeGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its random padding), only where `holds_no_secret`."""

    def process_response(self, request, response):
        if not holds_no_secret(request, response):
            return response
        return super().process_response(request, response)
