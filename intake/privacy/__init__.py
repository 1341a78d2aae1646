"""The privacy life cycle of a sign-up: retention, subject access and erasure by reference."""
