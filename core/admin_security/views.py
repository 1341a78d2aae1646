"""The second-factor step after the password, and enrolment (authenticator app + recovery codes)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from . import devices
from .forms import CodeForm
from .policy import admin_root, must_use_second_factor


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    secure = request.is_secure()
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}, require_https=secure):
        return candidate
    return admin_root()


@require_http_methods(["GET", "POST"])
def verify(request):
    """Ask for a code from the authenticator app (or a recovery code) before any admin page."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not user_has_device(user):
        return redirect(f"{reverse('admin_security_setup')}?{urlencode({'next': next_url})}")
    form = CodeForm(request.POST or None)
    if form.is_valid() and devices.is_throttled(user):
        form.add_error("token", _("Too many wrong codes. Wait a moment, then try again."))
    elif form.is_valid():
        device = devices.device_for_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = devices.recovery_codes_left(user)
                messages.warning(
                    request,
                    _(
                        "You used a recovery code; %(left)s left. "
                        "Make new ones under Account → Two-factor authentication."
                    )
                    % {"left": left},
                )
            return redirect(next_url)
        form.add_error("token", _("That code is not right, or it has expired. Try the current one."))
    return TemplateResponse(request, "admin_security/verify.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol an authenticator app: its secret and QR code, confirmed with a first code, then the
    recovery codes once. With an app already enrolled (and verified): new recovery codes."""
    user = request.user
    next_url = _next_url(request)
    if user_has_device(user) and not user.is_verified():
        # Whoever only knows the password must not swap in a device of their own.
        return redirect(f"{reverse('admin_security_verify')}?{urlencode({'next': next_url})}")
    enrolled = devices.confirmed_authenticator(user)
    if enrolled is not None:
        if request.method == "POST" and request.POST.get("action") == "new-recovery-codes":
            return _show_recovery_codes(request, devices.new_recovery_codes(user), next_url)
        context = {"enrolled": True, "codes_left": devices.recovery_codes_left(user), "next": next_url}
        return TemplateResponse(request, "admin_security/setup.html", context)

    device = devices.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        token = devices.normalise(form.cleaned_data["token"])
        if device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return _show_recovery_codes(request, devices.new_recovery_codes(user), next_url)
        form.add_error("token", _("That code is not right, or it has expired. Try the current one."))
    context = {
        "enrolled": False,
        "required": must_use_second_factor(user),
        "form": form,
        "secret": devices.secret_of(device),
        "qr_svg": devices.qr_svg(device, _("QR code for your authenticator app")),
        "next": next_url,
    }
    return TemplateResponse(request, "admin_security/setup.html", context)


def _show_recovery_codes(request, codes, next_url):
    """Shown once, in this response only (never stored in the session or cached by the browser)."""
    response = TemplateResponse(request, "admin_security/recovery_codes.html", {"codes": codes, "next": next_url})
    response["Cache-Control"] = "no-store"
    return response
