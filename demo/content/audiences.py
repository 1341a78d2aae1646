"""The three audience pages, their sign-up pages and the 'find support near you' page."""

from .text import R, Ref, Stream, T
from .upsert import PageSpec

SIGNUP_PRIVACY = R(
    "<p>We gebruiken je gegevens alleen om je aanmelding te behandelen. Alleen de professional die je "
    "aanmelding behandelt, kan ze zien. Je kunt ze altijd laten verwijderen.</p>",
    "<p>We only use your details to handle your sign-up. Only the professional who handles your sign-up can "
    "see them. You can always have them deleted.</p>",
)


def _signup(key, parent, role, title, search_description, intro, privacy_note=SIGNUP_PRIVACY):
    return PageSpec(
        key=key,
        model="intake.IntakeFormPage",
        parent=parent,
        fields={
            "title": title,
            "slug": T("aanmelden", "sign-up"),
            "search_description": search_description,
            "role": role,
            "intro": intro,
            "privacy_note": privacy_note,
        },
    )


PARENTS = PageSpec(
    key="parents",
    model="collective.AudiencePage",
    parent="home",
    fields={
        "title": T("Voor ouders", "For parents"),
        "slug": T("voor-ouders", "for-parents"),
        "show_in_menus": True,
        "search_description": T(
            "Heb je psychische problemen of een verslaving, en een kind van 0 tot en met 4 jaar? Een meeleefgezin "
            "geeft je kind een tweede thuis en jou wat rust.",
            "Do you live with mental health problems or an addiction, and have a child aged 0 to 4? A host family "
            "gives your child a second home and you some rest.",
        ),
        "audience": "parents",
        "intro": T(
            "Je houdt van je kind. Maar door psychische problemen of een verslaving is elke dag zorgen soms te "
            "zwaar. Een meeleefgezin helpt. Je kind gaat één dag per week en één weekend per maand naar een vast "
            "gezin. Jij blijft de ouder.",
            "You love your child. But with mental health problems or an addiction, caring every single day is "
            "sometimes too much. A host family helps. Your child goes to the same family one day a week and one "
            "weekend a month. You stay the parent.",
        ),
        "what_to_expect": R(
            "<p>Na je aanmelding nemen we contact met je op. Dan maken we een afspraak om kennis te maken.</p>"
            "<ul><li>We komen bij je thuis en luisteren naar je verhaal.</li>"
            "<li>We zoeken een meeleefgezin dat bij jullie past. Jij kijkt mee.</li>"
            "<li>De eerste keren ga je mee naar het meeleefgezin.</li>"
            "<li>Daarna is je kind er één dag per week en één weekend per maand.</li>"
            "<li>Een vaste professional begeleidt jullie twee jaar.</li></ul>"
            "<p>Woon je in een gemeente waar we nog niet werken? Dan zetten we je op de centrale wachtlijst. "
            "We vertellen je eerlijk wat er wel kan.</p>",
            "<p>After you sign up, we will get in touch with you. Then we make an appointment to get to know each "
            "other.</p>"
            "<ul><li>We visit you at home and listen to your story.</li>"
            "<li>We look for a host family that suits you. You have a say.</li>"
            "<li>The first few times you go along to the host family.</li>"
            "<li>After that your child stays there one day a week and one weekend a month.</li>"
            "<li>A dedicated professional guides you for two years.</li></ul>"
            "<p>Do you live in a municipality where we do not work yet? Then we put you on the central waiting "
            "list. We will tell you honestly what is possible.</p>",
        ),
        "what_is_asked": R(
            "<p>We vragen niet veel van je. Wel dit:</p>"
            "<ul><li>Je kunt je kind nog genoeg basiszorg geven.</li>"
            "<li>Je wilt samen met ons en het meeleefgezin in gesprek blijven.</li>"
            "<li>Je geeft toestemming dat we met je behandelaar praten.</li></ul>",
            "<p>We do not ask much of you. Just this:</p>"
            "<ul><li>You can still give your child enough basic care.</li>"
            "<li>You want to keep talking with us and with the host family.</li>"
            "<li>You give permission for us to talk to your therapist.</li></ul>",
        ),
        "privacy": R(
            "<p>We vragen alleen wat we nodig hebben om je te helpen. Alleen de professional die je aanmelding "
            "behandelt, kan je gegevens zien. We sturen nooit gegevens over je gezondheid per e-mail. Je kunt "
            "altijd vragen wat we over je weten, of alles laten verwijderen.</p>",
            "<p>We only ask what we need to help you. Only the professional who handles your sign-up can see your "
            "details. We never send details about your health by e-mail. You can always ask what we know about "
            "you, or have everything deleted.</p>",
        ),
        "cta_title": T("Meld je aan", "Sign up"),
        "cta_text": T(
            "Aanmelden kost ongeveer tien minuten. Je kunt het ook samen doen met je huisarts, wijkteam of "
            "behandelaar.",
            "Signing up takes about ten minutes. You can also do it together with your GP, neighbourhood team or "
            "therapist.",
        ),
        "cta_label": T("Aanmelden als ouder", "Sign up as a parent"),
        "cta_page": Ref("parents-signup"),
        "body": Stream(
            (
                "faq",
                {
                    "title": T("Vragen van ouders", "Questions from parents"),
                    "items": [
                        {
                            "question": T("Raak ik mijn kind kwijt?", "Will I lose my child?"),
                            "answer": R(
                                "<p>Nee. Een meeleefgezin is geen pleeggezin. Je kind woont bij jou. Jij blijft de "
                                "ouder en jij beslist over je kind.</p>",
                                "<p>No. A host family is not a foster family. Your child lives with you. You stay "
                                "the parent and you make the decisions about your child.</p>",
                            ),
                        },
                        {
                            "question": T(
                                "Wat als het een keer niet goed gaat met mij?",
                                "What if I am not doing well for a while?",
                            ),
                            "answer": R(
                                "<p>Daarvoor maken we samen een crisisplan. Daarin staat wie wat doet als het even "
                                "niet gaat. Zo weet iedereen waar hij aan toe is.</p>",
                                "<p>That is why we make a crisis plan together. It says who does what when things "
                                "are not going well. That way everyone knows where they stand.</p>",
                            ),
                        },
                    ],
                },
            ),
        ),
    },
)

PARENTS_SIGNUP = _signup(
    "parents-signup",
    "parents",
    "parent",
    T("Aanmelden als ouder", "Sign up as a parent"),
    T(
        "Meld je aan voor een meeleefgezin. Het kost ongeveer tien minuten. Daarna nemen we contact met je op.",
        "Sign up for a host family. It takes about ten minutes. After that we will get in touch with you.",
    ),
    T(
        "Vul het formulier in. Je hoeft niet alles te weten. Na je aanmelding nemen we contact met je op.",
        "Fill in the form. You do not need to know everything. After you sign up, we will get in touch with you.",
    ),
)

HOST_FAMILIES = PageSpec(
    key="host-families",
    model="collective.AudiencePage",
    parent="home",
    fields={
        "title": T("Voor meeleefgezinnen", "For host families"),
        "slug": T("voor-meeleefgezinnen", "for-host-families"),
        "show_in_menus": True,
        "search_description": T(
            "Word meeleefgezin: je vangt een jong kind op, één dag per week en één weekend per maand. "
            "Met training en twee jaar begeleiding.",
            "Become a host family: you look after a young child one day a week and one weekend a month. "
            "With training and two years of guidance.",
        ),
        "audience": "host_families",
        "intro": T(
            "Heb je een warm huis en wat ruimte in je leven? Word dan meeleefgezin. Je vangt een jong kind op van "
            "ouders die het zwaar hebben. Eén dag per week en één weekend per maand. Zo geef je een kind een "
            "sterke start, en de ouders wat lucht.",
            "Do you have a warm home and some room in your life? Then become a host family. You look after a young "
            "child whose parents are having a hard time. One day a week and one weekend a month. That way you give "
            "a child a strong start, and the parents some breathing space.",
        ),
        "what_to_expect": R(
            "<p>Je staat er niet alleen voor.</p>"
            "<ul><li>Je krijgt een training van 4 bijeenkomsten van 2 uur, online of op locatie.</li>"
            "<li>Een vaste professional begeleidt je twee jaar lang.</li>"
            "<li>Met je vragen kun je altijd bij de professional terecht.</li>"
            "<li>Samen met de ouders maak je afspraken en een crisisplan.</li></ul>",
            "<p>You are not on your own.</p>"
            "<ul><li>You get a training of 4 sessions of 2 hours, online or in person.</li>"
            "<li>A dedicated professional guides you for two years.</li>"
            "<li>You can always take your questions to the professional.</li>"
            "<li>Together with the parents you make arrangements and a crisis plan.</li></ul>",
        ),
        "what_is_asked": R(
            "<p>Dit vragen we van je:</p>"
            "<ul><li>Een screening: vragenlijsten en een huisbezoek.</li>"
            "<li>Een training van 4 bijeenkomsten van 2 uur.</li>"
            "<li>Tijd: één dag per week en één weekend per maand.</li>"
            "<li>Je zegt ja voor minstens twee jaar.</li>"
            "<li>Respect voor de ouders: zij blijven de ouders van het kind.</li></ul>",
            "<p>This is what we ask of you:</p>"
            "<ul><li>A screening: questionnaires and a home visit.</li>"
            "<li>A training of 4 sessions of 2 hours.</li>"
            "<li>Time: one day a week and one weekend a month.</li>"
            "<li>You commit for at least two years.</li>"
            "<li>Respect for the parents: they stay the child's parents.</li></ul>",
        ),
        "privacy": R(
            "<p>We bewaren alleen wat nodig is om een goede koppeling te maken. Alleen de professional die je "
            "aanmelding behandelt, kan je gegevens zien. Je kunt altijd vragen wat we over je weten, of je "
            "gegevens laten verwijderen.</p>",
            "<p>We only keep what we need to make a good match. Only the professional who handles your sign-up can "
            "see your details. You can always ask what we know about you, or have your details deleted.</p>",
        ),
        "cta_title": T("Meld je aan als meeleefgezin", "Sign up as a host family"),
        "cta_text": T(
            "Aanmelden is nog geen ja. Eerst maken we kennis en kun je al je vragen stellen.",
            "Signing up is not yet a yes. First we get to know each other and you can ask all your questions.",
        ),
        "cta_label": T("Aanmelden als meeleefgezin", "Sign up as a host family"),
        "cta_page": Ref("host-families-signup"),
        "body": Stream(
            (
                "quote",
                {
                    "quote": T(
                        "Het mooiste moment van de week? Als hij op zaterdag lachend onze keuken in rent.",
                        "The best moment of the week? When he runs into our kitchen laughing on a Saturday.",
                    ),
                    "attribution": T("Meeleefvader uit Houten", "Host father from Houten"),
                },
            ),
        ),
    },
)

HOST_FAMILIES_SIGNUP = _signup(
    "host-families-signup",
    "host-families",
    "host_family",
    T("Aanmelden als meeleefgezin", "Sign up as a host family"),
    T(
        "Meld je aan als meeleefgezin. Aanmelden is nog geen ja: eerst maken we kennis.",
        "Sign up as a host family. Signing up is not yet a yes: first we get to know each other.",
    ),
    T(
        "Vertel ons kort wie jullie zijn. Daarna nemen we contact op voor een eerste gesprek. "
        "Aanmelden is nog geen ja.",
        "Tell us briefly who you are. Then we will get in touch for a first conversation. "
        "Signing up is not yet a yes.",
    ),
)

REFERRERS = PageSpec(
    key="referrers",
    model="collective.AudiencePage",
    parent="home",
    fields={
        "title": T("Voor verwijzers", "For referrers"),
        "slug": T("voor-verwijzers", "for-referrers"),
        "show_in_menus": True,
        "search_description": T(
            "Verwijs een gezin naar MeeleefGezin. Voor huisartsen, verloskundigen, JGZ, wijkteams, behandelaars "
            "en ziekenhuizen. Altijd met toestemming van de ouders.",
            "Refer a family to MeeleefGezin. For GPs, midwives, youth health care, neighbourhood teams, therapists "
            "and hospitals. Always with the parents' consent.",
        ),
        "audience": "referrers",
        "intro": T(
            "Werk je als huisarts, verloskundige of jeugdverpleegkundige? In het wijkteam, de GGZ, de "
            "verslavingszorg of het ziekenhuis? En zie je een jong kind van ouders met psychische problemen of "
            "een verslaving? Dan kan een meeleefgezin helpen. Je meldt het gezin aan, altijd met toestemming van "
            "de ouders.",
            "Do you work as a GP, midwife or youth health nurse? In a neighbourhood team, mental health care, "
            "addiction care or a hospital? And do you see a young child of parents with mental health problems or "
            "an addiction? Then a host family can help. You refer the family, always with the parents' consent.",
        ),
        "what_to_expect": R(
            "<p>Na je verwijzing:</p>"
            "<ul><li>We nemen contact op met de ouders en met jou.</li>"
            "<li>We kijken of het gezin woont in een regio waar we werken.</li>"
            "<li>Zo niet, dan komt het gezin op de centrale wachtlijst. We zoeken dan samen met jou naar een "
            "oplossing.</li>"
            "<li>Jij blijft de hulpverlener van het gezin. Met toestemming van de ouders houden we je op de "
            "hoogte.</li></ul>",
            "<p>After your referral:</p>"
            "<ul><li>We get in touch with the parents and with you.</li>"
            "<li>We check whether the family lives in a region where we work.</li>"
            "<li>If not, the family goes on the central waiting list. We then look for a solution together with "
            "you.</li>"
            "<li>You stay the family's care professional. With the parents' consent we keep you informed.</li></ul>",
        ),
        "what_is_asked": R(
            "<p>We vragen van je:</p>"
            "<ul><li>Toestemming van de ouders, voordat je het gezin aanmeldt.</li>"
            "<li>Een korte beschrijving van de situatie, zonder onnodige details.</li>"
            "<li>Buiten onze regio's: dat je meedenkt over hoe de koppeling betaald wordt.</li></ul>"
            "<p>Past een meeleefgezin niet? Kijk dan bij de andere programma's van het collectief. Of naar "
            "begeleiding thuis met video-feedback voor ouders van een baby.</p>",
            "<p>We ask of you:</p>"
            "<ul><li>The parents' consent, before you refer the family.</li>"
            "<li>A short description of the situation, without unnecessary details.</li>"
            "<li>Outside our regions: that you help work out how the match will be paid for.</li></ul>"
            "<p>Is a host family not the right fit? Then look at the other programs of the collective. Or at "
            "home guidance with video feedback for parents of a baby.</p>",
        ),
        "privacy": R(
            "<p>Stuur geen medische gegevens per e-mail. Gebruik het formulier: dat is beveiligd. Alleen de "
            "professional die de aanmelding behandelt, kan de gegevens zien.</p>",
            "<p>Do not send medical details by e-mail. Use the form: it is secure. Only the professional who handles "
            "the sign-up can see the details.</p>",
        ),
        "cta_title": T("Verwijs een gezin", "Refer a family"),
        "cta_text": T(
            "Het formulier kost ongeveer tien minuten. Zorg dat de ouders weten dat je ze aanmeldt.",
            "The form takes about ten minutes. Make sure the parents know that you are referring them.",
        ),
        "cta_label": T("Een gezin aanmelden", "Refer a family now"),
        "cta_page": Ref("referrers-signup"),
    },
)

REFERRERS_SIGNUP = _signup(
    "referrers-signup",
    "referrers",
    "referrer",
    T("Een gezin aanmelden", "Refer a family"),
    T(
        "Meld als huisarts, verloskundige, JGZ, wijkteam of behandelaar een gezin aan, met toestemming van de ouders.",
        "Refer a family as a GP, midwife, youth health care, neighbourhood team or therapist, with the parents' "
        "consent.",
    ),
    T(
        "Meld een gezin aan met toestemming van de ouders. Vul alleen in wat nodig is.",
        "Refer a family with the parents' consent. Only fill in what is needed.",
    ),
    R(
        "<p>Vraag eerst toestemming aan de ouders. Alleen de professional die de aanmelding behandelt, kan de "
        "gegevens zien. Stuur geen medische gegevens per e-mail.</p>",
        "<p>Ask the parents for consent first. Only the professional who handles the sign-up can see the details. "
        "Do not send medical details by e-mail.</p>",
    ),
)

FIND_SUPPORT = PageSpec(
    key="find-support",
    model="intake.FindSupportPage",
    parent="home",
    fields={
        "title": T("Steun bij jou in de buurt", "Support near you"),
        "slug": T("steun-zoeken", "find-support"),
        "show_in_menus": True,
        "search_description": T(
            "Vul je postcode in en zie welke vrijwillige steun voor gezinnen er bij jou in de buurt is.",
            "Enter your postcode and see which volunteer support for families there is near you.",
        ),
        "intro": T(
            "Vul je postcode in en beantwoord een paar korte vragen. Dan zie je welk programma bij jullie past, "
            "en wie het in jouw buurt doet. Je meldt je hier nog niet aan.",
            "Enter your postcode and answer a few short questions. Then you will see which program suits you, and "
            "who offers it in your area. You are not signing up yet.",
        ),
    },
)

PAGES = [
    PARENTS,
    PARENTS_SIGNUP,
    HOST_FAMILIES,
    HOST_FAMILIES_SIGNUP,
    REFERRERS,
    REFERRERS_SIGNUP,
    FIND_SUPPORT,
]
