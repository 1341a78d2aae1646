"""Dutch postcodes and CBS municipality codes as visitors type them. Plain Python, no database."""

import re

from django.utils.translation import gettext_lazy as _

# PC4 (1000-9999), optionally followed by the two PC6 letters; SA, SD and SS are never issued.
POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})([A-Z]{2})?$")
EXCLUDED_LETTERS = {"SA", "SD", "SS"}
MUNICIPALITY_CODE_RE = re.compile(r"^GM[0-9]{4}$")
MAX_POSTCODE_LENGTH = 20


class PostcodeError(ValueError):
    """The text is not a Dutch postcode. `message` is meant for the visitor (lazily translated)."""

    def __init__(self, message=None):
        self.message = message or _("Enter a Dutch postcode: four digits, optionally two letters, e.g. 3431 AB.")
        super().__init__(self.message)

    def __str__(self):
        return str(self.message)


def normalise_postcode(text: str) -> str:
    """'3431 ab', '3431AB', ' 3431 ' -> '3431'. Raises PostcodeError for anything else."""
    if not isinstance(text, str) or len(text) > MAX_POSTCODE_LENGTH:
        raise PostcodeError()
    compact = "".join(text.split()).upper()
    if not compact:
        raise PostcodeError(_("Enter a postcode."))
    match = POSTCODE_RE.fullmatch(compact)
    if not match or (match.group(2) or "") in EXCLUDED_LETTERS:
        raise PostcodeError()
    return match.group(1)


def normalise_municipality_code(text: str) -> str | None:
    """'gm0356' -> 'GM0356'; None when it does not look like a CBS code."""
    if not isinstance(text, str):
        return None
    code = text.strip().upper()
    return code if MUNICIPALITY_CODE_RE.fullmatch(code) else None
