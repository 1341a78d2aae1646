from django.urls import path

from .finder.api import routing_api
from .privacy.views import waitlist_answer

api_urlpatterns = [
    path("routing/", routing_api, name="routing_api"),
]

# Public pages outside the page tree (their language is the sign-up's, not the address's).
public_urlpatterns = [
    path("wachtlijst/<str:token>/", waitlist_answer, name="waitlist_answer"),
]
