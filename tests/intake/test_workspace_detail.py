"""A sign-up's detail view: decrypted answers (each view recorded), status steps, assignment, notes,
timeline and history; every action scoped, CSRF-protected and refusing garbage without a 500."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from wagtail import hooks

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.models import Intake
from intake.workspace import workflow
from intake.workspace.models import Note

from . import workspace_fixtures
from .workspace_fixtures import assign_url, csrf_client, detail, history, note_url, refused, signed_in, status_url

world = workspace_fixtures.world

pytestmark = pytest.mark.django_db


def posted(client, url, data):
    """POST, and the messages the next page would show."""
    response = client.post(url, data)
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    if response.status_code == 302:
        client.get(response["Location"])  # shows (and so uses up) the messages
    return response, shown


def refresh(intake):
    return Intake.objects.defer("personal").get(pk=intake.pk)


# --- Reading -------------------------------------------------------------------------------------


def test_the_handler_reads_the_answers_and_the_view_is_recorded(world):
    intake = world["Lekstroom"]
    html = signed_in(world["lekstroom"]).get(detail(intake)).content.decode()
    assert "Sanne de Vries" in html and "sanne@example.nl" in html
    viewed = IntakeLogEntry.objects.filter(intake_id=intake.pk, action=audit.VIEWED)
    assert [(entry.user, entry.label) for entry in viewed] == [(world["lekstroom"], intake.reference)]
    response = signed_in(world["coordinator"]).get(detail(intake))
    assert response.status_code == 200
    assert viewed.all().count() == 2


@pytest.mark.parametrize("who", ["utrecht", "editor"])
def test_others_get_nothing_from_any_url(world, who):
    intake = world["Lekstroom"]
    client = signed_in(world[who])
    for url in [detail(intake), history(intake), f"/admin/intake/signups/history-results/{intake.pk}/"]:
        response = client.get(url)
        assert refused(response), url
        assert intake.reference not in response.content.decode()
    for url, data in [
        (status_url(intake), {"status": "contacted"}),
        (assign_url(intake), {"assignee": world[who].pk}),
        (note_url(intake), {"text": "Binnengedrongen"}),
    ]:
        assert refused(client.post(url, data)), url
    intake = refresh(intake)
    assert (intake.status, intake.assigned_to_id) == ("new", None)
    assert not Note.objects.exists()
    assert not IntakeLogEntry.objects.filter(action=audit.VIEWED).exists()


def test_generic_add_edit_delete_copy_and_usage_stay_closed(world, admin_client):
    intake = world["Lekstroom"]
    for client in (admin_client, signed_in(world["lekstroom"])):
        for url in ["new/", f"edit/{intake.pk}/", f"delete/{intake.pk}/", f"copy/{intake.pk}/"]:
            response = client.get("/admin/intake/signups/" + url)
            assert refused(response), url
        assert refused(client.post(f"/admin/intake/signups/delete/{intake.pk}/"))
    assert Intake.objects.filter(pk=intake.pk).exists()


def test_non_numeric_and_unknown_ids_are_not_found(world):
    client = signed_in(world["lekstroom"])
    for url in ["inspect/abc/", "inspect/99999/", "status/abc/", "assign/1e3/", "note/-1/", "history/%00/"]:
        assert client.get("/admin/intake/signups/" + url).status_code == 404, url
    assert client.post("/admin/intake/signups/status/99999/", {"status": "contacted"}).status_code == 404


def test_the_action_urls_take_only_posts(world):
    client = signed_in(world["lekstroom"])
    assert client.get(status_url(world["Lekstroom"])).status_code == 405


# --- Status ------------------------------------------------------------------------------------


def test_the_next_steps_are_buttons_and_move_the_sign_up(world):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    html = client.get(detail(intake)).content.decode()
    assert 'data-status-step="contacted"' in html
    assert 'data-status-step="matched"' not in html
    response, shown = posted(client, status_url(intake), {"status": "contacted"})
    assert response.status_code == 302 and response["Location"] == detail(intake)
    assert refresh(intake).status == "contacted"
    assert refresh(intake).last_contact_at is not None
    assert len(shown) == 1
    for step in ("screening", "matching"):
        client.post(status_url(intake), {"status": step})
    assert refresh(intake).statuses_reached[-3:] == ["contacted", "screening", "matching"]


def test_an_illegal_jump_is_refused_with_a_message_and_changes_nothing(world):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    response, shown = posted(client, status_url(intake), {"status": "matched"})
    assert response.status_code == 302
    assert refresh(intake).status == "new"
    assert shown == ["Een aanmelding wordt “gekoppeld” door een koppeling met een meeleefgezin te maken."]
    _response, shown = posted(client, status_url(intake), {"status": "screening"})
    assert refresh(intake).status == "new"
    assert "kan niet van “Nieuw” naar “Screening”" in shown[0]
    assert not IntakeLogEntry.objects.filter(action=audit.STATUS_CHANGED).exists()
    # The message is on the page the browser lands on.
    client.post(status_url(intake), {"status": "matched"})
    assert "koppeling met een meeleefgezin" in client.get(detail(intake)).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"status": "banana"},
        {"status": "<script>alert(1)</script>"},
        {"status": ["contacted", "closed"], "reason": "x" * 10000},
        {"status": "closed"},
        {"status": "closed", "reason": "because"},
        {"status": "referred"},
        {"status": "referred", "program": "abc"},
        {"status": "referred", "program": "99999"},
        {"status": "referred", "program": "meeleefgezin-id"},
    ],
)
def test_garbage_is_refused_with_a_message(world, data):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    if data.get("program") == "meeleefgezin-id":
        data = {**data, "program": world["programs"]["meeleefgezin"].pk}
    response, shown = posted(client, status_url(intake), data)
    assert response.status_code == 302
    assert len(shown) == 1 and shown[0]
    assert refresh(intake).status == "new"


def test_closing_needs_a_reason_from_the_list(world):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    html = client.get(detail(intake)).content.decode()
    assert 'name="reason"' in html and 'value="no_contact"' in html
    _response, shown = posted(client, status_url(intake), {"status": "closed"})
    assert shown == ["Kies waarom deze aanmelding wordt afgesloten."]
    client.post(status_url(intake), {"status": "closed", "reason": "no_contact"})
    intake = refresh(intake)
    assert (intake.status, intake.closed_reason) == ("closed", "no_contact")


def test_referring_needs_another_program_of_the_collective(world):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    home_start = world["programs"]["home-start"]
    html = client.get(detail(intake)).content.decode()
    select = html.split('name="program"')[1].split("</select>")[0]
    assert f'<option value="{home_start.pk}">Home-Start</option>' in select
    assert "MeeleefGezin" not in select
    _response, shown = posted(client, status_url(intake), {"status": "referred"})
    assert shown == ["Kies het programma waarnaar deze aanmelding wordt doorverwezen."]
    client.post(status_url(intake), {"status": "referred", "program": home_start.pk})
    intake = refresh(intake)
    assert (intake.status, intake.referred_to) == ("referred", home_start)


def test_posts_need_the_csrf_token(world):
    intake = world["Lekstroom"]
    client = csrf_client(world["lekstroom"])
    for url, data in [
        (status_url(intake), {"status": "contacted"}),
        (assign_url(intake), {"assignee": world["lekstroom"].pk}),
        (note_url(intake), {"text": "Gebeld"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    intake = refresh(intake)
    assert (intake.status, intake.assigned_to_id) == ("new", None)
    assert not Note.objects.exists()
    # With the token from the page, the same post works.
    html = client.get(detail(intake)).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    client.post(status_url(intake), {"status": "contacted", "csrfmiddlewaretoken": token})
    assert refresh(intake).status == "contacted"


# --- Assignment --------------------------------------------------------------------------------


def test_assignment_only_to_people_who_may_open_the_sign_up(world):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    html = client.get(detail(intake)).content.decode()
    assert "Luuk" in html and "Ugo" not in html
    _response, shown = posted(client, assign_url(intake), {"assignee": world["lekstroom2"].pk})
    assert shown == ["Deze aanmelding is nu toegewezen aan Luuk."]
    assert refresh(intake).assigned_to == world["lekstroom2"]
    for garbage in [world["utrecht"].pk, world["editor"].pk, 99999, "abc", "1 OR 1=1", "9" * 40]:
        _response, shown = posted(client, assign_url(intake), {"assignee": garbage})
        assert shown == ["Deze aanmelding kan alleen worden toegewezen aan iemand die haar mag openen."], garbage
        assert refresh(intake).assigned_to == world["lekstroom2"]
    client.post(assign_url(intake), {"assignee": ""})
    assert refresh(intake).assigned_to is None
    entries = IntakeLogEntry.objects.filter(intake_id=intake.pk, action=audit.ASSIGNED).order_by("pk")
    assert [entry.data["assignee"] for entry in entries] == [world["lekstroom2"].pk, None]


# --- Notes -------------------------------------------------------------------------------------


def test_notes_are_encrypted_and_shown_with_author_and_time(world):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    client.post(note_url(intake), {"text": "Sanne gebeld: belt dinsdag terug."})
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM intake_note")
        stored = [str(row[0]) for row in cursor.fetchall()]
    assert len(stored) == 1
    assert "Sanne" not in stored[0] and "dinsdag" not in stored[0]
    html = client.get(detail(intake)).content.decode()
    assert "Sanne gebeld: belt dinsdag terug." in html
    assert "Lotte Lek" in html
    assert refresh(intake).last_contact_at is not None


def test_a_note_is_escaped(world):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    client.post(note_url(intake), {"text": "<script>alert(1)</script>"})
    html = client.get(detail(intake)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("text", ["", "   ", "x" * (workflow.MAX_NOTE_LENGTH + 1)])
def test_empty_or_too_long_notes_are_refused(world, text):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    _response, shown = posted(client, note_url(intake), {"text": text})
    assert len(shown) == 1
    assert not Note.objects.exists()


# --- Timeline and history ------------------------------------------------------------------------


def test_the_timeline_tells_what_happened_newest_first(world):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    audit.record(intake, audit.RECEIVED, None, outcome="region")
    client.post(status_url(intake), {"status": "contacted"})
    client.post(assign_url(intake), {"assignee": world["lekstroom2"].pk})
    client.post(note_url(intake), {"text": "Eerste gesprek gehad."})
    html = client.get(detail(intake)).content.decode()
    timeline = html.split('id="intake-timeline-heading"')[1]
    expected = [
        "Antwoorden bekeken",
        "Notitie toegevoegd",
        "Toegewezen aan Luuk",
        "Status gewijzigd van “Nieuw” naar “Contact gehad”",
        "Aanmelding ontvangen",
    ]
    positions = [timeline.find(text) for text in expected]
    assert -1 not in positions, list(zip(expected, positions, strict=True))
    assert positions == sorted(positions)
    assert "Lotte Lek" in timeline


def test_wagtails_history_view_of_the_sign_up(world):
    intake, client = world["Lekstroom"], signed_in(world["lekstroom"])
    client.post(status_url(intake), {"status": "contacted"})
    response = client.get(history(intake))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Contact gehad" in html and "Lotte Lek" in html
    assert client.get(f"/admin/intake/signups/history-results/{intake.pk}/").status_code == 200


# --- Buttons from other parts of the workspace ----------------------------------------------------


def test_registered_detail_actions_are_shown(world):
    intake = world["Lekstroom"]
    seen = []

    def buttons(request, signup):
        seen.append((request.user, signup.pk))
        return [
            {"label": "Koppelen <b>", "url": "/admin/koppelen/", "classname": "button-secondary"},
            {"label": "no url"},
            "not a dict",
        ]

    def nothing(request, signup):
        return None

    with (
        hooks.register_temporarily("register_signup_detail_actions", buttons),
        hooks.register_temporarily("register_signup_detail_actions", nothing),
    ):
        html = signed_in(world["lekstroom"]).get(detail(intake)).content.decode()
    assert '<a href="/admin/koppelen/" class="button button-secondary">Koppelen &lt;b&gt;</a>' in html
    assert "no url" not in html
    assert seen == [(world["lekstroom"], intake.pk)]
