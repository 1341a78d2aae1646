"""The coordinators' workspace behind the front door: statuses, notes, assignment, matches, targets."""
