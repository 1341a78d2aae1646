"""The outbox on Django's Tasks framework (the django-tasks backport that Wagtail 8 depends on).

The database backend (django-tasks-db) is the default backend, so ONE worker, `manage.py
db_worker`, runs Wagtail's own background tasks and these. Nothing personal is passed to a task:
only the id of a `Notification` row, which itself holds no personal data.

- `deliver_notification(id)` sends one e-mail (`delivery.attempt`). A failed attempt enqueues the
  task again with `run_after` at the row's next attempt (backoff); "Retry now" enqueues it again.
- `sweep_outbox()` runs every SWEEP_INTERVAL (it schedules its next run itself): it queues the
  notices of sign-ups that have none (queueing failed after the sign-up was stored), and wakes
  pending rows whose task was lost (e.g. a worker that died mid-task: the database backend never
  runs a claimed task again).

The `Notification` row decides what is sent; a task is a wake-up call. A duplicate, late or stale
task finds the row sent, failed or not yet due, and does nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from django.db import DatabaseError, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from . import delivery
from .models import Notification
from .queue import queue_missing

logger = logging.getLogger(__name__)

SWEEP_INTERVAL = timedelta(minutes=5)
# A pending row this long past its next attempt has lost its task; the sweep enqueues a new one.
STALE_AFTER = timedelta(minutes=10)


@task()
def deliver_notification(notification_id: int) -> str:
    """Send one notification; on failure, run again at its next attempt. Returns the row's state."""
    notification = delivery.attempt(notification_id)
    if notification is None:
        return "skipped"
    if notification.state == Notification.State.PENDING:
        enqueue_delivery(notification.pk, run_after=notification.next_attempt_at)
    return str(notification.state)


@task()
def sweep_outbox() -> dict:
    """Queue missing notices, wake pending rows that lost their task, then schedule the next sweep."""
    try:
        now = timezone.now()
        intakes = queue_missing(now=now)
        queued = Notification.objects.filter(intake__in=intakes, state=Notification.State.PENDING)
        stale = Notification.objects.filter(state=Notification.State.PENDING, next_attempt_at__lte=now - STALE_AFTER)
        ids = sorted(set(queued.values_list("pk", flat=True)) | set(stale.values_list("pk", flat=True)))
        for notification_id in ids:
            enqueue_delivery(notification_id)
    finally:
        schedule_sweep()
    return {"queued": len(intakes), "woken": len(ids)}


def enqueue_delivery(notification_id: int, run_after=None):
    """Enqueue the delivery task for one row, at once or at `run_after`.

    A backend that cannot defer (the immediate backend runs tasks inline) leaves a retry to
    `manage.py send_notifications`."""
    deliver = deliver_notification
    if run_after is not None:
        if not deliver.get_backend().supports_defer:
            return None
        deliver = deliver.using(run_after=run_after)
    return deliver.enqueue(notification_id)


def schedule_sweep():
    """Make sure a sweep is scheduled (at most one waits in the database backend's queue)."""
    backend = sweep_outbox.get_backend()
    if not backend.supports_defer:
        return None
    if isinstance(backend, DatabaseBackend):
        waiting = DBTaskResult.objects.filter(
            backend_name=backend.alias, task_path=sweep_outbox.module_path, status=TaskResultStatus.READY
        )
        if waiting.exists():
            return None
    return sweep_outbox.using(run_after=timezone.now() + SWEEP_INTERVAL).enqueue()


def _queue_in_transaction(backend) -> bool:
    """Does enqueueing write a row in the database of the caller's open transaction? Then the task
    row commits (or rolls back) together with the rows it names, in the same commit."""
    return isinstance(backend, DatabaseBackend) and transaction.get_connection().in_atomic_block


def deliver_when_committed(notifications) -> None:
    """Deliver these rows once the current transaction commits (and keep the sweep scheduled).

    With the database backend, the tasks are written inside the caller's transaction (in a
    savepoint): the worker can see them only when the rows they name have committed, and no extra
    commit is needed. Any other backend enqueues once the transaction has committed (the immediate
    backend would otherwise send before the sign-up exists). An enqueue that fails is logged and
    left to the sweep; it never undoes the caller."""
    pending = [notification.pk for notification in notifications if notification.state == Notification.State.PENDING]
    if _queue_in_transaction(deliver_notification.get_backend()):
        try:
            with transaction.atomic():
                for notification_id in pending:
                    enqueue_delivery(notification_id)
                schedule_sweep()
        except DatabaseError:
            logger.exception("Deliveries could not be queued with their notices; the sweep will send them.")
            sweep_after_commit()
        return
    for notification_id in pending:
        transaction.on_commit(partial(enqueue_delivery, notification_id), robust=True)
    transaction.on_commit(schedule_sweep, robust=True)


def sweep_after_commit() -> None:
    """Once the current transaction commits, run a sweep as soon as the worker is free."""
    transaction.on_commit(sweep_outbox.enqueue, robust=True)


def retry_now(notification: Notification) -> None:
    """Put a failed (or waiting) notification back in the queue, due now, with fresh attempts."""
    with transaction.atomic():
        updated = (
            Notification.objects.filter(pk=notification.pk)
            .exclude(state=Notification.State.SENT)
            .update(state=Notification.State.PENDING, attempts=0, next_attempt_at=timezone.now())
        )
        if updated:
            transaction.on_commit(partial(enqueue_delivery, notification.pk))


def send_due_now() -> dict:
    """`manage.py send_notifications`: queue missing notices, then send every due row in this process
    (retries are enqueued as usual). Returns counts."""
    counts = {"sent": 0, "retrying": 0, "failed": 0, "queued": 0}
    try:
        counts["queued"] = len(queue_missing())
    except DatabaseError:
        logger.exception("Could not look for sign-ups without notices.")
    due = Notification.objects.filter(state=Notification.State.PENDING, next_attempt_at__lte=timezone.now())
    for notification_id in due.order_by("next_attempt_at", "pk").values_list("pk", flat=True):
        state = deliver_notification.call(notification_id)
        if state == Notification.State.SENT:
            counts["sent"] += 1
        elif state == Notification.State.FAILED:
            counts["failed"] += 1
        elif state == Notification.State.PENDING:
            counts["retrying"] += 1
    schedule_sweep()
    return counts
