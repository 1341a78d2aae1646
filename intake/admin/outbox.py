"""The outbox in the admin (superusers): pending and failed e-mails with "Retry now", and a dashboard
panel that counts the failed ones."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from intake.outbox import tasks
from intake.outbox.models import Notification
from intake.permissions import is_active

from .menu import INTAKE_MENU_HOOK

NOTIFICATIONS_VIEWSET = "intake_notifications"


class SuperuserOnlyPolicy(BasePermissionPolicy):
    """View (and the retry action) for active superusers only."""

    def user_has_permission(self, user, action):
        return action == "view" and is_active(user) and user.is_superuser

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True, is_superuser=True)


register_permission_policy(Notification, SuperuserOnlyPolicy(Notification))


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
        if not (is_active(request.user) and request.user.is_superuser):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RetryView(SuperuserRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk)
        tasks.retry_now(notification)
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
def register_outbox_admin():
    return NotificationViewSet(NOTIFICATIONS_VIEWSET, url_prefix="intake/notifications")


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
    if not (is_active(request.user) and request.user.is_superuser):
        return
    count = Notification.objects.filter(state=Notification.State.FAILED).count()
    if count:
        panels.append(FailedNotificationsPanel(count))
