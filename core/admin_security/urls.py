from django.urls import path

from . import views

urlpatterns = [
    path("two-factor/", views.verify, name="admin_security_verify"),
    path("two-factor/setup/", views.setup, name="admin_security_setup"),
]
