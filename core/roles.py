"""The Editors group: what the people who write the site may do in the admin.

Editors create, edit, translate and publish pages, the menu and footer snippets, the CJG guidance
and the contact settings, and change the program facts (through the reviewed step in
programs/views.py). They never see sign-ups: the group holds no permission of the intake app, and
who may open a sign-up is decided by `intake.permissions` alone (region handlers, program
coordinators), never by a group. Choosing a program's national coordinators, which would decide who
sees sign-ups, is kept for superusers (`programs.assign_coordinators` is not in this list).

`ensure_editors_group()` runs after every `migrate` (core/apps.py) and as
`manage.py ensure_editors_group`; it adds what is missing and takes away intake permissions, and
leaves any other permission an administrator gave the group alone.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS_GROUP = "Editors"

#: Model and admin permissions of the group, as (app label, codename).
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    # Translations (wagtail-localize): translate, and update translations after the source changed.
    ("wagtail_localize", "submit_translation"),
    # The menu and the footer (drafts, revisions, publishing) and the CJG guidance.
    *(
        ("core", f"{action}_{model}")
        for model in ("navigationmenu", "footer")
        for action in ("add", "change", "delete", "publish")
    ),
    *(("core", f"{action}_youthteamguidance") for action in ("add", "change", "delete")),
    # Settings → Contact details.
    ("core", "change_contactsettings"),
    # The program facts (not who coordinates them).
    ("programs", "view_program"),
    ("programs", "change_program"),
    # Redirects, when a page moves.
    *(("wagtailredirects", f"{action}_redirect") for action in ("add", "change", "delete")),
]

#: Page permissions on the root page, so on both language trees.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

#: Image and document permissions on the root collection.
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]

#: Apps whose permissions the group must never hold: everything about sign-ups.
FORBIDDEN_APPS = ["intake"]


def _permission(app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def ensure_editors_group():
    """Create or complete the Editors group. Returns (group, names of permissions it could not find)."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    missing = []
    for app_label, codename in EDITOR_PERMISSIONS:
        permission = _permission(app_label, codename)
        if permission is None:
            missing.append(f"{app_label}.{codename}")
        else:
            group.permissions.add(permission)
    group.permissions.remove(*group.permissions.filter(content_type__app_label__in=FORBIDDEN_APPS))

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            permission = _permission("wagtailcore", codename)
            if permission is None:
                missing.append(f"wagtailcore.{codename}")
                continue
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
            permission = _permission(app_label, codename)
            if permission is None:
                missing.append(f"{app_label}.{codename}")
                continue
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return group, missing


def ensure_editors_group_after_migrate(sender, app_config=None, **kwargs):
    """post_migrate receiver: once, after the last app (when every app's permissions exist)."""
    from django.apps import apps

    if sender is not list(apps.get_app_configs())[-1]:
        return
    ensure_editors_group()
