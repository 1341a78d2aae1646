"""Index each saved object once, at the end, instead of after every save.

Building a page saves it several times (create, revision, publish, translation), and each save
normally queues a search-index and a reference-index update. While the demo is built both are
paused; afterwards every object that was saved is indexed once, by calling the same Wagtail tasks
directly, so the demo is searchable as soon as the command ends (no worker needed for it).
"""

from contextlib import contextmanager

from django.conf import settings
from django.db.models.signals import post_save
from django.test.utils import override_settings
from modelsearch.conf import get_app_config
from modelsearch.index import class_is_indexed
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

DISPATCH_UID = "demo.content.deferred_indexing"


def _search_backends_without_auto_update():
    name = get_app_config().backend_setting_name
    backends = getattr(settings, name, None) or {"default": {"BACKEND": "modelsearch.backends.database"}}
    return {name: {alias: {**config, "AUTO_UPDATE": False} for alias, config in backends.items()}}


def _index(saved):
    for model, pks in saved.items():
        tracked = model in ReferenceIndex.tracked_models
        searched = class_is_indexed(model)
        if not (tracked or searched):
            continue
        for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True):
            args = (model._meta.app_label, model._meta.model_name, str(pk))
            if tracked:
                update_reference_index_task.call(*args)
            if searched:
                insert_or_update_object_task.call(*args)


@contextmanager
def deferred_indexing():
    saved = {}  # model -> set of primary keys

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved.setdefault(sender, set()).add(instance.pk)

    post_save.connect(remember, weak=False, dispatch_uid=DISPATCH_UID)
    try:
        with override_settings(**_search_backends_without_auto_update()), disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid=DISPATCH_UID)
    _index(saved)
