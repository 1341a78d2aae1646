"""The sign-up form page: editors place it and write the text around it; the fields are code's.

Shaped like Wagtail's own form pages: `get_form`, a `get_context` that builds everything the
template needs (so the admin preview shows the real form), and `serve` for the flow:

- GET shows the form for the page's role;
- POST: rate limits (429 with the typed data shown back, when to try again and a phone number:
  the region's that would take the sign-up, else the collective's), honeypot (400, generic refusal, data
  kept), validation and routing (the form), then `flow.store` (the sign-up with its notices and
  their delivery, one commit) and a
  redirect to the page's thanks route;
- a POST from the find-support page's sign-up button (`CARRY_FIELD`) only fills the form in with
  the answers given there (never validated, never stored): they travel in the body, not the URL;
- when the form's own routing says "not eligible", nothing is stored yet: the visitor sees why and
  the alternatives, and chooses (`STEP_FIELD`): be contacted anyway (stored, with that choice
  recorded in `Intake.contact_anyway_at`), change the answers (the form again, as typed), or
  store nothing (nothing is stored or mailed). What was typed rides along in hidden fields;
- the thanks route (`thanks/<token>/`) shows what happens next; the token is opaque and kept in the
  visitor's session (`flow.remember`), so a shared link shows nobody anything.
"""

from django.core import signing
from django.db import models
from django.forms.utils import ErrorDict
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.cache import CachedViewRestrictionsMixin
from core.models import ContactSettings
from intake.records.models import Role
from intake.routing.vocabulary import NOT_ELIGIBLE

from . import abuse, captcha, flow
from .forms import form_class_for

PRIVACY_NOTE_ID = "privacy-note"
THANKS_TEMPLATE = "intake/intake_thanks.html"
NOT_ELIGIBLE_TEMPLATE = "intake/intake_not_eligible.html"
# A POST from the find-support page's sign-up button: fill the form in, nothing else.
CARRY_FIELD = "from_find_support"
# The not-eligible step's choice, and the proof that this form already passed the spam check.
STEP_FIELD = "not_eligible_choice"
CONTACT, EDIT, DECLINE = "contact", "edit", "decline"
CAPTCHA_PASS_FIELD = "spam_check_passed"
CAPTCHA_PASS_SALT = "intake.signup.not-eligible"
CAPTCHA_PASS_SECONDS = 30 * 60
# Fields never carried in the step's hidden fields (the step writes its own, or they are single-use).
NOT_CARRIED = {"csrfmiddlewaretoken", STEP_FIELD, CAPTCHA_PASS_FIELD, CARRY_FIELD, "g-recaptcha-response"}


def _unvalidated(form):
    """A bound form that shows what was typed without validating it (no routing, no reCAPTCHA call)."""
    form._errors = ErrorDict()
    form.cleaned_data = {}
    return form


class IntakeFormPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """Hosts one of the three sign-up forms, chosen by `role`."""

    role = models.CharField(
        gettext_lazy("form"),
        max_length=20,
        choices=Role.choices,
        help_text=gettext_lazy("Which sign-up form this page shows."),
    )
    intro = models.TextField(
        gettext_lazy("introduction"), help_text=gettext_lazy("A few plain sentences above the form.")
    )
    privacy_note = RichTextField(
        gettext_lazy("privacy note"),
        features=["bold", "link"],
        blank=True,
        help_text=gettext_lazy("Short privacy note shown beside the consent."),
    )

    content_panels = Page.content_panels + [FieldPanel("role"), FieldPanel("intro"), FieldPanel("privacy_note")]
    parent_page_types = ["home.HomePage", "collective.AudiencePage"]
    subpage_types = []
    template = "intake/intake_form_page.html"

    class Meta:
        verbose_name = gettext_lazy("sign-up form page")
        verbose_name_plural = gettext_lazy("sign-up form pages")

    @property
    def language(self):
        return self.locale.language_code

    def get_form_class(self):
        return form_class_for(self.role)

    def get_form(self, data=None, **kwargs):
        return self.get_form_class()(data, language=self.language, **kwargs)

    @staticmethod
    def answers(data):
        """What was typed, without the step's own controls (a copy of the POST data)."""
        answers = data.copy()
        for name in NOT_CARRIED | {abuse.HONEYPOT_FIELD}:
            answers.pop(name, None)
        return answers

    def get_context(self, request, *args, form=None, rate_limited=False, returned=False, **kwargs):
        """Everything the form template needs: the form, its fieldsets and its error summary."""
        context = super().get_context(request, *args, **kwargs)
        if form is None:
            form = self.get_form()
        self._describe_consent(form)
        context.update(
            {
                "form": form,
                "rate_limited": rate_limited,
                "returned": returned,
                "error_summary": [] if rate_limited else form.error_summary(),
                "fieldsets": form.visible_fieldsets(),
                "captcha": form["captcha"] if "captcha" in form.fields else None,
                "privacy_note_id": PRIVACY_NOTE_ID,
            }
        )
        return context

    def _describe_consent(self, form):
        """Point the consent checkbox at the editor's privacy note beside it, for screen readers."""
        if not self.privacy_note:
            return
        bound = form[form.consent_field]
        ids = [PRIVACY_NOTE_ID]
        if bound.help_text:
            ids.append(f"{bound.auto_id}_helptext")
        if form.is_bound and bound.errors:
            ids.append(f"{bound.auto_id}_error")
        bound.field.widget.attrs["aria-describedby"] = " ".join(ids)

    def render_form(self, request, form, *, status=200, rate_limited=False, returned=False, **extra):
        context = self.get_context(request, form=form, rate_limited=rate_limited, returned=returned)
        context.update(extra)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def render_wait(self, request, wait):
        """429: the form with what was typed (not validated), when to try again, and a phone number."""
        form = _unvalidated(self.get_form(request.POST))
        response = self.render_form(
            request, form, status=429, rate_limited=True, wait=wait, other_way=self.other_way_in(request)
        )
        response["Retry-After"] = str(wait.seconds)
        return response

    def typed_decision(self, data):
        """Where what was typed would go, or None when its routing facts are not valid yet.

        Validated and routed by a second copy of the form without the spam check (no call to
        Google); nothing is stored, and the form shown keeps its unvalidated state."""
        form = self.get_form(data)
        form.fields.pop("captcha", None)
        form.is_valid()
        return form.decision

    def other_way_in(self, request):
        """Who to call instead of waiting: the region that would take this sign-up, when the typed
        facts tell, else the collective (contact settings). None when neither has a number."""
        decision = self.typed_decision(request.POST)
        region = decision.region if decision is not None else None
        if region is not None and region.contact_phone:
            program = decision.program.name if decision.program else ""
            return {"region": True, "name": f"{program} {region.name}".strip(), "phone": region.contact_phone}
        contact = ContactSettings.for_request(request)
        if contact.phone:
            return {"region": False, "name": contact.organisation_name, "phone": contact.phone}
        return None

    @path("", name="form")
    def form_view(self, request):
        with translation.override(self.language):
            if request.method == "POST":
                response = self.process_form(request)
            elif request.method in ("GET", "HEAD"):
                # Never read answers from the address: they would be in every access log.
                response = self.render_form(request, self.get_form())
            else:
                response = HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        # Pages with a form (CSRF token), typed data or a reference must never be cached.
        add_never_cache_headers(response)
        if abuse.recaptcha_enabled():
            captcha.allow_in_policy(response)  # reCAPTCHA's hosts, on this response only
        return response

    def process_form(self, request):
        if request.POST.get(CARRY_FIELD):
            # The find-support page's answers, to start with (never validated, never stored).
            initial = self.get_form_class().initial_from_query(request.POST)
            return self.render_form(request, self.get_form(initial=initial))

        wait = abuse.signup_wait(request, self.role)
        if wait is not None:
            return self.render_wait(request, wait)

        if abuse.honeypot_filled(request.POST):
            data = request.POST.copy()
            data[abuse.HONEYPOT_FIELD] = ""
            form = _unvalidated(self.get_form(data))
            form.add_error(None, _("Your sign-up could not be sent. Check the form and send it again."))
            return self.render_form(request, form, status=400)

        choice = request.POST.get(STEP_FIELD)
        answers = self.answers(request.POST)
        if choice == EDIT:
            # Back from the not-eligible step: the form as typed, to change (not validated).
            return self.render_form(request, _unvalidated(self.get_form(answers)), returned=True)

        form = self.get_form(answers if choice is not None else request.POST)
        captcha_passed = self.captcha_pass(request.POST) if choice is not None else None
        if captcha_passed is not None and "captcha" in form.fields:
            # Already checked when the form was first sent (a reCAPTCHA answer works once).
            form.fields.pop("captcha")
            form.captcha_was_unverified = captcha_passed
        if not form.is_valid() or form.decision is None:
            return self.render_form(request, form)

        if choice == DECLINE:
            return self.render_not_eligible(request, form, declined=True)  # nothing stored, nothing sent
        contact_anyway = False
        if form.decision.outcome == NOT_ELIGIBLE:
            if choice != CONTACT:
                return self.render_not_eligible(request, form, unknown_choice=choice is not None)
            contact_anyway = True

        intake = flow.store(form, language=self.language, contact_anyway=contact_anyway)
        abuse.count_signup(request, self.role)
        token = flow.remember(request, self, intake)
        return HttpResponseRedirect(self.url_for_thanks(request, token))

    @staticmethod
    def captcha_pass(data):
        """None, or whether the spam check could not be verified when the form was first sent."""
        try:
            value = signing.loads(
                data.get(CAPTCHA_PASS_FIELD, ""), salt=CAPTCHA_PASS_SALT, max_age=CAPTCHA_PASS_SECONDS
            )
        except (signing.BadSignature, TypeError, ValueError):
            return None
        return bool(value.get("unverified")) if isinstance(value, dict) else None

    def render_not_eligible(self, request, form, *, declined=False, unknown_choice=False):
        """The not-eligible step: why it does not fit, the alternatives, and the choice; or, once
        declined, that nothing was stored. Nothing is stored here; what was typed rides along."""
        hidden = [(name, value) for name, values in self.answers(form.data).lists() for value in values]
        if "captcha" in form.fields or getattr(form, "captcha_was_unverified", None) is not None:
            unverified = form.recaptcha_unverified
            hidden.append((CAPTCHA_PASS_FIELD, signing.dumps({"unverified": unverified}, salt=CAPTCHA_PASS_SALT)))
        error_summary = []
        if unknown_choice:
            error_summary = [
                {
                    "anchor": "choice-contact",
                    "question": "",
                    "message": _("Choose one of the options below."),
                }
            ]
        context = Page.get_context(self, request)
        context.update(
            {
                "summary": flow.present(form.decision, request),
                "role": self.role,
                "declined": declined,
                "hidden_fields": hidden,
                "error_summary": error_summary,
                "step_field": STEP_FIELD,
                "choices": {"contact": CONTACT, "edit": EDIT, "decline": DECLINE},
            }
        )
        return TemplateResponse(request, NOT_ELIGIBLE_TEMPLATE, context)

    def url_for_thanks(self, request, token):
        return self.get_url(request) + self.reverse_subpage("thanks", args=[token])

    @path("thanks/<str:token>/", name="thanks")
    def thanks_view(self, request, token):
        with translation.override(self.language):
            summary = flow.recall(request, self, token)
            context = Page.get_context(self, request)
            context.update(
                {
                    "summary": summary,
                    "expired": summary is None,
                    # The language switcher leads to this confirmation on the translated page.
                    "language_switch_suffix": self.reverse_subpage("thanks", args=[token]),
                }
            )
            response = TemplateResponse(request, THANKS_TEMPLATE, context)
            response.render()
        add_never_cache_headers(response)
        return response
