"""The field kit of the sign-up forms: widgets, fields with their messages, and how a field is
shown (`FieldView`). The find-support form uses the same kit, so a question looks and behaves the
same everywhere."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from programs import facts

MAX_TEXT = 1000
MAX_SHORT_TEXT = 500
MAX_NAME = 150
MAX_ORGANISATION = 150
UNKNOWN_MUNICIPALITY = "unknown"
OLDEST_CHILD_YEARS = 18


def lazy_format(message, **params):
    """`message % params`, translated when it is rendered (in the visitor's language), not at import."""
    return lazy(lambda: str(message) % params, str)()


# --- Widgets and fields ----------------------------------------------------------------------


class TelInput(forms.TextInput):
    input_type = "tel"


class DatePartsWidget(forms.MultiWidget):
    """Day, month and year as three short numeric inputs (easy with a phone's number pad and clear
    for screen readers), grouped by the template in a fieldset. Ids: `id_<name>_day` etc."""

    PARTS = (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4))

    def __init__(self, attrs=None):
        widgets = {
            part: forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "maxlength": str(size),
                    "size": str(size),
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "class": f"date-parts__input date-parts__input--{part}",
                }
            )
            for part, _label, size in self.PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id")
        for (part, label, _size), sub in zip(self.PARTS, context["widget"]["subwidgets"], strict=True):
            if base_id:
                sub["attrs"]["id"] = f"{base_id}_{part}"
            sub["part_label"] = label
        return context

    def subwidgets(self, name, value, attrs=None):
        yield from self.get_context(name, value, attrs)["widget"]["subwidgets"]

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_


class DatePartsField(forms.Field):
    widget = DatePartsWidget
    default_error_messages = {
        "required": _("Enter the date of birth or the expected due date."),
        "incomplete": _("Enter the day, the month and the year."),
        "numbers": _("Enter the date in numbers, for example 14 3 2024."),
        "year": _("Enter the year in four digits, for example 2024."),
        "invalid": _("Enter a date that exists, for example 14 3 2024."),
    }

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if not isinstance(value, (list, tuple)):
            value = [value, None, None]
        parts = [str(part or "").strip() for part in list(value)[:3]]
        parts += [""] * (3 - len(parts))
        if not any(parts):
            return None
        if not all(parts):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        if not all(re.fullmatch(r"[0-9]{1,4}", part) for part in parts):
            raise ValidationError(self.error_messages["numbers"], code="numbers")
        day, month, year = (int(part) for part in parts)
        if len(parts[2]) != 4:
            raise ValidationError(self.error_messages["year"], code="year")
        try:
            return datetime.date(year, month, day)
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


PHONE_RE = re.compile(r"\+?[0-9 ()\-.]{8,25}")


def validate_phone(value):
    digits = re.sub(r"[^0-9]", "", value)
    if not PHONE_RE.fullmatch(value) or not 9 <= len(digits) <= 15:
        raise ValidationError(_("Enter a phone number, for example 06 12345678."), code="phone")


def phone_field(label, *, required=True, help_text="", autocomplete="tel"):
    return forms.CharField(
        label=label,
        required=required,
        max_length=30,
        help_text=help_text,
        validators=[validate_phone],
        error_messages={
            "required": _("Enter a phone number."),
            "max_length": _("Enter a phone number, for example 06 12345678."),
        },
        widget=TelInput(attrs={"autocomplete": autocomplete, "inputmode": "tel", "class": "input--medium"}),
    )


def email_field(label, *, required=True, help_text="", autocomplete="email"):
    return forms.EmailField(
        label=label,
        required=required,
        max_length=254,
        help_text=help_text,
        error_messages={
            "required": _("Enter an e-mail address."),
            "invalid": _("Enter an e-mail address in the right form, for example name@example.nl."),
            "max_length": _("Enter an e-mail address in the right form, for example name@example.nl."),
        },
        widget=forms.EmailInput(
            attrs={
                "autocomplete": autocomplete,
                "spellcheck": "false",
                "autocapitalize": "off",
                "class": "input--wide",
            }
        ),
    )


def name_field(label, *, help_text="", autocomplete="name", required_message=None):
    return forms.CharField(
        label=label,
        max_length=MAX_NAME,
        help_text=help_text,
        error_messages={
            "required": required_message or _("Enter a name."),
            "max_length": _("A name can be at most %(limit_value)d characters long."),
        },
        widget=forms.TextInput(attrs={"autocomplete": autocomplete, "spellcheck": "false", "class": "input--wide"}),
    )


def text_field(label, *, max_length=MAX_TEXT, help_text=None, required=False, rows=4):
    if help_text is None:
        help_text = lazy_format(_("At most %(count)d characters."), count=max_length)
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        error_messages={
            "required": _("Fill in this question."),
            "max_length": _("Make this text shorter: at most %(limit_value)d characters (now %(show_value)d)."),
        },
        widget=forms.Textarea(attrs={"rows": str(rows), "class": "input--wide"}),
    )


def postcode_field(label=None, help_text=None):
    return forms.CharField(
        label=label or _("Postcode"),
        max_length=20,
        help_text=help_text if help_text is not None else _("For example 3431 AB."),
        error_messages={
            "required": _("Enter a postcode."),
            "max_length": _("Enter a Dutch postcode: four digits, optionally two letters, e.g. 3431 AB."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "postal-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "input--postcode",
            }
        ),
    )


def municipality_field():
    return forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        choices=[],
        error_messages={"invalid_choice": _("Choose your municipality from the list, or ‘I don’t know’.")},
        widget=forms.Select(attrs={"autocomplete": "off"}),
    )


def child_date_field(label, help_text):
    return DatePartsField(label=label, help_text=help_text)


def concerns_field(label, help_text=None):
    return forms.MultipleChoiceField(
        label=label,
        choices=facts.CONCERN_CHOICES,
        help_text=help_text if help_text is not None else _("Tick everything that applies."),
        error_messages={
            "required": _("Tick at least one answer."),
            "invalid_choice": _("Choose from the list."),
        },
        widget=forms.CheckboxSelectMultiple,
    )


def support_field(label):
    return forms.ChoiceField(
        label=label,
        choices=facts.SUPPORT_CHOICES,
        error_messages={"required": _("Choose one answer."), "invalid_choice": _("Choose one answer.")},
        widget=forms.RadioSelect,
    )


def checkbox_field(label, *, required=True, required_message=None, help_text="", short_label=None):
    """A single box. Its label is a whole sentence, so the error summary names it by `short_label`."""
    field = forms.BooleanField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={"required": required_message or _("Tick this box to continue.")},
    )
    field.short_label = short_label
    return field


# --- Rendering helpers -----------------------------------------------------------------------

QUESTION_END = ("?", "!", ".", ":")


def is_radio_group(widget) -> bool:
    # CheckboxSelectMultiple is a RadioSelect in Django's class tree.
    return isinstance(widget, forms.RadioSelect) and not isinstance(widget, forms.CheckboxSelectMultiple)


def takes_aria_required(widget) -> bool:
    """Controls whose role accepts `aria-required` (ARIA 1.2): text boxes, lists and single boxes.
    A radio button takes it on its group; a group of checkboxes has no required state at all."""
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.HiddenInput)):
        return False
    controls = (forms.widgets.Input, forms.Select, forms.Textarea, forms.CheckboxInput, DatePartsWidget)
    return isinstance(widget, controls)


class AccessibleBoundField(forms.BoundField):
    """Required and invalid states that screen readers announce, and only when they are true.

    - No native `required` on checkboxes and radio buttons: Chromium exposes an unticked required
      box as "invalid" on an untouched form (constraint validation) and never as "required".
      A single box gets `aria-required`; a radio group gets it on its fieldset (the template).
    - `aria-required` on a question the form marks as one to answer although the field alone is
      optional (`form.marked_required`, e.g. "the postcode, or the municipality").
    - `aria-invalid` only after a failed submit (Django sets it for fields with errors); for radio
      buttons it moves to their group, where ARIA supports it.
    """

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        marked = self.name in getattr(self.form, "marked_required", ())
        if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
            attrs.pop("required", None)
        if is_radio_group(widget):
            attrs.pop("aria-invalid", None)
        elif (self.field.required or marked) and takes_aria_required(widget) and not attrs.get("required"):
            attrs["aria-required"] = "true"
        return attrs

    @property
    def summary_label(self) -> str:
        """How the error summary names this question: its label, or the short name of a box."""
        return str(getattr(self.field, "short_label", None) or self.label)


def summary_item(bound_field, message, anchor="") -> dict:
    """One line of the error summary: the question it is about, then what to do.

    "Wat voor hulp zoek je? Kies één antwoord." / "Postcode: Vul een postcode in."."""
    question = bound_field.summary_label.strip() if bound_field is not None else ""
    if question and not question.endswith(QUESTION_END):
        question += ":"
    return {"anchor": anchor, "question": question, "message": str(message)}


@dataclass
class FieldView:
    """One field as the template needs it."""

    field: forms.BoundField
    kind: str  # "input", "checkbox", "choices" or "date"
    # Mark the question as one to answer even though the field alone is optional (when the form
    # decides, e.g. "the postcode or the municipality"). None: as the field says.
    marked_required: bool | None = None

    @property
    def required(self):
        return self.field.field.required if self.marked_required is None else self.marked_required

    @property
    def name(self):
        return self.field.name

    @property
    def anchor(self):
        """The id of the first input, for the error summary's link."""
        return anchor_id(self.field)

    @property
    def is_radio_group(self):
        return self.kind == "choices" and is_radio_group(self.field.field.widget)

    @property
    def announces_required(self):
        """Does the control itself tell assistive technology that it is required (`required` on a
        text box or list, `aria-required` on a radio group)? Then the visible word "required" is
        hidden from it, not said twice. Chromium ignores `aria-required` on a checkbox, so a single
        box, a group of checkboxes and the date's group say the word."""
        return self.kind == "input" or self.is_radio_group


@dataclass
class FieldsetView:
    legend: str
    fields: list
    name: str


def field_kind(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, DatePartsWidget):
        return "date"
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


def anchor_id(bound_field) -> str:
    kind = field_kind(bound_field)
    if kind == "date":
        return f"{bound_field.auto_id}_day"
    if kind == "choices":
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id
