"""The five programs (facts and public pages) and the collective's page."""

from programs import facts

from .text import ProgramOf, R, Ref, Stream, T
from .upsert import PageSpec

# The routing facts of each program (programs.Program rows, not translated).
PROGRAMS = [
    {
        "code": "meeleefgezin",
        "name": "MeeleefGezin",
        "website": "https://www.meeleefgezin.example.org",
        "min_age_months": 0,
        "max_age_months": 59,  # up to and including 4 years: until the fifth birthday
        "allows_pregnancy": True,
        "setting": facts.VOLUNTEER_HOME,
        "concerns": [facts.PSYCHIATRIC, facts.ADDICTION],
    },
    {
        "code": "buurtgezinnen",
        "name": "Buurtgezinnen",
        "website": "https://www.buurtgezinnen.example.org",
        "min_age_months": 0,
        "max_age_months": 215,
        "allows_pregnancy": False,
        "setting": facts.VOLUNTEER_HOME,
        "concerns": [facts.PARENTING_QUESTIONS, facts.PSYCHIATRIC, facts.ADDICTION, facts.MULTIPLE_PROBLEMS],
    },
    {
        "code": "steunouder",
        "name": "Steunouder",
        "website": "https://www.steunouder.example.org",
        "min_age_months": 0,
        "max_age_months": 215,
        "allows_pregnancy": False,
        "setting": facts.VOLUNTEER_HOME,
        "concerns": [facts.PARENTING_QUESTIONS, facts.PSYCHIATRIC, facts.ADDICTION, facts.MULTIPLE_PROBLEMS],
    },
    {
        "code": "home-start",
        "name": "Home-Start",
        "website": "https://www.home-start.example.org",
        "min_age_months": 0,
        "max_age_months": 215,
        "allows_pregnancy": True,
        "setting": facts.FAMILY_HOME,
        "concerns": [facts.PARENTING_QUESTIONS],
    },
    {
        "code": "samen-oplopen",
        "name": "Samen Oplopen",
        "website": "https://www.samen-oplopen.example.org",
        "min_age_months": 0,
        "max_age_months": 275,  # up to and including 22 years
        "allows_pregnancy": False,
        "setting": facts.FAMILY_HOME,
        "concerns": [facts.MULTIPLE_PROBLEMS, facts.PSYCHIATRIC, facts.ADDICTION],
    },
]
PROGRAM_WEBSITES = {program["code"]: program["website"] for program in PROGRAMS}

COLLECTIVE = PageSpec(
    key="collective",
    model="collective.CollectivePage",
    parent="home",
    fields={
        "title": T("Collectief Informele Steun", "Informal Support Collective"),
        "slug": T("collectief", "collective"),
        "show_in_menus": True,
        "search_description": T(
            "Vijf vrijwilligersorganisaties steunen gezinnen: MeeleefGezin, Buurtgezinnen, Steunouder, "
            "Home-Start en Samen Oplopen. Zie wat ze doen en wat bij jou past.",
            "Five volunteer organisations support families: MeeleefGezin, Buurtgezinnen, Steunouder, "
            "Home-Start and Samen Oplopen. See what they do and what suits you.",
        ),
        "intro": T(
            "Vijf vrijwilligersorganisaties werken samen in het Collectief Informele Steun. Ons doel: gezinnen "
            "die het zwaar hebben ontlasten, en ouders sterker maken. Dat doen we met nieuwe contacten die "
            "blijven. Als preventie, of naast andere hulp. Alle vrijwilligers krijgen een training, en een "
            "coördinator begeleidt elk contact.",
            "Five volunteer organisations work together in the Informal Support Collective. Our aim: to ease "
            "the load on families who are having a hard time, and to make parents stronger. We do that through "
            "new contacts that last. As prevention, or alongside other help. All volunteers are trained, and a "
            "coordinator guides every contact.",
        ),
        "benefits": Stream(
            (
                "benefit",
                T(
                    "Vragen over opvoeden worden gewoon: iedereen heeft weleens hulp nodig.",
                    "Questions about parenting become normal: everyone needs help sometimes.",
                ),
            ),
            (
                "benefit",
                T(
                    "Steun van mens tot mens, gelijkwaardig en goedkoper dan professionele zorg.",
                    "Support from person to person, between equals and cheaper than professional care.",
                ),
            ),
            (
                "benefit",
                T(
                    "Het voorkomt zwaardere hulp, zoals uithuisplaatsing, jeugdzorg of jeugdbescherming.",
                    "It prevents heavier help, such as placement away from home, youth care or child protection.",
                ),
            ),
            (
                "benefit",
                T(
                    "Het past naast professionele zorg, met praktische hulp in het dagelijks leven.",
                    "It fits alongside professional care, with practical help in daily life.",
                ),
            ),
            (
                "benefit",
                T(
                    "Contacten die blijven, zodat het netwerk van het gezin groter wordt.",
                    "Contacts that last, so the family's network grows.",
                ),
            ),
            (
                "benefit",
                T(
                    "Het kan een deel van de vraag naar zware zorg overnemen.",
                    "It can take over part of the demand that now goes to heavier care.",
                ),
            ),
        ),
        "comparison_intro": T(
            "De vijf programma's lijken op elkaar, maar ze helpen verschillende gezinnen, op een eigen manier. "
            "Bij MeeleefGezin, Buurtgezinnen en Steunouder gaat je kind naar een ander gezin. Bij Home-Start en "
            "Samen Oplopen komt een vrijwilliger bij jullie thuis. Werken er meer programma's in jouw gemeente? "
            "Dan vullen ze elkaar aan en verwijzen ze naar elkaar.",
            "The five programs are alike, but they help different families, each in their own way. With "
            "MeeleefGezin, Buurtgezinnen and Steunouder your child goes to another family. With Home-Start and "
            "Samen Oplopen a volunteer comes to your home. Do several programs work in your municipality? "
            "Then they complement each other and refer to each other.",
        ),
        "body": Stream(
            (
                "call_to_action",
                {
                    "title": T("Welke steun is er bij jou in de buurt?", "What support is there near you?"),
                    "text": T(
                        "Vul je postcode in en beantwoord een paar vragen. Je ziet meteen welk programma past.",
                        "Enter your postcode and answer a few questions. You will see straight away which "
                        "program fits.",
                    ),
                    "page": Ref("find-support"),
                    "button_label": T("Zoek steun in de buurt", "Find support nearby"),
                },
            ),
        ),
    },
)


def _faq(question, answer):
    return (
        "faq",
        {
            "title": T("Veelgestelde vragen", "Frequently asked questions"),
            "items": [{"question": question, "answer": answer}],
        },
    )


def _more_about(code, name):
    """The call to action of a partner program: its own website."""
    return (
        "call_to_action",
        {
            "title": T(f"Meer over {name}", f"More about {name}"),
            "text": T(
                f"Op de website van {name} lees je waar ze werken en hoe je je aanmeldt.",
                f"On the {name} website you can read where they work and how to sign up.",
            ),
            "url": PROGRAM_WEBSITES[code],
            "button_label": T(f"Naar de website van {name}", f"Go to the {name} website"),
        },
    )


def _program_page(code, name, fields, body):
    return PageSpec(
        key=f"program-{code}",
        model="programs.ProgramPage",
        parent="collective",
        fields={"title": T(name, name), "slug": T(code, code), "program": ProgramOf(code), **fields, "body": body},
    )


MEELEEFGEZIN = _program_page(
    "meeleefgezin",
    "MeeleefGezin",
    {
        "search_description": T(
            "Een meeleefgezin vangt je kind van 0 tot en met 4 jaar op, één dag per week en één weekend per "
            "maand. Voor ouders met psychische problemen of een verslaving.",
            "A host family looks after your child aged 0 to 4, one day a week and one weekend a month. "
            "For parents with mental health problems or an addiction.",
        ),
        "intro": T(
            "Een meeleefgezin is een vrijwillig gezin dat je jonge kind opvangt. Je kind is er "
            "één dag per week en één weekend per maand. Jij blijft de ouder; het meeleefgezin leeft met jullie mee.",
            "A host family is a volunteer family that looks after your young child. Your "
            "child stays there one day a week and one weekend a month. You stay the parent; the host family shares "
            "in your life.",
        ),
        "audience_summary": T(
            "Jonge kinderen van ouders met psychische problemen of een verslaving",
            "Young children of parents with mental health problems or an addiction",
        ),
        "volunteer_summary": T(
            "Een meeleefgezin neemt je kind op in het eigen gezin",
            "A host family welcomes your child into their own family",
        ),
        "rhythm": T("Eén dag per week en één weekend per maand", "One day a week and one weekend a month"),
        "coordination": T(
            "Een getrainde professional van MeeleefGezin begeleidt beide gezinnen twee jaar lang",
            "A trained MeeleefGezin professional guides both families for two years",
        ),
    },
    Stream(
        ("heading", {"text": T("Voor wie is het?", "Who is it for?"), "level": "h2"}),
        (
            "paragraph",
            R(
                "<p>Voor ouders met bijvoorbeeld een depressie, een angststoornis, een persoonlijkheidsstoornis, "
                "een verslaving of trauma. Of ouders die huiselijk geweld hebben meegemaakt.</p>"
                "<p>Je kunt je kind nog genoeg basiszorg geven, maar je hebt hulp nodig om het vol te houden. "
                "Je kunt je al aanmelden tijdens de zwangerschap of vlak na de geboorte.</p>",
                "<p>For parents living with, for example, depression, an anxiety disorder, a personality disorder, "
                "an addiction or trauma. Or parents who have experienced domestic violence.</p>"
                "<p>You can still give your child enough basic care, but you need help to keep going. "
                "You can sign up during pregnancy or shortly after the birth.</p>",
            ),
        ),
        ("heading", {"text": T("Waarom het helpt", "Why it helps"), "level": "h2"}),
        (
            "paragraph",
            R(
                "<p>De eerste 1000 dagen zijn het belangrijkst voor de groei van de hersenen. Een tweede vaste plek "
                "en een tweede vertrouwd persoon geven je kind rust en houvast. En jij krijgt even tijd voor jezelf."
                "</p><p>We werken volgens de visie van Infant Mental Health (IMH): de band tussen ouder en kind "
                "staat voorop.</p>",
                "<p>The first 1000 days matter most for how the brain grows. A second steady place and a second "
                "familiar person give your child calm and something to hold on to. And you get some time for "
                "yourself.</p><p>We work from the Infant Mental Health (IMH) vision: the bond between parent and "
                "child comes first.</p>",
            ),
        ),
        (
            "faq",
            {
                "title": T("Veelgestelde vragen", "Frequently asked questions"),
                "items": [
                    {
                        "question": T(
                            "Neemt het meeleefgezin mijn kind van mij over?",
                            "Will the host family take my child away from me?",
                        ),
                        "answer": R(
                            "<p>Nee. Jij blijft de ouder en jij beslist. Het meeleefgezin is er als extra steun, "
                            "niet in jouw plaats.</p>",
                            "<p>No. You stay the parent and you decide. The host family is there as extra support, "
                            "not in your place.</p>",
                        ),
                    },
                    {
                        "question": T("Wat kost het?", "What does it cost?"),
                        "answer": R(
                            "<p>Voor jou kost het niets. In de regio's waar we werken, betaalt de gemeente.</p>",
                            "<p>It costs you nothing. In the regions where we work, the municipality pays.</p>",
                        ),
                    },
                    {
                        "question": T("Hoe lang duurt het?", "How long does it last?"),
                        "answer": R(
                            "<p>Een professional begeleidt jullie twee jaar. Daarna maken de gezinnen samen eigen "
                            "afspraken. Vaak blijft het contact nog veel langer.</p>",
                            "<p>A professional guides you for two years. After that the families make their own "
                            "arrangements together. Often the contact lasts much longer.</p>",
                        ),
                    },
                ],
            },
        ),
        (
            "call_to_action",
            {
                "title": T("Aanmelden als ouder", "Sign up as a parent"),
                "text": T(
                    "Aanmelden kost ongeveer tien minuten. Daarna nemen we contact met je op.",
                    "Signing up takes about ten minutes. After that we will get in touch with you.",
                ),
                "page": Ref("parents-signup"),
                "button_label": T("Meld je aan", "Sign up"),
            },
        ),
    ),
)

BUURTGEZINNEN = _program_page(
    "buurtgezinnen",
    "Buurtgezinnen",
    {
        "search_description": T(
            "Buurtgezinnen koppelt een gezin dat het zwaar heeft aan een steungezin in de buurt. "
            "De kinderen krijgen daar extra aandacht.",
            "Buurtgezinnen links a family that is having a hard time with a support family in the "
            "neighbourhood. The children get extra attention there.",
        ),
        "intro": T(
            "Buurtgezinnen koppelt een gezin dat het even zwaar heeft aan een steungezin in dezelfde buurt. "
            "De kinderen gaan regelmatig naar het steungezin en krijgen daar extra aandacht. Zo krijgen de "
            "ouders wat lucht.",
            "Buurtgezinnen links a family that is going through a hard time with a support family in the same "
            "neighbourhood. The children regularly visit the support family and get extra attention there. "
            "That gives the parents some breathing space.",
        ),
        "audience_summary": T(
            "Gezinnen met kinderen die het even zwaar hebben",
            "Families with children who are going through a hard time",
        ),
        "volunteer_summary": T(
            "Een steungezin uit de buurt geeft de kinderen extra aandacht",
            "A support family from the neighbourhood gives the children extra attention",
        ),
        "rhythm": T(
            "Regelmatig en dichtbij, zoals de gezinnen het samen afspreken",
            "Regular and close by, as the families agree together",
        ),
        "coordination": T(
            "Een coördinator uit de buurt koppelt de gezinnen en blijft betrokken",
            "A local coordinator links the families and stays involved",
        ),
    },
    Stream(
        ("heading", {"text": T("Hoe werkt het?", "How does it work?"), "level": "h2"}),
        (
            "paragraph",
            R(
                "<p>Buurtgezinnen bestaat sinds 2015. Een vraaggezin is een gezin dat steun kan gebruiken. Een "
                "steungezin is een stabiel gezin uit dezelfde buurt.</p><p>De kinderen spelen, eten of logeren bij "
                "het steungezin. Het contact is gewoon, alledaags en gelijkwaardig.</p>",
                "<p>Buurtgezinnen was founded in 2015. A 'requesting family' is a family that could use support. "
                "A 'support family' is a stable family from the same neighbourhood.</p><p>The children play, eat "
                "or stay over with the support family. The contact is ordinary, everyday and equal.</p>",
            ),
        ),
        _faq(
            T("Moet ik een groot probleem hebben om mee te doen?", "Do I need to have a big problem to take part?"),
            R(
                "<p>Nee. Iedereen heeft weleens hulp nodig. Heb je het druk, sta je er alleen voor of zit je even "
                "vast? Dan kan een steungezin helpen.</p>",
                "<p>No. Everyone needs help sometimes. Are you very busy, on your own, or stuck for a while? "
                "Then a support family can help.</p>",
            ),
        ),
        _more_about("buurtgezinnen", "Buurtgezinnen"),
    ),
)

STEUNOUDER = _program_page(
    "steunouder",
    "Steunouder",
    {
        "search_description": T(
            "Een steunouder biedt een kind een warm tweede thuis, één dagdeel per week. Zo krijgen ouders wat ruimte.",
            "A support parent offers a child a warm second home, for one part of a day each week. "
            "That gives parents some room.",
        ),
        "intro": T(
            "Een steunouder is een volwassen vrijwilliger die een kind een warm tweede thuis biedt, gewoon in "
            "het eigen gezinsleven. Het kind komt één dagdeel per week. Zo krijgt het kind extra aandacht en "
            "krijgen de ouders wat ruimte.",
            "A support parent is an adult volunteer who offers a child a warm second home, simply as part of "
            "their own family life. The child comes for one part of a day each week. That gives the child extra "
            "attention and the parents some room.",
        ),
        "audience_summary": T(
            "Kinderen uit een gezin dat ontlasting nodig heeft",
            "Children from a family that needs relief",
        ),
        "volunteer_summary": T(
            "Een steunouder ontvangt het kind thuis, in het eigen gezinsleven",
            "A support parent welcomes the child at home, as part of their own family life",
        ),
        "rhythm": T("Eén dagdeel per week", "One part of a day a week"),
        "coordination": T(
            "Een coördinator zoekt een steunouder die past en begeleidt het contact",
            "A coordinator finds a support parent who fits and guides the contact",
        ),
    },
    Stream(
        ("heading", {"text": T("Wat doet een steunouder?", "What does a support parent do?"), "level": "h2"}),
        (
            "paragraph",
            R(
                "<p>Een steunouder doet gewone dingen met het kind: samen koken, naar de speeltuin, huiswerk maken "
                "of lekker niets. Het kind ziet hoe het in een ander gezin gaat. De ouders weten hun kind in goede "
                "handen.</p>",
                "<p>A support parent does ordinary things with the child: cooking together, going to the "
                "playground, doing homework or simply relaxing. The child sees how life goes in another family. "
                "The parents know their child is in good hands.</p>",
            ),
        ),
        _faq(
            T("Wie kan steunouder worden?", "Who can become a support parent?"),
            R(
                "<p>Volwassenen met of zonder eigen kinderen, die tijd en een warm huis hebben. Je maakt eerst "
                "kennis en je krijgt een training.</p>",
                "<p>Adults with or without children of their own, who have time and a warm home. First you get "
                "acquainted and you receive training.</p>",
            ),
        ),
        _more_about("steunouder", "Steunouder"),
    ),
)

HOME_START = _program_page(
    "home-start",
    "Home-Start",
    {
        "search_description": T(
            "Bij Home-Start komt een getrainde vrijwilliger bij je thuis. Hij of zij is zelf ouder en denkt mee "
            "met je vragen over opvoeden.",
            "With Home-Start a trained volunteer visits you at home. They are a parent too and help you think "
            "through your questions about parenting.",
        ),
        "intro": T(
            "Bij Home-Start komt een getrainde vrijwilliger bij je thuis. De vrijwilliger is zelf ook ouder en "
            "denkt mee met je vragen over opvoeden. Dat helpt, voordat kleine zorgen groot worden.",
            "With Home-Start a trained volunteer visits you at home. The volunteer is a parent too and helps you "
            "think through your questions about parenting. That helps, before small worries grow big.",
        ),
        "audience_summary": T(
            "Ouders met gewone vragen over opvoeden",
            "Parents with everyday questions about parenting",
        ),
        "volunteer_summary": T(
            "Een getrainde vrijwilliger met ervaring als ouder komt bij je thuis",
            "A trained volunteer with experience as a parent visits you at home",
        ),
        "rhythm": T("Meestal één bezoek per week, een paar uur", "Usually one visit a week, for a few hours"),
        "coordination": T(
            "Een coördinator koppelt je aan een vrijwilliger en begeleidt het contact",
            "A coordinator links you with a volunteer and guides the contact",
        ),
    },
    Stream(
        ("heading", {"text": T("Wat kun je verwachten?", "What can you expect?"), "level": "h2"}),
        (
            "paragraph",
            R(
                "<p>De vrijwilliger luistert, denkt mee en helpt praktisch. Samen kijken jullie wat jij nodig hebt."
                "</p><p>Home-Start is preventief: het helpt voordat problemen groot worden. Al minstens tien jaar "
                "laat onderzoek zien dat het werkt. Ongeveer de helft van de gemeenten biedt Home-Start aan.</p>",
                "<p>The volunteer listens, thinks along and helps in practical ways. Together you look at what you "
                "need.</p><p>Home-Start is preventive: it helps before problems grow big. For at least ten years "
                "research has shown that it works. About half of all municipalities offer Home-Start.</p>",
            ),
        ),
        _faq(
            T("Is de vrijwilliger een hulpverlener?", "Is the volunteer a care professional?"),
            R(
                "<p>Nee. De vrijwilliger is een ervaren ouder, geen hulpverlener. Daardoor is het contact "
                "gelijkwaardig.</p>",
                "<p>No. The volunteer is an experienced parent, not a care professional. That makes the contact "
                "one between equals.</p>",
            ),
        ),
        _more_about("home-start", "Home-Start"),
    ),
)

SAMEN_OPLOPEN = _program_page(
    "samen-oplopen",
    "Samen Oplopen",
    {
        "search_description": T(
            "Samen Oplopen: een getrainde vrijwilliger loopt mee met gezinnen en jongeren met zware zorgen, "
            "vaak naast professionele hulp.",
            "Samen Oplopen: a trained volunteer walks alongside families and young people with serious worries, "
            "often next to professional help.",
        ),
        "intro": T(
            "Samen Oplopen is er voor gezinnen en jongeren met zware zorgen en veel stress. Een getrainde "
            "vrijwilliger loopt een tijd met je mee, vaak naast professionele hulp. Een professional begeleidt de "
            "vrijwilliger daarbij van dichtbij.",
            "Samen Oplopen is for families and young people with serious worries and a lot of stress. A trained "
            "volunteer walks alongside you for a while, often next to professional help. A professional closely "
            "supervises the volunteer while doing so.",
        ),
        "audience_summary": T(
            "Gezinnen en jongeren tot en met 22 jaar met zware zorgen, vaak naast professionele hulp",
            "Families and young people up to and including 22 with serious worries, often next to professional help",
        ),
        "volunteer_summary": T(
            "Een getrainde vrijwilliger loopt mee en helpt de weg te vinden",
            "A trained volunteer walks alongside and helps find the way",
        ),
        "rhythm": T(
            "Regelmatig contact, afgestemd op wat het gezin nodig heeft",
            "Regular contact, tuned to what the family needs",
        ),
        "coordination": T(
            "Een professional begeleidt de vrijwilliger intensief",
            "A professional supervises the volunteer closely",
        ),
    },
    Stream(
        (
            "heading",
            {
                "text": T("Een brug tussen vrijwilligers en zorg", "A bridge between volunteers and care"),
                "level": "h2",
            },
        ),
        (
            "paragraph",
            R(
                "<p>Samen Oplopen verbindt informele steun en professionele hulp. De vrijwilliger helpt bij gewone "
                "dingen, zoals een afspraak bij de gemeente of de weg naar een sportclub.</p><p>Andere organisaties "
                "kunnen de methode overnemen.</p>",
                "<p>Samen Oplopen connects informal support and professional help. The volunteer helps with "
                "everyday things, such as an appointment at the town hall or finding a sports club.</p><p>Other "
                "organisations can take over the method.</p>",
            ),
        ),
        _faq(
            T("Stopt mijn andere hulp dan?", "Does my other help stop then?"),
            R(
                "<p>Nee. De vrijwilliger komt erbij, naast je hulpverleners. Je houdt je eigen behandelaar.</p>",
                "<p>No. The volunteer comes in addition to your care professionals. You keep your own therapist.</p>",
            ),
        ),
        _more_about("samen-oplopen", "Samen Oplopen"),
    ),
)

PAGES = [COLLECTIVE, MEELEEFGEZIN, BUURTGEZINNEN, STEUNOUDER, HOME_START, SAMEN_OPLOPEN]
