"""Responsive images: `{% responsive_image image "width-{480,800,1200}" sizes="…" alt=… %}`.

Renders a `<picture>` with a WebP `<source>` (every width) and an `<img>` in the upload's own
format (JPEG stays JPEG, PNG stays PNG: transparency survives, photos stay small for the few
browsers without WebP), with `srcset`, `sizes`, `width`/`height` of the smallest size (the aspect
ratio, so nothing shifts while loading), `decoding="async"` and, unless told otherwise,
`loading="lazy"` (images below the fold; pass `loading="eager"` for the first screen).

All renditions of one image come from one look-up (`Image.get_renditions`), answered from the
"renditions" cache when configured (production: Redis).
"""

import re

from django import template
from wagtail.images.models import Picture

register = template.Library()

_BRACES = re.compile(r"\{([^}]*)\}")
#: The upload's own format -> the fallback rendition's format.
_FALLBACK_FORMATS = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp", "gif": "png"}


def expand(spec: str) -> list[str]:
    """'fill-{360x240,720x480}' -> ['fill-360x240', 'fill-720x480'] (one set of braces)."""
    match = _BRACES.search(spec)
    if not match:
        return [spec]
    return [spec[: match.start()] + option.strip() + spec[match.end() :] for option in match.group(1).split(",")]


def fallback_format(image) -> str:
    name = getattr(getattr(image, "file", None), "name", "") or ""
    return _FALLBACK_FORMATS.get(name.rsplit(".", 1)[-1].lower(), "png")


@register.simple_tag
def responsive_image(image, spec, sizes="100vw", alt=None, loading="lazy", **attrs):
    if not image:
        return ""
    sizes_specs = expand(spec)
    formats = ["webp", fallback_format(image)]
    if formats[0] == formats[1]:
        formats = formats[:1]
    filters = [f"{size}|format-{fmt}" for fmt in formats for size in sizes_specs]
    renditions = image.get_renditions(*filters)
    img_attrs = {"sizes": sizes, "decoding": "async", **{key.replace("_", "-"): value for key, value in attrs.items()}}
    if loading and loading != "eager":
        img_attrs["loading"] = loading
    if alt is not None:
        img_attrs["alt"] = alt
    return Picture(renditions, img_attrs)
