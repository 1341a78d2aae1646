"""Model fields whose values are encrypted at rest (see `intake.crypto`)."""

from django.db import models

from . import crypto


class EncryptedJSONField(models.TextField):
    """Stores any JSON-serialisable value as one Fernet token.

    The database only ever holds the token; Python code sees the decrypted value. Lookups other
    than `isnull` are meaningless on ciphertext and are not supported.
    """

    description = "JSON value encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None
        return crypto.decrypt_json(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return crypto.encrypt_json(value)

    def value_to_string(self, obj):
        return "[encrypted]"

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)
