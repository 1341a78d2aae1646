"""The stored sign-ups (`Intake`): routing facts as plain columns, the answers encrypted, a random
public reference. The front door (`signup`), the outbox, the permissions and the workspace build on it."""
