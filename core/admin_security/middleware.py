"""Idle sign-out for everybody who signed in, and the second factor before any admin page."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .policy import is_admin_path, must_use_second_factor

LAST_ACTIVITY_KEY = "admin_security_last_activity"
#: The last activity is written at most this often (seconds), not on every request.
ACTIVITY_RESOLUTION = 60

#: Open before the second factor: signing in and out, the step itself, and what its page loads.
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "admin_security_verify",
}
#: Open to an account that must enrol and has no device yet.
ENROLMENT = {"admin_security_setup"}


class StaffIdleTimeoutMiddleware:
    """Sign out a session after `STAFF_IDLE_TIMEOUT` without a request.

    Only signed-in accounts (staff: the public site has no accounts) have anything to end, so
    visitors' sessions (e.g. a half-filled form) are never touched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            timeout = settings.STAFF_IDLE_TIMEOUT.total_seconds()
            if last is not None and now - last > timeout:
                logout(request)
                if is_admin_path(request.path):
                    minutes = int(timeout // 60)
                    messages.info(
                        request,
                        _("You were signed out after %(minutes)s minutes without activity.") % {"minutes": minutes},
                    )
                    return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            elif last is None or now - last >= ACTIVITY_RESOLUTION:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Before any admin page, an account that must use a second factor verifies it (or, without a
    device, enrols one). Needs django-otp's `OTPMiddleware` before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_admin_path(request.path):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        name = request.resolver_match.url_name if request.resolver_match else None
        if name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if user_has_device(user):
            target = "admin_security_verify"
        elif must_use_second_factor(user):
            if name in ENROLMENT:
                return None
            target = "admin_security_setup"
        else:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
