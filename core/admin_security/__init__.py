"""The admin's own security: login lockout (django-axes), a second factor (django-otp, TOTP with
one-time recovery codes) and idle sign-outs.

Generic on purpose: who *must* use a second factor is not decided here but by the callable named in
`settings.ADMIN_SECOND_FACTOR_REQUIRED` (the project points it at `intake.permissions.works_intakes`),
so `core` never imports `intake`.
"""
