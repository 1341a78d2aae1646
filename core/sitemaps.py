"""A sitemap of every live, public page in every language, with hreflang alternates.

Wagtail's own sitemap walks only the tree below the default site's root page, which is the Dutch
home page; the English pages live under the English home page beside it, so they would be missing.
"""

from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().select_related("locale").order_by("locale__language_code", "path")

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        by_key = defaultdict(list)
        for item in self.items():
            by_key[item.translation_key].append(item)
        urls = []
        last_mods = set()
        for item in pages:
            location = item.get_full_url(self.request)
            if not location:
                continue
            lastmod = item.last_published_at or item.latest_revision_created_at
            alternates = []
            translations = by_key.get(item.translation_key, [])
            if len(translations) > 1:
                for translation in translations:
                    url = translation.get_full_url(self.request)
                    if url:
                        alternates.append({"lang_code": translation.locale.language_code, "location": url})
            urls.append({"item": item, "location": location, "lastmod": lastmod, "alternates": alternates})
            last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
