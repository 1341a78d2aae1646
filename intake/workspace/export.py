"""CSV export of sign-ups: minimal fields by default, contact and health answers only when asked.

`export_csv(intakes, groups=..., user=...)` writes the file for sign-ups the caller has already
scoped (the admin passes `intakes_visible_to` with the listing's filters) and records an
`intake.exported` entry for every sign-up in it, all sharing one uuid (one `LogContext`), with the
field groups included as data. Headers are in the active language. Every cell that a spreadsheet
would read as a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name
from wagtail.log_actions import LogContext

from intake.audit import actions as audit
from intake.encryption.crypto import DecryptionError
from intake.records.models import Role
from intake.signup.forms import form_class_for

MINIMAL, CONTACT, HEALTH = "minimal", "contact", "health"
OPTIONAL_GROUPS = (CONTACT, HEALTH)

MINIMAL_COLUMNS = [
    ("reference", _("Reference")),
    ("role", _("Form")),
    ("outcome", _("Outcome")),
    ("program", _("Program")),
    ("region", _("Region")),
    ("municipality", _("Municipality")),
    ("status", _("Status")),
    ("received", _("Received")),
    ("assigned_to", _("Assigned to")),
    ("last_contact", _("Last contact")),
]

# Column, header, and the answer it comes from per form (None: that form does not ask it).
CONTACT_COLUMNS = [
    ("name", _("Name"), {Role.PARENT: "name", Role.HOST_FAMILY: "name", Role.REFERRER: "parent_name"}),
    ("phone", _("Phone number"), {Role.PARENT: "phone", Role.HOST_FAMILY: "phone", Role.REFERRER: "parent_phone"}),
    ("email", _("E-mail address"), {Role.PARENT: "email", Role.HOST_FAMILY: "email", Role.REFERRER: "parent_email"}),
    ("preferred_contact", _("Preferred contact"), {Role.PARENT: "preferred_contact"}),
    ("postcode", _("Postcode"), {Role.PARENT: "postcode", Role.HOST_FAMILY: "postcode", Role.REFERRER: "postcode"}),
    ("referrer_name", _("Referrer"), {Role.REFERRER: "referrer_name"}),
    ("referrer_profession", _("Referrer's profession"), {Role.REFERRER: "profession"}),
    ("referrer_organisation", _("Referrer's organisation"), {Role.REFERRER: "organisation"}),
    ("referrer_phone", _("Referrer's phone number"), {Role.REFERRER: "work_phone"}),
    ("referrer_email", _("Referrer's e-mail address"), {Role.REFERRER: "work_email"}),
]
HEALTH_COLUMNS = [
    ("child_date", _("Child's date of birth or due date"), {Role.PARENT: "child_date", Role.REFERRER: "child_date"}),
    ("concerns", _("What is going on in the family"), {Role.PARENT: "concerns", Role.REFERRER: "concerns"}),
    ("support", _("Help looked for"), {Role.PARENT: "support", Role.REFERRER: "support"}),
    ("notes", _("Notes from the form"), {Role.PARENT: "notes", Role.REFERRER: "reason"}),
]
GROUP_COLUMNS = {CONTACT: CONTACT_COLUMNS, HEALTH: HEALTH_COLUMNS}

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value) -> str:
    """The text of a cell, defused when a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _datetime(value):
    return date_format(timezone.localtime(value), "Y-m-d H:i") if value else ""


def minimal_row(intake) -> list:
    return [
        intake.reference,
        intake.get_role_display(),
        intake.get_outcome_display(),
        str(intake.program) if intake.program_id else "",
        intake.region.name if intake.region_id else "",
        intake.municipality.name if intake.municipality_id else "",
        intake.get_status_display(),
        _datetime(intake.created_at),
        get_user_display_name(intake.assigned_to) if intake.assigned_to_id else "",
        _datetime(intake.last_contact_at),
    ]


def _answer_text(field, value) -> str:
    if value in (None, "", []):
        return ""
    choices = dict(getattr(field, "choices", []) or []) if field is not None else {}
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return str(choices.get(value, value)) if choices else str(value)


def group_row(intake, columns, personal, fields) -> list:
    row = []
    for _name, _label, keys in columns:
        key = keys.get(intake.role)
        row.append(_answer_text(fields.get(key), personal.get(key)) if key else "")
    return row


def _personal(intake) -> dict:
    try:
        personal = intake.personal
    except DecryptionError:
        return {}
    return personal if isinstance(personal, dict) else {}


def headers(groups) -> list[str]:
    labels = [str(label) for _key, label in MINIMAL_COLUMNS]
    for group in groups:
        labels += [str(label) for _name, label, _keys in GROUP_COLUMNS[group]]
    return labels


def export_csv(intakes, *, groups=(), user) -> str:
    """The CSV text for these (already scoped) sign-ups; records one `exported` entry per sign-up."""
    groups = [group for group in OPTIONAL_GROUPS if group in groups]
    # Decrypted one by one, only when asked, so one unreadable sign-up cannot break the file.
    intakes = intakes.defer("personal")
    form_fields = {}
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(label) for label in headers(groups)])
    included = [MINIMAL, *groups]
    with transaction.atomic(), LogContext(user=user):
        for intake in intakes:
            row = minimal_row(intake)
            if groups:
                personal = _personal(intake)
                if intake.role not in form_fields:
                    form_fields[intake.role] = form_class_for(intake.role)().fields
                for group in groups:
                    row += group_row(intake, GROUP_COLUMNS[group], personal, form_fields[intake.role])
            writer.writerow([safe_cell(cell) for cell in row])
            audit.record(intake, audit.EXPORTED, user, fields=included)
    return buffer.getvalue()
