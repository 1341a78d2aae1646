"""Django's form renderer, with the `<input>` widgets written in Python.

Each radio button, checkbox and text box of a form is rendered by Django through three nested
templates (`radio_option.html` → `input_option.html` → `input.html` → `attrs.html`). On the sign-up
forms and the find-support answer that is about a third of the page's rendering time: a dozen
widgets, each a few template includes deep. `FastInputRenderer` writes exactly the same HTML for
those templates in a few string operations (tests/test_form_renderer.py compares it with
Django's own templates for every widget the site uses, escaping included); every other template
(selects, textareas, Wagtail's admin widgets) is rendered as Django would.

A project template that overrides one of these names is respected: the shortcut is used only
while the name resolves to Django's own file.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(f"{value}")}"')
    return "".join(parts)


def _input(widget) -> str:
    """django/forms/widgets/input.html."""
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(f"{value}")}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _input_option(widget) -> str | None:
    """django/forms/widgets/input_option.html (radio buttons and checkboxes of a choice list).
    None for a label that is not text: the template would localise it (a number, a date)."""
    html = _input(widget)
    if not widget.get("wrap_label"):
        return html
    if not isinstance(widget["label"], str | Promise):
        return None
    target = widget["attrs"].get("id")
    label_for = f' for="{conditional_escape(target)}"' if target else ""
    # The template includes input.html, whose last line break stays inside the label.
    return f"<label{label_for}>{html}\n {conditional_escape(widget['label'])}</label>"


_PLAIN_INPUTS = (
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "hidden",
    "input",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
)
BUILDERS = {f"django/forms/widgets/{name}.html": _input for name in _PLAIN_INPUTS}
BUILDERS.update(
    {
        f"django/forms/widgets/{name}.html": _input_option
        for name in ("input_option", "radio_option", "checkbox_option")
    }
)


class FastInputRenderer(DjangoTemplates):
    """Django's default renderer (`DjangoTemplates`), with `BUILDERS` for Django's input templates."""

    def __init__(self):
        super().__init__()
        self._own: dict[str, bool] = {}

    def _is_djangos(self, template_name: str) -> bool:
        """Does the name resolve to Django's own template (not a project or app override)?"""
        known = self._own.get(template_name)
        if known is None:
            origin = self.get_template(template_name).origin.name
            known = self._own[template_name] = origin.replace("\\", "/").endswith(
                "/django/forms/templates/" + template_name
            )
        return known

    def render(self, template_name, context, request=None):
        build = BUILDERS.get(template_name)
        if build is not None and "widget" in context and self._is_djangos(template_name):
            html = build(context["widget"])
            if html is not None:
                return mark_safe(html)  # noqa: S308 - every value is escaped above
        return super().render(template_name, context, request=request)
