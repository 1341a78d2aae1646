"""The answer to a locked-out login, and the client address the lock counts."""

import math

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import render


def client_address(request):
    """The client's address: REMOTE_ADDR, or, behind `TRUSTED_PROXY_COUNT` proxies that append to
    X-Forwarded-For, the address the outermost of them received the request from (entries further
    left are the client's own claims and are never trusted)."""
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote


def locked_out(request, original_response=None, credentials=None):
    """A page in the admin's look and language instead of a bare "403 Forbidden"."""
    cool_off = get_cool_off(request)
    context = {
        "username": get_client_username(request, credentials) or "",
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "admin_security/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
