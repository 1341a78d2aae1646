from django.urls import path

from .finder.api import routing_api

api_urlpatterns = [
    path("routing/", routing_api, name="routing_api"),
]
