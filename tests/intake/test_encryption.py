"""Personal and health data are encrypted at rest; a wrong key raises; keys can be rotated."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from intake.encryption import crypto
from intake.encryption.crypto import DecryptionError
from intake.models import Intake, Role
from tests.factories import IntakeFactory

from .signup_fixtures import (
    SECRETS,
    host_family_data,
    parent_data,
    referrer_data,
)

pytestmark = pytest.mark.django_db

OLD_KEY = "dGVzdC1vbmx5LWtleS0wMDAwMDAwMDAwMDAwMDAwMDA="  # config/settings/test.py


def raw_personal():
    with connection.cursor() as cursor:
        cursor.execute("SELECT personal FROM intake_intake ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


NOT_STORED = {"consent", "parents_agreed", "read_requirements"}


@pytest.fixture
def three_sign_ups():
    """One stored sign-up per form, holding what its form was sent (the tick boxes are not stored)."""
    for role, data in [
        (Role.PARENT, parent_data()),
        (Role.HOST_FAMILY, host_family_data()),
        (Role.REFERRER, referrer_data()),
    ]:
        personal = {key: value for key, value in data.items() if key not in NOT_STORED}
        IntakeFactory(role=role, pc4=data["postcode"][:4], personal=personal)
    assert Intake.objects.count() == 3


def test_database_holds_no_plaintext(three_sign_ups):
    rows = raw_personal()
    assert len(rows) == 3
    for token in rows:
        assert token.startswith("gAAAAA")  # a Fernet token
        for secret in SECRETS:
            assert secret not in token
    # Routing facts stay readable for statistics.
    assert set(Intake.objects.values_list("pc4", flat=True)) == {"3431", "3991", "3401"}


def test_reading_with_a_wrong_key_raises(three_sign_ups):
    with override_settings(INTAKE_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        with pytest.raises(DecryptionError):
            list(Intake.objects.all())
        with pytest.raises(DecryptionError):
            Intake.objects.values_list("personal", flat=True).first()
    # The right key still works.
    assert Intake.objects.filter(role=Role.PARENT).get().personal["name"] == "Sanne de Vries"


def test_a_tampered_token_raises():
    token = crypto.encrypt_json({"name": "Sanne"})
    with pytest.raises(DecryptionError):
        crypto.decrypt_json(token[:-4] + "AAAA")
    with pytest.raises(DecryptionError):
        crypto.decrypt_json("not a token at all")


def test_rotation_re_encrypts_everything_with_the_new_key(three_sign_ups):
    new_key = Fernet.generate_key().decode()
    before = raw_personal()
    with override_settings(INTAKE_ENCRYPTION_KEYS=[new_key, OLD_KEY]):
        out = io.StringIO()
        call_command("rotate_intake_keys", batch_size=2, stdout=out)
        assert "Re-encrypted 3 sign-up(s)" in out.getvalue()
    after = raw_personal()
    assert before != after
    # Only the new key is needed now; the old key alone no longer reads.
    with override_settings(INTAKE_ENCRYPTION_KEYS=[new_key]):
        names = {intake.personal["name"] for intake in Intake.objects.exclude(role=Role.REFERRER)}
        assert names == {"Sanne de Vries", "Anna en Joost Bakker"}
    with override_settings(INTAKE_ENCRYPTION_KEYS=[OLD_KEY]), pytest.raises(DecryptionError):
        list(Intake.objects.all())


def test_rotation_reports_rows_it_cannot_read(three_sign_ups):
    stranger = Fernet.generate_key().decode()
    with (
        override_settings(INTAKE_ENCRYPTION_KEYS=[stranger]),
        pytest.raises(CommandError, match="could not be decrypted"),
    ):
        call_command("rotate_intake_keys", stdout=io.StringIO())
    # Nothing was damaged.
    assert Intake.objects.filter(role=Role.PARENT).get().personal["name"] == "Sanne de Vries"


def test_generate_encryption_key_prints_a_usable_key():
    out = io.StringIO()
    call_command("generate_encryption_key", stdout=out)
    key = out.getvalue().strip()
    Fernet(key.encode())
    with override_settings(INTAKE_ENCRYPTION_KEYS=[key]):
        assert crypto.decrypt_json(crypto.encrypt_json({"a": 1})) == {"a": 1}


def test_admin_detail_survives_a_wrong_key(three_sign_ups, admin_client):
    intake = Intake.objects.filter(role=Role.PARENT).get()
    url = f"/admin/intake/signups/inspect/{intake.pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Sanne de Vries" in response.content.decode()
    with override_settings(INTAKE_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "Sanne de Vries" not in response.content.decode()
        assert admin_client.get("/admin/intake/signups/").status_code == 200
