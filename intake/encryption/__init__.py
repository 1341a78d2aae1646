"""Encryption at rest: one mechanism (MultiFernet) for every protected field."""
