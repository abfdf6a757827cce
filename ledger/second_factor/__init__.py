"""A second factor (TOTP, django-otp) for the people who can publish and withhold.

Publishers and administrators (anyone holding a `publish_*` permission, and superusers) open the
admin only in a session verified with a code from an authenticator app: the sign-in form asks for
the code once they have one, and a first sign-in leads to the enrolment page, where they scan the
key and confirm it with a code. Editors without publish rights may stay password-only: they
cannot publish, withhold or restore anything (ledger.roles), so a stolen editor password reaches
drafts, not the public record (docs/security.md, "Admin sign-in").
"""
