"""The three sign-up forms: parents, host families and referrers.

Plain Django forms (never Wagtail's form builder, which stores plaintext readable by every editor),
served by `IntakeFormPage` according to its `role`. They ask what a coordinator needs for a first
call and nothing more. Validation routes the sign-up (`intake.geography.lookup.route`) as soon as the facts
it needs are valid, because two questions depend on the answer:

- the municipality is only asked when the postcode is unknown or lies in more than one municipality;
- a referrer is asked how a match could be financed only when the family lives outside the active
  regions (the decision is "waitlist").
"""

from __future__ import annotations

import contextlib
import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intake.geography.lookup import locate, route
from intake.geography.models import Municipality
from intake.geography.postcodes import PostcodeError, normalise_postcode
from intake.records.models import CONFIRMATION_EMAIL_KEY, Role
from intake.routing.rules import Location, MunicipalityInfo, latest_due_date
from intake.routing.vocabulary import MAX_MONTHS_BEFORE_BIRTH, WAITLIST

from . import abuse
from .fields import (
    MAX_ORGANISATION,
    MAX_SHORT_TEXT,
    OLDEST_CHILD_YEARS,
    UNKNOWN_MUNICIPALITY,
    AccessibleBoundField,
    DatePartsField,
    FieldsetView,
    FieldView,
    checkbox_field,
    child_date_field,
    concerns_field,
    email_field,
    field_kind,
    municipality_field,
    name_field,
    phone_field,
    postcode_field,
    summary_item,
    support_field,
    text_field,
)

PHONE = "phone"
EMAIL = "email"
# What the find-support page's sign-up button may carry into a sign-up form (POST fields, read as
# initial values, never stored): the form's own field names, the date as YYYY-MM-DD.
CARRIED_FIELDS = ("postcode", "child_date", "concerns", "support")
MAX_CARRIED_DATE = 10
CONTACT_CHOICES = [(PHONE, _("By phone")), (EMAIL, _("By e-mail"))]


def _with_dutch_term(label, term: str):
    """A profession as referrers know it: in English the Dutch term beside it, marked as Dutch so a
    screen reader pronounces it right ('GP (<span lang="nl">huisarts</span>)'); in Dutch the
    translated label alone. Lazy, so it follows the language of each request."""

    def render():
        if (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0] == "nl":
            return format_html("{}", label)
        return format_html('{} (<span lang="nl">{}</span>)', label, term)

    return lazy(render, SafeString)()


PROFESSION_CHOICES = [
    ("gp", _with_dutch_term(pgettext_lazy("profession", "GP"), "huisarts")),
    ("midwife", _with_dutch_term(pgettext_lazy("profession", "Midwife"), "verloskundige")),
    ("youth_health", _with_dutch_term(pgettext_lazy("profession", "Youth health care"), "JGZ, consultatiebureau")),
    ("cjg", _with_dutch_term(pgettext_lazy("profession", "Centre for Youth and Family"), "CJG")),
    ("neighbourhood_team", _with_dutch_term(pgettext_lazy("profession", "Neighbourhood team"), "wijkteam")),
    (
        "therapist",
        _with_dutch_term(pgettext_lazy("profession", "Therapist in mental health or addiction care"), "GGZ"),
    ),
    ("hospital", _("Hospital")),
    ("other", _("Other")),
]

FINANCING_CHOICES = [
    ("municipality", _("The municipality pays per match")),
    ("own_organisation", _("My own organisation")),
    ("fund", _("A fund")),
    ("unknown", _("Not known yet")),
]


# --- The forms -------------------------------------------------------------------------------


class IntakeForm(forms.Form):
    """What the three forms share: postcode (+ municipality when needed), routing, the honeypot,
    optional reCAPTCHA, consent, and how the answers are turned into stored data."""

    bound_field_class = AccessibleBoundField
    role: str = ""
    # (name, legend, field names) in display order; the template renders them in this order.
    fieldsets: tuple = ()
    # Facts that routing needs; the decision is only made when all of them are valid.
    routing_fields: tuple = ("postcode",)
    consent_field = "consent"
    # Keys that never go into `Intake.personal` (stored as columns or not at all).
    not_stored = (abuse.HONEYPOT_FIELD, "captcha", "municipality", "consent")

    def __init__(self, data=None, *args, language="nl", today=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.language = language
        self.today = today or timezone.localdate()
        self.decision = None
        self.pc4 = ""
        self.location = Location()
        self.municipality_mode = None  # None (not asked), "candidates" or "all"
        self._postcode_error = None
        self._all_municipalities = {}
        self.fields[abuse.HONEYPOT_FIELD] = abuse.honeypot_field()
        if abuse.recaptcha_enabled():
            self.fields["captcha"] = abuse.recaptcha_field(language)
        self._set_up_municipality()

    # Municipality: asked only when the postcode does not tell us -----------------------------

    def _set_up_municipality(self):
        """Parse the postcode and look it up, once: the location decides whether to ask the
        municipality, validation reads the parsed postcode, and routing reads the location."""
        field = self.fields["municipality"]
        if not self.is_bound:
            return
        raw = self.data.get("postcode", "")
        try:
            self.pc4 = normalise_postcode(raw if isinstance(raw, str) else "")
        except PostcodeError as error:
            self.pc4 = ""
            self._postcode_error = error
            # Keep showing the question when it was shown before (the visitor is fixing a typo).
            if self.data.get("municipality"):
                self._ask_all_municipalities(field)
            return
        self.location = locate(pc4=self.pc4)
        candidates = self.location.candidates
        if len(candidates) == 1:
            return
        if len(candidates) > 1:
            self.municipality_mode = "candidates"
            field.choices = (
                [("", _("Choose your municipality"))]
                + [(m.code, m.name) for m in candidates]
                + [(UNKNOWN_MUNICIPALITY, _("I don’t know"))]
            )
            field.help_text = _("Postcode %(pc4)s lies in more than one municipality. Which one do you live in?") % {
                "pc4": self.pc4
            }
            return
        self._ask_all_municipalities(field)
        field.help_text = _(
            "We do not know postcode %(pc4)s. Choose the municipality, or ‘I don’t know’ if you are not sure."
        ) % {"pc4": self.pc4}

    def _ask_all_municipalities(self, field):
        self.municipality_mode = "all"
        self._all_municipalities = {
            code: MunicipalityInfo(code, name, pk)
            for code, name, pk in Municipality.objects.order_by("name").values_list("code", "name", "pk")
        }
        field.choices = (
            [("", _("Choose the municipality"))]
            + [(m.code, m.name) for m in self._all_municipalities.values()]
            + [(UNKNOWN_MUNICIPALITY, _("I don’t know"))]
        )

    @property
    def show_municipality(self):
        return self.municipality_mode is not None

    def _clean_municipality(self, cleaned):
        if "postcode" not in cleaned or self.has_error("postcode") or self.municipality_mode is None:
            return
        if self.has_error("municipality"):
            return
        chosen = cleaned.get("municipality") or ""
        if chosen == UNKNOWN_MUNICIPALITY:
            # A split postcode keeps its largest municipality; an unknown one stays without.
            return
        if self.municipality_mode == "candidates" and chosen in {m.code for m in self.location.candidates}:
            self.location = self.location.choose(chosen)
        elif self.municipality_mode == "all" and chosen in self._all_municipalities:
            self.location = Location(pc4=self.pc4, municipality=self._all_municipalities[chosen])
        else:
            self.add_error("municipality", _("Choose your municipality from the list, or ‘I don’t know’."))

    # Validation ------------------------------------------------------------------------------

    def clean_postcode(self):
        if self._postcode_error is not None:  # parsed once, in `_set_up_municipality`
            raise ValidationError(self._postcode_error.message, code="postcode")
        return "".join(self.cleaned_data.get("postcode", "").split()).upper()

    def clean(self):
        cleaned = super().clean()
        self.clean_contact(cleaned)
        self._clean_municipality(cleaned)
        if self.routing_inputs_valid(cleaned):
            self.decision = self.route(cleaned)
        self.clean_after_routing(cleaned)
        return cleaned

    def clean_contact(self, cleaned):
        """Checks across contact fields (subclasses)."""

    def clean_after_routing(self, cleaned):
        """Checks that depend on the routing decision (subclasses)."""

    def routing_inputs_valid(self, cleaned):
        names = (*self.routing_fields, "municipality")
        return all(name in cleaned and not self.has_error(name) for name in names if name in self.fields)

    def route(self, cleaned):
        return route(
            role=self.role,
            location=self.location,
            child_birth_date=cleaned.get("child_date"),
            concerns=cleaned.get("concerns") or (),
            support=cleaned.get("support") or None,
            today=self.today,
        )

    def clean_child_date(self):
        value = self.cleaned_data.get("child_date")
        if value is None:
            return value
        if value > latest_due_date(self.today):
            raise ValidationError(
                _("An expected due date can be at most %(count)d months from today. Check the date."),
                code="too_far",
                params={"count": MAX_MONTHS_BEFORE_BIRTH},
            )
        try:
            oldest = self.today.replace(year=self.today.year - OLDEST_CHILD_YEARS)
        except ValueError:  # 29 February
            oldest = self.today.replace(year=self.today.year - OLDEST_CHILD_YEARS, day=28)
        if value < oldest:
            raise ValidationError(
                _("This date is more than %(years)d years ago. Check the year.") % {"years": OLDEST_CHILD_YEARS},
                code="too_old",
            )
        return value

    @classmethod
    def initial_from_query(cls, query) -> dict:
        """Initial values from the find-support page's sign-up button (POST data, `CARRIED_FIELDS`)
        that this form asks and that would be valid answers; anything else is left out. Nothing
        here is stored."""
        fields = cls.base_fields
        initial = {}
        postcode = query.get("postcode", "")
        if "postcode" in fields and isinstance(postcode, str) and postcode.strip():
            try:
                normalise_postcode(postcode)
            except PostcodeError:
                pass
            else:
                initial["postcode"] = " ".join(postcode.split()).upper()
        when = query.get("child_date", "")
        if "child_date" in fields and isinstance(when, str) and 0 < len(when) <= MAX_CARRIED_DATE:
            with contextlib.suppress(ValueError):
                initial["child_date"] = datetime.date.fromisoformat(when)
        for name in ("concerns", "support"):
            if name not in fields:
                continue
            valid = {str(key) for key, _label in fields[name].choices}
            chosen = [value for value in dict.fromkeys(query.getlist(name)) if value in valid]
            if chosen:
                initial[name] = chosen if name == "concerns" else chosen[0]
        return initial

    # Set when the spam check was passed on an earlier step of the same sign-up (not asked again).
    captcha_was_unverified: bool | None = None

    @property
    def recaptcha_unverified(self):
        field = self.fields.get("captcha")
        if field is None:
            return bool(self.captcha_was_unverified)
        return bool(getattr(field, "unverified", False))

    # Stored data -----------------------------------------------------------------------------

    def personal_data(self) -> dict:
        """Everything personal, for `Intake.personal` (encrypted). Dates as ISO strings."""
        data = {}
        for name in self.fields:
            if name in self.not_stored or name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            if isinstance(value, datetime.date):
                value = value.isoformat()
            if value in ("", None, []) and not isinstance(value, bool):
                continue
            data[name] = value
        if self.show_municipality:
            data["municipality_answer"] = self.cleaned_data.get("municipality") or ""
        return data

    @property
    def confirmation_email(self) -> str:
        return self.cleaned_data.get(CONFIRMATION_EMAIL_KEY[self.role], "") or ""

    @property
    def shares_with_partner(self) -> bool:
        """May the sign-up be passed to a partner program of the collective?"""
        return True

    # Rendering -------------------------------------------------------------------------------

    def field_is_shown(self, name):
        if name == "municipality":
            return self.show_municipality
        return True

    def visible_fieldsets(self):
        result = []
        for name, legend, names in self.fieldsets:
            fields = [
                FieldView(self[field_name], field_kind(self[field_name]))
                for field_name in names
                if field_name in self.fields and self.field_is_shown(field_name)
            ]
            if fields:
                result.append(FieldsetView(legend=legend, fields=fields, name=name))
        return result

    def error_summary(self):
        """[{"anchor": id or "", "question": label, "message": str}] in the order of the form,
        non-field errors (which belong to no question) first."""
        if not self.is_bound or not self.errors:
            return []
        items = [summary_item(None, message) for message in self.non_field_errors()]
        for fieldset in self.visible_fieldsets():
            for view in fieldset.fields:
                for message in view.field.errors:
                    items.append(summary_item(view.field, message, view.anchor))
        if "captcha" in self.fields:
            for message in self["captcha"].errors:
                items.append(summary_item(self["captcha"], message))
        return items

    @classmethod
    def describe(cls, personal: dict):
        """[(label, text)] of stored answers, for the admin's detail view (values are not escaped
        here; templates and format_html escape them)."""
        rows = []
        form = cls()
        personal = personal or {}
        # In the order of the form (stored JSON has sorted keys), then anything else.
        keys = [name for name in form.fields if name in personal] + sorted(set(personal) - set(form.fields))
        for key in keys:
            value = personal[key]
            field = form.fields.get(key)
            if key == "municipality_answer":
                label = _("Municipality chosen in the form")
                text = str(_("I don’t know")) if value == UNKNOWN_MUNICIPALITY else str(value or "—")
                rows.append((str(label), text))
                continue
            label = field.label if field is not None else key.replace("_", " ").capitalize()
            rows.append((str(label), _display_value(field, value)))
        return rows


def _display_value(field, value):
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    choices = dict(getattr(field, "choices", []) or []) if field is not None else {}
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if isinstance(value, str) and choices and value in choices:
        return str(choices[value])
    if isinstance(field, DatePartsField) and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return str(value)


class ParentForm(IntakeForm):
    role = Role.PARENT
    routing_fields = ("postcode", "child_date", "concerns", "support")

    name = name_field(_("Your name"), required_message=_("Enter your name."))
    phone = phone_field(
        _("Phone number"), required=False, help_text=_("Fill in a phone number or an e-mail address, or both.")
    )
    email = email_field(_("E-mail address"), required=False)
    preferred_contact = forms.ChoiceField(
        label=_("How would you like us to contact you?"),
        required=False,
        choices=CONTACT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one answer.")},
    )
    postcode = postcode_field(help_text=_("For example 3431 AB. We use it to find the right region."))
    municipality = municipality_field()
    child_date = child_date_field(
        _("Date of birth of your child, or the expected due date"),
        _("Are you pregnant? Then fill in the expected due date. For example 14 3 2024."),
    )
    concerns = concerns_field(_("What is going on in your family?"))
    support = support_field(_("What kind of help are you looking for?"))
    notes = text_field(_("Is there anything else we should know?"))
    consent = checkbox_field(
        _(
            "I agree that MeeleefGezin stores what I fill in here, also about health, and uses it to contact me "
            "about support."
        ),
        required_message=_("Tick the box to agree, or we cannot take your sign-up."),
        short_label=_("Permission"),
    )
    share_with_partner = checkbox_field(
        _(
            "If MeeleefGezin does not fit, you may pass my sign-up to another organisation of the Collectief "
            "Informele Steun that does."
        ),
        required=False,
    )

    fieldsets = (
        ("you", _("About you"), ("name", "phone", "email", "preferred_contact")),
        ("where", _("Where you live"), ("postcode", "municipality")),
        ("child", _("About your child and your family"), ("child_date", "concerns", "support", "notes")),
        ("consent", _("Permission"), ("consent", "share_with_partner")),
    )

    def clean_contact(self, cleaned):
        phone, email = cleaned.get("phone"), cleaned.get("email")
        if not phone and not email and not self.has_error("phone") and not self.has_error("email"):
            self.add_error("phone", _("Fill in a phone number or an e-mail address, or both."))
            return
        preferred = cleaned.get("preferred_contact")
        if preferred == EMAIL and not email and not self.has_error("email"):
            self.add_error("email", _("You would like an e-mail: fill in your e-mail address."))
        if preferred == PHONE and not phone and not self.has_error("phone"):
            self.add_error("phone", _("You would like a phone call: fill in your phone number."))

    def personal_data(self):
        data = super().personal_data()
        if not data.get("preferred_contact"):
            data["preferred_contact"] = PHONE if data.get("phone") else EMAIL
        data["share_with_partner"] = bool(self.cleaned_data.get("share_with_partner"))
        return data

    @property
    def shares_with_partner(self):
        return bool(self.cleaned_data.get("share_with_partner"))


class HostFamilyForm(IntakeForm):
    role = Role.HOST_FAMILY
    routing_fields = ("postcode",)

    name = name_field(
        _("Your name or names"),
        help_text=_("For example: Anna and Joost de Vries."),
        required_message=_("Enter your name."),
    )
    phone = phone_field(_("Phone number"))
    email = email_field(_("E-mail address"))
    postcode = postcode_field()
    municipality = municipality_field()
    household = text_field(
        _("Your household in one sentence"),
        max_length=MAX_SHORT_TEXT,
        help_text=_("For example: we are a couple with two children of 6 and 9, and a dog."),
        rows=2,
    )
    motivation = text_field(_("Why would you like to become a host family?"))
    read_requirements = checkbox_field(
        _(
            "We have read what is asked of a host family: a screening, a training of 4 sessions, and a "
            "commitment of two years."
        ),
        required_message=_("Tick the box to show that you have read what is asked."),
        short_label=_("What is asked of a host family"),
    )
    consent = checkbox_field(
        _("I agree that MeeleefGezin stores what we fill in here and uses it to contact us."),
        required_message=_("Tick the box to agree, or we cannot take your sign-up."),
        short_label=_("Permission"),
    )

    fieldsets = (
        ("you", _("About you"), ("name", "phone", "email")),
        ("where", _("Where you live"), ("postcode", "municipality")),
        ("household", _("About your household"), ("household", "motivation")),
        ("consent", _("What is asked, and permission"), ("read_requirements", "consent")),
    )


class ReferrerForm(IntakeForm):
    role = Role.REFERRER
    routing_fields = ("postcode", "child_date", "concerns", "support")
    consent_field = "parents_agreed"

    referrer_name = name_field(_("Your name"), required_message=_("Enter your name."))
    profession = forms.ChoiceField(
        label=_("Your profession"),
        choices=PROFESSION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your profession."), "invalid_choice": _("Choose your profession.")},
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=MAX_ORGANISATION,
        error_messages={
            "required": _("Enter the name of your organisation."),
            "max_length": _("Make this text shorter: at most %(limit_value)d characters (now %(show_value)d)."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization", "class": "input--wide"}),
    )
    work_phone = phone_field(_("Work phone number"), autocomplete="work tel")
    work_email = email_field(_("Work e-mail address"), autocomplete="work email")
    parent_name = name_field(
        _("Name of the parent"), autocomplete="off", required_message=_("Enter the name of the parent.")
    )
    parent_phone = phone_field(
        _("Phone number of the parent"),
        required=False,
        autocomplete="off",
        help_text=_("Fill in the parent’s phone number or e-mail address, or both."),
    )
    parent_email = email_field(_("E-mail address of the parent"), required=False, autocomplete="off")
    postcode = postcode_field(_("Postcode of the family"))
    municipality = municipality_field()
    child_date = child_date_field(
        _("Date of birth of the child, or the expected due date"),
        _("Is the mother pregnant? Then fill in the expected due date. For example 14 3 2024."),
    )
    concerns = concerns_field(_("What is going on in the family?"))
    support = support_field(_("What kind of help are the parents looking for?"))
    reason = text_field(_("Why are you referring this family?"))
    financing = forms.ChoiceField(
        label=_("How could the match be financed?"),
        required=False,
        choices=FINANCING_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "This family lives outside the regions where MeeleefGezin works now. A match there is only possible "
            "when someone pays for it."
        ),
        error_messages={"invalid_choice": _("Choose one answer.")},
    )
    financing_note = text_field(_("Explain the financing"), max_length=MAX_SHORT_TEXT, rows=2)
    parents_agreed = checkbox_field(
        _(
            "The parents agree to this referral, and to MeeleefGezin storing this information, also about health, "
            "to contact them about support."
        ),
        required_message=_("You can only refer a family when the parents agree. Tick the box when they do."),
        short_label=_("Permission of the parents"),
    )

    fieldsets = (
        ("you", _("About you"), ("referrer_name", "profession", "organisation", "work_phone", "work_email")),
        (
            "family",
            _("The family"),
            (
                "parent_name",
                "parent_phone",
                "parent_email",
                "postcode",
                "municipality",
                "child_date",
                "concerns",
                "support",
                "reason",
            ),
        ),
        ("financing", _("Financing"), ("financing", "financing_note")),
        ("consent", _("Permission of the parents"), ("parents_agreed",)),
    )

    @property
    def needs_financing(self):
        return self.decision is not None and self.decision.outcome == WAITLIST

    def field_is_shown(self, name):
        if name in ("financing", "financing_note"):
            return self.needs_financing or bool(self.is_bound and self.data.get("financing"))
        return super().field_is_shown(name)

    def clean_contact(self, cleaned):
        phone, email = cleaned.get("parent_phone"), cleaned.get("parent_email")
        if not phone and not email and not self.has_error("parent_phone") and not self.has_error("parent_email"):
            self.add_error("parent_phone", _("Fill in the parent’s phone number or e-mail address, or both."))

    def clean_after_routing(self, cleaned):
        if self.needs_financing and not cleaned.get("financing") and not self.has_error("financing"):
            self.add_error(
                "financing",
                _(
                    "This family lives outside the regions where MeeleefGezin works now. Tell us how a match could "
                    "be financed."
                ),
            )

    def personal_data(self):
        data = super().personal_data()
        if not self.needs_financing:
            data.pop("financing", None)
            data.pop("financing_note", None)
        return data


FORMS = {Role.PARENT: ParentForm, Role.HOST_FAMILY: HostFamilyForm, Role.REFERRER: ReferrerForm}


def form_class_for(role: str) -> type[IntakeForm]:
    return FORMS.get(role, ParentForm)
