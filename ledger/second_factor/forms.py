"""The admin's sign-in form with the code of the second factor, and the enrolment form."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django_otp import match_token

from ledger.second_factor.rules import has_second_factor, needs_second_factor

CODE_ERROR = (
    "Please enter the correct username, password and six-digit code from your authenticator "
    "app. Publishers and administrators need all three."
)


def code_field(required):
    return forms.CharField(
        label="Code from your authenticator app",
        required=required,
        max_length=12,
        strip=True,
        help_text="Six digits. Publishers and administrators only; editors leave it empty.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def normalised_code(value) -> str:
    return "".join((value or "").split())


class SecondFactorAuthenticationForm(AdminAuthenticationForm):
    """Password first (django-axes counts a wrong one); then, for a user who needs a second
    factor and has one, the code. A wrong or missing code is a failed sign-in for django-axes
    too, so guessing codes is throttled like guessing passwords. The message does not say
    whether the password was right."""

    otp_token = code_field(required=False)

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None or not needs_second_factor(user) or not has_second_factor(user):
            return cleaned  # no second factor yet: the admin sends them to enrol
        device = match_token(user, normalised_code(cleaned.get("otp_token")))
        if device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise ValidationError(CODE_ERROR, code="invalid_login")
        # django-otp marks the session verified when Django signs the user in with this set.
        user.otp_device = device
        return cleaned


class EnrolmentForm(forms.Form):
    otp_token = code_field(required=True)

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = normalised_code(self.cleaned_data["otp_token"])
        if not self.device.verify_token(token):
            raise ValidationError(
                "That code does not match. Check the clock of your phone, wait for the next "
                "code and enter it."
            )
        return token
