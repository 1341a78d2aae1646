"""Site furniture for every public page: navigation, language switcher, hreflang, footer.

Every tag works from a handful of queries per request, whatever the number of menu items:
menus and footers are fetched with their items and pages prefetched, and pages that must be
shown in the active language are localised in one batch. What they build (menu and footer entries,
a page's translations, its ancestors) is kept in the site cache (core/cache.py) until the next
publish, so most page views run none of these queries at all.
"""

from django import template
from django.conf import settings
from django.db.models import Prefetch, Q
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from core.cache import locale_for, public, remember
from core.models import Footer, FooterLink, NavigationItem, NavigationMenu
from core.routing import site_for_request

register = template.Library()

#: Open Graph wants a territory with the language.
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def _language_name(code):
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(code, code)


def _request_cache(request):
    """A dict that lives as long as the request, so each lookup runs once per page view."""
    if request is None:
        return {}
    cache = getattr(request, "_site_tags_cache", None)
    if cache is None:
        cache = {}
        request._site_tags_cache = cache
    return cache


class RememberedNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # an editor's draft is never kept
        site = _site(request)
        parts = [str(part.resolve(context)) for part in self.parts]
        name = ":".join(["html", str(site.pk if site else ""), translation.get_language() or "", *parts])
        fresh = None

        def render():
            nonlocal fresh
            fresh = self.nodelist.render(context)
            # A form's CSRF token is the visitor's own: such HTML is never kept.
            return None if "csrfmiddlewaretoken" in fresh else fresh

        kept = remember(request, name, render)
        if kept is not None:
            return kept
        return fresh if fresh is not None else self.nodelist.render(context)


@register.tag
def remembered(parser, token):
    """`{% remembered "name" page.pk ... %}…{% endremembered %}`: the HTML in between, rendered once
    and kept in the site cache (`core.cache.remember`: cleared by every publish, menu, footer,
    settings or program-facts change), per site and language. The values after the name must say
    everything else the HTML depends on. Previews are rendered afresh; HTML with a form is never kept.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% remembered %} needs a name.")
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    return RememberedNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def active_language(context):
    """The language the page is in; for views without a page, Django's active language."""
    page = _page(context)
    if page is not None:
        return page.locale.language_code
    return translation.get_language() or settings.LANGUAGE_CODE


def active_locale(context):
    request = context.get("request")
    cache = _request_cache(request)
    code = active_language(context)
    key = ("locale", code)
    if key not in cache:
        page = _page(context)
        if page is not None:
            cache[key] = page.locale
        else:
            try:
                cache[key] = locale_for(request, code)
            except (Locale.DoesNotExist, LookupError):
                cache[key] = Locale.get_default()
    return cache[key]


def localize_pages(pages, locale):
    """Replace each page by its live translation in `locale` when there is one (like `.localized`), in one query."""
    pages = list(pages)
    foreign = {p.translation_key for p in pages if p is not None and p.locale_id != locale.id}
    translations = {}
    if foreign:
        candidates = Page.objects.filter(translation_key__in=foreign, locale=locale).live().select_related("locale")
        for translated in candidates:
            translations[translated.translation_key] = translated
    return [translations.get(p.translation_key, p) if p is not None and p.locale_id != locale.id else p for p in pages]


@register.simple_tag(takes_context=True)
def page_language(context):
    """The value for `<html lang>`: the page's own locale, never a guess."""
    return active_language(context)


@register.simple_tag(takes_context=True)
def og_locale(context):
    return OG_LOCALES.get(active_language(context), active_language(context))


@register.simple_tag(takes_context=True)
def localized(context, page):
    """The live translation of `page` in the language of the current page, else `page` itself."""
    if not isinstance(page, Page):
        return page
    return localize_pages([page], active_locale(context))[0]


def _site(request):
    cache = _request_cache(request)
    if "site" not in cache:
        site = site_for_request(request) if request is not None else None
        cache["site"] = site or Site.objects.filter(is_default_site=True).first()
    return cache["site"]


def _translations(context):
    """{language_code: page} for the live translations of the current page and of the home page."""
    request = context.get("request")
    cache = _request_cache(request)
    if "translations" in cache:
        return cache["translations"]
    page = _page(context)
    site = _site(request)
    if page is not None and not page.pk:
        result = _find_translations(page, site, request)  # a preview of a page never saved
    else:
        name = f"translations:{site.pk if site else ''}:{page.translation_key if page is not None else ''}"
        result = remember(request, name, lambda: _find_translations(page, site, request))
    cache["translations"] = result
    return result


def _find_translations(page, site, request):
    condition = Q()
    if page is not None:
        condition |= Q(translation_key=page.translation_key)
    if site is not None:
        condition |= Q(translation_key__in=Page.objects.filter(pk=site.root_page_id).values("translation_key"))
    result = {"page": {}, "home": {}}
    if condition:
        for candidate in public(Page.objects.filter(condition).live(), request).select_related("locale"):
            if page is not None and candidate.translation_key == page.translation_key:
                result["page"][candidate.locale.language_code] = candidate
            else:
                result["home"][candidate.locale.language_code] = candidate
    return result


@register.inclusion_tag("components/hreflang.html", takes_context=True)
def hreflang_links(context):
    """`<link rel=alternate hreflang>` for every live translation of the page, plus x-default."""
    request = context.get("request")
    page = _page(context)
    links = []
    if page is not None and page.live:
        translations = _translations(context)["page"]
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            if code in translations:
                url = translations[code].get_full_url(request)
                if url:
                    links.append({"hreflang": code, "url": url})
        default = translations.get(settings.LANGUAGE_CODE)
        if links and default is not None:
            links.append({"hreflang": "x-default", "url": default.get_full_url(request)})
    return {"links": links}


def _is_own_view(request):
    match = getattr(request, "resolver_match", None) if request is not None else None
    return match is not None and match.url_name not in (None, "wagtail_serve")


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language; to that language's home page when it has no translation."""
    request = context.get("request")
    page = _page(context)
    current = active_language(context)
    found = _translations(context)
    entries = []
    for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        url = None
        same_page = False
        if page is not None and code in found["page"]:
            # A view may keep its state across languages: a thanks page's `thanks/<token>/`, the
            # find-support page's answers (`?postcode=…`).
            url = found["page"][code].get_url(request) + context.get("language_switch_suffix", "")
            same_page = True
        elif page is None and _is_own_view(request):
            # A view of our own (search): the same address in the other language, query included.
            translated = translate_url(request.get_full_path(), code)
            if translated != request.get_full_path() or code == current:
                url, same_page = translated, True
        if url is None and code in found["home"]:
            url = found["home"][code].get_url(request)
        if url is None:
            continue
        with translation.override(code):
            if same_page:
                title = _("This page in %(language)s") % {"language": name}
            else:
                title = _("Home page in %(language)s (this page has not been translated)") % {"language": name}
        entries.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "same_page": same_page,
                "title": title,
            }
        )
    return {"languages": entries, "current_language": current}


def _current_path(context):
    page = _page(context)
    return page.path if page is not None else None


def _live_for_locale(model, locale, prefetch):
    """The published menu or footer of `locale`, else the default language's, else None (one query + prefetch).

    A snippet that was never published (`live` is False) holds a draft in its row: visitors never
    see it. Of a published one, the row is the published version; later drafts wait in revisions.
    """
    found = {}
    for obj in (
        model.objects.filter(live=True)
        .filter(Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE))
        .order_by("pk")
        .prefetch_related(prefetch)
    ):
        found.setdefault(obj.locale_id, obj)
    return found.get(locale.id) or next(iter(found.values()), None)


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The navigation menu of the page's language (falling back to the default language's menu)."""
    request = context.get("request")
    locale = active_locale(context)
    preview = context.get("preview_menu")  # the draft an editor previews
    if preview is not None:
        links = _menu_links(preview, locale, request)
    else:
        site = _site(request)
        links = remember(
            request,
            f"menu:{site.pk if site else ''}:{locale.pk}",
            lambda: _menu_links(_live_menu(locale), locale, request),
        )
    current_path = _current_path(context)
    entries = []
    for link in links:
        is_current = current_path is not None and current_path == link["path"]
        in_section = (
            current_path is not None and not is_current and link["depth"] > 2 and current_path.startswith(link["path"])
        )
        entries.append({**link, "is_current": is_current, "in_section": in_section})
    return {"items": entries, "request": request}


def _live_menu(locale):
    items_qs = NavigationItem.objects.select_related("page", "page__locale").order_by("sort_order")
    return _live_for_locale(NavigationMenu, locale, Prefetch("items", queryset=items_qs))


def _menu_links(menu, locale, request):
    """The menu's entries as plain data (kept in the cache): label, address, tree path, language."""
    if menu is None:
        return []
    items = [item for item in menu.items.all() if item.page.live]
    links = []
    for item, target in zip(items, localize_pages([item.page for item in items], locale), strict=True):
        url = target.get_url(request)
        if url:
            links.append(
                {
                    "label": item.label or target.title,
                    "url": url,
                    "path": target.path,
                    "depth": target.depth,
                    "lang": None if target.locale_id == locale.id else target.locale.language_code,
                }
            )
    return links


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    locale = active_locale(context)
    preview = context.get("preview_footer")  # the draft an editor previews
    if preview is not None:
        footer = _footer_data(preview, locale, request)
    else:
        site = _site(request)
        footer = remember(
            request,
            f"footer:{site.pk if site else ''}:{locale.pk}",
            lambda: _footer_data(_live_footer(locale), locale, request),
        )
    return {
        "footer": footer,
        "links": footer["links"] if footer else [],
        "settings": context.get("settings"),
        "request": request,
        "language": active_language(context),
    }


def _live_footer(locale):
    links_qs = FooterLink.objects.select_related("page").order_by("sort_order")
    return _live_for_locale(Footer, locale, Prefetch("links", queryset=links_qs))


def _footer_data(footer, locale, request):
    """The footer's text and links as plain data (kept in the cache), or None without a footer."""
    if footer is None:
        return None
    items = [link for link in footer.links.all() if link.page.live]
    links = []
    for link, target in zip(items, localize_pages([link.page for link in items], locale), strict=True):
        url = target.get_url(request)
        if url:
            links.append({"label": link.label or target.title, "url": url})
    return {"text": footer.text, "links": links}


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    """The full address of a static file, for Open Graph images."""
    url = static(path)
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    page = _page(context)
    if page is not None:
        return page.get_full_url(request)
    if request is not None:
        return request.build_absolute_uri(request.path)
    return ""


@register.simple_tag
def elided_pages(page_obj):
    """Page numbers around the current one, with '…' for the gaps."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = _page(context)
    request = context.get("request")
    ancestors = []
    if page is not None and page.pk:
        ancestors = remember(
            request, f"ancestors:{page.path}", lambda: list(page.get_ancestors().filter(depth__gt=1).live())
        )
    elif page is not None:
        ancestors = list(page.get_ancestors().filter(depth__gt=1).live())
    return {"ancestors": ancestors, "page": page, "request": request}


@register.simple_tag
def search_summary(page):
    """A line of text to show under a search result."""
    for attribute in ("search_description", "intro", "lead"):
        value = getattr(page, attribute, "")
        if isinstance(value, str) and value.strip():
            return value
    return ""


@register.filter
def tel_href(number):
    """'030 123 45 67' -> 'tel:0301234567': the digits (and a leading +) a phone can dial."""
    number = str(number or "").strip()
    digits = "".join(character for character in number if character.isdigit())
    return f"tel:{'+' if number.startswith('+') else ''}{digits}" if digits else ""
