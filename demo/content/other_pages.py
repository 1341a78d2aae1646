"""Plain content pages (privacy, contact) and the site furniture: menu, footer, contact details."""

from .text import R, Ref, Stream, T
from .upsert import PageSpec

CONTACT_DETAILS = {
    "organisation_name": "Stichting MeeleefGezin",
    "email": "info@meeleefgezin.example.org",
    "phone": "030 000 0100",
    "address": "Voorbeeldstraat 12\n3512 AB Utrecht",
    "chamber_of_commerce_number": "00000000",
}

# Where families can turn when nothing of the collective fits (core.models.YouthTeamGuidance).
YOUTH_TEAM_GUIDANCE = {
    "text": T(
        "Elke gemeente heeft een Centrum voor Jeugd en Gezin (CJG) of een wijkteam. Je kunt daar gratis terecht "
        "met vragen over opvoeden en opgroeien. Zij weten welke hulp er bij jou in de buurt is.",
        "Every municipality has a Centre for Youth and Family (CJG) or a neighbourhood team. You can go there for "
        "free with questions about parenting and growing up. They know what help there is near you.",
    ),
    "link_url": "https://www.cjg-zoeken.example.org/",
    "link_label": T("Zoek het CJG of wijkteam van je gemeente", "Find the CJG or neighbourhood team of your town"),
}


def _faq_item(question, answer):
    return {"question": question, "answer": answer}


PRIVACY = PageSpec(
    key="privacy",
    model="collective.ContentPage",
    parent="home",
    fields={
        "title": T("Privacy", "Privacy"),
        "slug": T("privacy", "privacy"),
        "search_description": T(
            "Welke gegevens MeeleefGezin van je bewaart, waarom, wie ze kan zien, hoe lang we ze bewaren en hoe "
            "je ze kunt inzien of laten verwijderen.",
            "Which details MeeleefGezin keeps about you, why, who can see them, how long we keep them and how you "
            "can see them or have them deleted.",
        ),
        "intro": T(
            "Als je je aanmeldt, vertel je ons veel over jezelf en je kind. Ook over je gezondheid. Daar gaan we "
            "zorgvuldig mee om. Hier lees je hoe.",
            "When you sign up, you tell us a lot about yourself and your child. Also about your health. We handle "
            "that with care. Here you can read how.",
        ),
        "body": Stream(
            ("heading", {"text": T("Wat we bewaren", "What we keep"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>We bewaren alleen wat we nodig hebben om je te helpen:</p>"
                    "<ul><li>je naam, adres, telefoonnummer en e-mailadres;</li>"
                    "<li>de leeftijd van je kind, of de uitgerekende datum;</li>"
                    "<li>wat je ons vertelt over je situatie, ook over je gezondheid;</li>"
                    "<li>met wie we contact hadden en wat we hebben afgesproken.</li></ul>",
                    "<p>We only keep what we need to help you:</p>"
                    "<ul><li>your name, address, phone number and e-mail address;</li>"
                    "<li>your child's age, or the due date;</li>"
                    "<li>what you tell us about your situation, including your health;</li>"
                    "<li>who we were in touch with and what we agreed.</li></ul>",
                ),
            ),
            ("heading", {"text": T("Waarom we het bewaren", "Why we keep it"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>We gebruiken je gegevens om je aanmelding te behandelen, een meeleefgezin te zoeken dat past "
                    "en jullie te begeleiden. Gegevens over je gezondheid gebruiken we alleen als jij daar "
                    "uitdrukkelijk toestemming voor geeft. Een verwijzer meldt je alleen aan als jij dat goed vindt."
                    "</p>",
                    "<p>We use your details to handle your sign-up, to find a host family that fits and to guide "
                    "you. We only use details about your health if you explicitly give your consent. A referrer "
                    "only signs you up if you agree.</p>",
                ),
            ),
            ("heading", {"text": T("Wie je gegevens kan zien", "Who can see your details"), "level": "h2"}),
            (
                "paragraph",
                R(
                    "<p>Alleen de professional die je aanmelding behandelt, kan je gegevens zien. Dat is iemand van "
                    "het team in jouw regio, of de landelijke coördinator als je op de wachtlijst staat. We sturen "
                    "nooit gegevens over je gezondheid per e-mail. We verkopen niets en delen niets zonder jouw "
                    "toestemming.</p>",
                    "<p>Only the professional who handles your sign-up can see your details. That is someone from "
                    "the team in your region, or the national coordinator if you are on the waiting list. We never "
                    "send details about your health by e-mail. We sell nothing and share nothing without your "
                    "consent.</p>",
                ),
            ),
            ("heading", {"text": T("Hoe lang we het bewaren", "How long we keep it"), "level": "h2"}),
            # The periods come from the retention settings, which the nightly retention run also uses.
            ("retention_periods", None),
            (
                "paragraph",
                R(
                    "<p>Verwijderen betekent: je naam, je contactgegevens, je antwoorden en onze notities zijn "
                    "weg. We houden alleen cijfers over, zonder namen, zodat we kunnen zien wat werkt.</p>",
                    "<p>Removing means: your name, your contact details, your answers and our notes are gone. We "
                    "only keep numbers, without names, so we can see what works.</p>",
                ),
            ),
            (
                "faq",
                {
                    "title": T("Jouw rechten", "Your rights"),
                    "items": [
                        _faq_item(
                            T("Hoe zie ik wat jullie over mij weten?", "How can I see what you know about me?"),
                            R(
                                "<p>Na je aanmelding krijg je een kenmerk. Mail dat kenmerk naar "
                                '<a href="mailto:privacy@meeleefgezin.example.org">'
                                "privacy@meeleefgezin.example.org</a>. Je krijgt binnen een maand een overzicht "
                                "van alles wat we over je bewaren.</p>",
                                "<p>After you sign up, you get a reference. E-mail that reference to "
                                '<a href="mailto:privacy@meeleefgezin.example.org">'
                                "privacy@meeleefgezin.example.org</a>. Within a month you will receive an overview "
                                "of everything we keep about you.</p>",
                            ),
                        ),
                        _faq_item(
                            T("Kan ik mijn gegevens laten verwijderen?", "Can I have my details deleted?"),
                            R(
                                "<p>Ja. Mail je kenmerk en vraag om verwijdering. We verwijderen dan alles, "
                                "behalve wat we volgens de wet moeten bewaren. We laten je weten wanneer het "
                                "gebeurd is.</p>",
                                "<p>Yes. E-mail your reference and ask for deletion. We then delete "
                                "everything, except what the law requires us to keep. We will let you know when it "
                                "has been done.</p>",
                            ),
                        ),
                        _faq_item(
                            T(
                                "Ik ben mijn kenmerk kwijt. Wat nu?",
                                "I have lost my reference. What now?",
                            ),
                            R(
                                "<p>Bel ons. We stellen je een paar vragen om zeker te weten dat jij het bent. "
                                "Daarna helpen we je verder.</p>",
                                "<p>Give us a call. We will ask you a few questions to make sure it is you. Then we "
                                "will help you further.</p>",
                            ),
                        ),
                        _faq_item(
                            T(
                                "Ik ben het niet eens met hoe jullie mijn gegevens gebruiken.",
                                "I disagree with how you use my details.",
                            ),
                            R(
                                "<p>Vertel het ons, dan zoeken we samen een oplossing. Kom je er met ons niet uit? "
                                "Dan kun je een klacht indienen bij de Autoriteit Persoonsgegevens.</p>",
                                "<p>Tell us, and we will look for a solution together. If we cannot work it out? Then "
                                "you can file a complaint with the Dutch Data Protection Authority (Autoriteit "
                                "Persoonsgegevens).</p>",
                            ),
                        ),
                    ],
                },
            ),
        ),
    },
)

CONTACT = PageSpec(
    key="contact",
    model="collective.ContentPage",
    parent="home",
    fields={
        "title": T("Contact", "Contact"),
        "slug": T("contact", "contact"),
        "search_description": T(
            "Neem contact op met Stichting MeeleefGezin in Utrecht, per telefoon of e-mail.",
            "Get in touch with Stichting MeeleefGezin in Utrecht, by phone or e-mail.",
        ),
        "intro": T(
            "Heb je een vraag, of twijfel je of een meeleefgezin iets voor jullie is? Bel of mail ons gerust. "
            "We denken met je mee.",
            "Do you have a question, or are you not sure whether a host family is right for you? Feel free to call "
            "or e-mail us. We will think it through with you.",
        ),
        "body": Stream(
            ("heading", {"text": T("Zo bereik je ons", "How to reach us"), "level": "h2"}),
            (
                "contact_details",
                {
                    "opening_hours": T(
                        "maandag tot en met donderdag, 9.00 tot 17.00 uur", "Monday to Thursday, 9:00 to 17:00"
                    ),
                    "show_address": True,
                },
            ),
            (
                "paragraph",
                R(
                    "<p>Stuur geen gegevens over je gezondheid per e-mail. Gebruik daarvoor het aanmeldformulier.</p>",
                    "<p>Please do not send details about your health by e-mail. Use the sign-up form for that.</p>",
                ),
            ),
            (
                "call_to_action",
                {
                    "title": T("Liever meteen aanmelden?", "Rather sign up right away?"),
                    "text": T(
                        "Aanmelden kost ongeveer tien minuten. Daarna nemen we contact met je op.",
                        "Signing up takes about ten minutes. After that we will get in touch with you.",
                    ),
                    "page": Ref("parents-signup"),
                    "button_label": T("Aanmelden als ouder", "Sign up as a parent"),
                },
            ),
        ),
    },
)

PAGES = [PRIVACY, CONTACT]

# Main menu and footer: (page key, label) in order.
MENU_ITEMS = [
    ("parents", T("Ouders", "Parents")),
    ("host-families", T("Meeleefgezinnen", "Host families")),
    ("referrers", T("Verwijzers", "Referrers")),
    ("how-it-works", T("Zo werkt het", "How it works")),
    ("collective", T("Collectief", "Collective")),
    ("knowledge", T("Kennis", "Knowledge")),
    ("find-support", T("Steun zoeken", "Find support")),
]
MENU_NAME = T("Hoofdmenu", "Main menu")

FOOTER_TEXT = T(
    "MeeleefGezin is lid van het Collectief Informele Steun: vijf vrijwilligersorganisaties die gezinnen onder "
    "druk steunen, met getrainde vrijwilligers en vaste begeleiding.",
    "MeeleefGezin is a member of the Informal Support Collective: five volunteer organisations that support "
    "families under pressure, with trained volunteers and steady guidance.",
)
FOOTER_LINKS = [
    ("privacy", T("Privacy", "Privacy")),
    ("contact", T("Contact", "Contact")),
    ("collective", T("Collectief Informele Steun", "Informal Support Collective")),
]
