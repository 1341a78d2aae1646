"""Copy of the home page and the 'how it works' page (Dutch first, English beside it)."""

from .text import Img, R, Ref, Stream, T
from .upsert import PageSpec

HOME = PageSpec(
    key="home",
    model="home.HomePage",
    parent=None,
    fields={
        "title": T("MeeleefGezin", "MeeleefGezin"),
        "slug": T("home", "home-en"),
        "seo_title": T(
            "MeeleefGezin: een tweede thuis voor je jonge kind",
            "MeeleefGezin: a second home for your young child",
        ),
        "search_description": T(
            "Een meeleefgezin is een vast gastgezin voor je kind van 0 tot en met 4 jaar. "
            "Eén dag per week en één weekend per maand. Jij blijft de ouder.",
            "A host family is a steady second family for your child aged 0 to 4. "
            "One day a week and one weekend a month. You stay the parent.",
        ),
        "lead": T(
            "Een meeleefgezin is een vrijwillig gastgezin voor je jonge kind, als je als ouder psychische "
            "problemen of een verslaving hebt. Je kind is er één dag per week en één weekend per maand, "
            "en jij blijft altijd de ouder.",
            "A host family is a volunteer family for your young child, when you as a parent live with mental "
            "health problems or an addiction. Your child stays there one day a week and one weekend a month, "
            "and you always stay the parent.",
        ),
        "hero_image": Img("home"),
        "hero_image_alt": T(
            "Tekening van een huis in de zon. Een volwassene en een kind geven elkaar een hand.",
            "Drawing of a house in the sun. A grown-up and a child are holding hands.",
        ),
        "hero_actions": Stream(
            ("action", {"page": Ref("parents-signup"), "label": T("Aanmelden als ouder", "Sign up as a parent")}),
            (
                "action",
                {"page": Ref("find-support"), "label": T("Zoek steun bij jou in de buurt", "Find support near you")},
            ),
            ("action", {"page": Ref("host-families"), "label": T("Word meeleefgezin", "Become a host family")}),
        ),
        "front_doors": Stream(
            (
                "door",
                {
                    "title": T("Voor ouders", "For parents"),
                    "text": T(
                        "Je hebt het zwaar en je wilt het goed doen voor je kind. "
                        "Lees wat een meeleefgezin voor jullie kan doen.",
                        "Life is hard right now and you want to do well by your child. "
                        "Read what a host family can do for you both.",
                    ),
                    "page": Ref("parents"),
                    "link_label": T("Lees meer voor ouders", "More for parents"),
                },
            ),
            (
                "door",
                {
                    "title": T("Voor meeleefgezinnen", "For host families"),
                    "text": T(
                        "Heb je thuis ruimte voor een jong kind, één dag per week en één weekend per maand? "
                        "Lees wat we vragen.",
                        "Do you have room at home for a young child, one day a week and one weekend a month? "
                        "Read what we ask.",
                    ),
                    "page": Ref("host-families"),
                    "link_label": T("Word meeleefgezin", "Become a host family"),
                },
            ),
            (
                "door",
                {
                    "title": T("Voor verwijzers", "For referrers"),
                    "text": T(
                        "Ben je huisarts, verloskundige, jeugdverpleegkundige of behandelaar? "
                        "Zo meld je een gezin aan, met toestemming van de ouders.",
                        "Are you a GP, midwife, youth health nurse or therapist? "
                        "This is how you refer a family, with the parents' consent.",
                    ),
                    "page": Ref("referrers"),
                    "link_label": T("Verwijs een gezin", "Refer a family"),
                },
            ),
        ),
        "figures_heading": T("Wat we samen bereikten", "What we have achieved together"),
        "matches_made": 100,
        "matches_since_year": 2012,
        "share_in_place_after_two_years": 85,
        "quotes": Stream(
            (
                "quote",
                {
                    "quote": T(
                        "Op zaterdag weet ik dat mijn dochter het fijn heeft. Dan kan ik even op adem komen. "
                        "En zondagavond is ze gewoon weer bij mij.",
                        "On Saturdays I know my daughter is having a good time. Then I can catch my breath. "
                        "And on Sunday evening she is simply back home with me.",
                    ),
                    "attribution": T("Moeder van een dochter van 3", "Mother of a daughter aged 3"),
                },
            ),
            (
                "quote",
                {
                    "quote": T(
                        "We dachten dat wij iets zouden geven. Maar onze eigen kinderen hebben er een klein "
                        "zusje bij gekregen.",
                        "We thought we would be the ones giving. But our own children have gained a little sister.",
                    ),
                    "attribution": T("Meeleefouder, al drie jaar gekoppeld", "Host parent, matched for three years"),
                },
            ),
            (
                "quote",
                {
                    "quote": T(
                        "Ik zie een kind dat zich veilig voelt bij twee gezinnen. Voor deze ouders is dat geen "
                        "verlies, maar steun.",
                        "I see a child who feels safe with two families. For these parents that is not a loss, "
                        "but support.",
                    ),
                    "attribution": T(
                        "Jeugdverpleegkundige op het consultatiebureau", "Youth health nurse at a child health clinic"
                    ),
                },
            ),
        ),
        "articles_heading": T("Kennis en nieuws", "Knowledge and news"),
    },
)


def _step(title, summary, items, who):
    return ("step", {"title": title, "summary": summary, "items": items, "who": who})


HOW_IT_WORKS = PageSpec(
    key="how-it-works",
    model="collective.HowItWorksPage",
    parent="home",
    fields={
        "title": T("Zo werkt MeeleefGezin", "How MeeleefGezin works"),
        "slug": T("zo-werkt-het", "how-it-works"),
        "show_in_menus": True,
        "search_description": T(
            "Van aanmelding tot een vaste plek in een tweede gezin, in drie stappen: kennismaken en koppelen, "
            "training en wennen, opvang en nazorg.",
            "From sign-up to a steady place in a second family, in three steps: getting to know each other and "
            "matching, training and settling in, care and aftercare.",
        ),
        "intro": T(
            "Van aanmelding tot een vaste plek in een tweede gezin: zo gaat het, in drie stappen. "
            "Eén vaste professional begeleidt jullie de hele tijd.",
            "From sign-up to a steady place in a second family: this is how it goes, in three steps. "
            "One dedicated professional guides you the whole way.",
        ),
        "steps": Stream(
            _step(
                T("Kennismaken en koppelen", "Getting to know each other and matching"),
                T(
                    "We leren jou en het meeleefgezin goed kennen. Daarna zoeken we een gezin dat bij jullie past.",
                    "We get to know you and the host family well. Then we look for a family that suits you.",
                ),
                [
                    T("Jullie vullen vragenlijsten in.", "You fill in questionnaires."),
                    T("We komen bij jullie thuis op bezoek.", "We visit you at home."),
                    T(
                        "Met toestemming van de ouders praten we met hun behandelaar.",
                        "With the parents' permission we talk to their therapist.",
                    ),
                    T(
                        "De gezinnen lezen elkaars profiel en maken kennis, met de professional erbij.",
                        "The families read each other's profile and meet, with the professional present.",
                    ),
                    T(
                        "Het meeleefgezin tekent een overeenkomst met de stichting, met een gedragscode.",
                        "The host family signs an agreement with the foundation, including a code of conduct.",
                    ),
                ],
                T("Ouders en meeleefgezin", "Parents and host family"),
            ),
            _step(
                T("Training en wennen", "Training and settling in"),
                T(
                    "Het meeleefgezin volgt een training. Daarna went je kind rustig aan het nieuwe gezin, "
                    "eerst samen met jou.",
                    "The host family takes a training course. Then your child gently gets used to the new family, "
                    "at first together with you.",
                ),
                [
                    T(
                        "Het meeleefgezin volgt 4 trainingen van 2 uur, online of op locatie.",
                        "The host family takes 4 training sessions of 2 hours, online or in person.",
                    ),
                    T(
                        "De eerste keren ben jij als ouder erbij.",
                        "The first few times you as the parent are there too.",
                    ),
                    T(
                        "De gezinnen maken samen praktische afspraken.",
                        "The families make practical arrangements together.",
                    ),
                    T(
                        "Jullie maken samen een crisisplan: wat doen we als het even niet gaat?",
                        "Together you make a crisis plan: what do we do when things are not going well?",
                    ),
                ],
                T("Meeleefgezin, met de ouders erbij", "Host family, with the parents present"),
            ),
            _step(
                T("Opvang en nazorg", "Care and aftercare"),
                T(
                    "Je kind is één dag per week en één weekend per maand bij het meeleefgezin. "
                    "De professional blijft voor jullie klaarstaan.",
                    "Your child stays with the host family one day a week and one weekend a month. "
                    "The professional stays there for you.",
                ),
                [
                    T(
                        "Je kind is één dag per week en één weekend per maand in het meeleefgezin.",
                        "Your child is with the host family one day a week and one weekend a month.",
                    ),
                    T(
                        "De professional houdt contact en komt af en toe op huisbezoek.",
                        "The professional keeps in touch and visits you at home now and then.",
                    ),
                    T(
                        "Heb je een vraag? Je kunt altijd bellen of mailen.",
                        "Do you have a question? You can always call or e-mail.",
                    ),
                    T(
                        "We volgen hoe het gaat, zodat we op tijd kunnen bijsturen.",
                        "We keep track of how it is going, so we can adjust in time.",
                    ),
                    T(
                        "Twee jaar lang kunnen beide gezinnen bij de professional terecht. Daarna maken jullie "
                        "samen eigen afspraken.",
                        "For two years both families can turn to the professional. After that you make your own "
                        "arrangements together.",
                    ),
                ],
                T("Ouders en meeleefgezin", "Parents and host family"),
            ),
        ),
        "body": Stream(
            (
                "paragraph",
                R(
                    "<p>We hopen dat het contact tussen de gezinnen lang blijft. Bij de meeste koppelingen lukt "
                    "dat: 85 tot 90 procent bestaat na twee jaar nog.</p>",
                    "<p>We hope the contact between the families lasts a long time. For most matches it does: "
                    "85 to 90 percent are still in place after two years.</p>",
                ),
            ),
            (
                "call_to_action",
                {
                    "title": T("Klaar om je aan te melden?", "Ready to sign up?"),
                    "text": T(
                        "Meld je aan als ouder. Daarna bellen we je om kennis te maken.",
                        "Sign up as a parent. Then we will call you to get acquainted.",
                    ),
                    "page": Ref("parents-signup"),
                    "button_label": T("Aanmelden als ouder", "Sign up as a parent"),
                },
            ),
            (
                "call_to_action",
                {
                    "title": T("Wil je meeleefgezin worden?", "Would you like to become a host family?"),
                    "text": T(
                        "Aanmelden is nog geen ja. Eerst maken we kennis en kun je al je vragen stellen.",
                        "Signing up is not yet a yes. First we get to know each other and you can ask all your "
                        "questions.",
                    ),
                    "page": Ref("host-families-signup"),
                    "button_label": T("Aanmelden als meeleefgezin", "Sign up as a host family"),
                },
            ),
        ),
    },
)

PAGES = [HOME, HOW_IT_WORKS]
