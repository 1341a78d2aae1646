"""Template tags for the knowledge articles (also used by the home page, which does not import this app)."""

from django import template
from taggit.models import Tag

from collective.models import ArticlePage

register = template.Library()


@register.simple_tag
def article_topics(index_page, current_slug=""):
    """The tags used by the live articles under an article index, and the name of the chosen one."""
    articles = ArticlePage.objects.child_of(index_page).live().public()
    tags = list(
        Tag.objects.filter(collective_articlepagetag_items__content_object__in=articles).distinct().order_by("name")
    )
    current_name = next((tag.name for tag in tags if tag.slug == current_slug), "")
    return {"tags": tags, "current_name": current_name}


@register.simple_tag
def latest_articles(locale, limit=3):
    """The newest live articles in one language."""
    return list(
        ArticlePage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by("-date", "-first_published_at")
        .specific()[:limit]
    )
