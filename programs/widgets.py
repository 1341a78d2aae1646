"""Ages in the admin as people say them: years and months, stored as whole months (as before).

"tot en met 4 jaar" is the youngest to oldest child of 4, so until the fifth birthday: 59 months.
The oldest-age widget therefore reads an empty months box as "the whole year" (4 years and no
months = 4 years and 11 months); the youngest-age widget reads it as 0 (from the fourth birthday).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import ages

YOUNGEST, OLDEST = "youngest", "oldest"


class AgeInYearsAndMonthsWidget(forms.MultiWidget):
    """Two number boxes, years and months; `value_from_datadict` gives the age in whole months."""

    template_name = "programs/widgets/age_in_years_and_months.html"

    def __init__(self, end=YOUNGEST, attrs=None):
        self.end = end
        widgets = {
            "years": forms.NumberInput(attrs={"min": 0, "max": 25, "step": 1, "class": "age-years"}),
            "months": forms.NumberInput(attrs={"min": 0, "max": 11, "step": 1, "class": "age-months"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if value in (None, ""):
            return [None, None]
        try:
            months = int(value)
        except (TypeError, ValueError):
            return [None, None]
        years, rest = divmod(months, 12)
        if self.end == OLDEST and rest == 11:
            return [years, None]  # "tot en met 4 jaar"
        if self.end == YOUNGEST and rest == 0:
            return [years, None]  # "vanaf 4 jaar"
        return [years, rest]

    def value_from_datadict(self, data, files, name):
        years, months = ((data.get(f"{name}{suffix}") or "").strip() for suffix in self.widgets_names)
        if not years and not months:
            return ""
        try:
            years_n = int(years or 0)
            months_n = int(months) if months else None
        except ValueError:
            return f"{years} {months}".strip()  # not a number: the integer field says so
        if years_n < 0 or (months_n is not None and not 0 <= months_n <= 11):
            return "-1"  # the field's minimum (0) gives the message
        if months_n is None:
            months_n = 11 if self.end == OLDEST else 0
        return years_n * 12 + months_n

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["end"] = self.end
        context["widget"]["years_label"] = _("years")
        context["widget"]["months_label"] = _("months")
        context["widget"]["lead"] = _("up to and including") if self.end == OLDEST else _("from")
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            months = int(value)
            context["widget"]["in_words"] = (
                ages.oldest_in_words(months) if self.end == OLDEST else ages.youngest_in_words(months)
            )
        return context
