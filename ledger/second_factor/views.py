"""Enrolment: a publisher or administrator without a second factor adds one."""

import base64

import segno
from django.contrib import messages
from django.shortcuts import redirect, render
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ledger.second_factor.forms import EnrolmentForm
from ledger.second_factor.rules import has_second_factor

DEVICE_NAME = "Authenticator app"


def enrol(request, admin_site):
    """Shown only to a signed-in user without a confirmed device: one who has one must ask an
    administrator to remove it (in the admin, "TOTP devices") before enrolling another, so that
    a stolen password alone can never replace the factor."""
    user = request.user
    if has_second_factor(user):
        return redirect("admin:index")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = EnrolmentForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, "Your authenticator app is set up: sign-ins now ask for a code.")
        return redirect("admin:index")
    context = {
        **admin_site.each_context(request),
        "title": "Set up your authenticator app",
        "form": form,
        "secret": base64.b32encode(device.bin_key).decode(),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=False),
    }
    return render(request, "admin/second_factor_enrol.html", context)
