"""One presenter for a routing decision: what the API, the find-support page (with and without
JavaScript), the thanks page and the admin preview show of it.

`present()` turns a `Decision` into public, JSON-ready data in the active language: the outcome,
a headline and an explanation, the region's public contact details and links to the program pages.
Nothing personal is in it. (The find-support page and the API add the link to the sign-up form.)
"""

from __future__ import annotations

from wagtail.models import Locale

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
    """{program code: ProgramPage} in the active language where it exists."""
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


def present(decision: Decision, request=None) -> dict:
    """The decision as the visitor sees it (the routing API's documented answer, see the README)."""
    codes = {a.program for a in decision.alternatives} | ({decision.program.code} if decision.program else set())
    codes.discard(CJG)
    pages = program_pages(codes)
    websites = dict(Program.objects.filter(code__in=codes).values_list("code", "website"))
    program = decision.program
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
                "website": websites.get(alternative.program, ""),
                "is_cjg": alternative.program == CJG,
            }
            for alternative in decision.alternatives
        ],
        "reasons": list(decision.reasons),
    }
