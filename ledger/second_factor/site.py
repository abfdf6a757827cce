"""The admin site: the sign-in form with the code, and no admin page for a publisher or
administrator whose session is not verified with a second factor."""

from functools import update_wrapper
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from ledger.second_factor.forms import SecondFactorAuthenticationForm
from ledger.second_factor.rules import has_second_factor, needs_second_factor
from ledger.second_factor.views import enrol


def verified(request) -> bool:
    user = request.user
    return not needs_second_factor(user) or user.is_verified()


class LedgerAdminSite(admin.AdminSite):
    login_form = SecondFactorAuthenticationForm
    site_header = "Release Ledger: editors"
    site_title = "Release Ledger admin"

    def has_permission(self, request):
        return super().has_permission(request) and verified(request)

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            user = request.user
            if user.is_active and user.is_staff and not verified(request):
                if not has_second_factor(user):
                    return redirect("admin:second-factor-enrol")
                # Signed in without the code (a session from before it was required): the
                # form again, this time with the code.
                logout(request)
                login = reverse("admin:login", current_app=self.name)
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            return guarded(request, *args, **kwargs)

        return update_wrapper(inner, view)

    def get_urls(self):
        return [
            path("second-factor/", self.enrolment_view, name="second-factor-enrol"),
            *super().get_urls(),
        ]

    def enrolment_view(self, request):
        return _enrolment(request, self)


@never_cache
@csrf_protect
def _enrolment(request, site):
    """Not an `admin_view`: that asks for the verified session this page exists to give."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return redirect("admin:login")
    return enrol(request, site)
