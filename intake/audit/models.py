"""Log entries about sign-ups, in a log model of their own.

Wagtail's generic `ModelLogEntry` shows an entry to everybody holding any Django permission on the
model; a sign-up's trail must only be seen by those who may open the sign-up. `IntakeLogEntry` is
registered for `Intake` (`intake.audit.actions`), so Wagtail's site history, the sign-up's history
view and `log()` all use it, and its manager scopes it with `intake.permissions`.

Entries never hold personal data: `data` carries codes and ids only (status codes, a region id, the
fields ticked for an export), and `label` is the public reference.
"""

from django.db import models
from wagtail.models import BaseLogEntry, BaseLogEntryManager

from intake.permissions import intakes_visible_to


class IntakeLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(intake=instance)
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        return self.filter(intake_id__in=intakes_visible_to(user).values("pk"))

    def for_instance(self, instance):
        return self.filter(intake=instance)


class IntakeLogEntry(BaseLogEntry):
    # Like Wagtail's PageLogEntry: the trail outlives nothing it should not, but a log row never
    # blocks deleting a sign-up either (erasure keeps the sign-up's stats-only row, and its trail).
    intake = models.ForeignKey(
        "intake.Intake",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )

    objects = IntakeLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        verbose_name = "sign-up log entry"
        verbose_name_plural = "sign-up log entries"

    @property
    def object_id(self):
        return self.intake_id

    #: Relations whose existence the database itself guarantees (or, for the sign-up, need not:
    #: the trail outlives an erased row). Wagtail's `save` runs `full_clean`, which would look each
    #: one up again: two queries on every sign-up, view and status change.
    _UNCHECKED_RELATIONS = ("content_type", "user", "revision", "intake")

    def save(self, *args, **kwargs):
        """Wagtail's checks (the action is registered, every field is valid) without the look-ups."""
        self.clean_fields(exclude=self._UNCHECKED_RELATIONS)
        self.clean()
        return models.Model.save(self, *args, **kwargs)
