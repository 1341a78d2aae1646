"""The admin's "Intake" menu group: every intake viewset joins it through this hook."""

INTAKE_MENU_HOOK = "register_intake_menu_item"
