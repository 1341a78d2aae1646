"""The sign-up queue in the admin: listing, detail, status actions, assignment, notes, history, export.

Who sees which sign-up is decided in one place, `intake.permissions`: the handlers of its region,
the national coordinators of its program (MeeleefGezin's also what nobody else can open), and
superusers. Editors see no menu item and get nothing from any URL. Everything here is scoped by
`intakes_visible_to`: a sign-up somebody may not open answers 404 at every URL, and appears in no
listing, filter, export or timeline of theirs.

- **Listing** (`/admin/intake/signups/`): filters by form, region (only regions within the user's
  scope), status, date received, outcome (the central waitlist included) and assignment, search by
  reference. It decrypts nothing (`personal` is deferred) and costs a fixed number of queries.
- **Detail** (`inspect/<pk>/`): the decrypted answers (each view recorded as `intake.viewed`), the
  status steps of `intake.workspace.workflow.next_steps` as buttons (closing asks a reason, referring
  a program), assignment, notes (encrypted) and a timeline of the sign-up's audit trail. The POSTs
  go to `status/<pk>/`, `assign/<pk>/` and `note/<pk>/`; each refuses what is not allowed with a
  message and changes nothing.
- **History** (`history/<pk>/`): Wagtail's own history view of the sign-up, scoped the same way.
- **Export** (`export/`): a CSV of the sign-ups the user may see, with the listing's filters;
  see `intake.workspace.export`.

Generic add, edit, delete and copy of sign-ups are impossible: the permission policy allows only
"view" and "work" (an action of this module, not a Django permission).

Hook ``register_signup_detail_actions``
---------------------------------------
Other parts of the workspace put buttons on a sign-up's detail view::

    @hooks.register("register_signup_detail_actions")
    def match_button(request, intake):
        if intake.role == "parent":
            return [{"label": _("Make a match"), "url": reverse("...", args=[intake.pk])}]

- Each registered function is called as ``fn(request, intake)`` every time the detail view is
  rendered, only after the view has established that ``request.user`` may open ``intake`` (an
  `Intake` with `personal` deferred; the function must not decrypt it).
- It returns an iterable of dicts, or ``None`` (nothing to add). Each dict has ``"label"`` (text,
  shown escaped) and ``"url"`` (followed with GET: for an action that changes data, point at a page
  of your own that asks for confirmation and POSTs with a CSRF token), and optionally
  ``"classname"`` (extra CSS classes for the ``<a class="button ...">``, e.g.
  ``"button-secondary"``). Other keys are ignored; a dict without a label or url is skipped and
  logged. The buttons are shown in hook order, in a row of their own under the status actions.
- The page the url leads to must check access itself (`intake.permissions.may_open`).
"""

import logging
import re

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Replace, Upper
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.encryption.crypto import DecryptionError
from intake.geography.models import Region
from intake.permissions import intakes_visible_to, may_open, people_who_may_open, works_intakes
from intake.records.models import ClosureReason, Intake, Outcome, Role, Status
from intake.routing.vocabulary import MEELEEFGEZIN
from intake.signup.forms import form_class_for
from intake.workspace import export as csv_export
from intake.workspace import workflow
from intake.workspace.models import Note
from programs.models import Program

from .menu import INTAKE_MENU_HOOK

logger = logging.getLogger(__name__)

SIGNUPS_VIEWSET = "intake_signups"
NOTIFICATIONS_VIEWSET = "intake_notifications"
DETAIL_ACTIONS_HOOK = "register_signup_detail_actions"

# What the policy grants: "view" opens sign-ups, "work" changes status, assigns and writes notes.
# Neither is "add", "change" or "delete", so Wagtail's generic create/edit/delete/copy stay shut.
VIEW, WORK = "view", "work"
GRANTED = {VIEW, WORK}


# --- Who sees what ---------------------------------------------------------------------------


class IntakePermissionPolicy(BasePermissionPolicy):
    """ "view" and "work" for whoever works sign-ups, per sign-up as `intakes_visible_to` decides."""

    def user_has_permission(self, user, action):
        return action in GRANTED and works_intakes(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if not GRANTED & set(actions):
            return User.objects.none()
        return (
            User.objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(intake_regions__isnull=False) | Q(coordinated_programs__isnull=False))
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return action in GRANTED and may_open(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not GRANTED & set(actions):
            return Intake.objects.none()
        return intakes_visible_to(user)

    def users_with_any_permission_for_instance(self, actions, instance):
        User = get_user_model()
        if not GRANTED & set(actions):
            return User.objects.none()
        opener_ids = people_who_may_open(instance).values("pk")
        return User.objects.filter(is_active=True).filter(Q(is_superuser=True) | Q(pk__in=opener_ids))


register_permission_policy(Intake, IntakePermissionPolicy(Intake))


def visible_intakes(request):
    """The sign-ups the requesting user may open; refuses whoever works no sign-ups at all."""
    if not works_intakes(request.user):
        raise PermissionDenied
    return intakes_visible_to(request.user)


def regions_in_scope(user):
    """The regions a user may filter on: those of the sign-ups they may open, and their own."""
    if not works_intakes(user):
        return Region.objects.none()
    visible_regions = intakes_visible_to(user).filter(region__isnull=False).values("region_id")
    return Region.objects.filter(Q(pk__in=visible_regions) | Q(handlers=user)).distinct().order_by("name")


def display_name(user):
    return get_user_display_name(user) if user is not None else "—"


# --- The listing -----------------------------------------------------------------------------

ASSIGNED_TO_ME, NOT_ASSIGNED = "me", "nobody"


class IntakeFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(label=_("Form"), choices=Role.choices, widget=forms.RadioSelect)
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=lambda request: regions_in_scope(request.user if request else None)
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, widget=forms.RadioSelect)
    created_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    assigned = django_filters.ChoiceFilter(
        label=_("Assigned"),
        choices=[(ASSIGNED_TO_ME, _("Assigned to me")), (NOT_ASSIGNED, _("Not assigned"))],
        method="filter_assigned",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Intake
        fields = ["role", "region", "status", "created_at", "outcome", "assigned"]

    def filter_assigned(self, queryset, name, value):
        if value == ASSIGNED_TO_ME:
            return queryset.filter(assigned_to=self.request.user)
        if value == NOT_ASSIGNED:
            return queryset.filter(assigned_to__isnull=True)
        return queryset


def search_by_reference(queryset, query):
    """Sign-ups whose reference contains `query`, ignoring case, spaces and dashes."""
    compact = re.sub(r"[^0-9A-Z]", "", (query or "").upper())
    if not compact:
        return queryset
    return queryset.annotate(_compact_reference=Replace(Upper("reference"), Value("-"), Value(""))).filter(
        _compact_reference__contains=compact
    )


def listing_queryset(request):
    """The listing's sign-ups before filters: scoped, related rows joined, nothing decrypted."""
    return (
        visible_intakes(request)
        .select_related("program", "region__program", "municipality", "assigned_to")
        .defer("personal", "assigned_to__password")
    )


def filtered_intakes(request, data):
    """The sign-ups of the listing for these filter and search parameters, or None when the
    filters are not valid (so an export never silently widens to everything)."""
    filters = IntakeFilterSet(data=data, queryset=listing_queryset(request), request=request)
    if not filters.is_valid():
        return None, filters
    queryset = filters.qs
    query = data.get("q", "")
    if query:
        queryset = search_by_reference(queryset, query[:100])
    return queryset.order_by("-created_at", "-pk"), filters


class IntakeIndexView(IndexView):
    results_template_name = "intake/admin/signup_index_results.html"
    default_ordering = "-created_at"

    def get_base_queryset(self):
        # The listing never decrypts anything.
        return listing_queryset(self.request)

    # Sign-ups are never edited, copied or deleted here; the inspect link needs one check per page,
    # not one per row (the policy's check costs queries).
    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    @cached_property
    def _may_inspect(self):
        return self.user_has_permission(VIEW)

    def get_inspect_url(self, instance):
        if self._may_inspect:
            return reverse(self.inspect_url_name, args=(quote(instance.pk),))
        return None

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_by_reference(queryset, self.search_query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for key in ("p", "_w_filter_fragment", "ordering"):
            query.pop(key, None)
        encoded = query.urlencode()
        context["export_url"] = reverse(f"{SIGNUPS_VIEWSET}:export") + (f"?{encoded}" if encoded else "")
        return context


def _assigned_to(intake):
    return display_name(intake.assigned_to) if intake.assigned_to_id else "—"


# --- The detail view -------------------------------------------------------------------------


class PersonalData(Component):
    """The decrypted answers as a definition list (every value escaped), or why they cannot be shown."""

    def __init__(self, rows, unreadable=False):
        self.rows = rows
        self.unreadable = unreadable

    def render_html(self, parent_context=None):
        if self.unreadable:
            return format_html(
                "<p><strong>{}</strong></p>", _("These details cannot be decrypted with the current keys.")
            )
        if not self.rows:
            return format_html("<p>{}</p>", _("No personal details stored."))
        return format_html(
            '<dl class="intake-personal">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", self.rows),
        )


def referral_programs(intake):
    """The programs a sign-up can be referred to: the other programs of the collective."""
    programs = Program.objects.exclude(code=MEELEEFGEZIN)
    if intake.program_id:
        programs = programs.exclude(pk=intake.program_id)
    return programs.order_by("sort_order", "name")


def detail_actions(request, intake):
    """The buttons other parts of the workspace register for this sign-up (see the module docstring)."""
    actions = []
    for fn in hooks.get_hooks(DETAIL_ACTIONS_HOOK):
        result = fn(request, intake)
        if not result:
            continue
        for item in result:
            if not isinstance(item, dict) or not item.get("label") or not item.get("url"):
                logger.warning("%s from %r: skipped %r (needs a label and a url)", DETAIL_ACTIONS_HOOK, fn, item)
                continue
            actions.append(
                {"label": str(item["label"]), "url": str(item["url"]), "classname": str(item.get("classname") or "")}
            )
    return actions


def timeline(intake):
    """Everything that happened to a sign-up, newest first (its audit trail)."""
    return (
        IntakeLogEntry.objects.filter(intake_id=intake.pk)
        .select_related("user", "user__wagtail_userprofile")
        .order_by("-timestamp", "-pk")
    )


class IntakeInspectView(InspectView):
    template_name = "intake/admin/signup_detail.html"
    any_permission_required = [VIEW]

    def get_object(self, queryset=None):
        visible = visible_intakes(self.request).select_related("program", "region", "municipality", "assigned_to")
        # Decrypted only when shown (below), so a key problem is reported instead of a server error.
        return get_object_or_404(visible.defer("personal"), pk=self.pk)

    def get_page_title(self):
        return gettext("Sign-up")

    def _or_dash(self, value):
        return str(value) if value not in (None, "") else "—"

    def get_program_display_value(self):
        return self._or_dash(self.object.program)

    def get_region_display_value(self):
        return self._or_dash(self.object.region.name if self.object.region else None)

    def get_municipality_display_value(self):
        return self._or_dash(self.object.municipality.name if self.object.municipality else None)

    def get_pc4_display_value(self):
        return self.object.pc4 or "—"

    def get_closed_reason_display_value(self):
        return self._or_dash(self.object.get_closed_reason_display())

    def get_referred_to_display_value(self):
        return self._or_dash(self.object.referred_to)

    def get_assigned_to_display_value(self):
        return _assigned_to(self.object)

    def get_last_contact_at_display_value(self):
        return self.object.last_contact_at or "—"

    def get_contact_anyway_at_display_value(self):
        """Set only on a "not eligible" sign-up whose sender chose to be contacted anyway."""
        value = self.object.contact_anyway_at
        return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else "—"

    def get_recaptcha_unverified_display_value(self):
        return _("Yes: check this sign-up by hand") if self.object.recaptcha_unverified else _("No")

    def personal_component(self):
        """The decrypted answers; the view is recorded in the audit trail when they could be shown."""
        try:
            personal = self.object.personal
        except DecryptionError:
            return PersonalData([], unreadable=True)
        audit.record(self.object, audit.VIEWED, self.request.user)
        return PersonalData(form_class_for(self.object.role).describe(personal or {}))

    def notes(self):
        rows = []
        notes = Note.objects.filter(intake=self.object).select_related("author").defer("text")
        for note in notes.order_by("-created_at", "-pk"):
            try:  # decrypted one by one, so one unreadable note cannot break the page
                text = (note.text or {}).get("text", "")
            except (DecryptionError, AttributeError):
                text = None
            rows.append({"author": display_name(note.author), "created_at": note.created_at, "text": text})
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        intake = self.object
        context["personal"] = self.personal_component()
        steps = workflow.next_steps(intake)
        context.update(
            {
                "plain_steps": [step for step in steps if not step.needs_reason and not step.needs_program],
                "close_step": next((step for step in steps if step.needs_reason), None),
                "refer_step": next((step for step in steps if step.needs_program), None),
                "closure_reasons": ClosureReason.choices,
                "referral_programs": referral_programs(intake),
                "assignees": [(user.pk, display_name(user)) for user in workflow.may_be_assigned(intake)],
                "notes": self.notes(),
                "max_note_length": workflow.MAX_NOTE_LENGTH,
                "timeline": timeline(intake),
                "extra_actions": detail_actions(self.request, intake),
                "status_url": reverse(f"{SIGNUPS_VIEWSET}:status", args=[quote(intake.pk)]),
                "assign_url": reverse(f"{SIGNUPS_VIEWSET}:assign", args=[quote(intake.pk)]),
                "note_url": reverse(f"{SIGNUPS_VIEWSET}:note", args=[quote(intake.pk)]),
                "history_url": reverse(f"{SIGNUPS_VIEWSET}:history", args=[quote(intake.pk)]),
            }
        )
        return context


# --- Working a sign-up: status, assignment, notes (POST only) ----------------------------------


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={"required": _("Choose a status."), "invalid_choice": _("Choose a status.")},
    )
    reason = forms.ChoiceField(
        choices=ClosureReason.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose why this sign-up is closed.")},
    )
    program = forms.ModelChoiceField(
        queryset=Program.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose the program this sign-up is referred to.")},
    )

    def __init__(self, *args, intake, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = referral_programs(intake)


class IntakeActionView(View):
    """A POST that works one sign-up: scoped, CSRF-protected, and always back to its detail view."""

    http_method_names = ["post"]

    def post(self, request, pk):
        intake = get_object_or_404(visible_intakes(request).defer("personal"), pk=pk)
        try:
            message = self.act(request, intake)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            if message:
                messages.success(request, message)
        return HttpResponseRedirect(reverse(f"{SIGNUPS_VIEWSET}:inspect", args=[quote(intake.pk)]))

    def act(self, request, intake):
        """Do the one thing this action does (each subclass: status, assignment, note); return the
        success message, or raise `WorkflowError` with the reason it is refused."""
        raise NotImplementedError(f"{type(self).__name__} must define act()")


def _first_error(form):
    for errors in form.errors.values():
        return errors[0]
    return gettext("Check what you entered.")


class StatusChangeView(IntakeActionView):
    def act(self, request, intake):
        form = StatusForm(request.POST, intake=intake)
        if not form.is_valid():
            raise workflow.WorkflowError(_first_error(form))
        data = form.cleaned_data
        workflow.change_status(
            intake, data["status"], user=request.user, reason=data["reason"] or "", referred_to=data["program"]
        )
        return gettext("Status changed to “%(status)s”.") % {"status": intake.get_status_display()}


class AssignView(IntakeActionView):
    def act(self, request, intake):
        value = (request.POST.get("assignee") or "").strip()
        if not value:
            workflow.assign(intake, None, user=request.user)
            return gettext("This sign-up is now assigned to nobody.")
        assignee = None
        if value.isdigit() and len(value) < 12:
            assignee = workflow.may_be_assigned(intake).filter(pk=int(value)).first()
        if assignee is None:
            raise workflow.WorkflowError(gettext("This sign-up can only be assigned to somebody who may open it."))
        workflow.assign(intake, assignee, user=request.user)
        return gettext("This sign-up is now assigned to %(name)s.") % {"name": display_name(assignee)}


class NoteView(IntakeActionView):
    def act(self, request, intake):
        workflow.add_note(intake, request.POST.get("text", ""), user=request.user)
        return gettext("Note added.")


# --- Wagtail's history view of a sign-up -------------------------------------------------------


class IntakeHistoryView(HistoryView):
    any_permission_required = [VIEW]

    def get_base_object_queryset(self):
        return visible_intakes(self.request).defer("personal")

    def get_edit_url(self, instance):
        return None

    @cached_property
    def header_buttons(self):
        url = reverse(f"{SIGNUPS_VIEWSET}:inspect", args=[quote(self.object.pk)])
        return [HeaderButton(label=gettext("Sign-up"), url=url, icon_name="form")]

    def get_base_queryset(self):
        # Wagtail keeps the latest entry per uuid and action over *all* objects, which would hide this
        # sign-up's entry of an export shared with others; group per sign-up instead.
        entries = IntakeLogEntry.objects.filter(intake_id=self.object.pk)
        latest = (
            IntakeLogEntry.objects.filter(intake_id=self.object.pk, uuid=OuterRef("uuid"), action=OuterRef("action"))
            .order_by("-timestamp", "-id")
            .values("id")[:1]
        )
        entries = entries.filter(Q(uuid__isnull=True) | Q(id=Subquery(latest)))
        return self._annotate_queryset(entries)


# --- Export ----------------------------------------------------------------------------------


class ExportForm(forms.Form):
    contact = forms.BooleanField(
        label=_("Include contact details (names, phone numbers, e-mail addresses, postcodes)"), required=False
    )
    health = forms.BooleanField(
        label=_("Include answers about health and the family (concerns, support, notes)"), required=False
    )


class ExportView(View):
    template_name = "intake/admin/signup_export.html"

    def dispatch(self, request, *args, **kwargs):
        if not works_intakes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _intakes(self, request):
        intakes, filters = filtered_intakes(request, request.GET)
        return intakes, filters

    def get(self, request):
        return self.render(request, ExportForm())

    def post(self, request):
        form = ExportForm(request.POST)
        if not form.is_valid():
            return self.render(request, form)
        intakes, _filters = self._intakes(request)
        if intakes is None:
            messages.error(request, gettext("These filters are not valid; nothing was exported."))
            return self.render(request, form)
        groups = [group for group in csv_export.OPTIONAL_GROUPS if form.cleaned_data.get(group)]
        content = csv_export.export_csv(intakes, groups=groups, user=request.user)
        filename = f"aanmeldingen-{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response

    def render(self, request, form):
        intakes, filters = self._intakes(request)
        query = request.GET.urlencode()
        context = {
            "form": form,
            "count": intakes.count() if intakes is not None else None,
            "filters_valid": intakes is not None,
            "active_filters": _describe_filters(filters),
            "search": request.GET.get("q", "")[:100],
            "action": reverse(f"{SIGNUPS_VIEWSET}:export") + (f"?{query}" if query else ""),
            "index_url": reverse(f"{SIGNUPS_VIEWSET}:index") + (f"?{query}" if query else ""),
            "minimal_columns": [str(label) for _key, label in csv_export.MINIMAL_COLUMNS],
            "header_title": gettext("Export sign-ups"),
            "page_title": gettext("Export sign-ups"),
        }
        return TemplateResponse(request, self.template_name, context)


def _describe_filters(filters):
    """[(label, value)] of the filters that are set, for the export page."""
    if filters is None or not filters.is_valid():
        return []
    rows = []
    for name in filters.form.changed_data:
        value = filters.form.cleaned_data.get(name)
        if value in (None, "", []):
            continue
        field = filters.form.fields[name]
        if isinstance(value, slice):
            start = value.start.date().isoformat() if value.start else "…"
            stop = value.stop.date().isoformat() if value.stop else "…"
            text = f"{start} – {stop}"
        elif hasattr(field, "choices") and not isinstance(field, forms.ModelChoiceField):
            text = str(dict(field.choices).get(value, value))
        else:
            text = str(value)
        rows.append((str(field.label), text))
    return rows


# --- The viewset -----------------------------------------------------------------------------


class IntakeViewSet(ModelViewSet):
    model = Intake
    icon = "form"
    menu_label = _("Sign-ups")
    menu_order = 100
    menu_hook = INTAKE_MENU_HOOK
    index_view_class = IntakeIndexView
    inspect_view_class = IntakeInspectView
    history_view_class = IntakeHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = IntakeFilterSet
    # Read-only for Wagtail's generic views: the policy never allows add/change/delete; the
    # (unreachable) edit form has no fields.
    form_fields = ["status"]
    list_display = [
        "reference",
        "role",
        "outcome",
        "program",
        "region",
        "municipality",
        "status",
        Column("assigned_to", label=_("assigned to"), accessor=_assigned_to),
        DateColumn("last_contact_at", label=_("last contact"), sort_key="last_contact_at"),
        DateColumn("created_at", label=_("received"), sort_key="created_at"),
    ]
    search_fields = ["reference"]
    search_backend_name = None
    ordering = ["-created_at"]
    inspect_view_fields = [
        "reference",
        "role",
        "outcome",
        "program",
        "region",
        "municipality",
        "pc4",
        "status",
        "closed_reason",
        "referred_to",
        "assigned_to",
        "last_contact_at",
        "language",
        "created_at",
        "consent_at",
        "contact_anyway_at",
        "recaptcha_unverified",
    ]

    def get_permissions_to_register(self):
        # Access follows region handlers, coordinators and superusers, not Django model permissions.
        return Permission.objects.none()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<int:pk>/", StatusChangeView.as_view(), name="status"),
            path("assign/<int:pk>/", AssignView.as_view(), name="assign"),
            path("note/<int:pk>/", NoteView.as_view(), name="note"),
            path("export/", ExportView.as_view(), name="export"),
        ]


@hooks.register("register_admin_viewset")
def register_intake_admin():
    return IntakeViewSet(SIGNUPS_VIEWSET, url_prefix="intake/signups")
