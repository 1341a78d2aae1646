"""The central waitlist in the admin: who waits and for how long, where the demand is, and re-routing.

For MeeleefGezin's national coordinators and superusers only (`works_waitlist`): anybody else gets
403 and sees no menu item. Every figure is scoped by `intake.permissions.intakes_visible_to`
(`intake.workspace.waitlist`); the list decrypts nothing and links to each sign-up's detail view.
Demand per municipality and per province is a sorted table, a bar chart and — once the municipality
outlines are imported (`manage.py import_geography --boundaries FILE`) — a choropleth map, all drawn
on the server as SVG: no tiles, no JavaScript library, no request to anybody else.

When a region now takes sign-ups for a municipality with waiting sign-ups, the page offers to move
them there in one confirmed POST (`intake.workspace.rerouting`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from intake.records.models import Role
from intake.workspace import waitlist
from intake.workspace.rerouting import MAX_PER_ACTION, RerouteError, offers, reroute
from intake.workspace.waitlist import works_waitlist

from .menu import INTAKE_MENU_HOOK
from .signups import SIGNUPS_VIEWSET

WAITLIST_VIEWSET = "intake_waitlist"
PER_PAGE = 50
CHART_ROWS = 20  # municipalities in the bar chart (the table lists them all)
BOUNDARIES_COMMAND = "manage.py import_geography --boundaries cbs_gemeente_2023_wgs84.geojson"
ROLE_FILTERS = (("", _("All")), (Role.PARENT, _("Parents")), (Role.HOST_FAMILY, _("Host families")))


class WaitlistAccessMixin:
    """A real 403 for everybody else (Wagtail would turn PermissionDenied into a redirect)."""

    def dispatch(self, request, *args, **kwargs):
        if not works_waitlist(request.user):
            return TemplateResponse(request, "intake/admin/forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)


# --- The bar chart ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    name: str
    parents: int
    host_families: int
    total: int
    y: int
    text_y: int
    parents_width: float
    host_x: float
    host_width: float
    value_x: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    shown: int
    of: int


def bar_chart(rows, limit=CHART_ROWS, unknown_label="") -> Chart | None:
    """Stacked horizontal bars (parents, host families) of the first `limit` rows (0: all)."""
    counted = [row for row in rows if row.total]
    rows = counted[:limit] if limit else counted
    if not rows:
        return None
    label_width, bar_area, row_height, bar_height, top = 190, 360, 24, 16, 4
    highest = max(row.total for row in rows)
    scale = bar_area / highest
    bars = []
    for index, row in enumerate(rows):
        y = top + index * row_height
        parents_width = round(row.parents * scale, 1)
        host_width = round(row.host_families * scale, 1)
        bars.append(
            Bar(
                name=row.name or str(unknown_label),
                parents=row.parents,
                host_families=row.host_families,
                total=row.total,
                y=y,
                text_y=y + bar_height - 4,
                parents_width=parents_width,
                host_x=label_width + parents_width,
                host_width=host_width,
                value_x=label_width + parents_width + host_width + 6,
            )
        )
    return Chart(
        bars=bars,
        width=label_width + bar_area + 50,
        height=top * 2 + len(rows) * row_height,
        label_width=label_width,
        shown=len(rows),
        of=len(counted),
    )


# --- Views -----------------------------------------------------------------------------------


class WaitlistView(WaitlistAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "intake/admin/waitlist.html"
    page_title = _("Waitlist")
    header_icon = "time"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        role = self.request.GET.get("role", "")
        if role not in {code for code, _label in ROLE_FILTERS}:
            role = ""
        entries = waitlist.waiting(user)
        if role == Role.PARENT:
            entries = entries.filter(role__in=waitlist.PARENT_ROLES)
        elif role:
            entries = entries.filter(role=role)
        page = Paginator(entries, PER_PAGE).get_page(self.request.GET.get("p"))
        municipalities = waitlist.by_municipality(user)
        provinces = waitlist.by_province(user)
        unknown = _("Municipality unknown")
        context.update(
            {
                "now": timezone.now(),
                "page": page,
                "entries": page.object_list,
                "role": role,
                "role_filters": [
                    (code, label, reverse(f"{WAITLIST_VIEWSET}:index") + (f"?role={code}" if code else ""))
                    for code, label in ROLE_FILTERS
                ],
                "detail_url_name": f"{SIGNUPS_VIEWSET}:inspect",
                "municipalities": municipalities,
                "provinces": provinces,
                "totals": waitlist.totals(municipalities),
                "municipality_chart": bar_chart(municipalities, unknown_label=unknown),
                "province_chart": bar_chart(provinces, limit=0, unknown_label=_("Province unknown")),
                "map": waitlist.demand_map(municipalities),
                "boundaries_command": BOUNDARIES_COMMAND,
                "offers": offers(user),
                "reroute_url": reverse(f"{WAITLIST_VIEWSET}:reroute"),
                "unknown_municipality": unknown,
            }
        )
        return context


def _whole_number(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 12 else None


class RerouteView(WaitlistAccessMixin, View):
    """POST: move the confirmed waiting sign-ups of one municipality to one region."""

    http_method_names = ["post"]

    def post(self, request):
        back = redirect(f"{WAITLIST_VIEWSET}:index")
        region_id = _whole_number(request.POST.get("region"))
        municipality_id = _whole_number(request.POST.get("municipality"))
        raw_ids = request.POST.getlist("intake")[: MAX_PER_ACTION + 1]
        intake_ids = [number for number in map(_whole_number, raw_ids) if number is not None]
        if region_id is None or municipality_id is None or not intake_ids or len(intake_ids) != len(raw_ids):
            messages.error(request, _("This request could not be read; nothing was moved. Try again from this page."))
            return back
        try:
            result = reroute(request.user, region_id, municipality_id, intake_ids)
        except RerouteError as error:
            messages.error(request, str(error))
            return back
        if result.moved:
            messages.success(
                request,
                ngettext(
                    "%(count)d sign-up from %(municipality)s moved to region %(region)s. Its handlers get an e-mail.",
                    "%(count)d sign-ups from %(municipality)s moved to region %(region)s. Its handlers get an e-mail.",
                    len(result.moved),
                )
                % {
                    "count": len(result.moved),
                    "municipality": result.municipality.name,
                    "region": result.region.name,
                },
            )
        if result.refused:
            messages.warning(
                request,
                ngettext(
                    "%(count)d sign-up was not moved: it is no longer waiting here, or you cannot open it.",
                    "%(count)d sign-ups were not moved: they are no longer waiting here, or you cannot open them.",
                    result.refused,
                )
                % {"count": result.refused},
            )
        return back


class WaitlistViewSet(ViewSet):
    name = WAITLIST_VIEWSET
    url_prefix = "intake/waitlist"
    icon = "time"
    menu_label = _("Waitlist")
    menu_order = 105
    menu_hook = INTAKE_MENU_HOOK

    def get_urlpatterns(self):
        return [
            path("", WaitlistView.as_view(), name="index"),
            path("reroute/", RerouteView.as_view(), name="reroute"),
        ]

    @cached_property
    def menu_item_class(self):
        class WaitlistMenuItem(MenuItem):
            def is_shown(self, request):
                return works_waitlist(request.user)

        return WaitlistMenuItem


@hooks.register("register_admin_viewset")
def register_waitlist_admin():
    return WaitlistViewSet()
