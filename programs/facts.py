"""Vocabulary shared by the program facts and the intake routing (plain Python, no Django models)."""

from django.utils.translation import gettext_lazy as _

PSYCHIATRIC = "psychiatric"
ADDICTION = "addiction"
PARENTING_QUESTIONS = "parenting_questions"
MULTIPLE_PROBLEMS = "multiple_problems"

CONCERN_CHOICES = [
    (PSYCHIATRIC, _("Psychiatric problems of a parent")),
    (ADDICTION, _("Addiction of a parent")),
    (PARENTING_QUESTIONS, _("Everyday questions about parenting")),
    (MULTIPLE_PROBLEMS, _("Problems on several fronts at once")),
]
CONCERN_CODES = [code for code, _label in CONCERN_CHOICES]

# Where the support happens.
VOLUNTEER_HOME = "volunteer_home"
FAMILY_HOME = "family_home"
SETTING_CHOICES = [
    (VOLUNTEER_HOME, _("In the volunteer's home (the child stays with another family)")),
    (FAMILY_HOME, _("In the family's own home (a volunteer comes to the family)")),
]

# The form of support a family asks for (intake vocabulary, maps onto the setting above).
OUTSIDE_HOME = "outside_home"
AT_HOME = "at_home"
EITHER = "either"
SUPPORT_CHOICES = [
    (OUTSIDE_HOME, _("My child stays with another family now and then")),
    (AT_HOME, _("A volunteer comes to our home")),
    (EITHER, _("Either is fine")),
]
SUPPORT_TO_SETTINGS = {
    OUTSIDE_HOME: {VOLUNTEER_HOME},
    AT_HOME: {FAMILY_HOME},
    EITHER: {VOLUNTEER_HOME, FAMILY_HOME},
}
