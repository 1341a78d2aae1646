"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

Two Content-Security-Policies, chosen by path:

- the public site gets ``CONTENT_SECURITY_POLICY``: scripts only from this origin (plus a
  per-request nonce for an inline script that truly must be inline), no 'unsafe-inline', no
  plugins, not framable. A view can widen it for its own response with django-csp's
  ``_csp_update`` (the sign-up form pages do, for reCAPTCHA, only when its keys are set);
- the Wagtail admin (everything under its home URL, ``/admin/``) gets
  ``ADMIN_CONTENT_SECURITY_POLICY``. Wagtail 8's admin still writes inline ``<script>`` blocks
  (inline panels, date pickers, ...) and inline styles, so that policy needs 'unsafe-inline' for
  scripts and styles. It is still explicit: this origin only, no plugins, and framable by this
  origin only (the live preview is an iframe of the edit view). The admin is reached only by
  signed-in editors, and its inline scripts are Wagtail's own templates.

Page previews are rendered by Wagtail through the middleware with a dummy request for the page's
public URL: they get the public policy, except ``frame-ancestors 'self'`` so the admin's preview
panel can frame them (Wagtail sets ``X-Frame-Options: SAMEORIGIN`` on them for the same reason).

The admin policy must carry no nonce: a nonce in script-src makes browsers ignore
'unsafe-inline'. Responses that set their own Content-Security-Policy (Wagtail's document
downloads send ``default-src 'none'``) keep it.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin

PERMISSIONS_POLICY_HEADER = "Permissions-Policy"


def is_admin_path(path: str) -> bool:
    """True under the Wagtail admin, including its page previews (``/admin/pages/7/edit/preview/``)."""
    return path.startswith(reverse("wagtailadmin_home"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy for requests under the admin."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if getattr(request, "is_preview", False):
            # Wagtail renders a preview by passing a dummy request for the page's public URL through
            # the middleware: the page gets the public policy, as visitors will, except that the
            # admin's preview panel (an iframe of this origin) may show it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        elif parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
            # Never a nonce in the admin: it would switch off the 'unsafe-inline' Wagtail needs.
            parts.nonce = None
        return parts


def permissions_policy(features) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` -> ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


class PermissionsPolicyMiddleware(MiddlewareMixin):
    """Switches off browser features the site never uses (``PERMISSIONS_POLICY``), on every response."""

    def process_response(self, request, response):
        features = getattr(settings, "PERMISSIONS_POLICY", None)
        if features and PERMISSIONS_POLICY_HEADER not in response:
            response[PERMISSIONS_POLICY_HEADER] = permissions_policy(features)
        return response
