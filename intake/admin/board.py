"""The board's dashboard: a panel on the admin's dashboard (this year's matches against the target,
per region) and a report page with every figure (`intake.workspace.figures`).

Only for people who work sign-ups, and scoped to what they may open: a region handler sees their
regions, MeeleefGezin's national coordinators and superusers everything, editors nothing (no panel,
no menu item, and the report turns them away). The chart is drawn on the server as SVG; nothing is
fetched from elsewhere and no script is needed. The report joins the "Intake" menu group.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from intake.permissions import works_intakes
from intake.records.models import Role
from intake.workspace.figures import MONTHS_SHOWN, board, year_progress

from .menu import INTAKE_MENU_HOOK

BOARD_VIEWSET = "intake_board"
FIRST_YEAR, LAST_YEAR = 2012, 2100

# The monthly chart's drawing area (SVG user units).
CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM, CHART_LEFT = 640, 240, 20, 40, 40


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


def year_choices(today, known_years):
    """The years offered: every year with a target or a match, and last, this and next year."""
    return sorted({*known_years, today.year - 1, today.year, today.year + 1})


def month_chart(months):
    """Bars for the sign-ups per month: positions in SVG units, with what each bar says."""
    top = max((m["total"] for m in months), default=0)
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = (CHART_WIDTH - CHART_LEFT) / max(len(months), 1)
    bars = []
    for index, month in enumerate(months):
        height = round(plot_height * month["total"] / top) if top else 0
        x = round(CHART_LEFT + index * slot + slot * 0.15, 1)
        bars.append(
            {
                "x": x,
                "label_x": round(x + slot * 0.35, 1),
                "y": CHART_TOP + plot_height - height,
                "width": round(slot * 0.7, 1),
                "height": height,
                "value_y": CHART_TOP + plot_height - height - 4,
                "month": month["month"],
                "total": month["total"],
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "axis_y": CHART_HEIGHT - CHART_BOTTOM,
        "label_y": CHART_HEIGHT - CHART_BOTTOM + 16,
        "left": CHART_LEFT,
        "top": top,
        "bars": bars,
    }


class BoardReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "intake/admin/board/report.html"
    page_title = _("Board report")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not works_intakes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = today.year
        raw = self.request.GET.get("year")
        if raw not in (None, ""):
            try:
                year = int(raw)
            except (TypeError, ValueError):
                year = None
            if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
                messages.error(
                    self.request,
                    _("Choose a year from %(first)d to %(last)d; this year is shown.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
                year = today.year
        figures = board(self.request.user, year=year, today=today)
        years = year_choices(today, figures.years)
        context.update(
            {
                "board": figures,
                "year_form": YearForm(initial={"year": year}, years=years),
                "roles": Role.choices,
                "waitlist_rows": [(code, label, figures.waitlist.get(code, 0)) for code, label in Role.choices],
                "chart": month_chart(figures.months),
                "months_shown": MONTHS_SHOWN,
            }
        )
        return context


class BoardViewSet(ViewSet):
    name = BOARD_VIEWSET
    url_prefix = "intake/board"
    icon = "table"
    menu_label = _("Board report")
    menu_order = 140
    menu_hook = INTAKE_MENU_HOOK

    def get_urlpatterns(self):
        return [path("", BoardReportView.as_view(), name="index")]

    @cached_property
    def menu_item_class(self):
        class BoardMenuItem(MenuItem):
            def is_shown(self, request):
                return works_intakes(request.user)

        return BoardMenuItem


@hooks.register("register_admin_viewset")
def register_board_report():
    return BoardViewSet()


class BoardPanel(Component):
    """This year's matches against the target, per region, with a link to the report."""

    name = "intake_board"
    order = 60
    template_name = "intake/admin/board/panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        return {
            "year": today.year,
            "rows": year_progress(self.request.user, today.year, today=today),
            "report_url": reverse(f"{BOARD_VIEWSET}:index"),
        }


@hooks.register("construct_homepage_panels")
def add_board_panel(request, panels):
    if works_intakes(request.user):
        panels.append(BoardPanel(request))
