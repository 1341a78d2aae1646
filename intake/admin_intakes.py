"""Admin for sign-ups and their notifications."""
