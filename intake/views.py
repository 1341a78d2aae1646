"""The public routing API (`GET /api/routing/`) and the routing form shared with the find-support page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from programs import facts
from programs.models import ProgramPage

from . import coverage, routing
from .models import IntakeFormPage, Municipality, Role

ROLE_CHOICES = [
    (Role.PARENT, _("I am a parent, or expecting a child")),
    (Role.HOST_FAMILY, _("We would like to become a host family")),
    (Role.REFERRER, _("I refer a family as a professional")),
]
CHILD_FIELDS = ("child_birth_date", "concerns", "support")
DATE_FORMATS = ["%Y-%m-%d"]
PAGE_DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]


class RoutingForm(forms.Form):
    """The facts the routing needs. The API uses it as is; the find-support page renders it."""

    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=coverage.MAX_POSTCODE_LENGTH,
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
            return coverage.normalise_postcode(value)
        except coverage.PostcodeError as error:
            raise forms.ValidationError(error.message, code="invalid") from error

    def clean_municipality(self):
        value = self.cleaned_data.get("municipality", "")
        if not value.strip():
            return ""
        code = coverage.normalise_municipality_code(value)
        if code is None:
            raise forms.ValidationError(_("Choose a municipality from the list."), code="invalid")
        return code

    def clean_concerns(self):
        value = self.cleaned_data.get("concerns") or []
        return list(dict.fromkeys(value))

    def clean_child_birth_date(self):
        value = self.cleaned_data.get("child_birth_date")
        if value and value > routing.latest_due_date(self.today):
            raise forms.ValidationError(
                _("This due date is more than %(count)d months away. Check the date."),
                code="too_far",
                params={"count": routing.MAX_MONTHS_BEFORE_BIRTH},
            )
        return value

    def clean(self):
        data = super().clean()
        located = data.get("postcode") or data.get("municipality")
        if not located and "postcode" not in self.errors and "municipality" not in self.errors:
            self.add_error("postcode", forms.ValidationError(_("Enter your postcode."), code="required"))
        role = data.get("role")
        if role == Role.HOST_FAMILY:
            # The child's facts are not asked of a host family: ignore whatever came with them.
            for name in CHILD_FIELDS:
                self.errors.pop(name, None)
                data.pop(name, None)
        needs_date = role and role != Role.HOST_FAMILY and "child_birth_date" not in self.errors
        if needs_date and not data.get("child_birth_date"):
            self.add_error(
                "child_birth_date",
                forms.ValidationError(
                    _("Enter the date of birth of the child, or the expected due date."), code="required"
                ),
            )
        return data

    def route(self) -> routing.Decision:
        data = self.cleaned_data
        host = data["role"] == Role.HOST_FAMILY
        return coverage.route(
            role=data["role"],
            postcode=data.get("postcode") or None,
            municipality_code=data.get("municipality") or None,
            child_birth_date=None if host else data.get("child_birth_date"),
            concerns=() if host else data.get("concerns", ()),
            support=None if host else (data.get("support") or None),
            today=self.today,
        )


class PageRoutingForm(RoutingForm):
    """The same form on the find-support page: also accepts day-month-year typed by hand."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child_birth_date"].input_formats = PAGE_DATE_FORMATS


def api_data(query) -> dict:
    """QueryDict -> form data: the last value of each field, concerns as comma-separated list(s)."""
    data = {}
    for name in ("postcode", "municipality", "role", "child_birth_date", "support"):
        value = query.get(name)
        if value is not None:
            data[name] = value
    concerns = []
    for value in query.getlist("concerns"):
        concerns.extend(part.strip() for part in value.split(",") if part.strip())
    data["concerns"] = concerns
    return data


def request_language(request) -> str:
    """`?lang=` if it names one of our languages, else the browser's preference, else Dutch."""
    available = {code for code, _name in settings.LANGUAGES}
    wanted = request.GET.get("lang", "")
    if wanted in available:
        return wanted
    language = translation.get_language_from_request(request)
    return language if language in available else settings.LANGUAGE_CODE


# --- Links and wording shared by the API and the find-support page --------------------------


def program_pages(codes) -> dict:
    """{program code: ProgramPage} in the active language where it exists."""
    queryset = ProgramPage.objects.filter(program__code__in=list(codes)).select_related("program")
    pages = {}
    active = Locale.get_active()
    for page in queryset.live().order_by("pk"):
        code = page.program.code
        if code not in pages or (page.locale_id == active.pk and pages[code].locale_id != active.pk):
            pages[code] = page
    return pages


def signup_page(role: str):
    """The sign-up form page for this role, in the active language where it exists."""
    active = Locale.get_active()
    queryset = IntakeFormPage.objects.live().filter(role=role)
    return queryset.filter(locale=active).first() or queryset.order_by("pk").first()


def headline(decision: routing.Decision) -> str:
    if decision.outcome == routing.REGION:
        if decision.role == Role.HOST_FAMILY:
            return _("You can sign up as a host family with MeeleefGezin %(region)s") % {
                "region": decision.region.name
            }
        return _("You can sign up with MeeleefGezin %(region)s") % {"region": decision.region.name}
    if decision.outcome == routing.WAITLIST:
        return str(_("You can sign up for the central waitlist"))
    if decision.outcome == routing.PARTNER:
        return _("%(program)s may help you") % {"program": decision.program.name}
    if decision.reasons and decision.reasons[0] == routing.NO_CONCERNS:
        return str(_("Tell us a little more"))
    return str(_("MeeleefGezin does not fit this situation"))


def decision_payload(decision: routing.Decision, request=None) -> dict:
    """The decision as JSON-ready data, with links to the pages in the active language."""
    payload = decision.as_dict()
    payload["headline"] = headline(decision)
    codes = {a.program for a in decision.alternatives} | ({decision.program.code} if decision.program else set())
    pages = program_pages(codes - {routing.CJG})
    payload["program_url"] = _url(pages.get(decision.program.code), request) if decision.program else None
    for alternative in payload["alternatives"]:
        alternative["url"] = _url(pages.get(alternative["program"]), request)
    signup = None
    if decision.outcome in (routing.REGION, routing.WAITLIST):
        signup = signup_page(decision.role)
    payload["signup_url"] = _url(signup, request)
    return payload


def _url(page, request):
    if page is None:
        return None
    return page.get_url(request=request)


# --- The API ---------------------------------------------------------------------------------


def _json(data, status=200, language=None):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    response["Vary"] = "Accept-Language, Cookie"
    if language:
        response["Content-Language"] = language
    return response


def routing_api(request):
    """GET /api/routing/?postcode=3431AB&role=parent&child_birth_date=2024-05-01&concerns=psychiatric

    200 with the decision, 400 with {"errors": {field: [message, ...]}}, 405 for anything but GET.
    """
    try:
        query = request.GET
    except (SuspiciousOperation, UnicodeError):  # e.g. more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters
        with translation.override(settings.LANGUAGE_CODE):
            return _json({"errors": {"query": [str(_("This request could not be read."))]}}, status=400)
    language = request_language(request)
    with translation.override(language):
        if request.method not in ("GET", "HEAD"):
            response = _json({"errors": {"method": [str(_("Only GET is allowed."))]}}, status=405, language=language)
            response["Allow"] = "GET, HEAD"
            return response
        form = RoutingForm(api_data(query))
        if not form.is_valid():
            errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
            return _json({"errors": errors}, status=400, language=language)
        decision = form.route()
        payload = decision_payload(decision, request)
        payload["language"] = language
        return _json(payload, language=language)


# --- The find-support page (FindSupportPage.get_context) -------------------------------------

FORM_FIELDS = ("postcode", "municipality", "role", "child_birth_date", "concerns", "support")


def find_support_context(request) -> dict:
    """The form, and when it was sent, the decision: works without JavaScript (a plain GET form)."""
    bound = any(name in request.GET for name in FORM_FIELDS)
    form = PageRoutingForm(request.GET if bound else None, auto_id="fs-%s")
    context = {"form": form, "result": None, "show_municipality": False, "error_summary": []}
    municipalities = list(Municipality.objects.order_by("name").values_list("code", "name"))
    context["all_municipalities"] = [{"code": code, "name": name} for code, name in municipalities]
    context["municipality_options"] = context["all_municipalities"]
    context["js_strings"] = {
        "contact": _("Contact"),
        "readMore": _("Read more about %(name)s"),
        "signup": _("Sign up"),
        "signupHost": _("Sign up as a host family"),
        "signupReferrer": _("Refer a family"),
        "alsoWorth": _("Also worth a look"),
        "notLocal": _("not yet in your municipality"),
        "chooseMunicipality": _("Choose your municipality"),
        "goToAnswer": _("Go to the answer"),
    }
    if not bound:
        return context
    if not form.is_valid():
        context["error_summary"] = [
            {"id": _field_anchor(form, name), "label": form.fields[name].label, "message": message}
            for name, messages in form.errors.items()
            if name in form.fields
            for message in messages
        ]
        context["show_municipality"] = bool(form.data.get("municipality"))
        return context
    decision = form.route()
    context["decision"] = decision
    context["result"] = decision_payload(decision, request)
    if decision.municipality_candidates:
        context["show_municipality"] = True
        context["municipality_options"] = [m.as_dict() for m in decision.municipality_candidates]
    elif form.cleaned_data.get("postcode") and decision.municipality is None or form.cleaned_data.get("municipality"):
        context["show_municipality"] = True
    context["selected_municipality"] = decision.municipality.code if decision.municipality else ""
    return context


def _field_anchor(form, name) -> str:
    """The id to jump to from the error summary: the input, or the first option of a group."""
    field = form[name]
    if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{field.auto_id}_0"
    return field.auto_id
