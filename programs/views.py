"""The reviewed step for program facts: a change to who a program is for is confirmed first.

The facts decide which new sign-ups a program accepts (the intake routing reads them at once), so
saving a change to the ages, pregnancy, setting or concerns shows a confirmation page first: the
change in words, and what it touches, in counts only (no names, no references). Other apps add
those counts through the `program_fact_change_impact` hook: a function `(program, changes)` that
returns lines of text (the intake app counts the program's open sign-ups). Nothing is saved until
the editor confirms; "Back to editing" keeps what they typed.
"""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.views.snippets import EditView

from . import ages, facts

#: The facts the intake routing reads: changing one needs the confirmation.
REVIEWED_FIELDS = ["min_age_months", "max_age_months", "allows_pregnancy", "setting", "concerns"]
CONFIRM_FIELD = "confirm_program_facts"
IMPACT_HOOK = "program_fact_change_impact"


def describe(field_name, value):
    """A fact in words, as the confirmation shows it."""
    if value in (None, ""):
        return "—"
    if field_name == "min_age_months":
        return ages.youngest_in_words(int(value))
    if field_name == "max_age_months":
        return ages.oldest_in_words(int(value))
    if field_name == "allows_pregnancy":
        return _("yes") if value else _("no")
    if field_name == "setting":
        return str(dict(facts.SETTING_CHOICES).get(value, value))
    if field_name == "concerns":
        labels = dict(facts.CONCERN_CHOICES)
        return ", ".join(str(labels.get(code, code)) for code in value) or "—"
    return str(value)


class ReviewedProgramEditView(EditView):
    confirm_template_name = "programs/admin/confirm_fact_change.html"

    def fact_changes(self, form):
        changes = []
        for name in REVIEWED_FIELDS:
            if name not in form.fields or name not in form.changed_data:
                continue
            before = form.initial.get(name)
            after = form.cleaned_data.get(name)
            if name == "concerns":
                before, after = sorted(before or []), sorted(after or [])
            if before == after:
                continue
            changes.append(
                {
                    "name": name,
                    "label": form.fields[name].label or name,
                    "before": describe(name, before),
                    "after": describe(name, after),
                    "before_value": before,
                    "after_value": after,
                }
            )
        return changes

    def form_valid(self, form):
        decision = self.request.POST.get(CONFIRM_FIELD)
        if decision == "back":
            # Back to the form, with what the editor typed, nothing saved.
            self.form = form
            return self.render_to_response(self.get_context_data(form=form))
        changes = self.fact_changes(form)
        if not changes or decision == "1":
            return super().form_valid(form)
        impact = []
        for hook in hooks.get_hooks(IMPACT_HOOK):
            impact.extend(hook(self.object, changes))
        posted = [
            (key, value)
            for key, values in self.request.POST.lists()
            if key not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
            for value in values
        ]
        return TemplateResponse(
            self.request,
            self.confirm_template_name,
            {
                "object": self.object,
                "changes": changes,
                "impact": impact,
                "posted": posted,
                "action_url": self.request.get_full_path(),
                "confirm_field": CONFIRM_FIELD,
                "page_title": gettext_lazy("Confirm the change"),
                "header_title": _("Change who %(program)s is for?") % {"program": self.object.name},
            },
        )
