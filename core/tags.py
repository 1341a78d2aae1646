"""Tags that are translated like any other text of a page (wagtail-localize).

wagtail-localize extracts a field as text to translate when the field has
`get_translatable_segments` (and puts the translation back with `restore_translated_segments`).
This manager offers the tags of a page as one text, "ouders, opvang", so the translation editor
shows a "Tags" field beside the title and body and the English page gets its own tags,
"parents, childcare" (a translator may use more or fewer tags than the source). Changing the
Dutch tags makes the English translation out of date like any other change.
"""

from modelcluster.contrib.taggit import ClusterTaggableManager

SEPARATOR = ", "


def tags_text(names):
    """Tag names as one text, in a stable order."""
    return SEPARATOR.join(sorted({name.strip() for name in names if name.strip()}, key=str.lower))


def parse_tags_text(text):
    """'parents, childcare' -> ['parents', 'childcare'] (only commas separate: a tag may have spaces)."""
    seen, names = set(), []
    for name in (part.strip() for part in (text or "").split(",")):
        if name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name[:100])
    return names


class TranslatableTagsManager(ClusterTaggableManager):
    """A `ClusterTaggableManager` whose tags are one translatable text for wagtail-localize."""

    def get_translatable_segments(self, value):
        from wagtail_localize.segments import StringSegmentValue

        text = tags_text(tag.name for tag in value or [])
        return [StringSegmentValue("", text)] if text else []

    def restore_translated_segments(self, value, segments):
        text = segments[0].render_text() if segments else ""
        return parse_tags_text(text)

    def __set__(self, instance, value):
        """wagtail-localize assigns the restored names (`setattr(page, "tags", [...])`): set the tags
        (in memory, like the admin form does; they are saved with the page)."""
        self.__get__(instance, type(instance)).set(list(value))
