"""Privacy requests in the admin: subject access (export) and erasure, per sign-up or by reference.

- "Export everything held" (`intake_privacy:export`): whoever may open the sign-up downloads a JSON
  file or an HTML page with everything held about it; each download is recorded in its trail.
- "Erase personal data" (`intake_privacy:erase`): a confirmation page that names what will go, with
  a reason; superusers and the coordinators of the sign-up's program only (`intake.privacy.access`).
- "Privacy requests" (`intake_privacy:find`, in the Intake menu): type the reference from the
  request and get both actions.

Who may not open a sign-up gets a 404 from every one of these URLs (and the reference search says
the same for unknown and invisible references). The buttons on the sign-up's page come through the
queue's hook "register_signup_detail_actions".
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from intake.permissions import intakes_visible_to, works_intakes
from intake.privacy import export
from intake.privacy.access import may_erase, may_export
from intake.privacy.anonymise import MAX_REASON_LENGTH, ErasureError, erase, what_erasure_removes
from intake.records.models import Intake

from .menu import INTAKE_MENU_HOOK

SIGNUP_DETAIL_ACTIONS_HOOK = "register_signup_detail_actions"


def _detail_url(intake):
    try:
        return reverse("intake_signups:inspect", args=[intake.pk])
    except NoReverseMatch:
        return reverse("wagtailadmin_home")


class SignupPrivacyView(WagtailAdminTemplateMixin, TemplateView):
    """A privacy action on one sign-up the user may open (else 404, whoever asks)."""

    header_icon = "lock"

    def dispatch(self, request, *args, pk=None, **kwargs):
        if not works_intakes(request.user):
            raise Http404
        visible = intakes_visible_to(request.user).select_related("program", "region", "erased_by")
        self.intake = get_object_or_404(visible.defer("personal"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.intake.reference

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": _detail_url(self.intake), "label": self.intake.reference},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(intake=self.intake, detail_url=_detail_url(self.intake))
        return context


class ExportView(SignupPrivacyView):
    template_name = "intake/admin/privacy_export.html"
    page_title = _("Export everything held")

    def post(self, request, *args, **kwargs):
        kind = request.POST.get("format")
        if kind not in ("json", "html") or not may_export(request.user, self.intake):
            context = self.get_context_data(error=_("Choose a file to download."))
            return self.render_to_response(context, status=400)
        as_json, as_html = export.export(self.intake, user=request.user, via="admin", language=get_language())
        content, content_type = (as_json, "application/json") if kind == "json" else (as_html, "text/html")
        response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.intake.reference}.{kind}"'
        response["Cache-Control"] = "no-store"
        return response


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this sign-up erased?"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. “Asked by e-mail on 3 March”. Write no personal details here: this reason is kept."),
    )


class EraseView(SignupPrivacyView):
    template_name = "intake/admin/privacy_erase.html"
    page_title = _("Erase personal data")

    def get(self, request, *args, **kwargs):
        if not may_erase(request.user, self.intake):
            return self.forbidden()
        return self.render_to_response(self.get_context_data(form=ErasureForm()))

    def post(self, request, *args, **kwargs):
        if not may_erase(request.user, self.intake):
            return self.forbidden()
        form = ErasureForm(request.POST)
        if form.is_valid():
            try:
                erase(self.intake, user=request.user, reason=form.cleaned_data["reason"])
            except ErasureError as exc:
                form.add_error("reason", str(exc))
            else:
                messages.success(
                    request,
                    _("The personal data of %(reference)s was erased. The stats-only record remains.")
                    % {"reference": self.intake.reference},
                )
                return HttpResponseRedirect(_detail_url(self.intake))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def forbidden(self):
        context = self.get_context_data(forbidden=True)
        return self.render_to_response(context, status=403)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["gone"] = what_erasure_removes(Intake.objects.get(pk=self.intake.pk))
        return context


class ReferenceForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=40, help_text=_("E.g. MG-7K3Q-X9PD-R2TW."))

    def clean_reference(self):
        return "".join(self.cleaned_data["reference"].split()).upper()


class FindByReferenceView(WagtailAdminTemplateMixin, TemplateView):
    """Type the reference of a privacy request; get the export and erase actions for it."""

    template_name = "intake/admin/privacy_find.html"
    page_title = _("Privacy requests")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not works_intakes(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReferenceForm(self.request.GET or None)
        context["form"] = form
        if form.is_bound and form.is_valid():
            intake = (
                intakes_visible_to(self.request.user)
                .defer("personal")
                .filter(reference=form.cleaned_data["reference"])
            )
            intake = intake.first()
            if intake is None:
                form.add_error("reference", _("There is no sign-up with this reference that you may open."))
            else:
                context.update(
                    intake=intake,
                    detail_url=_detail_url(intake),
                    actions=privacy_actions(self.request, intake),
                )
        return context


class PrivacyViewSet(ViewSet):
    name = "intake_privacy"
    url_prefix = "intake/privacy"
    icon = "lock"
    menu_label = _("Privacy requests")
    menu_order = 150
    menu_hook = INTAKE_MENU_HOOK

    def get_urlpatterns(self):
        return [
            path("", FindByReferenceView.as_view(), name="find"),
            path("<int:pk>/export/", ExportView.as_view(), name="export"),
            path("<int:pk>/erase/", EraseView.as_view(), name="erase"),
        ]

    @cached_property
    def menu_item_class(self):
        class PrivacyMenuItem(MenuItem):
            def is_shown(self, request):
                return works_intakes(request.user)

        return PrivacyMenuItem


@hooks.register("register_admin_viewset")
def register_privacy_admin():
    return PrivacyViewSet()


@hooks.register(SIGNUP_DETAIL_ACTIONS_HOOK)
def privacy_actions(request, intake):
    """The privacy buttons on a sign-up's page (for whoever may use them)."""
    actions = []
    if may_export(request.user, intake):
        actions.append(
            {
                "label": _("Export everything held"),
                "url": reverse("intake_privacy:export", args=[intake.pk]),
                "classname": "button button-secondary",
            }
        )
    if intake.erased_at is None and may_erase(request.user, intake):
        actions.append(
            {
                "label": _("Erase personal data"),
                "url": reverse("intake_privacy:erase", args=[intake.pk]),
                "classname": "button button-secondary no",
            }
        )
    return actions
