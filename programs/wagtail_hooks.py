"""The program facts in the admin: one list of the five programs of the collective."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Program


class AgeRangeColumn(Column):
    """The age range in words, from the months stored on the program."""

    def get_value(self, instance):
        low, high = instance.age_range_years()
        return _("%(low)s to %(high)s years (%(min)s to %(max)s months)") % {
            "low": low,
            "high": high,
            "min": instance.min_age_months,
            "max": instance.max_age_months,
        }


class ProgramViewSet(SnippetViewSet):
    model = Program
    icon = "group"
    menu_label = gettext_lazy("Programs")
    menu_name = "programs"
    menu_order = 240
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("code", label=gettext_lazy("Code")),
        AgeRangeColumn("age_range", label=gettext_lazy("Age of the child")),
        BooleanColumn("allows_pregnancy", label=gettext_lazy("During pregnancy")),
        Column("get_setting_display", label=gettext_lazy("Where the support happens")),
    ]
    list_filter = ["setting", "allows_pregnancy"]
    search_fields = ["name", "code"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


register_snippet(ProgramViewSet)
