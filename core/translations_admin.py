"""Translation state in the admin: where editors see that a translation is behind, and act on it.

- The page list: a button in the row of every page whose translation needs something (update,
  translate, publish), beside the page title (not in the ⋯ menu).
- The snippet lists (menu, footer, CJG guidance): the same button in the row.
- The editor of the source and of the translation: a warning with the same action.
- The translations report (templates/wagtail_localize/admin/translations_report_results.html):
  the state and the action in every row.
- The update action itself (`UpdateTranslationsView`, which takes over wagtail-localize's
  `update/<id>/` address, so its ⋯ "Sync translated pages" item leads here too): it syncs the source
  and publishes a translation only when no text is left to translate. A translation with new
  texts is never published with the source language in it: the editor goes to the translation
  editor, and publishes from there once the new texts are translated.

See core/translation_state.py for what the states mean.
"""

import contextlib
from urllib.parse import urlencode

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import get_language_info, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import BaseButton
from wagtail_localize.views.update_translations import UpdateTranslationsForm
from wagtail_localize.views.update_translations import UpdateTranslationsView as LocalizeUpdateTranslationsView

from .translation_state import SOURCE_CHANGED, TO_PUBLISH, TO_TRANSLATE, states_needing_action, translation_states


def language_name(locale):
    """The language of a locale in the admin's own language ('Engels' in the Dutch admin)."""
    try:
        return get_language_info(locale.language_code)["name_translated"]
    except KeyError:
        return locale.get_display_name()


def state_text(state):
    """One line: which language and what it needs."""
    language = language_name(state.translation.target_locale)
    if state.code == SOURCE_CHANGED:
        return _("%(language)s is out of date: the %(source)s text changed after it was translated.") % {
            "language": language,
            "source": language_name(state.translation.source.locale),
        }
    if state.code == TO_TRANSLATE:
        return ngettext(
            "%(language)s: %(count)s text waits for translation.",
            "%(language)s: %(count)s texts wait for translation.",
            state.missing,
        ) % {"language": language, "count": state.missing}
    if state.code == TO_PUBLISH:
        return _("%(language)s is translated but not published yet.") % {"language": language}
    return _("%(language)s is up to date.") % {"language": language}


def action_label(state):
    language = language_name(state.translation.target_locale)
    if state.code == SOURCE_CHANGED:
        return _("Update %(language)s") % {"language": language}
    if state.code == TO_TRANSLATE:
        return _("Translate into %(language)s") % {"language": language}
    if state.code == TO_PUBLISH:
        return _("Publish %(language)s") % {"language": language}
    return ""


def action_url(state, next_url=None):
    """The update view (with where to come back to), else the translation editor of the target."""
    if state.code == SOURCE_CHANGED:
        url = state.action_url()
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url
    return state.action_url()


class TranslationStateButton(BaseButton):
    """A row button that stays in the row (never folded into the ⋯ menu)."""

    allow_in_dropdown = False


def listing_buttons(obj, next_url=None, title=""):
    for state in states_needing_action(obj):
        url = action_url(state, next_url)
        if not url:
            continue
        yield TranslationStateButton(
            action_label(state),
            url,
            classname="button button-small button-secondary",
            icon_name="warning" if state.code == SOURCE_CHANGED else "wagtail-localize-language",
            attrs={
                "aria-label": f"{title}: {state_text(state)} {action_label(state)}",
                "title": state_text(state),
                "data-translation-state": state.code,
            },
            priority=5,
        )


def warn_in_editor(request, obj):
    """Add a warning (with its action) above the editor for each translation that needs something."""
    if request.method != "GET":
        return
    for state in states_needing_action(obj):
        url = action_url(state, request.get_full_path())
        # On the translation's own editor, translating and publishing happen right here.
        here = url is not None and url.split("?")[0] == request.path
        buttons = [messages.button(url, action_label(state))] if url and not here else None
        messages.warning(request, state_text(state), buttons=buttons)


class TranslationStateColumn(Column):
    """The translation state in the snippet lists."""

    cell_template_name = "core/admin/translation_state_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        next_url = request.get_full_path() if request else None
        context["states"] = [
            {"text": state_text(state), "label": action_label(state), "url": action_url(state, next_url)}
            for state in translation_states(instance)
        ]
        return context


class SafeUpdateTranslationsForm(UpdateTranslationsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["publish_translations"]
        field.initial = True
        field.label = gettext_lazy("Publish the translations")
        field.help_text = gettext_lazy(
            "A translation with nothing new to translate is published at once. A translation with new "
            "texts is never published in the original language: you translate the new texts first, "
            "then publish."
        )


class UpdateTranslationsView(LocalizeUpdateTranslationsView):
    """wagtail-localize's update view, without publishing source-language text."""

    template_name = "core/admin/update_translations.html"

    def get_form(self):
        if self.request.method == "POST":
            return SafeUpdateTranslationsForm(self.request.POST)
        return SafeUpdateTranslationsForm()

    @transaction.atomic
    def form_valid(self, form):
        self.object.update_from_db()
        publish = form.cleaned_data["publish_translations"]
        enabled = list(self.object.translations.filter(enabled=True).select_related("source", "target_locale"))
        published, waiting = [], []
        for translation in enabled:
            total, done = translation.get_progress()
            if done < total:
                waiting.append((translation, total - done))
            if publish and done == total:
                with contextlib.suppress(ValidationError):
                    translation.save_target(user=self.request.user, publish=True)
                    published.append(translation)
            else:
                # As wagtail-localize does without publishing: the target itself is left as it is.
                with contextlib.suppress(ValidationError):
                    translation.source.update_target_view_restrictions(translation.target_locale)
        self.components.save(self.object, sources_and_translations={self.object: enabled})

        for translation in published:
            messages.success(
                self.request,
                _("%(language)s of '%(object)s' is updated and published.")
                % {"language": language_name(translation.target_locale), "object": self.object.object_repr},
            )
        if not waiting:
            if not published:
                messages.success(
                    self.request,
                    _("The translations of '%(object)s' are updated; publish them when you are ready.")
                    % {"object": self.object.object_repr},
                )
            return redirect(self.get_success_url() or self.get_default_success_url())

        translation, count = waiting[0]
        messages.warning(
            self.request,
            ngettext(
                "%(language)s: %(count)s new text to translate. Translate it, then publish.",
                "%(language)s: %(count)s new texts to translate. Translate them, then publish.",
                count,
            )
            % {"language": language_name(translation.target_locale), "count": count},
        )
        try:
            return redirect(translation.get_target_instance_edit_url())
        except ObjectDoesNotExist:
            return redirect(self.get_success_url() or self.get_default_success_url())
