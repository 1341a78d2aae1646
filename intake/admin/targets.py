"""Yearly targets in the admin: how many matches a region (or the out-of-region work) should start in a year.

Superusers and MeeleefGezin's national coordinators add and change them; a region handler sees their
own regions' targets, read-only; page editors see nothing. Another region's target answers 404.
It joins the "Intake" menu group (`intake.admin.menu`).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from intake.geography.models import Region
from intake.permissions import works_intakes
from intake.routing.vocabulary import MEELEEFGEZIN
from intake.workspace.figures import sees_every_region, targets_in_view
from intake.workspace.models import YearTarget

from .menu import INTAKE_MENU_HOOK

TARGETS_VIEWSET = "intake_targets"
FIRST_YEAR, LAST_YEAR = 2012, 2100  # the first pilot was in 2012
MAX_MATCHES = 1000
EDIT_ACTIONS = ("add", "change", "delete")


class YearTargetPermissionPolicy(BasePermissionPolicy):
    """ "view" for everybody who works sign-ups (their regions' targets); changes for all-region users."""

    def user_has_permission(self, user, action):
        if action == "view":
            return works_intakes(user)
        return action in EDIT_ACTIONS and works_intakes(user) and sees_every_region(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        every_region = Q(is_superuser=True) | Q(coordinated_programs__code=MEELEEFGEZIN)
        if "view" in actions:
            return users.filter(
                every_region | Q(intake_regions__isnull=False) | Q(coordinated_programs__isnull=False)
            ).distinct()
        if any(action in EDIT_ACTIONS for action in actions):
            return users.filter(every_region).distinct()
        return users.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and targets_in_view(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return YearTarget.objects.none()
        return targets_in_view(user)


register_permission_policy(YearTarget, YearTargetPermissionPolicy(YearTarget))


class YearTargetForm(forms.ModelForm):
    class Meta:
        model = YearTarget
        fields = ["region", "year", "matches"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        region.queryset = Region.objects.filter(program__code=MEELEEFGEZIN).order_by("name")
        region.empty_label = _("Out of region (matches outside the active regions)")
        region.label_from_instance = lambda r: r.name
        self.fields["year"].widget.attrs.update({"min": FIRST_YEAR, "max": LAST_YEAR})
        self.fields["matches"].widget.attrs.update({"min": 0, "max": MAX_MATCHES})

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Enter a year from %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return year

    def clean_matches(self):
        matches = self.cleaned_data["matches"]
        if matches > MAX_MATCHES:
            raise forms.ValidationError(_("Enter at most %(max)d matches.") % {"max": MAX_MATCHES})
        return matches

    def clean(self):
        cleaned = super().clean()
        if "year" in cleaned and "region" in cleaned:
            region, year = cleaned["region"], cleaned["year"]
            others = YearTarget.objects.filter(year=year, region=region)
            if region is None:
                others = YearTarget.objects.filter(year=year, region__isnull=True)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                message = (
                    _("There is already a target for %(region)s in %(year)d; change that one.")
                    % {"region": region.name, "year": year}
                    if region
                    else _("There is already an out-of-region target for %(year)d; change that one.") % {"year": year}
                )
                self.add_error("year", message)
        return cleaned


class ScopedObjectMixin:
    """Somebody who may not see a target gets 404 for it, before any other check."""

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and not targets_in_view(request.user).filter(pk=pk).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class TargetIndexView(generic.IndexView):
    def get_base_queryset(self):
        return targets_in_view(self.request.user).select_related("region")


class TargetEditView(ScopedObjectMixin, generic.EditView):
    pass


class TargetDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class TargetInspectView(ScopedObjectMixin, generic.InspectView):
    def get_region_display_value(self):
        return self.object.region.name if self.object.region_id else _("Out of region")


class TargetHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class TargetUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class RegionColumn(Column):
    def get_value(self, instance):
        return instance.region.name if instance.region_id else _("Out of region")


class YearTargetViewSet(ModelViewSet):
    model = YearTarget
    icon = "order"
    menu_label = _("Yearly targets")
    menu_order = 130
    menu_hook = INTAKE_MENU_HOOK
    index_view_class = TargetIndexView
    edit_view_class = TargetEditView
    delete_view_class = TargetDeleteView
    inspect_view_class = TargetInspectView
    history_view_class = TargetHistoryView
    usage_view_class = TargetUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = ["year", RegionColumn("region", label=_("Region"), sort_key="region__name"), "matches"]
    list_filter = ["year"]
    ordering = ["-year", "region__name"]
    inspect_view_fields = ["region", "year", "matches"]

    def get_form_class(self, for_update=False):
        return YearTargetForm

    def get_permissions_to_register(self):
        # Access follows the roles in `intake.permissions`, not Django model permissions.
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_targets_admin():
    return YearTargetViewSet(TARGETS_VIEWSET, url_prefix="intake/targets")
