"""The account's devices: one authenticator app (TOTP) and one set of one-time recovery codes."""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def confirmed_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_authenticator(user) -> TOTPDevice:
    """The device being enrolled: the same secret until it is confirmed (a reload shows the same code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The base32 secret as authenticator apps take it by hand, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice, title: str) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn here: nothing leaves the server."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=4, light="#fff", title=title)


def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes; each works once. The device itself stays, so a session
    verified with a recovery code remains verified."""
    with transaction.atomic():
        device = StaticDevice.objects.filter(user=user).first() or StaticDevice.objects.create(
            user=user, name=RECOVERY_NAME
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(token: str) -> str:
    return "".join(token.split()).lower()


def device_for_token(user, token: str):
    """The device that accepts this code, or None: six digits are an authenticator code, anything else
    a recovery code. Each device throttles its own wrong guesses (django-otp)."""
    token = normalise(token)
    if token.isdigit() and len(token) == 6:
        candidates = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        candidates = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in candidates:
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


def is_throttled(user) -> bool:
    devices = [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]
    return any(not device.verify_is_allowed()[0] for device in devices)
