"""core.form_renderer writes Django's <input> widgets in Python: the HTML must be exactly Django's."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from core.form_renderer import BUILDERS, FastInputRenderer
from intake.finder.forms import PageRoutingForm
from intake.signup.forms import HostFamilyForm, ParentForm, ReferrerForm

SITE_FORMS = [ParentForm, HostFamilyForm, ReferrerForm, PageRoutingForm]
HOSTILE = '"><script>alert(1)</script>&amp;'


def rendered(form, renderer):
    """Every field as a whole, and each choice's own input (`{{ choice.tag }}`, as the site's field
    template writes them), with and without its label around it."""
    form.renderer = renderer
    html = {name: str(form[name]) for name in form.fields}
    for name in form.fields:
        for number, choice in enumerate(form[name].subwidgets):
            html[f"{name} {number}"] = str(choice.tag())
            html[f"{name} {number} labelled"] = str(choice.tag(wrap_label=True))
    return html


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", SITE_FORMS, ids=lambda form_class: form_class.__name__)
@pytest.mark.parametrize("bound", [False, True], ids=["empty", "typed"])
def test_every_field_of_the_site_forms_renders_as_django_does(form_class, bound):
    data = None
    if bound:
        # Every field typed (hostile text included), then validated, so errors and aria-invalid show.
        data = dict.fromkeys(form_class().fields, HOSTILE)
        data.update({"concerns": ["psychiatric", "addiction"], "consent": "on", "postcode": "3431 AB"})
    fast = rendered(form_class(data), FastInputRenderer())
    django = rendered(form_class(data), DjangoTemplates())
    assert fast == django
    assert any("<input" in html for html in fast.values())
    if bound:
        assert "<script>" not in "".join(fast.values())


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"data-x": HOSTILE, "autocomplete": "name"}))
    email = forms.EmailField()
    number = forms.IntegerField()
    tel = forms.CharField(widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    url = forms.URLField(assume_scheme="https")
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    agree = forms.BooleanField(required=False)
    choice = forms.ChoiceField(choices=[("a", "A & B"), ("b", HOSTILE)], widget=forms.RadioSelect)
    several = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")], widget=forms.CheckboxSelectMultiple)
    numbered = forms.ChoiceField(choices=[(1, 1000), (2, 2000)], widget=forms.RadioSelect)
    off = forms.CharField(widget=forms.TextInput(attrs={"disabled": True, "hidden": False}))


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": HOSTILE,
            "email": "a@b",
            "number": "12",
            "tel": "06",
            "hidden": HOSTILE,
            "secret": HOSTILE,
            "url": "x",
            "date": "2025-01-01",
            "agree": "on",
            "choice": "b",
            "several": ["1", "2"],
            "numbered": "1",
            "off": "x",
        },
    ],
    ids=["empty", "typed"],
)
def test_every_input_widget_renders_as_django_does(data, settings):
    settings.USE_THOUSAND_SEPARATOR = True  # a number as a label is localised by the template
    assert rendered(Everything(data), FastInputRenderer()) == rendered(Everything(data), DjangoTemplates())


def test_input_widgets_skip_the_templates_and_everything_else_uses_them(monkeypatch):
    renderer = FastInputRenderer()
    through_templates = []
    original = DjangoTemplates.render

    def counted(self, template_name, context, request=None):
        through_templates.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", counted)
    assert forms.TextInput().render("name", "v", renderer=renderer) == '<input type="text" name="name" value="v">'

    class Pick(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

    form = Pick({"pick": "a"}, renderer=renderer)
    choice = next(iter(form["pick"]))
    assert str(choice.tag()) == '<input type="radio" name="pick" value="a" id="id_pick_0" required checked>'
    assert "django/forms/widgets/radio_option.html" in BUILDERS
    assert through_templates == []
    select = forms.Select(choices=[("a", "A")]).render("pick", "a", renderer=renderer)
    assert select == forms.Select(choices=[("a", "A")]).render("pick", "a", renderer=DjangoTemplates())
    assert "django/forms/widgets/select.html" in through_templates
