"""The 'find support near you' page: postcode + a few facts -> which program and region (no sign-up)."""

from django.db import models
from django.http import HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.cache import CachedViewRestrictionsMixin

from .answer import answer
from .forms import PageRoutingForm


def _personal(response):
    """A personal answer: never store it in a shared cache, keep it out of search engines."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


class FindSupportPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """The form is a plain POST form (with a CSRF token) that submits to the page itself, so it
    works without JavaScript. static/js/find-support.js POSTs the same fields to the page's
    `answer/` route, which renders the same answer partial (templates/intake/finder/answer.html),
    and shows it live. The facts (concerns, the child's date, the postcode) are health and place
    data: they travel only in request bodies, never in an address (no query string, no history
    entry, no access-log line), and the sign-up button carries them on by POST too."""

    intro = models.TextField(_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "intake/find_support_page.html"

    class Meta:
        verbose_name = _("find-support page")
        verbose_name_plural = _("find-support pages")

    @staticmethod
    def is_sent(request) -> bool:
        """Did the visitor send the form (as opposed to opening the page)? Only a POST counts: facts
        in a query string (an old link) are never read, so an address never carries them."""
        if request.method != "POST":
            return False
        return any(name in request.POST for name in PageRoutingForm.sent_names())

    def get_form(self, request):
        return PageRoutingForm(request.POST if self.is_sent(request) else None, auto_id="fs-%s")

    def get_context(self, request, *args, **kwargs):
        """The form, and when it was sent, the answer: everything the template needs."""
        context = super().get_context(request, *args, **kwargs)
        form = self.get_form(request)
        decision = form.route() if form.is_bound and form.is_valid() else None
        show_municipality = form.ask_municipality(decision)
        context.update(
            {
                "form": form,
                "fields": form.field_views(),
                "error_summary": form.error_summary(),
                "decision": decision,
                "result": answer(decision, request, carry=form.carried()) if decision is not None else None,
                "show_municipality": show_municipality,
                "answer_url": self.get_url(request) + self.reverse_subpage("answer"),
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        response = super().serve(request, *args, **kwargs)
        if request.method == "POST":
            return _personal(response)
        if "Cache-Control" not in response:
            add_never_cache_headers(response)  # the form holds a CSRF token
        return response

    @path("answer/", name="answer")
    def answer_fragment(self, request):
        """The answer alone, as an HTML fragment for find-support.js (POST, the form's own fields and
        CSRF token in the body): 200 with the answer, 400 (without one) while the facts are
        incomplete or wrong. Any other method is refused: it would put the facts in the address."""
        if request.method != "POST":
            return _personal(HttpResponseNotAllowed(["POST"]))
        response = self.render(request, template="intake/finder/live_answer.html")
        response.render()
        if response.context_data["result"] is None:
            response.status_code = 400
        return _personal(response)
