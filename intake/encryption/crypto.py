"""Encryption at rest for personal and health data.

One mechanism for every protected field: Fernet tokens (AES-128-CBC + HMAC-SHA256) under a
`MultiFernet` built from ``settings.INTAKE_ENCRYPTION_KEYS``. The first key encrypts; every key
decrypts, so a new key can be put in front and old tokens re-encrypted with
``manage.py rotate_intake_keys``. A token that no configured key opens raises `DecryptionError`:
ciphertext is never handed out as if it were the value.
"""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


def _to_fernet(key):
    try:
        return Fernet(key.encode() if isinstance(key, str) else key)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "INTAKE_ENCRYPTION_KEYS holds a key that is not a valid Fernet key "
            "(32 url-safe base64-encoded bytes; make one with `manage.py generate_encryption_key`)."
        ) from exc


@lru_cache(maxsize=1)
def _cipher(keys):
    if not keys:
        raise ImproperlyConfigured("INTAKE_ENCRYPTION_KEYS is empty: intake data cannot be stored.")
    return MultiFernet([_to_fernet(key) for key in keys])


def cipher():
    return _cipher(tuple(settings.INTAKE_ENCRYPTION_KEYS))


@receiver(setting_changed)
def _reset_cipher(setting, **kwargs):
    if setting == "INTAKE_ENCRYPTION_KEYS":
        _cipher.cache_clear()


def encrypt_text(value: str) -> str:
    return cipher().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError, ValueError) as exc:
        raise DecryptionError("Stored value cannot be decrypted with the configured keys.") from exc


def encrypt_json(value) -> str:
    return encrypt_text(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


def decrypt_json(token: str):
    return json.loads(decrypt_text(token))


def seal(value: str) -> str:
    """A short text as an opaque, URL-safe token (encrypted and authenticated, with its time of
    making): for a value a visitor may carry but must not read, such as a pointer to a stored row."""
    return encrypt_text(value).rstrip("=")


def unseal(token: str, max_age_seconds: int) -> str:
    """The text of a `seal` token made at most `max_age_seconds` ago; DecryptionError otherwise."""
    if not isinstance(token, str) or not token or len(token) > 512:
        raise DecryptionError("Not a sealed token.")
    padded = token + "=" * (-len(token) % 4)
    try:
        return cipher().decrypt(padded.encode("ascii"), ttl=max_age_seconds).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError, UnicodeDecodeError, ValueError) as exc:
        raise DecryptionError("The token is unknown or has expired.") from exc


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")
