"""The intake workspace in the Wagtail admin: geography and regions, the sign-up queue, the outbox."""
