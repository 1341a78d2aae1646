"""The page cache and the site-wide fragment caches, cleared together by one generation token.

Almost every page shows other pages: the menu and the footer (titles and links of other pages), the
breadcrumbs, the language switcher, the latest articles on the home page, the comparison table (the
program facts) and the contact details in the footer. So a change that a visitor can see on one page
is, more often than not, visible on many. Rather than guess which ones, everything this module keeps
hangs off one *generation* token in the cache, and the events that change what visitors see put a
new token there (`bump`):

- a page (any translation) published, unpublished, moved or deleted, or a live page saved;
- the navigation menu or the footer published or unpublished (their drafts are not shown, so saving
  one is not enough); the contact settings, a program's facts, a site, a locale, a page's view
  restriction, an image or a document saved or deleted (see `connect_signals` and `programs.apps`).

Nothing else clears it: not a draft, not a sign-up, not a page view. The old entries are never read
again and expire (`PAGE_CACHE_SECONDS`). The token is replaced at once and again when the
transaction commits, so a request that read the old data in between cannot keep it past the commit.

What is kept, under the token:

- **whole pages** (`PageCacheMiddleware`): anonymous GET requests of public pages, see
  `PageCacheMiddleware` for exactly which. A hit is answered from one cache round trip (the
  token and the page in one `get_many`), before the session, the user or the database are touched:
  it runs no SQL query;
- **fragments** (`remember`): what every page needs and rarely changes: the site of a host name, a
  page address's route, the menu and footer entries, the contact settings, the page-view
  restrictions, the translations of a page, ancestors for the breadcrumbs, a program's facts, an
  article index's articles with their tags, and the rendered content of a page (`{% remembered %}`
  in the page templates). An uncached page view then costs a handful of queries
  (tests/content/test_query_budget.py).

A CDN in front (``Cache-Control: s-maxage``) is purged through `wagtail.contrib.frontend_cache` when
``WAGTAILFRONTENDCACHE`` is configured (README, "Environment variables"): every bump purges the
live pages' addresses.

The cache may fail (Redis down): then every lookup is a miss and nothing is stored; pages are
rendered as if there were no cache, never an error.
"""

from __future__ import annotations

import contextlib
import contextvars
import gzip
import hashlib
import logging
import pickle
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "sitecache:generation"
#: The request being answered (set by PageCacheMiddleware), for code that has no request at hand.
_current_request = contextvars.ContextVar("sitecache_request", default=None)
#: Fragments this process has already read, as pickles (every use gets its own copy), for the current
#: generation only. The generation itself is read from the shared cache once per request, so a
#: process never serves a fragment of a generation that another process has replaced.
_LOCAL: dict[str, bytes] = {}
_LOCAL_LIMIT = 5000
_local_generation = [None]
#: A stand-in for "the builder returned None", so that None can be remembered too.
_NONE = ("sitecache:none",)
_MISSING = object()


# --- The generation token ----------------------------------------------------------------------


def _cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600) or 0)


def current_generation(request=None, known=None) -> str | None:
    """The token everything is kept under; read once per request. None when the cache fails."""
    request = request if request is not None else _current_request.get()
    if request is not None and hasattr(request, "_sitecache_generation"):
        return request._sitecache_generation
    try:
        token = known or cache.get(GENERATION_KEY)
        if token is None:
            token = uuid.uuid4().hex
            # Another process may have set one meanwhile: theirs wins.
            if not cache.add(GENERATION_KEY, token, None):
                token = cache.get(GENERATION_KEY) or token
    except Exception:  # noqa: BLE001 - a cache outage makes every lookup a miss, never an error
        logger.warning("The cache cannot be reached; pages are rendered uncached.", exc_info=True)
        token = None
    if request is not None:
        request._sitecache_generation = token
    if token != _local_generation[0]:
        _LOCAL.clear()
        _local_generation[0] = token
    return token


def _key(generation, name) -> str:
    """The cache key of a fragment; long names (an address can be long) are hashed."""
    if len(name) > 180:
        name = "sha256:" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()
    return f"sitecache:{generation}:{name}"


def _local_get(key):
    data = _LOCAL.get(key)
    return _MISSING if data is None else pickle.loads(data)  # noqa: S301 - our own pickles


def _local_set(key, value):
    if len(_LOCAL) >= _LOCAL_LIMIT:
        _LOCAL.clear()
    # Not picklable: then it is kept in the shared cache only.
    with contextlib.suppress(Exception):
        _LOCAL[key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _shared_get(key):
    """A fragment from this process's copy, else from the shared cache (then copied here)."""
    value = _local_get(key)
    if value is _MISSING:
        value = cache.get(key, _MISSING)
        if value is not _MISSING:
            _local_set(key, value)
    return value


def _shared_set(key, value, timeout):
    cache.set(key, value, timeout)
    _local_set(key, value)


def _set_new_generation():
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001
        logger.warning("The page cache could not be cleared (the cache cannot be reached).", exc_info=True)


def bump(reason: str = "") -> None:
    """Forget every cached page and fragment: now, and again when the transaction commits."""
    logger.debug("Site cache cleared: %s", reason)
    _set_new_generation()
    transaction.on_commit(_set_new_generation)
    transaction.on_commit(_purge_frontend_cache)


def remember(request, name: str, builder, timeout: int | None = None):
    """`builder()`, kept in the cache under the current generation (and for the rest of the request).

    `name` must say everything the value depends on (site, locale, page...)."""
    memo = _request_memo(request)
    if name in memo:
        return memo[name]
    generation = current_generation(request)
    value = _MISSING
    key = _key(generation, name)
    if generation is not None:
        try:
            stored = _shared_get(key)
            if stored is not _MISSING:
                value = None if stored == _NONE else stored
        except Exception:  # noqa: BLE001
            logger.warning("Cache read failed for %s.", name, exc_info=True)
    if value is _MISSING:
        value = builder()
        if generation is not None:
            try:
                _shared_set(key, _NONE if value is None else value, timeout or _cache_seconds() or 600)
            except Exception:  # noqa: BLE001
                logger.warning("Cache write failed for %s.", name, exc_info=True)
    memo[name] = value
    return value


def remember_many(request, prefix: str, keys, build_missing):
    """{key: value} for `keys`, kept like `remember` under `prefix:key`; `build_missing(keys)` builds
    the ones the cache does not have, as a dict, in one go. One cache round trip when all are kept."""
    keys = list(keys)
    generation = current_generation(request)
    found = {}
    if generation is not None and keys:
        for key in keys:
            value = _local_get(_key(generation, f"{prefix}:{key}"))
            if value is not _MISSING:
                found[key] = value
    wanted = [key for key in keys if key not in found]
    if generation is not None and wanted:
        try:
            stored = cache.get_many([_key(generation, f"{prefix}:{key}") for key in wanted])
        except Exception:  # noqa: BLE001
            stored = {}
        for key in wanted:
            name = _key(generation, f"{prefix}:{key}")
            if name in stored:
                found[key] = stored[name]
                _local_set(name, stored[name])
    missing = [key for key in keys if key not in found]
    if missing:
        built = build_missing(missing)
        found.update(built)
        if generation is not None and built:
            try:
                entries = {_key(generation, f"{prefix}:{key}"): value for key, value in built.items()}
                cache.set_many(entries, _cache_seconds() or 600)
                for name, value in entries.items():
                    _local_set(name, value)
            except Exception:  # noqa: BLE001
                logger.warning("Cache write failed for %s.", prefix, exc_info=True)
    return found


def locale_for(request, language_code: str):
    """The Locale of a language code (Wagtail looks it up with a query each time), kept in the cache."""
    from wagtail.models import Locale

    return remember(request, f"locale:{language_code}", lambda: Locale.objects.get_for_language(language_code))


def recall(request, name: str):
    """What `keep` stored under `name` for the current generation, or None."""
    generation = current_generation(request)
    if generation is None:
        return None
    try:
        value = _shared_get(_key(generation, name))
    except Exception:  # noqa: BLE001
        return None
    return None if value is _MISSING else value


def keep(request, name: str, value, timeout: int | None = None) -> None:
    """Store `value` under `name` for the current generation (see `recall`)."""
    generation = current_generation(request)
    if generation is None:
        return
    try:
        _shared_set(_key(generation, name), value, timeout or _cache_seconds() or 600)
    except Exception:  # noqa: BLE001
        logger.warning("Cache write failed for %s.", name, exc_info=True)


def _request_memo(request) -> dict:
    request = request if request is not None else _current_request.get()
    if request is None:
        return {}
    memo = getattr(request, "_sitecache_memo", None)
    if memo is None:
        memo = request._sitecache_memo = {}
    return memo


# --- Page-view restrictions, cached --------------------------------------------------------------


def view_restrictions(request=None) -> list:
    """Every PageViewRestriction of the site (usually none), kept like the other fragments."""
    from wagtail.models import PageViewRestriction

    return remember(
        request, "view-restrictions", lambda: list(PageViewRestriction.objects.select_related("page").all())
    )


def public(queryset, request=None):
    """`queryset.public()` without its query when no page has a view restriction (the usual case)."""
    return queryset.public() if view_restrictions(request) else queryset


class CachedViewRestrictionsMixin:
    """For page models: Wagtail checks a page's view restrictions (two queries) on every view; when
    the site has none at all, which the cached list says without a query, there is nothing to check.
    With any restriction, Wagtail's own check runs unchanged."""

    def get_view_restrictions(self):
        if not view_restrictions():
            from wagtail.models import PageViewRestriction

            return PageViewRestriction.objects.none()  # an empty queryset runs no query
        return super().get_view_restrictions()


# --- Frontend cache (CDN) --------------------------------------------------------------------------


def _purge_frontend_cache():
    """Purge the live pages' addresses from the CDN, when `WAGTAILFRONTENDCACHE` is configured."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        from wagtail.contrib.frontend_cache.utils import PurgeBatch
        from wagtail.models import Page

        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().filter(depth__gt=1))
        batch.purge()
    except Exception:  # noqa: BLE001 - the CDN's TTL (s-maxage) still bounds what is stale
        logger.warning("The frontend cache could not be purged.", exc_info=True)


# --- The page cache --------------------------------------------------------------------------------


def _page_cache_enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_ENABLED", True)) and _cache_seconds() > 0


def _skipped_path(path: str) -> bool:
    prefixes = getattr(settings, "PAGE_CACHE_SKIP_PREFIXES", ("/admin/", "/documents/", "/api/", "/_util/"))
    static_prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
    return path.startswith(tuple(prefixes) + static_prefixes) or "/_util/" in path


def request_may_use_cache(request) -> bool:
    """Anonymous, cookie-less (no session, no messages) GET of a public address: may be answered
    from the cache, and its answer may be kept. Signed-in editors always have a session cookie, and
    so do Wagtail's previews (which copy the editor's cookies): they never reach the cache."""
    if request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not _skipped_path(request.path_info)


def page_cache_key(request) -> str:
    """Everything a cached page may vary by: scheme, host, path, query string and language."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    parts = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            language,
        ]
    )
    return "pagecache:" + hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()


def _view_is_cacheable(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name not in getattr(settings, "PAGE_CACHE_VIEWS", ()):
        return False
    route = getattr(request, "_wagtail_route_for_request", None)
    if match.url_name == "wagtail_serve":
        if not route:
            return False
        page = route[0]
        label = page._meta.label
        return label not in getattr(settings, "PAGE_CACHE_EXCLUDED_PAGE_TYPES", ())
    return True


_PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache", "max-age=0")


def response_is_cacheable(request, response) -> bool:
    """A page that is the same for every anonymous visitor: 200, no cookie set, no CSRF token in
    it, not marked private by its view, not a preview, and a page type or view that may be kept."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if getattr(request, "is_preview", False):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(directive in control for directive in _PRIVATE_DIRECTIVES):
        return False
    return _view_is_cacheable(request)


def public_cache_control(response):
    patch_cache_control(
        response,
        public=True,
        max_age=int(getattr(settings, "PAGE_CACHE_BROWSER_MAX_AGE", 0)),
        s_maxage=int(getattr(settings, "PAGE_CACHE_SHARED_MAX_AGE", 300)),
    )


def compress(content: bytes) -> bytes:
    # mtime=0: the same page compresses to the same bytes (a stable ETag at a CDN).
    return gzip.compress(content, compresslevel=6, mtime=0)


def accepts_gzip(request) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


#: Headers that are not stored with a page: the body's length and encoding are set per answer.
_NOT_STORED = {"content-length", "content-encoding", "set-cookie"}


class PageCacheMiddleware:
    """Whole pages for anonymous visitors (see the module's docstring).

    Placed right after WhiteNoise (static files never get here) and before the session, CSRF and
    authentication middleware, so a hit answers before anything could touch the database. What
    comes back is what the inner middleware made of the page (X-Frame-Options etc.); the outer
    ones (security headers, Content-Security-Policy, Permissions-Policy) run on every answer.

    Cacheable pages get ``Cache-Control: public, max-age=PAGE_CACHE_BROWSER_MAX_AGE,
    s-maxage=PAGE_CACHE_SHARED_MAX_AGE``; every other answer that says nothing of its own gets
    ``private, no-store``. Pages are kept compressed and plain: a hit sends the gzip body to
    clients that accept it (compression is safe here: these pages hold no secret, see
    `core.compression`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self._respond(request)
        finally:
            _current_request.reset(token)

    def _respond(self, request):
        usable = _page_cache_enabled() and request_may_use_cache(request)
        key = None
        if usable:
            try:
                key = page_cache_key(request)
                hit = self._lookup(request, key)
            except Exception:  # noqa: BLE001 - a bad Host header or a cache outage: no cache
                hit, key = None, None
            if hit is not None:
                return self._answer(request, hit, "hit")
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            public_cache_control(response)
            if usable and key is not None:
                entry = self._store(request, key, response)
                if entry is not None:
                    return self._answer(request, entry, "miss")
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def _lookup(request, key):
        found = cache.get_many([GENERATION_KEY, key])
        entry = found.get(key)
        generation = found.get(GENERATION_KEY)
        if generation is not None:
            current_generation(request, known=generation)
        if entry is None or generation is None or entry.get("generation") != generation:
            return None
        return entry

    @staticmethod
    def _store(request, key, response):
        generation = current_generation(request)
        if generation is None:
            return None
        body = response.content
        entry = {
            "generation": generation,
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() not in _NOT_STORED],
            "body": body,
            "gzip": compress(body),
        }
        try:
            cache.set(key, entry, _cache_seconds())
        except Exception:  # noqa: BLE001
            logger.warning("A page could not be stored in the cache.", exc_info=True)
        return entry

    @staticmethod
    def _answer(request, entry, state):
        from django.http import HttpResponse

        gzipped = accepts_gzip(request)
        body = entry["gzip"] if gzipped else entry["body"]
        response = HttpResponse(body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        if gzipped:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        response["Content-Length"] = str(len(body))
        response["X-Page-Cache"] = state
        return response


# --- Invalidation ----------------------------------------------------------------------------------

#: Fields that a draft save of a page writes; a save of only these changes nothing visitors see.
_DRAFT_FIELDS = {
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
}


def _page_saved(sender, instance, update_fields=None, **kwargs):
    if not getattr(instance, "live", False):
        return
    if update_fields is not None and set(update_fields) <= _DRAFT_FIELDS:
        return
    bump(f"page {instance.pk} saved")


def _changed(reason):
    def handler(sender, instance=None, **kwargs):
        bump(f"{reason} {getattr(instance, 'pk', '')}")

    return handler


def _settings_saved(sender, instance=None, created=False, **kwargs):
    # A settings row is created with its defaults the first time a page reads it (Wagtail's
    # `load()`/`for_site()` get_or_create): the page already shows those defaults, so creating it
    # changes nothing a visitor sees. Clearing the cache then would make that page's own first
    # render undo its cache entry. The admin's settings form saves an existing row (created=False).
    if not created:
        bump(f"settings saved {getattr(instance, 'pk', '')}")


_HANDLERS = {}


def connect(signal, model, reason):
    """Clear the site cache whenever `signal` is sent for `model` (used by other apps too)."""
    handler = _HANDLERS.setdefault(reason, _changed(reason))
    signal.connect(handler, sender=model, dispatch_uid=f"sitecache:{reason}:{model._meta.label}:{id(signal)}")


def connect_signals():
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    from .models import (
        ContactSettings,
        Footer,
        FooterLink,
        NavigationItem,
        NavigationMenu,
        RetentionSettings,
        YouthTeamGuidance,
    )

    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in page_models:
        connect(page_published, model, "page published")
        connect(page_unpublished, model, "page unpublished")
        connect(post_delete, model, "page deleted")
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"sitecache:page saved:{model._meta.label}")
    post_page_move.connect(_changed("page moved"), dispatch_uid="sitecache:page moved")
    for model in (NavigationMenu, Footer):
        # A live menu or footer saved whole (publishing does that, so do scripts); drafts are not.
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"sitecache:furniture saved:{model._meta.label}")
        connect(published, model, "furniture published")
        connect(unpublished, model, "furniture unpublished")
        connect(post_delete, model, "furniture deleted")
    # The links of a menu or footer are saved when it is published (or by a script).
    # The retention periods are printed on the privacy page; the CJG guidance beside the answers.
    for model in (ContactSettings, RetentionSettings):
        post_save.connect(_settings_saved, sender=model, dispatch_uid=f"sitecache:settings saved:{model._meta.label}")
        connect(post_delete, model, "settings deleted")
    for model in (YouthTeamGuidance, Site, Locale, PageViewRestriction, NavigationItem, FooterLink):
        connect(post_save, model, "settings saved")
        connect(post_delete, model, "settings deleted")
    # Pages show images (alt text, focal point) and link documents (titles): an edit shows at once.
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    for model in (get_image_model(), get_document_model()):
        connect(post_save, model, "media saved")
        connect(post_delete, model, "media deleted")
