from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programs")

    def ready(self):
        # The program facts feed the comparison table, the program pages and the age limit on other
        # pages: saving or deleting them clears the site cache (core/cache.py).
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core.cache import connect

        from .models import Program

        connect(post_save, Program, "program facts saved")
        connect(post_delete, Program, "program facts deleted")
        connect(m2m_changed, Program.coordinators.through, "program coordinators changed")
