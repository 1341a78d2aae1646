"""Admin-only template tags: the translation state of a wagtail-localize Translation."""

from django import template
from django.urls import reverse

from core import translations_admin
from core.translation_state import state_of_translation

register = template.Library()


def _state(context, translation):
    cache = context.render_context.setdefault("translation_states", {})
    if translation.pk not in cache:
        cache[translation.pk] = state_of_translation(translation)
    return cache[translation.pk]


@register.simple_tag(takes_context=True)
def translation_state_code(context, translation):
    state = _state(context, translation)
    return state.code if state else ""


@register.simple_tag(takes_context=True)
def translation_state(context, translation):
    """{text, label, url} of a translation's state, for the translations report."""
    state = _state(context, translation)
    if state is None:
        return {}
    # Back to the report itself (this template is also rendered by its results-only view).
    next_url = reverse("wagtail_localize:translations_report")
    return {
        "text": translations_admin.state_text(state),
        "label": translations_admin.action_label(state),
        "url": translations_admin.action_url(state, next_url) if state.needs_action else None,
    }
