"""English versions made through wagtail-localize, so editors see the translation records.

For each Dutch page or snippet: a TranslationSource, a Translation into English, one
StringTranslation per string segment (from the nl -> en mapping), and a SegmentOverride for every
link to another page so the English object points at the English page. Then `save_target`.
"""

import json

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, validate_translation_links

# Overridable segments whose value is a page id (ForeignKey or PageChooserBlock), by last path component.
PAGE_LINK_NAMES = {"page", "cta_page"}


def _content_json(instance):
    """The object's content as wagtail-localize stores it in `TranslationSource.content_json`: a
    ClusterableModel (pages, menus) serialises itself; a plain model (the CJG guidance) by its fields."""
    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)


def _source_for(obj):
    """The TranslationSource of `obj`, refreshed if the object changed since it was extracted."""
    source, created = TranslationSource.get_or_create_from_instance(obj)
    if created:
        return source, True
    instance = obj.specific if isinstance(obj, Page) else obj
    if json.loads(_content_json(instance)) != json.loads(source.content_json):
        source.update_from_db()
        return source, True
    return source, False


def _fill_strings(source, locale, mapping, label):
    """One StringTranslation per segment; fail when a Dutch string has no English text."""
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context"))
    missing = sorted(
        {
            f"{segment.context.path}: {segment.string.data[:80]!r}"
            for segment in segments
            if segment.string.data not in mapping
        }
    )
    if missing:
        raise CommandError(f"{label}: no English text for " + "; ".join(missing))

    existing = {
        (st.translation_of_id, st.context_id): st
        for st in StringTranslation.objects.filter(
            locale=locale, context_id__in=[segment.context_id for segment in segments]
        )
    }
    new, changed = [], False
    for segment in segments:
        english = mapping[segment.string.data]
        current = existing.get((segment.string_id, segment.context_id))
        if current is not None and current.data == english and not current.has_error:
            continue
        _check_english(segment, english, label)
        changed = True
        if current is None:
            new.append(
                StringTranslation(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    data=english,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
            )
        else:
            current.data, current.has_error, current.field_error = english, False, ""
            current.save()
    # One insert for a new page's strings; they were checked above as StringTranslation.save would.
    StringTranslation.objects.bulk_create(new)
    return changed


def _check_english(segment, english, label):
    """The checks StringTranslation.save makes (valid HTML, the same links), as a loud error."""
    try:
        StringValue.from_translated_html(english)
        validate_translation_links(segment.string.data, english)
    except ValueError as error:
        raise CommandError(f"{label}: the English text for {segment.context.path} is not valid: {error}") from error


def _override_page_links(source, locale):
    """Point links to Dutch pages at their English translations. Returns (changed, all links resolved)."""
    changed, complete = False, True
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        if segment.context.path.rsplit(".", 1)[-1] not in PAGE_LINK_NAMES:
            continue
        target = Page.objects.filter(pk=segment.data).first()
        translated = target.get_translation_or_none(locale) if target else None
        if translated is None:
            complete = False
            continue
        data_json = json.dumps(translated.pk)
        override, created = SegmentOverride.objects.get_or_create(
            locale=locale, context=segment.context, defaults={"data_json": data_json}
        )
        if not created and (override.data_json != data_json or override.has_error):
            override.data_json, override.has_error, override.field_error = data_json, False, ""
            override.save()
            created = True
        changed |= created
    return changed, complete


def _target_is_live(translation):
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        return False
    return getattr(target, "live", True) and not getattr(target, "has_unpublished_changes", False)


def translate(obj, locale, mapping, label):
    """Create or update the English version of `obj`. Returns True when all its page links are English."""
    source, changed = _source_for(obj)
    translation, created = Translation.objects.get_or_create(source=source, target_locale=locale)
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
        created = True
    changed |= created
    changed |= _fill_strings(source, locale, mapping, label)
    links_changed, complete = _override_page_links(source, locale)
    changed |= links_changed
    if changed or not _target_is_live(translation):
        translation.save_target(publish=True)
    return complete
