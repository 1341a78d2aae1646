"""The admin in Dutch for a Dutch editor: every label of the project's own models, blocks, panels,
snippets and settings has a Dutch translation (and so the English admin shows English).

A label Django or Wagtail makes up from a name ("matches made", "Heading", "Faq") or a plural made
by adding an "s" ("Voetteksts") is a plain string, never translated: the test names it. A
translatable label without a Dutch entry in the catalogue is named too.
"""

from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, PanelGroup
from wagtail.fields import StreamField

PROJECT_APPS = ["core", "programs", "collective", "home", "intake"]
# Of the intake app, the models editors and administrators label in the admin: the sign-up form pages,
# the find-support page and the regions (the sign-up workspace keeps its own catalogue and tests).
INTAKE_MODELS = {"IntakeFormPage", "FindSupportPage", "Region"}
# Never shown in the admin: taggit's through model.
NOT_SHOWN = {"ArticlePageTag"}

# Words that are the same in both languages (names, loanwords): allowed untranslated.
SAME_IN_BOTH = {"Code", "code", "Website", "website", "Tags", "tags", "Intro", "intro", "Slug", "slug"}


def _catalogue():
    return trans_real.translation("nl")._catalog


def _problem(text, where):
    """None when `text` shows in Dutch for a Dutch editor; else why not."""
    if text in (None, ""):
        return None
    if not isinstance(text, Promise):
        return None if str(text) in SAME_IN_BOTH else f"{where}: {str(text)!r} is not translatable"
    msgid = text._args[0] if getattr(text, "_args", None) else str(text)
    if not isinstance(msgid, str) or msgid in SAME_IN_BOTH:
        return None
    with translation.override("nl"):
        dutch = str(text)
    catalogue = _catalogue()
    known = msgid in catalogue or (msgid, 0) in catalogue
    if dutch == msgid and not known:
        return f"{where}: {msgid!r} has no Dutch translation"
    return None


def _block_labels(block, where):
    yield block.label, f"{where} label"
    yield getattr(block.meta, "help_text", None), f"{where} help text"
    yield getattr(block.meta, "description", None), f"{where} description"
    if isinstance(block, blocks.ChoiceBlock):
        for _value, label in block.field.choices:
            yield label, f"{where} choice"
    children = {}
    if isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
        children = block.child_blocks
    elif isinstance(block, blocks.ListBlock):
        children = {"item": block.child_block}
    for name, child in children.items():
        if child is block:
            continue
        yield from _block_labels(child, f"{where}.{name}")


def _panel_labels(panel, where):
    if isinstance(panel, PanelGroup):
        yield panel.heading, f"{where} panel heading"
        for child in panel.children:
            yield from _panel_labels(child, where)
    elif isinstance(panel, InlinePanel):
        yield panel.label, f"{where} inline panel"
    elif isinstance(panel, FieldPanel) and panel.heading:
        yield panel.heading, f"{where} panel {panel.field_name}"


def _model_labels(model):
    name = f"{model._meta.app_label}.{model.__name__}"
    yield model._meta.verbose_name, f"{name} verbose_name"
    if "verbose_name_plural" not in model._meta.original_attrs:
        yield str(model._meta.verbose_name_plural), f"{name} verbose_name_plural (made by adding an s)"
    else:
        yield model._meta.verbose_name_plural, f"{name} verbose_name_plural"
    for field in model._meta.get_fields(include_parents=False):
        if field.auto_created or not getattr(field, "editable", False) or field.model is not model:
            continue
        where = f"{name}.{field.name}"
        verbose = field.verbose_name
        if isinstance(verbose, str) and verbose == field.name.replace("_", " "):
            yield verbose, f"{where} verbose_name (made from the field name)"
        else:
            yield verbose, f"{where} verbose_name"
        yield field.help_text, f"{where} help_text"
        for _value, label in getattr(field, "flatchoices", None) or []:
            yield label, f"{where} choice"
        if isinstance(field, StreamField):
            for block_name, block in field.stream_block.child_blocks.items():
                yield from _block_labels(block, f"{where}.{block_name}")
    for attribute in ("panels", "content_panels"):
        for panel in model.__dict__.get(attribute, []):
            yield from _panel_labels(panel, name)


def _project_models():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__ in NOT_SHOWN or (label == "intake" and model.__name__ not in INTAKE_MODELS):
                continue
            yield model


def test_every_label_of_the_projects_models_has_a_dutch_translation():
    problems = []
    for label in PROJECT_APPS:
        problem = _problem(apps.get_app_config(label).verbose_name, f"app {label}")
        if problem:
            problems.append(problem)
    for model in _project_models():
        for text, where in _model_labels(model):
            problem = _problem(text, where)
            if problem:
                problems.append(problem)
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_english_admin_keeps_english_labels():
    from home.models import HomePage

    with translation.override("en"):
        assert str(HomePage._meta.get_field("matches_made").verbose_name) == "matches made so far"
    with translation.override("nl"):
        assert str(HomePage._meta.get_field("matches_made").verbose_name) != "matches made so far"
