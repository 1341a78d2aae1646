"""Subject access (`manage.py export_signup`, the admin's export) and erasure (`manage.py erase_signup`,
the admin's confirmation page) by reference, and who may use them."""

import datetime
import io
import json
import os
import shutil
import subprocess

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django_tasks_db.models import DBTaskResult
from wagtail import hooks

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.models import ClosureReason, Intake, Match, Note, Notification, Status
from intake.outbox.queue import queue_for
from intake.workspace.workflow import add_note, change_status, mark_matched
from tests.conftest import otp_login
from tests.factories import (
    CoordinatorFactory,
    EditorFactory,
    HandlerFactory,
    IntakeFactory,
    MunicipalityFactory,
    ProgramFactory,
    RegionFactory,
)

# Values that exist nowhere but in this one sign-up.
MARKERS = {
    "name": "Wilhelmina Zwartkruis",
    "email": "w.zwartkruis.marker@example.nl",
    "phone": "06 98765 4321",
    "postcode": "3431 QX",
    "notes": "Markeertekst: mijn dochter Hyacinth slaapt slecht",
}
NOTE_MARKER = "Notitiemarkering Koekoeksbloem: gebeld op dinsdag"


def export_url(intake):
    return f"/admin/intake/privacy/{intake.pk}/export/"


def erase_url(intake):
    return f"/admin/intake/privacy/{intake.pk}/erase/"


@pytest.fixture
def world(db):
    meeleefgezin = ProgramFactory(meeleefgezin=True)
    lekstroom = RegionFactory(program=meeleefgezin, name="Lekstroom")
    utrecht = RegionFactory(program=meeleefgezin, name="Utrecht")
    handler = HandlerFactory(username="lekstroom", first_name="Lies", regions=[lekstroom])
    other = HandlerFactory(username="utrecht", regions=[utrecht])
    town = MunicipalityFactory(name="Nieuwegein")
    personal = {**MARKERS, "concerns": ["psychiatric"], "support": "outside_home", "child_birth_date": "2024-05-20"}
    intake = IntakeFactory(region=lekstroom, municipality=town, pc4="3431", personal=personal)
    queue_for(intake)
    add_note(intake, NOTE_MARKER, user=handler)
    change_status(intake, Status.CONTACTED, user=handler)
    host = IntakeFactory(region=lekstroom, role="host_family", personal={"name": "Gastgezin Jansen"})
    Match.objects.create(parent=intake, host_family=host, region=lekstroom, started_on=datetime.date(2025, 9, 1))
    mark_matched(intake, user=handler)
    audit.record(intake, audit.VIEWED, handler)
    return {"intake": intake, "handler": handler, "other": other, "program": meeleefgezin, "region": lekstroom}


# --- Subject access --------------------------------------------------------------------------------


def test_export_signup_writes_everything_held_and_is_audited(world, tmp_path):
    intake = world["intake"]
    call_command("export_signup", intake.reference.lower(), "--output", str(tmp_path), stdout=io.StringIO())
    data = json.loads((tmp_path / f"{intake.reference}.json").read_text())
    html = (tmp_path / f"{intake.reference}.html").read_text()
    assert data["reference"] == intake.reference
    answers = {row["label"]: row["value"] for row in data["answers"]}
    assert MARKERS["name"] in answers.values() and MARKERS["email"] in answers.values()
    assert "psychiatric" not in answers.values() and "outside_home" not in answers.values()  # labels, not codes
    assert [note["text"] for note in data["notes"]] == [NOTE_MARKER]
    assert data["notes"][0]["author"]["username"] == "lekstroom"
    assert [status["code"] for status in data["statuses_reached"]] == ["contacted", "matched"]
    assert data["matches"][0]["started_on"] == "2025-09-01" and data["matches"][0]["guidance_ends_on"] == "2027-09-01"
    assert len(data["emails"]) == 2 and all(email["state"] and email["created"] for email in data["emails"])
    actions = [entry["action"] for entry in data["trail"]]
    assert audit.NOTE_ADDED in actions and audit.VIEWED in actions and audit.STATUS_CHANGED in actions
    viewed = next(entry for entry in data["trail"] if entry["action"] == audit.VIEWED)
    assert viewed["by"]["username"] == "lekstroom" and viewed["when"]
    # The export itself is in the trail (and in the export).
    assert audit.SUBJECT_ACCESS in actions
    assert IntakeLogEntry.objects.filter(intake_id=intake.pk, action=audit.SUBJECT_ACCESS).count() == 1
    for value in (MARKERS["name"], NOTE_MARKER, "Nieuwegein", "Lekstroom", intake.reference):
        assert value in html
    assert oct((tmp_path / f"{intake.reference}.json").stat().st_mode & 0o777) == "0o600"


def test_export_of_an_unknown_reference_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="No sign-up with reference"):
        call_command("export_signup", "MG-XXXX-XXXX-XXXX", "--output", str(tmp_path))


def test_admin_export_downloads_json_and_html_for_who_may_open_it(world):
    intake = world["intake"]
    client = otp_login(Client(), world["handler"])
    page = client.get(export_url(intake))
    assert page.status_code == 200 and "Downloaden als leesbare pagina" in page.content.decode()
    download = client.post(export_url(intake), {"format": "json"})
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{intake.reference}.json"'
    assert MARKERS["email"] in [row["value"] for row in json.loads(download.content)["answers"]]
    html = client.post(export_url(intake), {"format": "html"})
    assert html["Content-Type"].startswith("text/html") and NOTE_MARKER in html.content.decode()
    entries = IntakeLogEntry.objects.filter(intake_id=intake.pk, action=audit.SUBJECT_ACCESS)
    assert entries.count() == 2 and set(entries.values_list("user", flat=True)) == {world["handler"].pk}
    assert client.post(export_url(intake), {"format": "pdf"}).status_code == 400


@pytest.mark.parametrize("who", ["other_region", "editor"])
def test_export_and_erase_are_invisible_to_who_may_not_open_it(world, who):
    intake = world["intake"]
    user = world["other"] if who == "other_region" else EditorFactory()
    client = otp_login(Client(), user) if who == "other_region" else Client()
    if who == "editor":
        client.force_login(user)
    for url in (export_url(intake), erase_url(intake)):
        for response in (client.get(url), client.post(url, {"format": "json", "reason": "x"})):
            assert response.status_code in (403, 404)
            assert intake.reference not in response.content.decode()
    find = client.get("/admin/intake/privacy/", {"reference": intake.reference})
    assert intake.reference not in find.content.decode().replace(f'value="{intake.reference}"', "")
    assert Intake.objects.get(pk=intake.pk).erased_at is None
    assert not IntakeLogEntry.objects.filter(intake_id=intake.pk, action=audit.SUBJECT_ACCESS).exists()


def test_the_detail_actions_hook_offers_what_the_user_may_do(world, rf):
    intake = world["intake"]
    coordinator = CoordinatorFactory(programs=[world["program"]])

    def labels(user):
        request = rf.get("/")
        request.user = user
        offered = [a for fn in hooks.get_hooks("register_signup_detail_actions") for a in fn(request, intake) or ()]
        return [str(a["label"]) for a in offered if "/privacy/" in a["url"]]

    assert labels(world["handler"]) == ["Alles wat we bewaren exporteren"]
    assert labels(coordinator) == ["Alles wat we bewaren exporteren", "Persoonsgegevens wissen"]
    assert labels(world["other"]) == []


# --- Erasure ---------------------------------------------------------------------------------------


def test_region_handler_may_export_but_not_erase(world):
    client = otp_login(Client(), world["handler"])
    assert client.get(erase_url(world["intake"])).status_code == 403
    assert client.post(erase_url(world["intake"]), {"reason": "Verzoek"}).status_code == 403
    assert Intake.objects.get(pk=world["intake"].pk).erased_at is None


def test_admin_erasure_names_what_goes_and_needs_a_reason(world):
    intake = world["intake"]
    coordinator = CoordinatorFactory(programs=[world["program"]])
    client = otp_login(Client(), coordinator)
    page = client.get(erase_url(intake)).content.decode()
    assert "1 notitie" in page and "2 e-mails in de wachtrij" in page and "De vier cijfers van de postcode" in page
    assert MARKERS["name"] not in page  # the page names what goes, not the values
    refused = client.post(erase_url(intake), {"reason": "  "})
    assert refused.status_code == 400 and Intake.objects.get(pk=intake.pk).erased_at is None
    done = client.post(erase_url(intake), {"reason": "Gevraagd per e-mail op 3 maart"})
    assert done.status_code == 302
    intake = Intake.objects.get(pk=intake.pk)
    assert intake.erased_by == coordinator and intake.erasure_reason == "Gevraagd per e-mail op 3 maart"
    assert intake.personal == {} and intake.pc4 == "" and intake.anonymised_at is not None
    assert not Note.objects.filter(intake=intake).exists() and not Notification.objects.filter(intake=intake).exists()
    # The stats-only record stays, with its match.
    assert intake.region == world["region"] and intake.status == Status.MATCHED
    assert Match.objects.filter(parent=intake).exists()
    entry = IntakeLogEntry.objects.get(intake_id=intake.pk, action=audit.ERASED)
    assert entry.user == coordinator and entry.data["notes"] == 1
    again = client.get(erase_url(intake)).content.decode()
    assert "is gewist op" in again


def test_erase_signup_command(world):
    intake = world["intake"]
    change_status(intake, Status.MATCHING, user=None)  # open: erasure closes it (withdrawn)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("erase_signup", intake.reference, "--reason", " ", stdout=out)
    call_command("erase_signup", intake.reference, "--reason", "Verzoek per brief", stdout=out)
    intake = Intake.objects.get(pk=intake.pk)
    assert intake.erased_at and intake.erased_by is None and intake.erasure_reason == "Verzoek per brief"
    assert intake.status == Status.CLOSED and intake.closed_reason == ClosureReason.WITHDRAWN
    with pytest.raises(CommandError, match="already erased"):
        call_command("erase_signup", intake.reference, "--reason", "Nog eens", stdout=out)


def test_erasure_removes_sessions_task_rows_and_log_values(world):
    intake = world["intake"]
    session = SessionStore()
    session["intake_thanks"] = {"tok": {"reference": intake.reference}}
    session.save()
    unrelated = SessionStore()
    unrelated["something"] = "else"
    unrelated.save()
    notification = Notification.objects.filter(intake=intake).first()
    DBTaskResult.objects.create(
        args_kwargs={"args": [notification.pk], "kwargs": {}},
        task_path="intake.outbox.tasks.deliver_notification",
        backend_name="default",
        run_after=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    # A careless log entry somewhere that copied a value.
    from wagtail.models import ModelLogEntry

    from programs.models import Program

    ModelLogEntry.objects.log_action(world["program"], "wagtail.edit", data={"comment": f"Bel {MARKERS['phone']}"})
    assert Program.objects.exists()
    call_command("erase_signup", intake.reference, "--reason", "Verzoek", stdout=io.StringIO())
    assert not SessionStore().exists(session.session_key)
    assert SessionStore().exists(unrelated.session_key)
    assert not DBTaskResult.objects.exists()
    assert MARKERS["phone"] not in json.dumps(list(ModelLogEntry.objects.values_list("data", flat=True)))


@pytest.mark.django_db(transaction=True)
def test_after_erasure_a_database_dump_holds_none_of_its_values():
    """Committed, so that pg_dump (another connection) sees it; tests/conftest.py runs it after every
    test that needs the database's contents, since its flush empties the database."""
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump needs PostgreSQL (DATABASE_URL)")
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.fail("pg_dump is missing: install the Debian package postgresql-client")
    region = RegionFactory()
    personal = {**MARKERS, "concerns": ["addiction"]}
    intake = IntakeFactory(region=region, pc4="3431", personal=personal)
    add_note(intake, NOTE_MARKER, user=None)
    # What a careless copy would leave in plain text: a session and a log entry's data.
    session = SessionStore()
    session["intake_thanks"] = {"token": {"reference": intake.reference, "echo": MARKERS["email"]}}
    session.save()
    audit.record(intake, audit.VIEWED, None, remark=MARKERS["name"])

    def dump():
        settings = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
        command = [pg_dump, "--data-only", "--no-owner", "-h", settings["HOST"] or "127.0.0.1"]
        command += ["-p", str(settings["PORT"] or 5432), "-U", settings["USER"] or "postgres", settings["NAME"]]
        return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout

    before = dump()
    assert intake.reference in before and MARKERS["name"] in before  # the dump sees what the test wrote
    call_command("erase_signup", intake.reference, "--reason", "Verzoek", stdout=io.StringIO())
    after = dump()
    assert intake.reference in after  # the record that an erasure happened
    for value in [*MARKERS.values(), NOTE_MARKER]:
        assert value not in after, value


def test_privacy_requests_by_reference(world):
    intake = world["intake"]
    client = otp_login(Client(), world["handler"])
    found = client.get("/admin/intake/privacy/", {"reference": intake.reference.lower().replace("-", "- ")})
    html = found.content.decode()
    assert f"/admin/intake/privacy/{intake.pk}/export/" in html
    assert f"/admin/intake/privacy/{intake.pk}/erase/" not in html  # a region handler does not erase
    unknown = client.get("/admin/intake/privacy/", {"reference": "MG-ZZZZ-ZZZZ-ZZZZ"}).content.decode()
    assert "Er is geen aanmelding met dit kenmerk die jij mag openen." in unknown
    other = otp_login(Client(), world["other"])
    invisible = other.get("/admin/intake/privacy/", {"reference": intake.reference}).content.decode()
    assert "Er is geen aanmelding met dit kenmerk die jij mag openen." in invisible
    assert f"/admin/intake/privacy/{intake.pk}/" not in invisible
