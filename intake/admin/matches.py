"""Matches in the admin: "Make a match" from a parent's sign-up, the list of matches, a match's page
with its phase.

Scoped like everything else: a user sees a match only if they may open its parent's sign-up
(`intake.workspace.figures.matches_in_view`), and another region's match or sign-up answers 404.
The rules of a match live in `intake.workspace.matching`; these views only ask and show. The
"Make a match" button is offered on a parent's sign-up through the `register_signup_detail_actions`
hook. It joins the "Intake" menu group (`intake.admin.menu`).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from intake.permissions import intakes_visible_to, may_open, works_intakes
from intake.records.models import Intake, Outcome, Role, Status
from intake.workspace.figures import matches_in_view
from intake.workspace.matching import (
    FAMILY_ROLES,
    candidates_for,
    change_phase,
    check_parent,
    make_match,
    next_phases,
    open_match_of,
)
from intake.workspace.models import MatchEndReason, MatchPhase
from intake.workspace.workflow import WorkflowError

from .menu import INTAKE_MENU_HOOK

MATCHES_VIEWSET = "intake_matches"
SIGNUP_DETAIL_ACTIONS_HOOK = "register_signup_detail_actions"
PER_PAGE = 50


def signup_url(intake):
    return reverse("intake_signups:inspect", args=[intake.pk])


def match_url(match):
    return reverse(f"{MATCHES_VIEWSET}:detail", args=[match.pk])


def make_url(parent):
    return reverse(f"{MATCHES_VIEWSET}:make", args=[parent.pk])


class WorksIntakesMixin:
    """Only people who work sign-ups (handlers, coordinators, superusers); editors are turned away."""

    def dispatch(self, request, *args, **kwargs):
        if not works_intakes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- Making a match --------------------------------------------------------------------------


class HostFamilyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, intake):
        where = intake.municipality.name if intake.municipality_id else (intake.pc4 or "—")
        return _("%(reference)s – %(where)s – received %(date)s") % {
            "reference": intake.reference,
            "where": where,
            "date": timezone.localdate(intake.created_at).strftime("%d-%m-%Y"),
        }


class MakeMatchForm(forms.Form):
    host_family = HostFamilyChoiceField(
        label=_("Host family"),
        queryset=Intake.objects.none(),
        empty_label=_("Choose a host family"),
        help_text=_("Host families in status “Matching” that you may open, of the same region."),
        error_messages={
            "required": _("Choose a host family."),
            "invalid_choice": _("Choose one of the host families in the list."),
        },
    )
    started_on = forms.DateField(
        label=_("Start date"),
        widget=_date_input(),
        help_text=_("The day the settling-in phase starts."),
        error_messages={"required": _("Enter the date the match starts."), "invalid": _("Enter a valid date.")},
    )
    financing_found = forms.BooleanField(
        label=_("The referrer has found the route to financing"),
        required=False,
        help_text=_("A match outside the active regions is only made when it costs the foundation nothing."),
    )

    def __init__(self, *args, parent, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent, self.user = parent, user
        self.fields["host_family"].queryset = candidates_for(parent, user=user).select_related("municipality")
        if self.out_of_region:
            self.fields["host_family"].help_text = _(
                "Host families on the central waitlist in status “Matching” that you may open."
            )
        else:
            del self.fields["financing_found"]
        if not self.is_bound:
            self.initial.setdefault("started_on", timezone.localdate())

    @property
    def out_of_region(self):
        return self.parent.outcome == Outcome.WAITLIST and self.parent.region_id is None


class MakeMatchView(WorksIntakesMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "intake/admin/matches/make.html"
    form_class = MakeMatchForm
    page_title = _("Make a match")
    header_icon = "link"

    @cached_property
    def parent(self):
        return get_object_or_404(
            intakes_visible_to(self.request.user).select_related("region", "program").defer("personal"),
            pk=self.kwargs["parent_pk"],
        )

    @cached_property
    def refusal(self):
        try:
            check_parent(self.parent, user=self.request.user)
        except WorkflowError as error:
            return str(error)
        return ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{MATCHES_VIEWSET}:index"), "label": _("Matches")},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parent": self.parent, "user": self.request.user}

    def post(self, request, *args, **kwargs):
        if self.refusal:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            match = make_match(
                self.parent,
                form.cleaned_data["host_family"],
                form.cleaned_data["started_on"],
                user=self.request.user,
                financing_found=form.cleaned_data.get("financing_found", False),
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Match made: both sign-ups are now “Matched”. Guidance runs until %(date)s.")
            % {"date": match.guidance_ends_on.strftime("%d-%m-%Y")},
        )
        return redirect(match_url(match))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "parent": self.parent,
                "parent_url": signup_url(self.parent),
                "refusal": self.refusal,
                "out_of_region": self.parent.outcome == Outcome.WAITLIST and self.parent.region_id is None,
            }
        )
        if self.refusal:
            context.pop("form", None)
        return context


# --- The list and a match's page -------------------------------------------------------------


def _visible_matches(user):
    visible = intakes_visible_to(user)
    return (
        matches_in_view(user)
        .select_related("region", "created_by")
        .defer("parent__personal", "host_family__personal")
        .select_related("parent", "host_family")
        .annotate(host_visible=Exists(visible.filter(pk=OuterRef("host_family_id"))))
    )


class PhaseFilterForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=[("", _("All phases")), *MatchPhase.choices])


class MatchIndexView(WorksIntakesMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "intake/admin/matches/index.html"
    page_title = _("Matches")
    header_icon = "link"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        matches = _visible_matches(self.request.user)
        filters = PhaseFilterForm(self.request.GET or None)
        if filters.is_valid() and filters.cleaned_data["phase"]:
            matches = matches.filter(phase=filters.cleaned_data["phase"])
        page = Paginator(matches.order_by("-started_on", "-pk"), PER_PAGE).get_page(self.request.GET.get("p"))
        context.update({"filters": filters, "page": page, "matches": page.object_list})
        return context


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("New phase"), error_messages={"required": _("Choose a phase."), "invalid_choice": _("Choose a phase.")}
    )
    ended_on = forms.DateField(
        label=_("End date"),
        required=False,
        widget=_date_input(),
        help_text=_("Only when the match ends."),
        error_messages={"invalid": _("Enter a valid date.")},
    )
    end_reason = forms.ChoiceField(
        label=_("Reason it ended"),
        required=False,
        choices=[("", "—"), *MatchEndReason.choices],
        help_text=_("Only when the match ends."),
        error_messages={"invalid_choice": _("Choose one of the reasons in the list.")},
    )

    def __init__(self, *args, match, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [(code, MatchPhase(code).label) for code in next_phases(match)]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("phase") == MatchPhase.ENDED:
            if not cleaned.get("end_reason") and "end_reason" not in self.errors:
                self.add_error("end_reason", _("Choose why the match ended."))
            if not cleaned.get("ended_on") and "ended_on" not in self.errors:
                self.add_error("ended_on", _("Enter the date the match ended."))
        return cleaned


class MatchDetailView(WorksIntakesMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "intake/admin/matches/detail.html"
    form_class = PhaseForm
    page_title = _("Match")
    header_icon = "link"

    @cached_property
    def match(self):
        return get_object_or_404(_visible_matches(self.request.user), pk=self.kwargs["pk"])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{MATCHES_VIEWSET}:index"), "label": _("Matches")},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "match": self.match}

    def post(self, request, *args, **kwargs):
        if not next_phases(self.match):
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            change_phase(
                self.match,
                form.cleaned_data["phase"],
                user=self.request.user,
                ended_on=form.cleaned_data.get("ended_on"),
                end_reason=form.cleaned_data.get("end_reason") or "",
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The match's phase is changed."))
        return redirect(match_url(self.match))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        match = self.match
        context.update(
            {
                "match": match,
                "parent_url": signup_url(match.parent),
                "host_url": signup_url(match.host_family) if match.host_visible else "",
                "can_change": bool(next_phases(match)),
                "today": timezone.localdate(),
            }
        )
        if not context["can_change"]:
            context.pop("form", None)
        return context


class MatchViewSet(ViewSet):
    name = MATCHES_VIEWSET
    url_prefix = "intake/matches"
    icon = "link"
    menu_label = _("Matches")
    menu_order = 120
    menu_hook = INTAKE_MENU_HOOK

    def get_urlpatterns(self):
        return [
            path("", MatchIndexView.as_view(), name="index"),
            path("<int:pk>/", MatchDetailView.as_view(), name="detail"),
            path("make/<int:parent_pk>/", MakeMatchView.as_view(), name="make"),
        ]

    @cached_property
    def menu_item_class(self):
        class MatchesMenuItem(MenuItem):
            def is_shown(self, request):
                return works_intakes(request.user)

        return MatchesMenuItem


@hooks.register("register_admin_viewset")
def register_matches_admin():
    return MatchViewSet()


# --- On a sign-up's page ---------------------------------------------------------------------


@hooks.register(SIGNUP_DETAIL_ACTIONS_HOOK)
def match_actions(request, intake):
    """ "Make a match" on a parent's sign-up in status matching; "View the match" on a matched sign-up."""
    user = request.user
    if intake.role not in (*FAMILY_ROLES, Role.HOST_FAMILY) or not may_open(user, intake):
        return []
    match = open_match_of(intake)
    if match is not None:
        if not may_open(user, match.parent):
            return []
        return [{"label": str(_("View the match")), "url": match_url(match), "classname": "button button-secondary"}]
    if intake.role in FAMILY_ROLES and intake.status == Status.MATCHING:
        return [{"label": str(_("Make a match")), "url": make_url(intake), "classname": "button"}]
    return []
