"""The routing form: the few facts that routing needs, shared by the API and the find-support page."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.geography.lookup import locate, route
from intake.geography.models import Municipality
from intake.geography.postcodes import (
    MAX_POSTCODE_LENGTH,
    PostcodeError,
    normalise_municipality_code,
    normalise_postcode,
)
from intake.routing.rules import Decision, latest_due_date
from intake.routing.vocabulary import HOST_FAMILY, MAX_MONTHS_BEFORE_BIRTH, PARENT, REFERRER
from intake.signup.fields import (
    AccessibleBoundField,
    DatePartsField,
    DatePartsWidget,
    FieldView,
    anchor_id,
    field_kind,
    summary_item,
)
from programs import facts

ROLE_CHOICES = [
    (PARENT, _("I am a parent, or expecting a child")),
    (HOST_FAMILY, _("We would like to become a host family")),
    (REFERRER, _("I refer a family as a professional")),
]
CHILD_FIELDS = ("child_birth_date", "concerns", "support")
DATE_FORMATS = ["%Y-%m-%d"]
FORM_FIELDS = ("postcode", "municipality", "role", "child_birth_date", "concerns", "support")
# The find-support page asks in this order, and marks these questions as ones to answer (the
# postcode, or the municipality it asks for instead; the date, unless you are a host family).
PAGE_ORDER = ("role", "postcode", "municipality", "child_birth_date", "concerns", "support")
PAGE_MARKED_REQUIRED = ("role", "postcode", "child_birth_date")
ISO_DATE_RE = re.compile(r"\s*([0-9]{1,4})-([0-9]{1,2})-([0-9]{1,2})\s*")


class RoutingForm(forms.Form):
    """The facts the routing needs. The API uses it as is; the find-support page renders it."""

    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=MAX_POSTCODE_LENGTH,
        help_text=_("For example 3431 AB. The four digits are enough."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text", "size": 8}),
    )
    municipality = forms.CharField(
        label=_("Municipality"),
        required=False,
        max_length=12,
        help_text=_("Only needed when we do not know your postcode, or it lies in two municipalities."),
    )
    role = forms.ChoiceField(
        label=_("Who are you?"),
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who you are."),
            "invalid_choice": _("Choose who you are from the list."),
        },
    )
    child_birth_date = forms.DateField(
        label=_("Date of birth of the child, or the expected due date"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("For example 2024-03-15. Expecting a baby? Fill in the due date."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as year-month-day, for example 2024-03-15.")},
    )
    concerns = forms.MultipleChoiceField(
        label=_("What worries you?"),
        choices=facts.CONCERN_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everything that applies."),
        error_messages={"invalid_choice": _("Choose from the list: %(value)s is not one of the options.")},
    )
    support = forms.ChoiceField(
        label=_("What kind of help would you like?"),
        choices=facts.SUPPORT_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose the kind of help from the list.")},
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        if not value.strip():
            return ""
        try:
            return normalise_postcode(value)
        except PostcodeError as error:
            raise forms.ValidationError(error.message, code="invalid") from error

    def clean_municipality(self):
        value = self.cleaned_data.get("municipality", "")
        if not value.strip():
            return ""
        code = normalise_municipality_code(value)
        if code is None:
            raise forms.ValidationError(_("Choose a municipality from the list."), code="invalid")
        return code

    def clean_concerns(self):
        value = self.cleaned_data.get("concerns") or []
        return list(dict.fromkeys(value))

    def clean_child_birth_date(self):
        value = self.cleaned_data.get("child_birth_date")
        if value and value > latest_due_date(self.today):
            raise forms.ValidationError(
                _("This due date is more than %(count)d months away. Check the date."),
                code="too_far",
                params={"count": MAX_MONTHS_BEFORE_BIRTH},
            )
        return value

    def clean(self):
        data = super().clean()
        located = data.get("postcode") or data.get("municipality")
        if not located and "postcode" not in self.errors and "municipality" not in self.errors:
            self.add_error("postcode", forms.ValidationError(_("Enter your postcode."), code="required"))
        role = data.get("role")
        if role == HOST_FAMILY:
            # The child's facts are not asked of a host family: ignore whatever came with them.
            for name in CHILD_FIELDS:
                self.errors.pop(name, None)
                data.pop(name, None)
        needs_date = role and role != HOST_FAMILY and "child_birth_date" not in self.errors
        if needs_date and not data.get("child_birth_date"):
            self.add_error(
                "child_birth_date",
                forms.ValidationError(
                    _("Enter the date of birth of the child, or the expected due date."), code="required"
                ),
            )
        return data

    def route(self) -> Decision:
        data = self.cleaned_data
        host = data["role"] == HOST_FAMILY
        return route(
            role=data["role"],
            location=locate(pc4=data.get("postcode") or "", municipality_code=data.get("municipality") or None),
            child_birth_date=None if host else data.get("child_birth_date"),
            concerns=() if host else data.get("concerns", ()),
            support=None if host else (data.get("support") or None),
            today=self.today,
        )


class PageDateWidget(DatePartsWidget):
    """Day, month and year, like the sign-up forms. Also reads `child_birth_date=YYYY-MM-DD` (the
    API's form of the date), so a form built for the API can post to the page too."""

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        whole = data.get(name)
        if any(parts) or not isinstance(whole, str) or not whole.strip():
            return parts
        match = ISO_DATE_RE.fullmatch(whole)
        if match is None:
            return [whole, "", ""]  # not a date: "Enter the day, the month and the year."
        year, month, day = match.groups()
        return [day, month, year]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class PageRoutingForm(RoutingForm):
    """The same form on the find-support page, rendered with the sign-up forms' field kit: the date
    in day, month and year, the municipality as a list (asked only when needed)."""

    bound_field_class = AccessibleBoundField
    marked_required = PAGE_MARKED_REQUIRED

    child_birth_date = DatePartsField(
        label=_("Date of birth of the child, or the expected due date"),
        required=False,
        help_text=_("Expecting a baby? Then fill in the expected due date. For example 14 3 2024."),
        widget=PageDateWidget,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(PAGE_ORDER)
        self.fields["municipality"].widget = forms.Select(attrs={"autocomplete": "off"})
        self.show_municipality = False

    @classmethod
    def sent_names(cls) -> tuple:
        """The POST fields that mean the form was sent (the date comes in three parts)."""
        parts = tuple(f"child_birth_date_{part}" for part, _label, _size in DatePartsWidget.PARTS)
        return FORM_FIELDS + parts

    def ask_municipality(self, decision: Decision | None = None) -> bool:
        """Ask the municipality? Yes when the postcode lies in more than one (then those are the
        options), is unknown, or the visitor already chose one; else the question stays hidden."""
        options = None
        if decision is not None:
            if decision.municipality_candidates:
                options = [(m.code, m.name) for m in decision.municipality_candidates]
            data = self.cleaned_data
            show = bool(options) or bool(data.get("postcode") and decision.municipality is None)
            show = show or bool(data.get("municipality"))
        else:
            show = self.is_bound and bool(self.data.get("municipality"))
        if options is None:
            options = list(Municipality.objects.order_by("name").values_list("code", "name")) if show else []
        widget = self.fields["municipality"].widget
        widget.choices = [("", _("Choose your municipality")), *options]
        if not show:
            widget.attrs["disabled"] = True
        self.show_municipality = show
        return show

    def carried(self) -> dict:
        """What the sign-up form can take from a valid form, by the sign-up form's field names
        (`intake.signup.forms.CARRIED_FIELDS`): the postcode as typed, the date, concerns, support."""
        data = self.cleaned_data
        carried = {
            "postcode": " ".join(str(self.data.get("postcode", "")).split()).upper() if data.get("postcode") else ""
        }
        if data.get("role") != HOST_FAMILY:
            when = data.get("child_birth_date")
            carried.update(
                {
                    "child_date": when.isoformat() if when else "",
                    "concerns": list(data.get("concerns") or []),
                    "support": data.get("support") or "",
                }
            )
        return carried

    def field_views(self) -> dict:
        """{name: FieldView} for templates/intake/form/field.html."""
        return {
            name: FieldView(self[name], field_kind(self[name]), marked_required=name in PAGE_MARKED_REQUIRED)
            for name in self.fields
        }

    def error_summary(self) -> list:
        """[{"anchor": id, "question": label, "message": str}] in the order of the page, for the
        shared error summary (worded as the sign-up forms' summary)."""
        if not self.is_bound:
            return []
        return [
            summary_item(self[name], message, anchor_id(self[name]))
            for name in self.fields
            for message in self.errors.get(name, [])
        ]
