"""One presenter for a routing decision: what the API, the find-support page (with and without
JavaScript), the thanks page and the admin preview show of it.

`present()` turns a `Decision` into public, JSON-ready data in the active language: the outcome,
a headline and an explanation, the region's public contact details and links to the program pages.
Every alternative ends in something to do: a program's page or website, and for the CJG or
neighbourhood team the municipality's own team where editors know it, the general guidance (a
translatable snippet, `core.models.YouthTeamGuidance`) and, failing both, the site's own phone and
e-mail. Nothing personal is in it. (The find-support page and the API add the link to the sign-up form.)
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from core.cache import remember
from core.models import ContactSettings, YouthTeamGuidance
from intake.geography.models import Municipality
from intake.routing.rules import Decision, MunicipalityInfo, RegionInfo
from intake.routing.vocabulary import CJG, MEELEEFGEZIN
from programs.models import Program, ProgramPage


def region_data(region: RegionInfo | None) -> dict | None:
    if region is None:
        return None
    return {
        "id": region.id,
        "name": region.name,
        "program": region.program_code,
        "takes_intakes": region.takes_intakes,
        "contact_name": region.contact_name,
        "contact_email": region.contact_email,
        "contact_phone": region.contact_phone,
    }


def municipality_data(municipality: MunicipalityInfo | None) -> dict | None:
    return {"code": municipality.code, "name": municipality.name} if municipality else None


def program_pages(codes) -> dict:
    """{program code: ProgramPage} in the active language where it exists (kept in the site cache,
    core/cache.py, until the next publish: every answer of the API and the forms needs it)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return remember(None, f"program-pages:{language}:{','.join(sorted(codes))}", lambda: _program_pages(codes))


def _program_pages(codes) -> dict:
    queryset = ProgramPage.objects.filter(program__code__in=list(codes)).select_related("program")
    pages = {}
    active = Locale.get_active()
    for page in queryset.live().order_by("pk"):
        code = page.program.code
        if code not in pages or (page.locale_id == active.pk and pages[code].locale_id != active.pk):
            pages[code] = page
    return pages


def _url(page, request):
    return page.get_url(request=request) if page is not None else None


def _contact_settings(request):
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return ContactSettings.for_site(site) if site is not None else None


def youth_team_help(municipality: MunicipalityInfo | None, request=None) -> dict:
    """Where to turn for the CJG or neighbourhood team: the municipality's own team when editors
    know it, the general guidance in the active language, and always a link or a phone number (the
    site's own contact details when nothing else is set)."""
    team = None
    if municipality is not None:
        rows = Municipality.objects.filter(pk=municipality.id) if municipality.id else None
        rows = rows if rows is not None else Municipality.objects.filter(code=municipality.code)
        team = rows.values("youth_team_name", "youth_team_url", "youth_team_phone").first()
    guidance = YouthTeamGuidance.for_active_language()
    local = bool(team and (team["youth_team_url"] or team["youth_team_phone"]))
    help_ = {
        "name": team["youth_team_name"] if local else "",
        "text": guidance.text if guidance else "",
        "url": (team["youth_team_url"] if local else "") or (guidance.link_url if guidance else ""),
        "link_label": "",
        "phone": (team["youth_team_phone"] if local else "") or (guidance.phone if guidance else ""),
        "email": "",
        "local": local,
    }
    if local and team["youth_team_url"]:
        name = team["youth_team_name"] or _("the CJG or neighbourhood team")
        help_["link_label"] = _("Website of %(name)s") % {"name": name}
    elif help_["url"]:
        help_["link_label"] = (guidance.link_label if guidance else "") or _("Find the CJG or neighbourhood team")
    if not help_["url"] and not help_["phone"]:
        contact = _contact_settings(request)
        if contact is not None:
            help_["phone"], help_["email"] = contact.phone, contact.email
            help_["text"] = help_["text"] or _(
                "Not sure where to go? Call or e-mail us, and we will think along with you."
            )
    return help_


def present(decision: Decision, request=None) -> dict:
    """The decision as the visitor sees it (the routing API's documented answer, see the README)."""
    codes = {a.program for a in decision.alternatives} | ({decision.program.code} if decision.program else set())
    codes.discard(CJG)
    pages = program_pages(codes)
    websites = remember(
        None,
        f"program-websites:{','.join(sorted(codes))}",
        lambda: dict(Program.objects.filter(code__in=codes).values_list("code", "website")),
    )
    program = decision.program
    has_cjg = any(a.program == CJG for a in decision.alternatives)
    cjg_help = youth_team_help(decision.municipality, request) if has_cjg else None
    return {
        "outcome": decision.outcome,
        "role": decision.role,
        "headline": decision.headline,
        "explanation": decision.explanation,
        "program": program.code if program else None,
        "program_name": program.name if program else None,
        "program_url": _url(pages.get(program.code), request) if program else None,
        "program_website": websites.get(program.code, "") if program else "",
        "is_meeleefgezin": bool(program and program.code == MEELEEFGEZIN),
        "region": region_data(decision.region),
        "municipality": municipality_data(decision.municipality),
        "municipality_candidates": [municipality_data(m) for m in decision.municipality_candidates],
        "alternatives": [
            {
                "program": alternative.program,
                "name": str(alternative.name),
                "reason": alternative.reason,
                "region": region_data(alternative.region),
                "url": _url(pages.get(alternative.program), request),
                "website": cjg_help["url"] if alternative.program == CJG else websites.get(alternative.program, ""),
                "is_cjg": alternative.program == CJG,
                "help": cjg_help if alternative.program == CJG else None,
            }
            for alternative in decision.alternatives
        ],
        "reasons": list(decision.reasons),
    }
