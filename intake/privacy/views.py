"""The public page behind the waitlist question's link: no login, in the sign-up's language.

GET shows the question (a mail scanner that follows the link answers nothing); POST records the
answer. A changed, unknown or expired link gets a page that says so and how to reach us, never an
error. The page is not indexed, not cached, and sends no referrer.
"""

from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from . import waitlist
from .models import WaitlistQuestion

TEMPLATE = "intake/privacy/waitlist_answer.html"


def _render(request, state, *, question=None, status=200):
    response = render(request, TEMPLATE, {"state": state, "question": question}, status=status)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@csrf_protect
def waitlist_answer(request, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        question = waitlist.question_for_token(token)
    except waitlist.TokenError:
        return _render(request, "invalid", status=404)
    translation.activate(question.intake.language or translation.get_language())
    request.LANGUAGE_CODE = translation.get_language()
    if question.answer in (WaitlistQuestion.Answer.YES, WaitlistQuestion.Answer.NO):
        return _render(request, f"answered_{question.answer}", question=question)
    if question.answer or waitlist.is_expired(question):
        return _render(request, "expired", question=question, status=410)
    if request.method == "POST":
        choice = request.POST.get("answer")
        if choice in (WaitlistQuestion.Answer.YES, WaitlistQuestion.Answer.NO):
            waitlist.answer(question, choice)
            return _render(request, f"done_{choice}", question=question)
        return _render(request, "ask", question=question, status=400)
    return _render(request, "ask", question=question)
