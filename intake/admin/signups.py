"""The sign-up queue in the admin: a read-only listing and detail view.

Who sees which sign-up is decided in one place, `intake.permissions`: the handlers of its region,
the national coordinators of its program (MeeleefGezin's also what nobody else can open), and
superusers. Editors see no menu item and get nothing from any URL. The listing decrypts nothing;
the detail view shows the decrypted answers, and the handlers' notice e-mail links to it.
It joins the "Intake" menu group (`intake.admin.menu`).
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from intake.encryption.crypto import DecryptionError
from intake.permissions import intakes_visible_to, may_open, people_who_may_open, works_intakes
from intake.records.models import Intake
from intake.signup.forms import form_class_for

from .menu import INTAKE_MENU_HOOK

logger = logging.getLogger(__name__)

SIGNUPS_VIEWSET = "intake_signups"
NOTIFICATIONS_VIEWSET = "intake_notifications"


# --- Who sees what ---------------------------------------------------------------------------


class IntakePermissionPolicy(BasePermissionPolicy):
    """Read-only: "view" for superusers and region handlers (per instance: `intakes_visible_to`)."""

    def user_has_permission(self, user, action):
        return action == "view" and works_intakes(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        return (
            User.objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(intake_regions__isnull=False) | Q(coordinated_programs__isnull=False))
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and may_open(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return Intake.objects.none()
        return intakes_visible_to(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        opener_ids = people_who_may_open(instance).values("pk")
        return User.objects.filter(is_active=True).filter(Q(is_superuser=True) | Q(pk__in=opener_ids))


register_permission_policy(Intake, IntakePermissionPolicy(Intake))


# --- Sign-ups --------------------------------------------------------------------------------


class IntakeIndexView(IndexView):
    def get_base_queryset(self):
        # The listing never decrypts anything.
        return (
            intakes_visible_to(self.request.user).select_related("program", "region", "municipality").defer("personal")
        )


class PersonalData(Component):
    """The decrypted answers as a definition list (every value escaped)."""

    def __init__(self, rows):
        self.rows = rows

    def render_html(self, parent_context=None):
        if not self.rows:
            return format_html("<p>{}</p>", _("No personal details stored."))
        return format_html(
            '<dl class="intake-personal">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", self.rows),
        )


class IntakeInspectView(InspectView):
    def get_object(self, queryset=None):
        visible = intakes_visible_to(self.request.user).select_related("program", "region", "municipality")
        # Decrypted only when shown (below), so a key problem is reported instead of a server error.
        return get_object_or_404(visible.defer("personal"), pk=self.pk)

    def get_field_label(self, field_name, field):
        if field_name == "personal":
            return _("Personal details")
        return super().get_field_label(field_name, field)

    def _or_dash(self, value):
        return str(value) if value is not None else "—"

    def get_program_display_value(self):
        return self._or_dash(self.object.program)

    def get_region_display_value(self):
        return self._or_dash(self.object.region.name if self.object.region else None)

    def get_municipality_display_value(self):
        return self._or_dash(self.object.municipality.name if self.object.municipality else None)

    def get_pc4_display_value(self):
        return self.object.pc4 or "—"

    def get_contact_anyway_at_display_value(self):
        """Set only on a "not eligible" sign-up whose sender chose to be contacted anyway."""
        value = self.object.contact_anyway_at
        return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else "—"

    def get_recaptcha_unverified_display_value(self):
        return _("Yes: check this sign-up by hand") if self.object.recaptcha_unverified else _("No")

    def get_personal_display_value(self):
        try:
            personal = self.object.personal
        except DecryptionError:
            message = _("These details cannot be decrypted with the current keys.")
            return format_html("<p><strong>{}</strong></p>", message)
        logger.info("Sign-up %s viewed by user %s", self.object.pk, self.request.user.pk)
        return PersonalData(form_class_for(self.object.role).describe(personal or {}))


class IntakeViewSet(ModelViewSet):
    model = Intake
    icon = "form"
    menu_label = _("Sign-ups")
    menu_order = 100
    menu_hook = INTAKE_MENU_HOOK
    index_view_class = IntakeIndexView
    inspect_view_class = IntakeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    # Read-only: the policy never allows add/change/delete; the (unreachable) edit form has no fields.
    form_fields = ["status"]
    list_display = ["reference", "role", "outcome", "program", "region", "municipality", "status", "created_at"]
    list_filter = ["role", "outcome", "status", "region"]
    search_fields = ["reference"]
    search_backend_name = None
    ordering = ["-created_at"]
    inspect_view_fields = [
        "reference",
        "role",
        "outcome",
        "program",
        "region",
        "municipality",
        "pc4",
        "status",
        "language",
        "created_at",
        "consent_at",
        "contact_anyway_at",
        "recaptcha_unverified",
        "personal",
    ]

    def get_permissions_to_register(self):
        # Access follows region handlers and superusers, not Django model permissions.
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_intake_admin():
    return IntakeViewSet(SIGNUPS_VIEWSET, url_prefix="intake/signups")
