"""The waitlist question: asked once by e-mail after a year, answered through a link without login;
yes keeps waiting, no closes it, no answer in time closes it; a changed or expired link gets a page."""

import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from intake.audit import actions as audit
from intake.audit.models import IntakeLogEntry
from intake.models import ClosureReason, Intake, Notification, Status, WaitlistQuestion
from tests.factories import IntakeFactory
from tests.intake.test_retention import at, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(django_capture_on_commit_callbacks):
    """A waitlist sign-up of 1 February 2024, asked on 1 February 2025 (its e-mail sent that day)."""
    with time_machine.travel(at(2024, 2, 1), tick=False):
        intake = IntakeFactory(waitlist=True, personal={"name": "Fatma Yilmaz", "email": "fatma@example.nl"})
    run(at(2025, 1, 31, 23))
    assert not WaitlistQuestion.objects.exists() and mail.outbox == []
    run(at(2025, 2, 1, 2), sending=django_capture_on_commit_callbacks)
    return intake


def link_in(message):
    return re.search(r"http://\S+/intake/wachtlijst/\S+/", message.body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def test_asked_once_by_e_mail_with_a_link(waiting, django_capture_on_commit_callbacks):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fatma@example.nl"]
    assert "wachten" in message.subject.lower()  # in the sign-up's language
    assert waiting.reference in message.body and "28 februari 2025" in message.body
    assert "Fatma" not in message.body
    question = WaitlistQuestion.objects.get()
    assert question.notification.state == Notification.State.SENT
    assert IntakeLogEntry.objects.filter(intake_id=waiting.pk, action=audit.WAITLIST_ASKED).count() == 1
    run(at(2025, 2, 2), sending=django_capture_on_commit_callbacks)
    run(at(2025, 2, 20), sending=django_capture_on_commit_callbacks)
    assert WaitlistQuestion.objects.count() == 1 and len(mail.outbox) == 1


def test_yes_keeps_waiting_and_asks_again_a_year_later(waiting, django_capture_on_commit_callbacks):
    url = path_of(link_in(mail.outbox[0]))
    anonymous = Client()
    with time_machine.travel(at(2025, 2, 10), tick=False):
        page = anonymous.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Wil je nog wachten?" in html and "Ja, ik wil blijven wachten" in html
        assert page["Referrer-Policy"] == "no-referrer"
        # A GET (a mail scanner following the link) answers nothing.
        assert WaitlistQuestion.objects.get().answer == ""
        done = anonymous.post(url, {"answer": "yes"})
    assert done.status_code == 200 and "Je blijft op de wachtlijst" in done.content.decode()
    intake = Intake.objects.get(pk=waiting.pk)
    assert intake.status == Status.NEW and intake.last_contact_at == at(2025, 2, 10)
    assert WaitlistQuestion.objects.get().answer == WaitlistQuestion.Answer.YES
    assert IntakeLogEntry.objects.get(intake_id=intake.pk, action=audit.WAITLIST_ANSWERED).data["answer"] == "yes"
    # The link shows the answer again, and cannot change it.
    with time_machine.travel(at(2025, 2, 11), tick=False):
        again = anonymous.post(url, {"answer": "no"})
    assert "Je hebt al laten weten" in again.content.decode()
    assert Intake.objects.get(pk=waiting.pk).status == Status.NEW
    # Not closed when the answer period ends; asked again a year after the answer.
    run(at(2025, 3, 1), sending=django_capture_on_commit_callbacks)
    run(at(2026, 2, 9), sending=django_capture_on_commit_callbacks)
    assert WaitlistQuestion.objects.count() == 1
    run(at(2026, 2, 10), sending=django_capture_on_commit_callbacks)
    assert WaitlistQuestion.objects.count() == 2 and len(mail.outbox) == 2
    assert Intake.objects.get(pk=waiting.pk).status == Status.NEW


def test_no_takes_it_off_the_waitlist(waiting):
    url = path_of(link_in(mail.outbox[0]))
    with time_machine.travel(at(2025, 2, 28, 23), tick=False):  # the last day
        done = Client().post(url, {"answer": "no"})
    assert done.status_code == 200 and "We hebben je van de wachtlijst gehaald" in done.content.decode()
    intake = Intake.objects.get(pk=waiting.pk)
    assert intake.status == Status.CLOSED and intake.closed_reason == ClosureReason.NO_LONGER_WAITING


def test_no_answer_in_time_closes_it_and_the_link_expires(waiting):
    url = path_of(link_in(mail.outbox[0]))
    run(at(2025, 2, 28, 23))
    assert Intake.objects.get(pk=waiting.pk).status == Status.NEW
    run(at(2025, 3, 1, 0, 30))
    intake = Intake.objects.get(pk=waiting.pk)
    assert intake.status == Status.CLOSED and intake.closed_reason == ClosureReason.NO_CONTACT
    assert WaitlistQuestion.objects.get().answer == WaitlistQuestion.Answer.NO_ANSWER
    with time_machine.travel(at(2025, 3, 1, 9), tick=False):
        page = Client().post(url, {"answer": "yes"})
    assert page.status_code == 410
    assert "Deze link werkt niet meer" in page.content.decode()
    assert Intake.objects.get(pk=waiting.pk).status == Status.CLOSED


def test_an_expired_link_gets_a_clear_page_even_before_the_run(waiting):
    url = path_of(link_in(mail.outbox[0]))
    with time_machine.travel(at(2025, 3, 1, 0, 1), tick=False):
        page = Client().get(url)
    assert page.status_code == 410 and "Deze link werkt niet meer" in page.content.decode()


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: t[:10], lambda t: "a" * 400, lambda t: "%00"])
def test_a_changed_link_gets_a_clear_page(waiting, mangle):
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    with time_machine.travel(at(2025, 2, 10), tick=False):
        page = Client().get(f"/intake/wachtlijst/{mangle(token)}/")
    assert page.status_code == 404
    assert "Deze link werkt niet" in page.content.decode()


def test_a_token_for_something_else_does_not_work(waiting):
    from django.core import signing

    question = WaitlistQuestion.objects.get()
    other_purpose = signing.dumps({"q": question.pk, "n": question.nonce}, salt="something-else", compress=True)
    with time_machine.travel(at(2025, 2, 10), tick=False):
        page = Client().get(f"/intake/wachtlijst/{other_purpose}/")
    assert page.status_code == 404


def test_the_page_is_in_the_sign_ups_language(django_capture_on_commit_callbacks):
    with time_machine.travel(at(2024, 2, 1), tick=False):
        IntakeFactory(waitlist=True, language="en", personal={"email": "sam@example.org"})
    run(at(2025, 2, 1), sending=django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert "still want to wait" in message.subject
    with time_machine.travel(at(2025, 2, 2), tick=False):
        page = Client().get(path_of(link_in(message)))
    html = page.content.decode()
    assert "Do you still want to wait?" in html and "Yes, keep me waiting" in html and 'lang="en"' in html


def test_without_an_e_mail_address_nobody_is_asked():
    with time_machine.travel(at(2024, 2, 1), tick=False):
        intake = IntakeFactory(waitlist=True, personal={"name": "Zonder Mail"})
    output = run(at(2025, 2, 1), "--dry-run")
    assert "without an e-mail address to ask: 1" in output and intake.reference in output
    run(at(2025, 2, 1))
    assert not WaitlistQuestion.objects.exists()
