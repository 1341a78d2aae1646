"""The program facts in the admin: one list of the five programs of the collective."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import ages
from .models import Program
from .views import ReviewedProgramEditView


class AgeRangeColumn(Column):
    """The age range in words, with the months stored on the program."""

    def get_value(self, instance):
        low, high = instance.min_age_months, instance.max_age_months
        return f"{ages.age_range(low, high, short=True)} ({ages.months_range(low, high)})"


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
    # Changing who a program is for is confirmed first (programs/views.py).
    edit_view_class = ReviewedProgramEditView


register_snippet(ProgramViewSet)


@hooks.register("insert_global_admin_css")
def age_widget_css():
    """The years-and-months boxes of the age facts side by side (programs/widgets.py)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
