"""Who must use a second factor, and where the admin starts."""

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from django_otp import user_has_device


def must_use_second_factor(user) -> bool:
    """Required by the project's rule (`ADMIN_SECOND_FACTOR_REQUIRED`), or chosen: an account that
    enrolled a device always verifies it, or enrolling would protect nothing."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user_has_device(user):
        return True
    rule = getattr(settings, "ADMIN_SECOND_FACTOR_REQUIRED", None)
    return bool(rule and import_string(rule)(user))


def admin_root() -> str:
    return reverse("wagtailadmin_home")


def is_admin_path(path: str) -> bool:
    return path.startswith(admin_root())
