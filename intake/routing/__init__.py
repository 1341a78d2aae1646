"""The routing decision, pure: vocabulary (codes), rules (`decide`) and wording (sentences).

No ORM, request, template or mail code may be imported here (an import-linter contract in CI).
"""
