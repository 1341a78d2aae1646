"""Template tags for the knowledge articles (also used by the home page, which does not import this app)."""

from django import template

from collective.models import ArticlePage
from core.cache import public, remember

register = template.Library()


@register.simple_tag(takes_context=True)
def article_topics(context, index_page, current_slug=""):
    """The tags used by the live articles under an article index, and the name of the chosen one."""
    found = {tag.pk: tag for article in index_page.live_articles(context.get("request")) for tag in article.tags.all()}
    tags = sorted(found.values(), key=lambda tag: (tag.name.casefold(), tag.name))
    current_name = next((tag.name for tag in tags if tag.slug == current_slug), "")
    return {"tags": tags, "current_name": current_name}


@register.simple_tag(takes_context=True)
def latest_articles(context, locale, limit=3):
    """The newest live articles in one language (ArticlePage already is the specific page)."""
    request = context.get("request")

    def newest():
        articles = public(ArticlePage.objects.live(), request)
        found = list(articles.filter(locale=locale).order_by("-date", "-first_published_at")[:limit])
        if found:  # the home page links their index: fetched once, not once per view
            index = found[0].get_parent()
            for article in found:
                if article.path[: -ArticlePage.steplen] == index.path:
                    article._cached_parent_obj = index
        return found

    return remember(request, f"latest-articles:{locale.pk}:{limit}", newest)
