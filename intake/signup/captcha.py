"""reCAPTCHA under a strict Content-Security-Policy: the widget, and the hosts it needs.

django-recaptcha's checkbox widget writes an inline ``<script>`` (a callback that only logs to the
console) that the site's policy, without 'unsafe-inline', would block. This widget loads Google's
script and nothing inline, and asks for no callback. The hosts reCAPTCHA loads from are allowed
only on the responses that show the widget (`allow_in_policy`), never site-wide.
"""

from django.conf import settings
from django.template import loader
from django.utils.safestring import mark_safe
from django_recaptcha.constants import DEFAULT_RECAPTCHA_DOMAIN
from django_recaptcha.widgets import ReCaptchaV2Checkbox

#: Where reCAPTCHA's own code comes from besides its domain (api.js loads it from here).
STATIC_HOST = "https://www.gstatic.com/recaptcha/"


def recaptcha_domain() -> str:
    """``www.google.com`` by default; ``www.recaptcha.net`` where Google is blocked (RECAPTCHA_DOMAIN)."""
    return getattr(settings, "RECAPTCHA_DOMAIN", DEFAULT_RECAPTCHA_DOMAIN)


def allow_in_policy(response):
    """Let reCAPTCHA load on this response only (django-csp's per-response update and replace).

    Its script comes from its domain and gstatic.com; the checkbox itself is an iframe, so frames
    from its domain replace the site's ``frame-src 'none'``."""
    domain = f"https://{recaptcha_domain()}/recaptcha/"
    frames = [domain]
    if recaptcha_domain() == DEFAULT_RECAPTCHA_DOMAIN:
        frames.append("https://recaptcha.google.com/recaptcha/")
    response._csp_update = {"script-src": [domain, STATIC_HOST]}
    response._csp_replace = {"frame-src": frames}
    return response


class CheckboxWidget(ReCaptchaV2Checkbox):
    """The "I'm not a robot" checkbox, without an inline script."""

    template_name = "intake/form/recaptcha_checkbox.html"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        # django-recaptcha points data-callback at the inline function this widget leaves out.
        attrs.pop("data-callback", None)
        return attrs

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine (templates/), not the form renderer's (app templates only).
        return mark_safe(loader.render_to_string(self.template_name, self.get_context(name, value, attrs)))
