"""Template tags for the program facts: ages and concerns in words."""

from django import template

from core.cache import remember
from programs import ages
from programs.facts import CONCERN_CHOICES
from programs.models import Program

register = template.Library()


@register.simple_tag
def age_range(program, short=False):
    """A program's age range in words, from the months in its facts: '0 t/m 4 jaar'."""
    return ages.age_range(program.min_age_months, program.max_age_months, short=short)


@register.inclusion_tag("components/age_limit.html", takes_context=True)
def age_limit(context, code="meeleefgezin"):
    """The age limit of a program, from its facts, in one plain line (nothing when the program is missing).

    Editors change the ages in the program's facts; every page that states the limit follows (saving
    the facts clears the site cache that keeps them, see programs/apps.py)."""
    program = remember(context.get("request"), f"program:{code}", lambda: Program.objects.filter(code=code).first())
    return {"program": program}


@register.filter
def concern_labels(codes):
    """Readable labels for a program's concern codes."""
    labels = dict(CONCERN_CHOICES)
    return [labels[code] for code in codes or [] if code in labels]
