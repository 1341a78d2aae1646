from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectiveConfig(AppConfig):
    name = "collective"
    verbose_name = _("Collective")

    def ready(self):
        from wagtail_localize.fields import get_translatable_fields

        from .models import ArticlePage

        # Tags are words in one language. They are translated as one text, "ouders, opvang"
        # (core/tags.py: a "Tags" field in the translation editor); the tagged-item rows themselves
        # are not copied over the translation's own on every sync.
        ArticlePage.translatable_fields = [
            field for field in get_translatable_fields(ArticlePage) if field.field_name != "tagged_items"
        ]
