"""Create or update the Dutch demo pages from their specs."""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.base import CommandError
from django.db import models
from wagtail.fields import StreamField

from core.tags import tags_text

from .text import T, iter_pairs, to_dutch


@dataclass
class PageSpec:
    """One demo page: where it goes, what it is, and its bilingual content."""

    key: str  # unique within the demo, used by Ref()
    model: str  # "app_label.ModelName"
    parent: str | None  # key of the parent page; None = directly under Wagtail's root
    fields: dict  # field name -> value (T, R, Ref, Img, ProgramOf, Stream, or a plain value)
    tags: tuple = field(default=())  # T pairs, for pages with a `tags` manager

    @property
    def slug(self):
        return self.fields["slug"].nl

    def pairs(self):
        return list(iter_pairs([self.fields, list(self.tags), self.tags_pair()]))

    def tags_pair(self):
        """The tags as the one text wagtail-localize translates (core/tags.py), Dutch and English."""
        tags = sorted((tag for tag in self.tags if isinstance(tag, T)), key=lambda tag: tag.nl.lower())
        return [T(tags_text(tag.nl for tag in tags), ", ".join(tag.en for tag in tags))] if tags else []


def _snapshot(page, names):
    """Comparable values of the given fields, to skip saving pages that did not change."""
    values = {}
    for name in names:
        model_field = page._meta.get_field(name)
        if isinstance(model_field, StreamField):
            values[name] = model_field.get_prep_value(getattr(page, name))
        elif isinstance(model_field, models.ForeignKey):
            values[name] = getattr(page, model_field.attname)
        else:
            values[name] = model_field.value_from_object(page)
    if hasattr(page, "tags"):
        values["tags"] = sorted(tag.name for tag in page.tags.all())
    return values


def _assign(page, spec, resolve):
    for name, value in spec.fields.items():
        model_field = page._meta.get_field(name)
        dutch = to_dutch(value, resolve, f"{spec.key}/{name}")
        setattr(page, model_field.attname if isinstance(model_field, models.ForeignKey) else name, dutch)
    if spec.tags:
        page.tags.set([tag.nl for tag in spec.tags])


def upsert_page(spec, parent, locale, resolve):
    """Find the page by slug below its parent, bring it up to date and publish it. Returns (page, changed)."""
    model = apps.get_model(spec.model)
    existing = parent.get_children().filter(slug=spec.slug).first()
    if existing is None:
        page = model(locale=locale)
        _assign(page, spec, resolve)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, True

    page = existing.specific
    if not isinstance(page, model):
        raise CommandError(
            f"/{spec.slug}/ below {parent.title!r} is a {type(page).__name__}, expected {model.__name__}"
        )
    before = _snapshot(page, spec.fields)
    _assign(page, spec, resolve)
    if _snapshot(page, spec.fields) == before and page.live and not page.has_unpublished_changes:
        return page, False
    page.save_revision().publish()
    return page, True
