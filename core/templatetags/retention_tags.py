"""Retention periods in words, in the active language ("12 months" reads "1 year")."""

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def months_as_period(months):
    """A number of months as words: whole years as years ("2 years"), anything else in months."""
    try:
        months = int(months)
    except (TypeError, ValueError):
        return ""
    if months > 0 and months % 12 == 0:
        years = months // 12
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}


@register.filter
def weeks_as_period(weeks):
    try:
        weeks = int(weeks)
    except (TypeError, ValueError):
        return ""
    return ngettext("%(count)d week", "%(count)d weeks", weeks) % {"count": weeks}
