"""Bilingual copy: every translatable value is written once as a Dutch/English pair.

The Dutch side builds the pages; the pairs together become the nl -> en mapping that fills
wagtail-localize's string translations. Rich text pairs are split into the same segments
wagtail-localize extracts (one per paragraph or list item), so both sides must have the same shape.
"""

import uuid
from dataclasses import dataclass

from django.core.management.base import CommandError
from wagtail_localize.strings import StringValue, extract_strings

# Namespace for the deterministic StreamField block ids (stable ids keep translation contexts stable).
BLOCK_NAMESPACE = uuid.UUID("6f1d3c9e-3b5a-4a57-9d0e-6d2b8f1f2a11")


@dataclass(frozen=True)
class T:
    """A plain text in Dutch and English."""

    nl: str
    en: str


@dataclass(frozen=True)
class R(T):
    """A rich text (HTML) in Dutch and English, with the same block structure."""


@dataclass(frozen=True)
class Ref:
    """A link to another demo page, by its key."""

    key: str


@dataclass(frozen=True)
class Img:
    """A demo image, by its key in `images.ILLUSTRATIONS`."""

    key: str


@dataclass(frozen=True)
class ProgramOf:
    """A link to a `programs.Program`, by its code."""

    code: str


@dataclass(frozen=True)
class Stream:
    """A StreamField value: a list of (block type, value) pairs. Lists inside are ListBlock values."""

    blocks: tuple

    def __init__(self, *blocks):
        object.__setattr__(self, "blocks", tuple(blocks))


def image_block(key, alt_text=None, caption=None):
    """A `core.blocks.CaptionedImageBlock` stream entry around Wagtail's own ImageBlock value.

    `alt_text` is a T pair; leave it out for a decorative image (shown with alt="").
    """
    image = {"image": Img(key), "alt_text": alt_text or "", "decorative": alt_text is None}
    return ("image", {"image": image, "caption": caption or ""})


def block_id(*parts):
    return str(uuid.uuid5(BLOCK_NAMESPACE, "/".join(str(part) for part in parts)))


def to_dutch(value, resolve, path):
    """The value as stored on the Dutch object: pairs become Dutch, refs become ids, streams get stable ids."""
    if isinstance(value, T):
        return value.nl
    if isinstance(value, Ref | Img | ProgramOf):
        return resolve(value)
    if isinstance(value, Stream):
        return [
            {"type": kind, "value": to_dutch(child, resolve, f"{path}/{i}"), "id": block_id(path, i, kind)}
            for i, (kind, child) in enumerate(value.blocks)
        ]
    if isinstance(value, list):
        return [
            {"type": "item", "value": to_dutch(child, resolve, f"{path}/{i}"), "id": block_id(path, i, "item")}
            for i, child in enumerate(value)
        ]
    if isinstance(value, dict):
        return {name: to_dutch(child, resolve, f"{path}/{name}") for name, child in value.items()}
    return value


def iter_pairs(value):
    """Every T/R inside a (nested) spec value."""
    if isinstance(value, T):
        yield value
    elif isinstance(value, Stream):
        for _kind, child in value.blocks:
            yield from iter_pairs(child)
    elif isinstance(value, list | tuple):
        for child in value:
            yield from iter_pairs(child)
    elif isinstance(value, dict):
        for child in value.values():
            yield from iter_pairs(child)


def segment_pairs(pair):
    """(Dutch, English) at the granularity wagtail-localize stores: whole texts, or one per rich-text block."""
    if not isinstance(pair, R):
        # Plain texts are stored HTML-escaped, with <br> for newlines.
        return [(StringValue.from_plaintext(pair.nl).data, StringValue.from_plaintext(pair.en).data)]
    _template, dutch = extract_strings(pair.nl)
    _template, english = extract_strings(pair.en)
    if len(dutch) != len(english):
        raise CommandError(f"Rich text pair has {len(dutch)} Dutch and {len(english)} English blocks: {pair.nl[:80]}")
    return [(nl.data, en.data) for (nl, _attrs), (en, _attrs2) in zip(dutch, english, strict=True)]


def translation_map(spec_values, label):
    """One nl -> en mapping for one page or snippet. The same Dutch text must not get two translations."""
    mapping = {}
    for pair in iter_pairs(spec_values):
        for dutch, english in segment_pairs(pair):
            if not english.strip() and dutch.strip():
                raise CommandError(f"{label}: no English text for {dutch!r}")
            if mapping.get(dutch, english) != english:
                raise CommandError(f"{label}: {dutch!r} has two English versions")
            mapping[dutch] = english
    return mapping
