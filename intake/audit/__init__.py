"""The sign-ups' audit trail, kept in Wagtail's own audit log (see `models` and `actions`)."""
