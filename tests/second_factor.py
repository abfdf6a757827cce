"""Test helpers for the admin's second factor (ledger.second_factor): a confirmed authenticator
and the code it shows now."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

CODE_LABEL = "Code from your authenticator app"


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="test app", confirmed=True)


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
