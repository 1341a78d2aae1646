"""Admin for sign-ups and their e-mail notifications.

- "Sign-ups": a read-only listing and detail view. Who sees which sign-up is decided in ONE place,
  `intakes_visible_to(user)`: superusers see all; the handlers of a region (`Region.handlers`) see
  that region's sign-ups; sign-ups without a region (the central waitlist, not eligible, a partner
  program without permission to pass on) are for superusers only until the national coordinator's
  role exists. Editors without those rights see no menu item and get 403/404. The detail view shows
  the decrypted personal data; the handlers' notice e-mail links to it.
- "E-mail notifications" (superusers): the outbox rows that are pending or failed, with "Retry now"
  per row; a dashboard panel counts the failed ones.

Both join the "Intake" menu group of `intake.admin_geography`.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from . import notifications
from .admin_geography import INTAKE_MENU_HOOK
from .crypto import DecryptionError
from .forms import form_class_for
from .models import Intake, Notification

logger = logging.getLogger(__name__)

SIGNUPS_VIEWSET = "intake_signups"
NOTIFICATIONS_VIEWSET = "intake_notifications"


# --- Who sees what ---------------------------------------------------------------------------


def _active(user):
    return bool(user is not None and user.is_authenticated and user.is_active)


def intakes_visible_to(user):
    """The sign-ups this user may see. The only place where that is decided."""
    intakes = Intake.objects.all()
    if not _active(user):
        return intakes.none()
    if user.is_superuser:
        return intakes
    return intakes.filter(Q(region__handlers=user) | Q(program__coordinators=user)).distinct()


def is_intake_handler(user):
    return _active(user) and (user.is_superuser or user.intake_regions.exists() or user.coordinated_programs.exists())


class IntakePermissionPolicy(BasePermissionPolicy):
    """Read-only: "view" for superusers and region handlers (per instance: `intakes_visible_to`)."""

    def user_has_permission(self, user, action):
        return action == "view" and is_intake_handler(user)

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
        return action == "view" and intakes_visible_to(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions:
            return Intake.objects.none()
        return intakes_visible_to(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        condition = Q(is_superuser=True)
        if instance.region_id:
            condition |= Q(intake_regions=instance.region_id)
        if instance.program_id:
            condition |= Q(coordinated_programs=instance.program_id)
        return User.objects.filter(is_active=True).filter(condition).distinct()


class SuperuserOnlyPolicy(BasePermissionPolicy):
    """View (and the retry action) for active superusers only."""

    def user_has_permission(self, user, action):
        return action == "view" and _active(user) and user.is_superuser

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True, is_superuser=True)


register_permission_policy(Intake, IntakePermissionPolicy(Intake))
register_permission_policy(Notification, SuperuserOnlyPolicy(Notification))


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
        "recaptcha_unverified",
        "personal",
    ]

    def get_permissions_to_register(self):
        # Access follows region handlers and superusers, not Django model permissions.
        return Permission.objects.none()


# --- Notifications ---------------------------------------------------------------------------


class RetryColumn(Column):
    def get_value(self, instance):
        return None

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if instance.state == Notification.State.SENT or request is None:
            return context
        context["value"] = format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button type="submit" class="button button-small button-secondary">{}</button></form>',
            reverse(f"{NOTIFICATIONS_VIEWSET}:retry", args=[instance.pk]),
            get_token(request),
            _("Retry now"),
        )
        return context


class NotificationIndexView(IndexView):
    def get_base_queryset(self):
        return (
            Notification.objects.exclude(state=Notification.State.SENT)
            .select_related("intake")
            .defer("intake__personal")
            .order_by("-state", "next_attempt_at")
        )


class SuperuserRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not (_active(request.user) and request.user.is_superuser):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RetryView(SuperuserRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk)
        notifications.retry_now(notification)
        messages.success(request, _("The e-mail is queued again and will be sent within a minute."))
        return redirect(f"{NOTIFICATIONS_VIEWSET}:index")


class NotificationViewSet(ModelViewSet):
    model = Notification
    icon = "mail"
    menu_label = _("E-mail notifications")
    menu_order = 110
    menu_hook = INTAKE_MENU_HOOK
    index_view_class = NotificationIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = ["state"]  # never reachable: the policy only grants "view"
    list_display = [
        "intake",
        "kind",
        "state",
        "attempts",
        "next_attempt_at",
        "last_error",
        RetryColumn("retry", label=_("Action")),
    ]
    list_filter = ["state", "kind"]
    inspect_view_fields = ["intake", "kind", "state", "attempts", "next_attempt_at", "last_error", "created_at"]

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("retry/<int:pk>/", RetryView.as_view(), name="retry"),
        ]


@hooks.register("register_admin_viewset")
def register_intake_admin():
    return [
        IntakeViewSet(SIGNUPS_VIEWSET, url_prefix="intake/signups"),
        NotificationViewSet(NOTIFICATIONS_VIEWSET, url_prefix="intake/notifications"),
    ]


# --- Dashboard -------------------------------------------------------------------------------


class FailedNotificationsPanel(Component):
    name = "intake_failed_notifications"
    order = 50

    def __init__(self, count):
        self.count = count

    def render_html(self, parent_context=None):
        message = ngettext(
            "%(count)d e-mail about a sign-up could not be sent.",
            "%(count)d e-mails about sign-ups could not be sent.",
            self.count,
        ) % {"count": self.count}
        return format_html(
            '<section class="w-panel w-panel--dashboard" id="intake-failed-notifications" '
            'aria-labelledby="intake-failed-notifications-heading">'
            '<div class="w-panel__header"><h2 class="w-panel__heading" id="intake-failed-notifications-heading">{}'
            "</h2></div>"
            '<div class="w-panel__content"><div class="help-block help-warning"><p>{}</p></div>'
            '<p><a class="button button-small" href="{}">{}</a></p></div></section>',
            _("Intake e-mail"),
            message,
            reverse(f"{NOTIFICATIONS_VIEWSET}:index"),
            _("View and retry"),
        )


@hooks.register("construct_homepage_panels")
def add_failed_notifications_panel(request, panels):
    if not (_active(request.user) and request.user.is_superuser):
        return
    count = Notification.objects.filter(state=Notification.State.FAILED).count()
    if count:
        panels.append(FailedNotificationsPanel(count))
