"""`make run` runs `load_demo_content` on every start: a second run over a built demo must work and
change nothing (it once failed on the CJG guidance, a translatable snippet that is no ClusterableModel)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from core.models import YouthTeamGuidance
from intake.audit.models import IntakeLogEntry
from intake.records.models import Intake
from intake.workspace.models import Match, Note, YearTarget

pytestmark = pytest.mark.django_db

MODELS = [
    Page,
    Revision,
    TranslationSource,
    Translation,
    StringTranslation,
    YouthTeamGuidance,
    Intake,
    IntakeLogEntry,
    Note,
    Match,
    YearTarget,
    get_user_model(),
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_the_demo_again_works_and_changes_nothing(demo_site):
    before = counts()
    guidance = {(g.locale.language_code, g.text) for g in YouthTeamGuidance.objects.select_related("locale")}
    assert {code for code, _text in guidance} == {"nl", "en"}

    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)

    assert counts() == before
    after = {(g.locale.language_code, g.text) for g in YouthTeamGuidance.objects.select_related("locale")}
    assert after == guidance
