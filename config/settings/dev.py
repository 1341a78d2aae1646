"""Development settings: `make run`. Never use these in production."""

import os

from .base import *  # noqa: F401,F403
from .base import INTAKE_ENCRYPTION_KEYS, MIDDLEWARE

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A fixed development key, so `make run` works out of the box. Production refuses to start
# without INTAKE_ENCRYPTION_KEYS from the environment.
if not INTAKE_ENCRYPTION_KEYS:
    INTAKE_ENCRYPTION_KEYS = ["ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE="]
# django-recaptcha's test keys raise a system error; only relevant when keys are configured.
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]
# The demo commands (with their `admin` / `changeme-demo` account) run here, never in production.
DEMO_CONTENT_ALLOWED = True
# A missing page shows the site's own 404, as visitors see it (DEBUG stays on for static and media
# files and for tracebacks of real errors).
MIDDLEWARE = [*MIDDLEWARE, "core.middleware.SiteNotFoundMiddleware"]
# Links in the handlers' e-mails point at the server `make run` started (`PORT=8080 make run`).
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
)
