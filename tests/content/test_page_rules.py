"""Where each page type may be created: editors cannot build a tree the templates don't expect."""

import pytest
from wagtail.models import Page

from collective.models import (
    ArticleIndexPage,
    ArticlePage,
    AudiencePage,
    CollectivePage,
    ContentPage,
    HowItWorksPage,
)
from home.models import HomePage
from intake.models import FindSupportPage, IntakeFormPage
from programs.models import ProgramPage

from .helpers import dutch_home, live_dutch_page_of_type

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_home_page_only_directly_under_the_root():
    root = Page.get_first_root_node()
    home = dutch_home()
    assert HomePage in root.specific_class.allowed_subpage_models()
    assert not HomePage.can_create_at(home)
    assert not HomePage.can_create_at(live_dutch_page_of_type(CollectivePage))


def test_program_pages_only_under_the_collective_page():
    collective = live_dutch_page_of_type(CollectivePage)
    assert ProgramPage.can_create_at(collective)
    assert not ProgramPage.can_create_at(dutch_home())
    assert not ProgramPage.can_create_at(live_dutch_page_of_type(AudiencePage))
    assert ProgramPage.allowed_subpage_models() == []


def test_sign_up_pages_only_under_the_home_page_or_an_audience_page():
    assert IntakeFormPage.can_create_at(live_dutch_page_of_type(AudiencePage))
    assert IntakeFormPage in HomePage.allowed_subpage_models()
    assert not IntakeFormPage.can_create_at(live_dutch_page_of_type(CollectivePage))
    assert not IntakeFormPage.can_create_at(live_dutch_page_of_type(ArticleIndexPage))


def test_articles_only_under_the_article_index():
    index = live_dutch_page_of_type(ArticleIndexPage)
    assert ArticlePage.can_create_at(index)
    assert not ArticlePage.can_create_at(dutch_home())
    assert ArticleIndexPage.allowed_subpage_models() == [ArticlePage]


def test_one_of_each_singleton_per_home_page():
    home = dutch_home()
    # The demo already has a collective page, an article index and a find-support page.
    assert not CollectivePage.can_create_at(home)
    assert not ArticleIndexPage.can_create_at(home)
    assert not FindSupportPage.can_create_at(home)
    # Pages editors add freely.
    assert ContentPage.can_create_at(home)
    assert AudiencePage.can_create_at(home)
    assert HowItWorksPage.can_create_at(home)
