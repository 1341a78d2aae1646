"""A child's age and a program's age range in words: the one place where ages are phrased.

Ages are stored in whole months (`Program.min_age_months`, `max_age_months`); visitors and editors
read them in years where that is natural. Plain Python: the routing explanations, the public pages
and the admin all use these functions.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

ORDINALS = {
    1: pgettext_lazy("birthday", "first"),
    2: pgettext_lazy("birthday", "second"),
    3: pgettext_lazy("birthday", "third"),
    4: pgettext_lazy("birthday", "fourth"),
    5: pgettext_lazy("birthday", "fifth"),
    6: pgettext_lazy("birthday", "sixth"),
    7: pgettext_lazy("birthday", "seventh"),
    8: pgettext_lazy("birthday", "eighth"),
    9: pgettext_lazy("birthday", "ninth"),
    10: pgettext_lazy("birthday", "tenth"),
    11: pgettext_lazy("birthday", "eleventh"),
    12: pgettext_lazy("birthday", "twelfth"),
}


def years(months: int) -> int:
    """Whole years in an age in months (59 months -> 4)."""
    return months // 12


def age_phrase(months: int) -> str:
    """'18 months old' below two years, '3 years old' from then on."""
    if months < 24:
        return ngettext("%(count)d month old", "%(count)d months old", months) % {"count": months}
    count = years(months)
    return ngettext("%(count)d year old", "%(count)d years old", count) % {"count": count}


def limit_phrase(max_months: int) -> str:
    """'until their fifth birthday' for 59 months; 'up to 30 months old' for other limits."""
    next_birthday, rest = divmod(max_months + 1, 12)
    if rest == 0 and next_birthday in ORDINALS:
        return _("until their %(ordinal)s birthday") % {"ordinal": ORDINALS[next_birthday]}
    return _("up to %(age)s") % {"age": age_phrase(max_months)}


def age_range(min_months: int, max_months: int, short: bool = False) -> str:
    """A range in words: '0 to 4 years' (short) or 'From birth up to and including 4 years (until the
    child turns 5)'. Below two years the range is given in months."""
    low, high = min_months, max_months
    if high < 24:
        if short:
            return _("%(low)s to %(high)s months") % {"low": low, "high": high}
        if low == 0:
            return ngettext(
                "From birth up to and including %(high)s month",
                "From birth up to and including %(high)s months",
                high,
            ) % {"high": high}
        return _("From %(low)s up to and including %(high)s months") % {"low": low, "high": high}
    low_years, high_years = years(low), years(high)
    if short:
        return _("%(low)s to %(high)s years") % {"low": low_years, "high": high_years}
    if low == 0:
        return ngettext(
            "From birth up to and including %(high)s year (until the child turns %(next)s)",
            "From birth up to and including %(high)s years (until the child turns %(next)s)",
            high_years,
        ) % {"high": high_years, "next": high_years + 1}
    return _("From %(low)s up to and including %(high)s years (until the child turns %(next)s)") % {
        "low": low_years,
        "high": high_years,
        "next": high_years + 1,
    }


def months_range(min_months: int, max_months: int) -> str:
    """'0 to 59 months': the stored values, for editors."""
    return _("%(low)s to %(high)s months") % {"low": min_months, "high": max_months}


def years_and_months(years_count: int, months_count: int) -> str:
    """'4 years', '1 year and 6 months', '7 months'."""
    year_text = ngettext("%(count)d year", "%(count)d years", years_count) % {"count": years_count}
    month_text = ngettext("%(count)d month", "%(count)d months", months_count) % {"count": months_count}
    if not months_count:
        return year_text
    if not years_count:
        return month_text
    return _("%(years)s and %(months)s") % {"years": year_text, "months": month_text}


def oldest_in_words(max_months: int) -> str:
    """The oldest age as an editor says it: 59 -> 'up to and including 4 years (until the child turns 5)'."""
    years_count, rest = divmod(max_months, 12)
    if rest == 11:
        return ngettext(
            "up to and including %(count)d year (until the child turns %(next)d)",
            "up to and including %(count)d years (until the child turns %(next)d)",
            years_count,
        ) % {"count": years_count, "next": years_count + 1}
    return _("up to and including %(age)s") % {"age": years_and_months(years_count, rest)}


def youngest_in_words(min_months: int) -> str:
    """The youngest age as an editor says it: 0 -> 'from birth', 18 -> 'from 1 year and 6 months'."""
    if min_months <= 0:
        return _("from birth")
    years_count, rest = divmod(min_months, 12)
    return _("from %(age)s") % {"age": years_and_months(years_count, rest)}
