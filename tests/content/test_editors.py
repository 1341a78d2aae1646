"""Journey 9 as an account in the Editors group: translations that never drift apart silently,
program facts changed through a reviewed step, and nothing of the intake."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from collective.models import ArticleIndexPage, ArticlePage, ContentPage
from core.models import Footer
from core.roles import EDITORS_GROUP
from core.translation_state import SOURCE_CHANGED, TO_PUBLISH, TO_TRANSLATE, UP_TO_DATE, translation_states
from home.models import HomePage
from intake.records.models import Intake, Status
from programs.models import Program
from tests.factories import IntakeFactory

from .helpers import locale, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.fixture
def editor(client):
    """The demo's `editor` account (Editors group, no superuser, no second factor)."""
    user = get_user_model().objects.get(username="editor")
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    client.force_login(user)
    return client


def _homes():
    return HomePage.objects.get(locale__language_code="nl"), HomePage.objects.get(locale__language_code="en")


def _publish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _codes(obj):
    return [state.code for state in translation_states(obj)]


def _states_in(response):
    return re.findall(r'data-translation-state="(\w+)"', response.content.decode())


def test_the_editors_group_can_do_an_editors_job_and_nothing_of_the_intake():
    group = Group.objects.get(name=EDITORS_GROUP)
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    for expected in [
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        ("core", "publish_navigationmenu"),
        ("core", "publish_footer"),
        ("core", "change_contactsettings"),
        ("programs", "change_program"),
    ]:
        assert expected in codenames
    assert not any(app == "intake" for app, _codename in codenames)
    assert ("programs", "assign_coordinators") not in codenames
    root_permissions = set(group.page_permissions.filter(page__depth=1).values_list("permission__codename", flat=True))
    assert {"add_page", "change_page", "publish_page"} <= root_permissions


def test_a_dutch_change_marks_english_out_of_date_everywhere_and_the_update_action_clears_it(
    editor, django_capture_on_commit_callbacks
):
    dutch, english = _homes()
    assert _codes(dutch) == [UP_TO_DATE]
    _publish(dutch, matches_made=dutch.matches_made + 17)
    assert _codes(dutch) == [SOURCE_CHANGED]
    assert _codes(english) == [SOURCE_CHANGED]

    # The page list (the two home pages are below the root), the editor of both, the report.
    listing = editor.get(reverse("wagtailadmin_explore", args=[dutch.get_parent().pk]))
    assert SOURCE_CHANGED in _states_in(listing)
    dutch_editor = editor.get(reverse("wagtailadmin_pages:edit", args=[dutch.pk])).content.decode()
    assert "Engels is verouderd" in dutch_editor
    assert "Engels bijwerken" in dutch_editor
    english_editor = editor.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert "Engels is verouderd" in english_editor
    report = editor.get(reverse("wagtail_localize:translations_report"))
    assert SOURCE_CHANGED in _states_in(report)

    # The one action: update (and publish, as nothing new is left to translate).
    source = TranslationSource.objects.get_for_instance(dutch)
    update_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    form = soup(editor.get(update_url))
    assert form.select_one("input[name=publish_translations]").has_attr("checked")
    back_to = reverse("wagtailadmin_explore", args=[dutch.get_parent().pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"{update_url}?next={back_to}", {"publish_translations": "on"})
    assert response.status_code == 302
    assert response["Location"] == back_to

    english = HomePage.objects.get(pk=english.pk)
    assert english.matches_made == dutch.matches_made + 17
    assert english.live and not english.has_unpublished_changes
    assert _codes(dutch) == [UP_TO_DATE]
    assert SOURCE_CHANGED not in _states_in(editor.get(back_to))


def test_a_new_dutch_text_is_never_published_in_dutch_under_en(editor, client, django_capture_on_commit_callbacks):
    dutch, english = _homes()
    english_lead = english.lead
    _publish(dutch, lead="Een meeleefgezin is er voor je kind, en voor jou.")
    source = TranslationSource.objects.get_for_instance(dutch)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
        )
    # Straight to the translation editor of the English page, with the new text to translate.
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert _codes(dutch) == [TO_TRANSLATE]
    assert HomePage.objects.get(pk=english.pk).lead == english_lead
    assert "Een meeleefgezin is er voor je kind" not in client.get("/en/").content.decode()


def test_the_menu_and_footer_show_when_their_english_is_behind(editor, django_capture_on_commit_callbacks):
    dutch = Footer.objects.get(locale__language_code="nl")
    english = Footer.objects.get(locale__language_code="en")
    dutch.text = dutch.text + " Wij zijn er voor je."
    dutch.save_revision().publish()
    assert _codes(dutch) == [SOURCE_CHANGED]
    listing = editor.get(reverse("wagtailsnippets_core_footer:list"))
    assert SOURCE_CHANGED in _states_in(listing)
    assert "Engels is verouderd" in listing.content.decode()
    editing = editor.get(reverse("wagtailsnippets_core_footer:edit", args=[english.pk])).content.decode()
    assert "Engels is verouderd" in editing


def test_translate_this_page_makes_a_draft_until_the_translator_publishes_it(
    editor, client, django_capture_on_commit_callbacks
):
    index = ArticleIndexPage.objects.get(locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePage(
            title="Slapen bij een ander gezin",
            slug="slapen-bij-een-ander-gezin",
            date=datetime.date(2026, 11, 2),
            intro="Hoe wen je kind aan een nacht weg?",
            body=[("paragraph", RichText("<p>Neem zijn knuffel mee.</p>"))],
        )
        index.add_child(instance=article)
        article.tags.add("slapen", "wennen")
        article.save_revision().publish()
        response = editor.post(
            reverse("wagtail_localize:submit_page_translation", args=[article.pk]), {"locales": [locale("en").pk]}
        )
    assert response.status_code == 302
    english = article.get_translation(locale("en")).specific
    assert not english.live
    assert client.get("/en/knowledge/slapen-bij-een-ander-gezin/").status_code == 404
    assert _codes(article) == [TO_TRANSLATE]

    # The translation editor offers the slug and the tags as texts to translate.
    source = TranslationSource.objects.get_for_instance(article)
    segments = {
        s.context.path: s for s in StringSegment.objects.filter(source=source).select_related("string", "context")
    }
    assert segments["slug"].string.data == "slapen-bij-een-ander-gezin"
    assert segments["tags"].string.data == "slapen, wennen"
    english_text = {
        "Slapen bij een ander gezin": "Sleeping over at another family",
        "slapen-bij-een-ander-gezin": "sleeping-over-at-another-family",
        "Hoe wen je kind aan een nacht weg?": "How does your child get used to a night away?",
        "Neem zijn knuffel mee.": "Bring their cuddly toy.",
        "slapen, wennen": "sleep, settling in",
    }
    for segment in segments.values():
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale("en"),
            context=segment.context,
            data=english_text[segment.string.data],
        )
    assert _codes(article) == [TO_PUBLISH]
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"})
    english = ArticlePage.objects.get(pk=english.pk)
    assert english.live
    assert english.slug == "sleeping-over-at-another-family"
    assert sorted(english.tags.names()) == ["settling in", "sleep"]
    page = client.get("/en/knowledge/sleeping-over-at-another-family/")
    assert page.status_code == 200
    assert "Slapen" not in soup(page).find("main").get_text()
    assert _codes(article) == [UP_TO_DATE]


def _program_form(program, **changes):
    data = {
        "code": program.code,
        "name": program.name,
        "website": program.website,
        "min_age_months_years": program.min_age_months // 12,
        "min_age_months_months": "",
        "max_age_months_years": program.max_age_months // 12,
        "max_age_months_months": "" if program.max_age_months % 12 == 11 else program.max_age_months % 12,
        "setting": program.setting,
        "concerns": program.concerns,
        "sort_order": program.sort_order,
    }
    if program.allows_pregnancy:
        data["allows_pregnancy"] = "on"
    data.update(changes)
    return data


def test_a_programs_ages_change_only_after_the_confirmation_with_counts_and_no_names(editor):
    program = Program.objects.get(code="meeleefgezin")
    assert program.max_age_months == 59
    intake = IntakeFactory(program=program)
    url = reverse("wagtailsnippets_programs_program:edit", args=[program.pk])
    form = editor.get(url).content.decode()
    assert "age-in-years-and-months" in form
    assert "tot en met" in form
    assert '"fieldName": "coordinators"' not in form  # who sees sign-ups is not an editor's choice

    data = _program_form(program, max_age_months_years=5)
    confirmation = editor.post(url, data)
    assert confirmation.status_code == 200
    text = soup(confirmation).get_text(" ", strip=True)
    assert "tot en met 4 jaar (tot het kind 5 wordt)" in text
    assert "tot en met 5 jaar (tot het kind 6 wordt)" in text
    still_open = Intake.objects.filter(program=program).exclude(status=Status.CLOSED).count()
    assert f"{still_open} open aanmeldingen van MeeleefGezin" in text
    assert intake.reference not in confirmation.content.decode()
    assert Program.objects.get(pk=program.pk).max_age_months == 59  # nothing saved yet

    back = editor.post(url, {**data, "confirm_program_facts": "back"})
    assert back.status_code == 200 and Program.objects.get(pk=program.pk).max_age_months == 59

    saved = editor.post(url, {**data, "confirm_program_facts": "1", "coordinators": [editor_pk()]})
    assert saved.status_code == 302
    program.refresh_from_db()
    assert program.max_age_months == 71
    assert not program.coordinators.filter(username="editor").exists()


def editor_pk():
    return get_user_model().objects.get(username="editor").pk


def test_a_change_that_leaves_the_facts_alone_needs_no_confirmation(editor):
    program = Program.objects.get(code="steunouder")
    url = reverse("wagtailsnippets_programs_program:edit", args=[program.pk])
    response = editor.post(url, _program_form(program, website="https://steunouder.example.org/"))
    assert response.status_code == 302
    assert Program.objects.get(pk=program.pk).website == "https://steunouder.example.org/"


def _intake_admin_urls(intake_pk):
    """Every admin address the intake app registers (under /admin/intake/), ids filled in."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("admin/intake/"):
                yield "/" + re.sub(r"<(?:\w+:)?\w+>", str(intake_pk), route).replace("^", "").replace("$", "")

    return sorted(set(walk(get_resolver().url_patterns, "")))


def test_an_editor_gets_nothing_from_the_intake_admin(editor):
    intake = IntakeFactory()
    urls = _intake_admin_urls(intake.pk)
    assert "/admin/intake/signups/" in urls
    for url in urls:
        response = editor.get(url)
        if response.status_code == 405:  # an action that only takes a POST: try that
            response = editor.post(url, {"status": "contacted"})
        assert response.status_code in (302, 403, 404), url
        assert intake.reference not in response.content.decode(), url
    home = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/intake/signups/" not in home


def test_after_publishing_the_editor_stays_on_the_page(editor, django_capture_on_commit_callbacks):
    page = ContentPage.objects.get(locale__language_code="nl", slug="privacy")
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro + " Vragen? Bel ons.",
            "body": streamfield([("paragraph", rich_text("<p>Wij bewaren zo weinig mogelijk.</p>"))]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert ContentPage.objects.get(pk=page.pk).intro.endswith("Vragen? Bel ons.")


def test_ages_are_typed_in_years_and_months_and_stored_in_months():
    from programs.widgets import OLDEST, YOUNGEST, AgeInYearsAndMonthsWidget

    oldest, youngest = AgeInYearsAndMonthsWidget(OLDEST), AgeInYearsAndMonthsWidget(YOUNGEST)
    # "tot en met 4 jaar" is until the fifth birthday; "tot en met 12 jaar" is 155 months.
    assert oldest.value_from_datadict({"age_years": "4", "age_months": ""}, {}, "age") == 59
    assert oldest.value_from_datadict({"age_years": "12", "age_months": ""}, {}, "age") == 155
    assert oldest.value_from_datadict({"age_years": "1", "age_months": "5"}, {}, "age") == 17
    assert youngest.value_from_datadict({"age_years": "0", "age_months": ""}, {}, "age") == 0
    assert youngest.value_from_datadict({"age_years": "1", "age_months": "6"}, {}, "age") == 18
    assert oldest.decompress(59) == [4, None]
    assert oldest.decompress(54) == [4, 6]
    assert youngest.decompress(18) == [1, 6]
    # Not a number, or 12 months: the field refuses it with its own message.
    assert oldest.value_from_datadict({"age_years": "vier", "age_months": ""}, {}, "age") == "vier"
    assert oldest.value_from_datadict({"age_years": "4", "age_months": "12"}, {}, "age") == "-1"


def test_program_page_prose_does_not_repeat_the_ages():
    from django.core.exceptions import ValidationError

    from programs.models import ProgramPage

    page = ProgramPage.objects.filter(locale__language_code="nl", program__code="steunouder").first()
    page.audience_summary = "Kinderen van 0 tot 18 jaar uit een gezin dat ontlasting nodig heeft"
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "audience_summary" in error.value.message_dict


def test_the_comparison_reads_the_ages_from_the_facts_only(client):
    from collective.models import CollectivePage

    program = Program.objects.get(code="steunouder")
    program.max_age_months = 155
    program.save()
    page = CollectivePage.objects.get(locale__language_code="nl")
    row = next(
        row for row in soup(client.get(page.get_url())).select("tr") if "Steunouder" in row.get_text()
    ).get_text(" ", strip=True)
    assert "0 t/m 12 jaar" in row
    assert "18" not in row


# Attributes that make the browser fetch something (links to documentation are fine: nothing is
# fetched until somebody clicks them).
FETCHING = re.compile(
    r"""<(?:script|img|iframe|source|video|audio)\b[^>]*\b(?:src|srcset)=["']([^"']+)|<link\b[^>]*\bhref=["']([^"']+)""",
    re.I,
)


def test_the_admin_asks_no_other_host_for_anything(editor):
    dutch, english = _homes()
    program = Program.objects.get(code="meeleefgezin")
    footer = Footer.objects.get(locale__language_code="nl")
    source = TranslationSource.objects.get_for_instance(dutch)
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[dutch.pk]),
        reverse("wagtailadmin_pages:edit", args=[dutch.pk]),
        reverse("wagtailadmin_pages:edit", args=[english.pk]),
        reverse("wagtailsnippets_programs_program:edit", args=[program.pk]),
        reverse("wagtailsnippets_core_footer:edit", args=[footer.pk]),
        reverse("wagtail_localize:translations_report"),
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        reverse("wagtailsettings:edit", args=["core", "contactsettings", dutch.get_site().pk]),
    ]
    for url in urls:
        response = editor.get(url)
        assert response.status_code == 200, url
        fetched = [src or href for src, href in FETCHING.findall(response.content.decode())]
        outside = [address for address in fetched if re.match(r"(https?:)?//", address)]
        assert not outside, (url, outside)
