from django.urls import path

from . import views

api_urlpatterns = [
    path("routing/", views.routing_api, name="routing_api"),
]
