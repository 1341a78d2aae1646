"""Is a translation behind its source? The state editors see in the page list, the editor and the
translations report, and the one action that brings it up to date.

Built on wagtail-localize 1.14:

- `TranslationSource.content_json` is the source (Dutch) content as it was when it was last sent
  for translation or synced; it changes only through `update_from_db()` (the "update" action).
  The source is *changed* when the live source object differs from it in a field wagtail-localize
  translates or synchronises (`get_translatable_fields`). Republishing without changes is no change.
- `Translation.get_progress()` counts the source's strings that have an English translation.
- `TranslationLog` rows record every time wagtail-localize wrote the target (`save_target`); a sync
  after the last one means the target does not show the synced source yet.

States, most urgent first: the source changed (update), texts wait for translation (translate), the
translation is complete but not live (publish), up to date.
"""

import json
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

SOURCE_CHANGED = "source_changed"
TO_TRANSLATE = "to_translate"
TO_PUBLISH = "to_publish"
UP_TO_DATE = "up_to_date"


@dataclass
class TranslationState:
    translation: Translation
    code: str
    missing: int = 0

    @property
    def needs_action(self):
        return self.code != UP_TO_DATE

    def action_url(self):
        """Where the action is: the update (sync) view, else the translation editor of the target."""
        if self.code == SOURCE_CHANGED:
            return reverse("wagtail_localize:update_translations", args=[self.translation.source_id])
        if self.code in (TO_TRANSLATE, TO_PUBLISH):
            try:
                return self.translation.get_target_instance_edit_url()
            except ObjectDoesNotExist:
                return None
        return None


def _serialise(instance):
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


def _translated_content(model, data):
    content = {}
    for field in get_translatable_fields(model):
        name = field.field_name
        if name in data:
            content[name] = data[name]
            continue
        through = getattr(model._meta.get_field(name), "through", None)
        if through is not None and hasattr(through, "tag"):
            # Tags (core/tags.py) are serialised as their tagged-item rows: compare the tags.
            rows = data.get(through._meta.get_field("content_object").remote_field.get_accessor_name()) or []
            content[name] = sorted(row.get("tag") for row in rows)
    return content


def source_changed(source: TranslationSource) -> bool:
    """Has the live source object changed, in a field that is translated or synchronised, since the
    translation source was last extracted?"""
    try:
        instance = source.get_source_instance()
    except ObjectDoesNotExist:
        return False
    model = type(instance)
    return _translated_content(model, _serialise(instance)) != _translated_content(
        model, json.loads(source.content_json)
    )


def _target_behind(translation, target):
    """The target does not show the synced source yet, or has a draft, or was never published."""
    if isinstance(target, DraftStateMixin) and (not target.live or target.has_unpublished_changes):
        return True
    last_write = (
        TranslationLog.objects.filter(source=translation.source, locale=translation.target_locale)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return last_write is None or last_write < translation.source.last_updated_at


def state_of_translation(translation: Translation, changed=None) -> TranslationState | None:
    """The state of one enabled translation (None when its target no longer exists)."""
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        return None
    if changed is None:
        changed = source_changed(translation.source)
    if changed:
        return TranslationState(translation, SOURCE_CHANGED)
    total, done = translation.get_progress()
    if done < total:
        return TranslationState(translation, TO_TRANSLATE, missing=total - done)
    if _target_behind(translation, target):
        return TranslationState(translation, TO_PUBLISH)
    return TranslationState(translation, UP_TO_DATE)


def translation_states(obj) -> list[TranslationState]:
    """The state of every translation of `obj`, whether `obj` is the source or one of the translations."""
    if isinstance(obj, Page):
        obj = obj.specific
    if not isinstance(obj, TranslatableMixin) or obj.pk is None:
        return []
    translations = (
        Translation.objects.filter(source__object_id=obj.translation_key, enabled=True)
        .select_related("source", "source__locale", "source__specific_content_type", "target_locale")
        .order_by("target_locale__language_code")
    )
    if obj.locale_id is not None and not any(t.source.locale_id == obj.locale_id for t in translations):
        # `obj` is a translation: only its own state.
        translations = [t for t in translations if t.target_locale_id == obj.locale_id]
    changed = {}
    states = []
    for translation in translations:
        if translation.source_id not in changed:
            changed[translation.source_id] = source_changed(translation.source)
        state = state_of_translation(translation, changed[translation.source_id])
        if state is not None:
            states.append(state)
    return states


def states_needing_action(obj):
    return [state for state in translation_states(obj) if state.needs_action]
