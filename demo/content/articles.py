"""Knowledge and news: the article index and its articles."""

import datetime

from .text import Img, R, Ref, Stream, T, image_block
from .upsert import PageSpec

ARTICLE_INDEX = PageSpec(
    key="knowledge",
    model="collective.ArticleIndexPage",
    parent="home",
    fields={
        "title": T("Kennis en nieuws", "Knowledge and news"),
        "slug": T("kennis", "knowledge"),
        "show_in_menus": True,
        "search_description": T(
            "Artikelen over jonge kinderen, ouders onder druk en vrijwillige steun voor gezinnen.",
            "Articles about young children, parents under pressure and volunteer support for families.",
        ),
        "intro": T(
            "Wat weten we over jonge kinderen en ouders onder druk? En wat werkt? Hier lees je het, in gewone "
            "woorden.",
            "What do we know about young children and parents under pressure? And what works? Read it here, in "
            "plain words.",
        ),
    },
)


def _article(key, slug, date, title, search_description, intro, image, image_alt, tags, body):
    return PageSpec(
        key=key,
        model="collective.ArticlePage",
        parent="knowledge",
        fields={
            "title": title,
            "slug": slug,
            "search_description": search_description,
            "date": date,
            "intro": intro,
            "image": Img(image),
            "image_alt": image_alt,
            "body": body,
        },
        tags=tags,
    )


def _heading(nl, en):
    return ("heading", {"text": T(nl, en), "level": "h2"})


SHARED_PARENTING = _article(
    "article-shared-parenting",
    T("samen-opvoeden-in-een-gezinshuis", "shared-parenting-in-a-family-home"),
    datetime.date(2025, 3, 12),
    T(
        "Samen opvoeden als je kind in een gezinshuis woont",
        "Parenting together when your child lives in a family home",
    ),
    T(
        "Het gaat beter met kinderen in een gezinshuis als ouders en gezinshuisouders samenwerken. "
        "Een project maakte daar een route voor.",
        "Children in a family home do better when parents and family-home parents work together. "
        "A project created a route for that.",
    ),
    T(
        "Woont een kind in een gezinshuis, dan gaat het beter als de ouders en de gezinshuisouders samenwerken. "
        "Een project maakte daarvoor de 'relationele route'.",
        "When a child lives in a family home, things go better if the parents and the family-home parents work "
        "together. A project created the 'relational route' for this.",
    ),
    "two-homes",
    T(
        "Tekening van twee huizen, verbonden door een pad. Op het pad staat een kind.",
        "Drawing of two houses joined by a path. A child stands on the path.",
    ),
    (T("gezinshuis", "family home"), T("samen opvoeden", "shared parenting"), T("onderzoek", "research")),
    Stream(
        _heading("Twee thuizen, één kind", "Two homes, one child"),
        (
            "paragraph",
            R(
                "<p>Soms kan een kind niet meer thuis wonen en gaat het naar een gezinshuis. Daar wonen "
                "gezinshuisouders met een paar kinderen die niet thuis kunnen wonen. Voor het kind zijn er dan "
                "twee gezinnen belangrijk: het eigen gezin en het gezinshuis.</p><p>Onderzoek laat zien: het gaat "
                "het beste met het kind als de ouders en de gezinshuisouders samenwerken. Ze voeden het kind "
                "samen op.</p>",
                "<p>Sometimes a child can no longer live at home and moves to a family home. Family-home parents "
                "live there with a few children who cannot live at home. For the child, two families then matter: "
                "their own family and the family home.</p><p>Research shows that the child does best when the "
                "parents and the family-home parents work together. They raise the child together.</p>",
            ),
        ),
        _heading("De relationele route", "The relational route"),
        (
            "paragraph",
            R(
                "<p>Een project maakte hiervoor de 'relationele route'. Die bestaat uit drie afspraken:</p>"
                "<ul><li>De ouder houdt een plek, van de plaatsing tot het einde.</li>"
                "<li>Ouders en gezinshuisouders krijgen allebei begeleiding.</li>"
                "<li>Een gedragswetenschapper volgt hoe de samenwerking gaat.</li></ul>",
                "<p>A project created the 'relational route' for this. It consists of three agreements:</p>"
                "<ul><li>The parent keeps a place, from the placement to the end.</li>"
                "<li>Parents and family-home parents both receive coaching.</li>"
                "<li>A behavioural scientist keeps track of how the cooperation is going.</li></ul>",
            ),
        ),
        _heading("Wat betekent dit voor MeeleefGezin?", "What does this mean for MeeleefGezin?"),
        (
            "paragraph",
            R(
                "<p>Een meeleefgezin is geen gezinshuis: het kind woont gewoon bij de eigen ouders. Toch herkennen "
                "we de les. Het werkt als twee gezinnen elkaar vertrouwen en samen om het kind heen staan. Daarom "
                "is de ouder er bij het wennen steeds bij, en begeleidt één professional beide gezinnen.</p>",
                "<p>A host family is not a family home: the child simply lives with their own parents. Still, we "
                "recognise the lesson. It works when two families trust each other and stand around the child "
                "together. That is why the parent is always there during settling in, and one professional guides "
                "both families.</p>",
            ),
        ),
    ),
)

BABY_VIDEO_FEEDBACK = _article(
    "article-baby-video-feedback",
    T("hulp-thuis-voor-ouders-van-een-baby", "help-at-home-for-parents-of-a-baby"),
    datetime.date(2025, 6, 18),
    T(
        "Hulp thuis voor ouders van een baby, met video-feedback",
        "Help at home for parents of a baby, with video feedback",
    ),
    T(
        "Een gemeentelijke aanpak helpt ouders van een baby onder één jaar thuis, met video-feedback. "
        "Een goede verwijzing als een meeleefgezin niet past.",
        "A municipal approach helps parents of a baby under one at home, with video feedback. "
        "A good referral when a host family is not the right fit.",
    ),
    T(
        "Ouders van een baby onder één jaar kunnen soms thuis begeleiding krijgen, met video-feedback. Goed om "
        "te weten als een meeleefgezin niet past.",
        "Parents of a baby under one can sometimes get guidance at home, with video feedback. Good to know when "
        "a host family is not the right fit.",
    ),
    "home",
    T(
        "Tekening van een huis in de zon. Een volwassene en een kind geven elkaar een hand.",
        "Drawing of a house in the sun. A grown-up and a child are holding hands.",
    ),
    (T("baby", "baby"), T("preventie", "prevention"), T("verwijzen", "referral")),
    Stream(
        _heading("Voor wie?", "Who is it for?"),
        (
            "paragraph",
            R(
                "<p>Sommige gemeenten hebben een aanpak voor ouders van een baby onder één jaar die vastlopen in "
                "de opvoeding. Bijvoorbeeld ouders die onzeker zijn, een zware bevalling hadden of een baby hebben "
                "die veel huilt. Maar ook ouders met een verslaving, psychische problemen of een verstandelijke "
                "beperking, of ouders die problemen hadden in de zwangerschap.</p>",
                "<p>Some municipalities have an approach for parents of a baby under one who get stuck with "
                "parenting. For example parents who feel unsure, had a difficult birth or have a baby who cries a "
                "lot. But also parents with an addiction, mental health problems or an intellectual disability, or "
                "parents who had problems during pregnancy.</p>",
            ),
        ),
        _heading("Hoe gaat het?", "How does it work?"),
        (
            "paragraph",
            R(
                "<p>Een begeleider komt 3 tot 9 maanden bij de ouders thuis. Soms filmt de begeleider een gewoon "
                "moment, zoals het badje of de fles. Daarna kijken ze samen naar de beelden: wat gaat goed tussen "
                "ouder en baby? Zo leren ouders de signalen van hun baby beter lezen.</p>",
                "<p>A counsellor visits the parents at home for 3 to 9 months. Sometimes the counsellor films an "
                "ordinary moment, like bath time or a bottle feed. Afterwards they watch the video together: what "
                "is going well between parent and baby? That way parents learn to read their baby's signals "
                "better.</p>",
            ),
        ),
        _heading("Aanmelden en verwijzen", "Signing up and referring"),
        (
            "paragraph",
            R(
                "<p>Ouders melden zich aan bij het CJG. Ook de huisarts, verloskundige, het ziekenhuis of het "
                "consultatiebureau kan ze verwijzen. Past een meeleefgezin niet, bijvoorbeeld omdat er geen "
                "psychische problemen of verslaving spelen? Dan is dit vaak een goede route.</p>",
                "<p>Parents sign up at the CJG (centre for youth and family). The GP, midwife, hospital or child "
                "health clinic can also refer them. Is a host family not the right fit, for example because there "
                "are no mental health problems or addiction? Then this is often a good route.</p>",
            ),
        ),
        (
            "call_to_action",
            {
                "title": T("Ben je verwijzer?", "Are you a referrer?"),
                "text": T(
                    "Lees wanneer een meeleefgezin wel past, en hoe je een gezin aanmeldt.",
                    "Read when a host family is the right fit, and how to refer a family.",
                ),
                "page": Ref("referrers"),
                "button_label": T("Naar de pagina voor verwijzers", "Go to the page for referrers"),
            },
        ),
    ),
)

FIRST_1000_DAYS = _article(
    "article-first-1000-days",
    T("de-eerste-1000-dagen", "the-first-1000-days"),
    datetime.date(2025, 10, 2),
    T("De eerste 1000 dagen: waarom ze zo belangrijk zijn", "The first 1000 days: why they matter so much"),
    T(
        "Van zwangerschap tot de tweede verjaardag groeien de hersenen het snelst. Waarom een tweede vertrouwd "
        "persoon dan zo veel uitmaakt.",
        "From pregnancy to the second birthday the brain grows fastest. Why a second familiar person makes such "
        "a difference then.",
    ),
    T(
        "Van de zwangerschap tot de tweede verjaardag groeien de hersenen van een kind het snelst. Wat een kind "
        "dan meemaakt, neemt het de rest van zijn leven mee.",
        "From pregnancy to the second birthday a child's brain grows fastest. What a child experiences then, it "
        "carries for the rest of its life.",
    ),
    "growth",
    T(
        "Tekening van een jong plantje in een pot, in de zon.",
        "Drawing of a young plant in a pot, in the sun.",
    ),
    (T("eerste 1000 dagen", "first 1000 days"), T("hechting", "attachment")),
    Stream(
        _heading("Een snelle start", "A fast start"),
        (
            "paragraph",
            R(
                "<p>De eerste 1000 dagen lopen van het begin van de zwangerschap tot de tweede verjaardag. In die "
                "tijd groeien de hersenen sneller dan ooit daarna. Een baby leert elke dag: hoe voelt veilig? "
                "Komt er iemand als ik huil?</p>",
                "<p>The first 1000 days run from the start of pregnancy to the second birthday. During that time "
                "the brain grows faster than ever after. A baby learns every day: what does safe feel like? Does "
                "someone come when I cry?</p>",
            ),
        ),
        _heading("Als ouders het zwaar hebben", "When parents are struggling"),
        (
            "paragraph",
            R(
                "<p>Heeft een ouder psychische problemen of een verslaving? Dan is er soms minder rust en "
                "voorspelbaarheid. Kinderen van deze ouders hebben meer kans op problemen met hechting en "
                "ontwikkeling, en later op psychische problemen. Dat ligt niet aan de liefde van de ouder. Het ligt "
                "aan de last die de ouder draagt.</p>",
                "<p>Does a parent live with mental health problems or an addiction? Then there is sometimes less "
                "calm and predictability. Children of these parents run a higher risk of problems with attachment "
                "and development, and later of mental health problems. That is not about the parent's love. It is "
                "about the load the parent carries.</p>",
            ),
        ),
        _heading("Een tweede vertrouwd persoon", "A second familiar person"),
        (
            "paragraph",
            R(
                "<p>Een tweede vaste plek en een tweede vertrouwd persoon helpen een kind. Het kind ervaart daar "
                "rust en regelmaat, en neemt dat mee naar huis. De ouder krijgt tijd om op adem te komen. Dat is "
                "het idee achter een meeleefgezin.</p>",
                "<p>A second steady place and a second familiar person help a child. The child experiences calm "
                "and routine there, and takes that home. The parent gets time to catch their breath. That is the "
                "idea behind a host family.</p>",
            ),
        ),
    ),
)

HOST_FAMILY_DAY = _article(
    "article-host-family-day",
    T("een-dag-bij-een-meeleefgezin", "a-day-with-a-host-family"),
    datetime.date(2026, 1, 20),
    T("Wat doet een meeleefgezin eigenlijk?", "What does a host family actually do?"),
    T(
        "Een meeleefgezin doet vooral gewone dingen met een jong kind. Juist dat helpt. Zo ziet een dag eruit.",
        "A host family mostly does ordinary things with a young child. That is exactly what helps. This is what "
        "a day looks like.",
    ),
    T(
        "Een meeleefgezin doet geen bijzondere dingen. Het biedt een jong kind vooral rust, regelmaat en "
        "aandacht. Zo ziet een dag eruit.",
        "A host family does nothing special. Above all, it offers a young child calm, routine and attention. This "
        "is what a day looks like.",
    ),
    "neighbourhood",
    T(
        "Tekening van een straat met drie huizen en bomen. Rechts loopt iemand.",
        "Drawing of a street with three houses and trees. Someone is walking on the right.",
    ),
    (T("meeleefgezin", "host family"), T("ervaringen", "experiences")),
    Stream(
        _heading("Een gewone zaterdag", "An ordinary Saturday"),
        (
            "paragraph",
            R(
                "<p>Om half tien brengt de moeder haar zoontje van twee. Ze drinken samen nog een kopje thee. Dan "
                "gaat het jongetje met de meeleefmoeder naar de markt. Hij mag de appels in de tas doen. Na de lunch "
                "slaapt hij, en 's middags gaan ze naar de speeltuin.</p><p>Om vijf uur haalt zijn moeder hem op. "
                "De meeleefmoeder vertelt wat hij heeft gedaan en gegeten.</p>",
                "<p>At half past nine the mother brings her two-year-old son. They have a cup of tea together. Then "
                "the little boy goes to the market with the host mother. He gets to put the apples in the bag. After "
                "lunch he has a nap, and in the afternoon they go to the playground.</p><p>At five o'clock his "
                "mother picks him up. The host mother tells her what he did and what he ate.</p>",
            ),
        ),
        image_block(
            "home",
            T(
                "Tekening van een huis in de zon. Een volwassene en een kind geven elkaar een hand.",
                "Drawing of a house in the sun. A grown-up and a child are holding hands.",
            ),
            T("Brengen en halen: elke week hetzelfde huis.", "Drop-off and pick-up: the same house every week."),
        ),
        _heading("Waarom gewoon zo goed werkt", "Why ordinary works so well"),
        (
            "paragraph",
            R(
                "<p>Een jong kind heeft geen uitjes nodig. Het heeft mensen nodig die er steeds zijn, en dagen die "
                "op elkaar lijken. Eén dag per week en één weekend per maand is genoeg om een band op te bouwen. "
                "En het is weinig genoeg om de ouder de ouder te laten.</p>",
                "<p>A young child does not need outings. It needs people who are always there, and days that are "
                "alike. One day a week and one weekend a month is enough to build a bond. And it is little enough "
                "to let the parent stay the parent.</p>",
            ),
        ),
        (
            "quote",
            {
                "quote": T(
                    "Hij noemt ons 'de zaterdag-oma en -opa'. Dat vinden we de mooiste titel die er is.",
                    "He calls us 'Saturday grandma and grandpa'. We think that is the best title there is.",
                ),
                "attribution": T("Meeleefouders uit Nieuwegein", "Host parents from Nieuwegein"),
            },
        ),
        (
            "call_to_action",
            {
                "title": T("Iets voor jullie?", "Something for you?"),
                "text": T(
                    "Lees wat we van een meeleefgezin vragen en wat je van ons krijgt.",
                    "Read what we ask of a host family and what you get from us.",
                ),
                "page": Ref("host-families"),
                "button_label": T("Word meeleefgezin", "Become a host family"),
            },
        ),
    ),
)

PAGES = [ARTICLE_INDEX, SHARED_PARENTING, BABY_VIDEO_FEEDBACK, FIRST_1000_DAYS, HOST_FAMILY_DAY]
