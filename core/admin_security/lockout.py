"""The answer to a locked-out login. The address the lock counts is `core.clients.client_address`."""

import math

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """A page in the admin's look and language instead of a bare "403 Forbidden"."""
    cool_off = get_cool_off(request)
    context = {
        "username": get_client_username(request, credentials) or "",
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "admin_security/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
