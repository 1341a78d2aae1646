from django.apps import AppConfig

# Tags are words in one language: each translation of an article keeps its own.
PER_LANGUAGE_FIELDS = {"tags", "tagged_items"}


class CollectiveConfig(AppConfig):
    name = "collective"
    verbose_name = "Collective"

    def ready(self):
        from wagtail_localize.fields import get_translatable_fields

        from .models import ArticlePage

        # wagtail-localize would copy the Dutch tags over the English ones on every sync. A new
        # translation still starts as a copy of the source (with its tags); after that, editors
        # tag each language on its own.
        ArticlePage.translatable_fields = [
            field for field in get_translatable_fields(ArticlePage) if field.field_name not in PER_LANGUAGE_FIELDS
        ]
