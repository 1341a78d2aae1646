"""Settings for the test suite (`make test`)."""

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
INTAKE_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWtleS0wMDAwMDAwMDAwMDAwMDAwMDA="]
INTAKE_RATE_LIMIT = "1000/h"
INTAKE_ATTEMPT_LIMIT = "1000/h"
ROUTING_API_RATE_LIMIT = "10000/h"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# The demo commands (with their `admin` / `changeme-demo` account) run here, never in production.
DEMO_CONTENT_ALLOWED = True

# Wagtail's own background tasks run inline, as they do without a task backend. The outbox's tests
# drive the database backend and run the real worker in-process (tests/intake/test_notifications.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
