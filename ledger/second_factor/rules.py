"""Who needs a second factor, and whether they have one."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from ledger.roles import ADMINISTRATORS, PUBLISHERS


def needs_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.groups.filter(name__in=[PUBLISHERS, ADMINISTRATORS]).exists():
        return True
    return any(
        permission.split(".", 1)[1].startswith("publish_")
        for permission in user.get_all_permissions()
    )


def confirmed_devices(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True)


def has_second_factor(user) -> bool:
    return confirmed_devices(user).exists()
