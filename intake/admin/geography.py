"""Admin for municipalities, postcodes and regions, and the "who receives postcode X?" preview.

Everything sits in the "Intake" menu group. Other intake admin (the sign-up queue) joins that group
by registering a viewset whose ``menu_hook`` is ``INTAKE_MENU_HOOK``, or a hook function of that
name returning a ``MenuItem``.
"""

from django import forms
from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, NumberColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from intake.geography.lookup import locate, route
from intake.geography.models import Municipality, PostcodeArea, Region
from intake.geography.postcodes import PostcodeError, normalise_postcode
from intake.presenter import present
from intake.records.models import Role
from intake.routing.rules import add_months
from programs import facts

from .menu import INTAKE_MENU_HOOK

# The typical family the preview routes: a child of a year and a half, a parent with psychiatric
# problems, no preference for the form of support.
TYPICAL_AGE_MONTHS = 18
TYPICAL_CONCERNS = (facts.PSYCHIATRIC,)


class RegionIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("program")
            .annotate(municipality_count=Count("municipalities", distinct=True))
        )

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Who receives postcode X?"), url=reverse("intake_postcode_preview:index"), icon_name="site"
            ),
        ]


class RegionViewSet(ModelViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    menu_order = 200
    menu_hook = INTAKE_MENU_HOOK
    index_view_class = RegionIndexView
    list_display = [
        "name",
        "program",
        BooleanColumn("takes_intakes", label=_("Takes sign-ups"), sort_key="takes_intakes"),
        NumberColumn("municipality_count", label=_("Municipalities"), sort_key="municipality_count"),
    ]
    list_filter = ["program", "takes_intakes"]
    search_fields = ["name", "program__name"]
    search_backend_name = None
    ordering = ["program__sort_order", "name"]
    inspect_view_enabled = True
    copy_view_enabled = False


class MunicipalityIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(postcode_count=Count("postcodes", distinct=True))


class MunicipalityViewSet(ModelViewSet):
    """Read-mostly: the list comes from `manage.py import_geography`."""

    model = Municipality
    icon = "globe"
    menu_label = _("Municipalities")
    menu_order = 300
    menu_hook = INTAKE_MENU_HOOK
    index_view_class = MunicipalityIndexView
    list_display = [
        "name",
        "code",
        "province_name",
        NumberColumn("postcode_count", label=_("Postcodes"), sort_key="postcode_count"),
    ]
    list_filter = ["province_name"]
    search_fields = ["name", "code"]
    search_backend_name = None
    list_per_page = 50
    form_fields = [
        "code",
        "name",
        "province_code",
        "province_name",
        "youth_team_name",
        "youth_team_url",
        "youth_team_phone",
    ]
    inspect_view_enabled = True
    copy_view_enabled = False


class PostcodeAreaViewSet(ModelViewSet):
    model = PostcodeArea
    icon = "pick"
    menu_label = _("Postcodes")
    menu_order = 400
    menu_hook = INTAKE_MENU_HOOK
    list_display = ["pc4", "municipality", "share", "address_count"]
    search_fields = ["pc4", "municipality__name", "municipality__code"]
    search_backend_name = None
    list_per_page = 50
    form_fields = ["pc4", "municipality", "address_count", "share"]
    copy_view_enabled = False


# --- "Who receives postcode X?" ----------------------------------------------------------------


class PostcodePreviewForm(forms.Form):
    postcode = forms.CharField(label=_("Postcode"), max_length=20, help_text=_("E.g. 3431 AB or 3431."))
    role = forms.ChoiceField(label=_("Who signs up"), choices=Role.choices, initial=Role.PARENT)

    def clean_postcode(self):
        try:
            return normalise_postcode(self.cleaned_data["postcode"])
        except PostcodeError as error:
            raise forms.ValidationError(error.message) from error


class PostcodePreviewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Route a typical case for a postcode and show who would receive it."""

    template_name = "intake/admin/postcode_preview.html"
    page_title = _("Who receives postcode X?")
    header_icon = "site"
    permission_policy = ModelPermissionPolicy(Region)
    any_permission_required = ["add", "change", "delete", "view"]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("intake_region:index"), "label": _("Regions")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PostcodePreviewForm(self.request.GET or None)
        context["form"] = form
        if form.is_bound and form.is_valid():
            context.update(self.preview(form.cleaned_data["postcode"], form.cleaned_data["role"]))
        return context

    @staticmethod
    def preview(pc4: str, role: str) -> dict:
        today = timezone.localdate()
        birth = add_months(today, -TYPICAL_AGE_MONTHS)
        decision = route(
            role=role,
            location=locate(pc4=pc4),
            child_birth_date=None if role == Role.HOST_FAMILY else birth,
            concerns=TYPICAL_CONCERNS,
            support=facts.EITHER,
            today=today,
        )
        region = Region.objects.filter(pk=decision.region.id).first() if decision.region else None
        handlers = list(region.handlers.order_by("username")) if region else []
        all_regions = []
        if decision.municipality:
            all_regions = list(
                Region.objects.filter(municipalities__code=decision.municipality.code)
                .select_related("program")
                .order_by("program__sort_order", "name")
            )
        return {
            "pc4": pc4,
            "decision": decision,
            "answer": present(decision),
            "typical_birth_date": birth if role != Role.HOST_FAMILY else None,
            "typical_concerns": [label for code, label in facts.CONCERN_CHOICES if code in TYPICAL_CONCERNS],
            "region_object": region,
            "handlers": handlers,
            "all_regions": all_regions,
        }


class PostcodePreviewViewSet(ViewSet):
    name = "intake_postcode_preview"
    url_prefix = "intake/who-receives"
    icon = "site"
    menu_label = _("Who receives postcode X?")
    menu_order = 210
    menu_hook = INTAKE_MENU_HOOK

    def get_urlpatterns(self):
        return [path("", PostcodePreviewView.as_view(), name="index")]

    @cached_property
    def menu_item_class(self):
        policy = ModelPermissionPolicy(Region)

        class PreviewMenuItem(MenuItem):
            def is_shown(self, request):
                return policy.user_has_any_permission(request.user, ["add", "change", "delete", "view"])

        return PreviewMenuItem


class IntakeViewSetGroup(ViewSetGroup):
    menu_label = _("Intake")
    menu_icon = "group"
    menu_order = 250
    submenu_hook = INTAKE_MENU_HOOK
    items = (
        RegionViewSet("intake_region", url_prefix="intake/regions"),
        MunicipalityViewSet("intake_municipality", url_prefix="intake/municipalities"),
        PostcodeAreaViewSet("intake_postcode", url_prefix="intake/postcodes"),
        PostcodePreviewViewSet(),
    )

    def get_submenu_items(self):
        # Our own items are registered through INTAKE_MENU_HOOK (like everybody else's), so the
        # group's menu is built from that hook alone and nothing is listed twice.
        return []


@hooks.register("register_admin_viewset")
def register_intake_viewsets():
    return IntakeViewSetGroup()
