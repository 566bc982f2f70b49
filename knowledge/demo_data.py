"""Demo data of the knowledge library: pure data, no side effects.

Practices that member cities share, written as templates: ``{city}`` is replaced with the city's
name. Each practice lists the cities that run it; the first is where it started, and its case
study names the others as the cities that adopted it. The practices are illustrative, modelled on
the kinds of prevention work Nordic cities are known for; the figures are invented. Focus areas
are referenced by slug, target groups by code (``knowledge.reference_data``) and partners by the
names in ``cities.demo_data.PARTNERS``.
"""

from typing import NotRequired, TypedDict

__all__ = [
    "ILLUSTRATIONS",
    "INDEX",
    "PENDING",
    "PRACTICES",
    "RESOURCES",
    "TRANSLATIONS",
    "IllustrationData",
    "PracticeData",
    "ResourceData",
]


class PracticeData(TypedDict):
    key: str
    title: str
    summary: str
    paragraphs: list[str]
    focus_areas: list[str]
    target_groups: list[str]
    status: str
    evidence_level: str
    started: int
    cities: list[str]
    members_only: NotRequired[bool]
    partners: NotRequired[list[str]]
    key_facts: NotRequired[list[tuple[str, str]]]
    results: NotRequired[str]


class ResourceData(TypedDict):
    slug: str
    title: str
    summary: str
    paragraphs: list[str]
    focus_areas: list[str]
    illustration: str
    # (language, document title, the document's lines of text)
    documents: list[tuple[str, str, list[str]]]


class IllustrationData(TypedDict):
    title: str
    alt: str
    colours: tuple[str, str, str]


INDEX = {
    "title": "Knowledge",
    "slug": "knowledge",
    "introduction": (
        "Practices that member cities have tried, tested and shared with each other, and the "
        "network's manuals and guides."
    ),
}

# One illustration per focus area (hero images of the case studies), and the resources' covers.
ILLUSTRATIONS: dict[str, IllustrationData] = {
    "safe-urban-space": {
        "title": "Demo illustration: city at dusk",
        "alt": "Illustration of city buildings at dusk, with lit windows and street lamps.",
        "colours": ("#0b3d5c", "#ffbf47", "#f1f5f8"),
    },
    "safe-online-sphere": {
        "title": "Demo illustration: speech bubbles",
        "alt": "Illustration of overlapping speech bubbles on a dark blue screen.",
        "colours": ("#072a40", "#5fb3e4", "#ffffff"),
    },
    "strong-families": {
        "title": "Demo illustration: family circle",
        "alt": "Illustration of four figures of different sizes side by side, like a family.",
        "colours": ("#6b2d5c", "#f4a261", "#fdf0e6"),
    },
    "safe-public-institutions": {
        "title": "Demo illustration: public building",
        "alt": "Illustration of a public building with columns and an open door.",
        "colours": ("#1b4332", "#95d5b2", "#f1faee"),
    },
    "strong-youth-engagement": {
        "title": "Demo illustration: young people",
        "alt": "Illustration of a row of eight figures in different colours.",
        "colours": ("#c8102e", "#ffd166", "#fff8e7"),
    },
    "safe-communities": {
        "title": "Demo illustration: neighbourhood",
        "alt": "Illustration of a row of houses with a shared yard in front.",
        "colours": ("#264653", "#e9c46a", "#f4f1de"),
    },
    "allin-cover": {
        "title": "Demo illustration: ALL'IN manual cover",
        "alt": "Cover of the ALL'IN youth manual: twelve dots joined in a circle.",
        "colours": ("#c8102e", "#ffffff", "#0b3d5c"),
    },
    "guide-cover": {
        "title": "Demo illustration: Safe Cities guide cover",
        "alt": "Cover of the Safe Cities guide: six dots in a circle, one for each focus area.",
        "colours": ("#0b3d5c", "#ffbf47", "#ffffff"),
    },
}

PRACTICES: list[PracticeData] = [
    {
        "key": "peace-ambassadors",
        "title": "Young peace ambassadors in {city}'s schools",
        "summary": (
            "Pupils in lower-secondary schools are trained as peace ambassadors who lead "
            "classroom dialogues on inclusion, online hate and resolving conflicts."
        ),
        "paragraphs": [
            "Each school in {city} chooses two pupils a year, with the help of their class. "
            "They take part in a three-day course built on the ALL'IN youth manual and then run "
            "one classroom dialogue a month, with a teacher in the room.",
            "The ambassadors meet across schools each term, which has become a place where "
            "young people from different neighbourhoods get to know each other.",
        ],
        "focus_areas": ["strong-youth-engagement", "safe-public-institutions"],
        "target_groups": ["children-young-people", "schools"],
        "status": "ongoing",
        "evidence_level": "evaluated",
        "started": 2018,
        "cities": ["oslo", "aalborg", "reykjavik"],
        "partners": ["Nordic Youth Dialogue Network"],
        "key_facts": [
            ("Schools taking part", "34"),
            ("Peace ambassadors trained", "280"),
            ("Classroom dialogues a year", "410"),
        ],
        "results": (
            "In the schools' own survey, the share of pupils who say they would speak up against "
            "a hateful remark rose from 41% to 58% in three years."
        ),
    },
    {
        "key": "night-walkers",
        "title": "Night walkers in central {city}",
        "summary": (
            "Volunteer adults walk the city centre on weekend nights, talk with young people and "
            "call for help when a situation turns serious."
        ),
        "paragraphs": [
            "Teams of three volunteers in recognisable vests walk set routes in {city} from 21:00 "
            "to 02:00 on Fridays and Saturdays. Many are parents; all have a short training in "
            "de-escalation and first aid.",
            "The walkers are not guards. They greet, listen and hand out water, and they know "
            "the youth workers and the police officers on duty by name.",
        ],
        "focus_areas": ["safe-urban-space", "safe-communities"],
        "target_groups": ["local-communities", "families", "children-young-people"],
        "status": "ongoing",
        "evidence_level": "implemented",
        "started": 2016,
        "cities": ["malmo", "bergen", "vantaa"],
        "partners": ["Safe Streets Foundation"],
    },
    {
        "key": "digital-street-workers",
        "title": "Digital street workers in {city}",
        "summary": (
            "Youth workers are present where young people spend time online: in games, chats and "
            "social media, answering questions and stepping in against hate."
        ),
        "paragraphs": [
            "Four youth workers in {city} have online working hours every afternoon and "
            "evening. They are open about who they are, and young people contact them about "
            "everything from loneliness to threats.",
            "When they meet hateful content or recruitment attempts, they answer in the "
            "conversation, report to the platform and, where a young person is at risk, bring "
            "in the local prevention team.",
        ],
        "focus_areas": ["safe-online-sphere", "strong-youth-engagement"],
        "target_groups": ["children-young-people", "online-communities"],
        "status": "ongoing",
        "evidence_level": "externally_evaluated",
        "started": 2019,
        "cities": ["helsinki", "stavanger"],
        "partners": ["Nordic Institute for Digital Resilience"],
        "key_facts": [("Conversations a year", "6,800"), ("Youth workers online", "4")],
        "results": (
            "An external evaluation found that a third of the young people who contacted the "
            "workers had not talked to any adult about their situation before."
        ),
    },
    {
        "key": "parent-network",
        "title": "Parent network against radicalisation in {city}",
        "summary": (
            "Parents who have been through it support other parents who worry that their child "
            "is being drawn into extremist circles."
        ),
        "paragraphs": [
            "The network in {city} trains parents as peer supporters. A worried parent can call "
            "or meet one of them within a week, without the case being registered anywhere.",
            "Parents also meet in evening groups at the library to learn about the signs to look "
            "for online and where to get professional help.",
        ],
        "focus_areas": ["strong-families"],
        "target_groups": ["families"],
        "status": "ongoing",
        "evidence_level": "implemented",
        "started": 2017,
        "cities": ["fredrikstad", "aarhus", "hafnarfjordur"],
        "partners": ["Family Compass Denmark"],
    },
    {
        "key": "exit-mentoring",
        "title": "Exit mentoring for young people leaving extremist groups in {city}",
        "summary": (
            "A trained mentor and a coordinated plan from the city's services for young people "
            "who want to leave violent extremist groups."
        ),
        "paragraphs": [
            "Referrals come from the police, schools, social services and families. A mentor "
            "meets the young person weekly, and a case coordinator makes sure that housing, "
            "education, work and health services move at the same pace.",
            "The programme is voluntary. Details of the method and contacts are shared with the "
            "network's members only.",
        ],
        "focus_areas": ["safe-communities", "strong-families", "safe-public-institutions"],
        "target_groups": ["children-young-people", "families", "police-justice"],
        "status": "ongoing",
        "evidence_level": "externally_evaluated",
        "started": 2014,
        "cities": ["aarhus", "oslo"],
        "members_only": True,
    },
    {
        "key": "multi-agency-hub",
        "title": "Schools, social services and police working as one in {city}",
        "summary": (
            "A local team from schools, social services and the police meets every week to act "
            "early on concerns about young people, before a crime is committed."
        ),
        "paragraphs": [
            "The model builds on the Danish SSP cooperation. In {city}, each district has a team "
            "with a fixed meeting time, a shared way of describing a concern and clear rules on "
            "what information may be shared.",
            "Most cases are handled with a conversation with the young person and the family. "
            "Concerns about radicalisation follow the same path, with the city's prevention "
            "coordinator joining the meeting.",
        ],
        "focus_areas": ["safe-public-institutions"],
        "target_groups": ["public-employees", "police-justice", "schools"],
        "status": "ongoing",
        "evidence_level": "evaluated",
        "started": 2012,
        "cities": ["kobenhavn", "stockholm", "kristiansand"],
        "partners": ["Nordic Council of Prevention Coordinators"],
    },
    {
        "key": "lighting-walks",
        "title": "Lighting and seating walks with residents of {city}",
        "summary": (
            "Residents walk their neighbourhood with planners after dark and point out where "
            "they feel unsafe; the city then changes lighting, paths and seating."
        ),
        "paragraphs": [
            "The walks in {city} are held in every season, with groups that include older "
            "residents, young women and people with disabilities. Each walk ends with a map of "
            "places to change.",
            "The changes are small and quick: brighter and warmer lighting, cut hedges, benches "
            "where people can see and be seen.",
        ],
        "focus_areas": ["safe-urban-space"],
        "target_groups": ["local-communities"],
        "status": "completed",
        "evidence_level": "evaluated",
        "started": 2020,
        "cities": ["helsingborg", "reykjavik", "fredrikstad"],
        "partners": ["Urban Light Architects"],
        "key_facts": [("Walks", "26"), ("Places changed", "73")],
        "results": (
            "In a survey before and after, the share of residents who avoid the park after dark "
            "fell from 38% to 22%."
        ),
    },
    {
        "key": "sports-nights",
        "title": "Open sports halls on Friday nights in {city}",
        "summary": (
            "Sports halls stay open on Friday nights with coaches and youth workers, free of "
            "charge and without having to sign up."
        ),
        "paragraphs": [
            "Football, basketball and dance from 19:00 to midnight in three halls of {city}. "
            "Older teenagers are paid as assistant coaches, which gives them a first job and the "
            "younger ones someone to look up to.",
            "The youth workers use the evenings to get to know young people who do not come to "
            "the youth clubs.",
        ],
        "focus_areas": ["strong-youth-engagement", "safe-urban-space"],
        "target_groups": ["children-young-people"],
        "status": "ongoing",
        "evidence_level": "implemented",
        "started": 2015,
        "cities": ["bergen", "helsingborg", "hafnarfjordur"],
        "partners": ["Fjord Sports Alliance"],
        "key_facts": [("Young people a night", "about 180"), ("Assistant coaches", "24")],
    },
    {
        "key": "interfaith-dialogue",
        "title": "Interfaith dialogue in {city}'s neighbourhoods",
        "summary": (
            "Congregations and religious communities meet with residents on shared questions: "
            "safety, young people and how to answer hate after an attack."
        ),
        "paragraphs": [
            "The council in {city} brings together churches, mosques, the synagogue and "
            "non-religious associations. They meet four times a year and publish joint statements "
            "when a community is targeted.",
            "Young members run their own dialogue group, which visits schools in pairs from "
            "different faiths.",
        ],
        "focus_areas": ["safe-communities"],
        "target_groups": ["civil-society", "local-communities"],
        "status": "ongoing",
        "evidence_level": "implemented",
        "started": 2016,
        "cities": ["odense", "kristiansand", "turku"],
        "partners": ["Bridges Interfaith Council"],
    },
    {
        "key": "teacher-training",
        "title": "Training {city}'s teachers for polarising conversations",
        "summary": (
            "Teachers learn how to handle conspiracy theories, hateful remarks and conflicts from "
            "the news in the classroom, instead of avoiding them."
        ),
        "paragraphs": [
            "A one-day course followed by two follow-up sessions in the teachers' own schools in "
            "{city}. Teachers practise with real situations they have met, and leave with a "
            "short guide for the first five minutes after a remark.",
            "Head teachers take part too, so that the school has a shared way of responding.",
        ],
        "focus_areas": ["safe-public-institutions", "safe-online-sphere"],
        "target_groups": ["schools", "public-employees"],
        "status": "ongoing",
        "evidence_level": "evaluated",
        "started": 2021,
        "cities": ["uppsala", "espoo"],
        "partners": ["Centre for Polarisation Studies"],
    },
    {
        "key": "source-criticism-week",
        "title": "Source criticism week in {city}",
        "summary": (
            "Every lower-secondary class spends a week checking news, images and videos, and "
            "learns how disinformation and hateful propaganda spread."
        ),
        "paragraphs": [
            "Librarians and teachers in {city} run the week together. Pupils trace viral posts "
            "back to where they came from and make their own short video on what they found.",
            "The material is free for other schools and is updated every year with new examples.",
        ],
        "focus_areas": ["safe-online-sphere"],
        "target_groups": ["schools", "children-young-people"],
        "status": "ongoing",
        "evidence_level": "implemented",
        "started": 2019,
        "cities": ["espoo", "stockholm"],
    },
    {
        "key": "concern-line",
        "title": "Concern line for {city}'s frontline staff",
        "summary": (
            "Teachers, social workers and health staff call one number when they are worried "
            "that someone is being radicalised, and get advice the same day."
        ),
        "paragraphs": [
            "The line in {city} is staffed by the prevention coordinators on weekdays. Callers "
            "get help to judge the concern and to decide who should act, without having to "
            "file a report first.",
            "The assessment guide and the routines for sharing information are shared with the "
            "network's members only.",
        ],
        "focus_areas": ["safe-public-institutions"],
        "target_groups": ["public-employees"],
        "status": "ongoing",
        "evidence_level": "implemented",
        "started": 2017,
        "cities": ["kobenhavn"],
        "members_only": True,
    },
    {
        "key": "mothers-circles",
        "title": "Mothers' circles in {city}",
        "summary": (
            "Mothers meet in small groups over ten weeks to learn how to recognise early signs "
            "of radicalisation and how to keep talking with their teenagers."
        ),
        "paragraphs": [
            "The circles in {city} are led by two trained mothers from the neighbourhood, in "
            "the participants' own language when needed. Sessions cover identity, the internet, "
            "and where to turn for help.",
            "Many groups keep meeting after the ten weeks and have become a network of their own.",
        ],
        "focus_areas": ["strong-families", "safe-communities"],
        "target_groups": ["families", "civil-society"],
        "status": "ongoing",
        "evidence_level": "evaluated",
        "started": 2018,
        "cities": ["malmo", "odense"],
    },
    {
        "key": "youth-council-spaces",
        "title": "{city}'s youth council designs public spaces",
        "summary": (
            "The youth council has its own budget to redesign places where young people meet, "
            "together with the city's planners."
        ),
        "paragraphs": [
            "Each year the council in {city} picks one place, holds workshops with young people "
            "who use it and decides what to build. Planners turn the ideas into drawings.",
            "Recent projects include a covered meeting place by the bus station and a skate area "
            "with lighting that stays on until midnight.",
        ],
        "focus_areas": ["strong-youth-engagement", "safe-urban-space"],
        "target_groups": ["children-young-people"],
        "status": "completed",
        "evidence_level": "implemented",
        "started": 2019,
        "cities": ["goteborg", "aalborg", "reykjavik"],
    },
    {
        "key": "hate-crime-reporting",
        "title": "Easier reporting of hate crime in {city}",
        "summary": (
            "Residents can report hate crime at local meeting places with a trained helper, "
            "and the police give feedback on what happened next."
        ),
        "paragraphs": [
            "Many victims of hate crime in {city} never reported it. Libraries, a community "
            "centre and two associations now have staff trained to help fill in a report.",
            "The police hold open meetings twice a year to tell residents what reports led to.",
        ],
        "focus_areas": ["safe-communities", "safe-public-institutions"],
        "target_groups": ["police-justice", "local-communities"],
        "status": "ongoing",
        "evidence_level": "evaluated",
        "started": 2020,
        "cities": ["goteborg", "kobenhavn"],
        "key_facts": [("Reporting points", "9"), ("Reports made with a helper", "212")],
        "results": "Reports of hate crime rose by 40% in the first year: fewer cases go unseen.",
    },
    {
        "key": "gaming-moderators",
        "title": "Trained moderators for youth gaming communities in {city}",
        "summary": (
            "Young volunteers are trained to moderate the city's youth gaming servers and to "
            "respond to hateful language and grooming."
        ),
        "paragraphs": [
            "The pilot in {city} starts with the servers run by the youth clubs. Moderators are "
            "16 to 20 years old and are supported by a youth worker.",
            "The pilot will test whether a shared code of conduct can spread to commercial "
            "servers that the same young people use.",
        ],
        "focus_areas": ["safe-online-sphere", "strong-youth-engagement"],
        "target_groups": ["online-communities", "children-young-people"],
        "status": "planned",
        "evidence_level": "idea",
        "started": 2026,
        "cities": ["helsinki"],
    },
    {
        "key": "after-attack-plan",
        "title": "Community response plan after a violent attack in {city}",
        "summary": (
            "A plan for the first days after an attack: who speaks to whom, how to support the "
            "communities targeted and how to prevent revenge and hate."
        ),
        "paragraphs": [
            "The plan in {city} was written with the emergency services, religious communities "
            "and youth workers, and is exercised once a year.",
            "The contact lists and the exercise scenarios are shared with the network's members "
            "only.",
        ],
        "focus_areas": ["safe-communities", "safe-public-institutions"],
        "target_groups": ["public-employees", "local-communities", "police-justice"],
        "status": "ongoing",
        "evidence_level": "evaluated",
        "started": 2018,
        "cities": ["turku", "stockholm"],
        "members_only": True,
    },
    {
        "key": "family-counselling",
        "title": "Family counselling when a child is drawn to extremism in {city}",
        "summary": (
            "Family counsellors trained in radicalisation work with the whole family, at home "
            "if needed, when a child shows an interest in extremist ideas."
        ),
        "paragraphs": [
            "Families in {city} can ask for counselling directly or be referred by a school. The "
            "counsellors help parents keep the relationship with their child while setting "
            "clear limits.",
            "Siblings are included, since they often notice changes first.",
        ],
        "focus_areas": ["strong-families"],
        "target_groups": ["families", "public-employees"],
        "status": "ongoing",
        "evidence_level": "implemented",
        "started": 2017,
        "cities": ["oslo", "vantaa", "aarhus"],
    },
    {
        "key": "summer-jobs",
        "title": "Summer jobs with mentors in {city}",
        "summary": (
            "Young people from neighbourhoods with high unemployment get a paid summer job in "
            "the city's services, each with a mentor at the workplace."
        ),
        "paragraphs": [
            "Jobs in {city} last four weeks, in parks, elderly care, libraries and sports. "
            "Mentors are trained to give feedback and to help with a reference afterwards.",
            "For many participants it is their first contact with a workplace and with adults "
            "outside school and family.",
        ],
        "focus_areas": ["strong-youth-engagement"],
        "target_groups": ["children-young-people"],
        "status": "ongoing",
        "evidence_level": "evaluated",
        "started": 2016,
        "cities": ["goteborg", "stavanger"],
        "key_facts": [("Summer jobs", "1,150"), ("Mentors", "390")],
        "results": (
            "Two years later, participants were more often in education or work than young "
            "people who applied but did not get a place."
        ),
    },
    {
        "key": "democracy-cafes",
        "title": "Democracy cafés at {city}'s public library",
        "summary": (
            "Monthly open conversations at the library on questions that divide, with a "
            "moderator and clear rules for respectful disagreement."
        ),
        "paragraphs": [
            "Each café in {city} starts with a short talk by a researcher, a politician or a "
            "resident with a story to tell. Then the room talks, in small groups first.",
            "The library records which topics draw people in and repeats the format in the "
            "district libraries.",
        ],
        "focus_areas": ["safe-communities", "safe-online-sphere"],
        "target_groups": ["civil-society", "local-communities"],
        "status": "ongoing",
        "evidence_level": "implemented",
        "started": 2019,
        "cities": ["helsinki", "uppsala"],
    },
    {
        "key": "safety-hosts",
        "title": "Safety hosts at {city}'s stations and on night buses",
        "summary": (
            "Hosts in uniform jackets travel on night buses and stay at the main stations, "
            "helping travellers and calming tense situations."
        ),
        "paragraphs": [
            "The hosts in {city} are employed by the transport company and trained together with "
            "the youth workers. They know the regular late-night travellers.",
            "Drivers can call a host to their bus instead of calling the police.",
        ],
        "focus_areas": ["safe-urban-space"],
        "target_groups": ["local-communities"],
        "status": "ongoing",
        "evidence_level": "implemented",
        "started": 2021,
        "cities": ["malmo"],
        "partners": ["Safe Streets Foundation"],
    },
]

# Translations of some case studies into their city's language: (practice, city, language) and
# the translated title and summary. The body stays in English until a translator gets to it.
TRANSLATIONS: list[tuple[str, str, str, dict[str, str]]] = [
    (
        "peace-ambassadors",
        "oslo",
        "nb",
        {
            "title": "Unge fredsambassadører i Oslos skoler",
            "summary": (
                "Elever på ungdomsskolen læres opp som fredsambassadører som leder samtaler i "
                "klassen om inkludering, hat på nett og konfliktløsning."
            ),
        },
    ),
    (
        "source-criticism-week",
        "stockholm",
        "sv",
        {
            "title": "Källkritikveckan i Stockholm",
            "summary": (
                "Varje högstadieklass granskar nyheter, bilder och filmer under en vecka och lär "
                "sig hur desinformation och hatpropaganda sprids."
            ),
        },
    ),
    (
        "multi-agency-hub",
        "kobenhavn",
        "da",
        {
            "title": "Skoler, socialforvaltning og politi arbejder sammen i København",
            "summary": (
                "Et lokalt team fra skoler, socialforvaltning og politi mødes hver uge for at "
                "handle tidligt på bekymringer om unge, før der bliver begået kriminalitet."
            ),
        },
    ),
    (
        "digital-street-workers",
        "helsinki",
        "fi",
        {
            "title": "Digitaaliset katutyöntekijät Helsingissä",
            "summary": (
                "Nuorisotyöntekijät ovat läsnä siellä, missä nuoret viettävät aikaa verkossa: "
                "peleissä, keskusteluissa ja somessa. He vastaavat kysymyksiin ja puuttuvat "
                "vihapuheeseen."
            ),
        },
    ),
    (
        "youth-council-spaces",
        "reykjavik",
        "is",
        {
            "title": "Ungmennaráð Reykjavíkur hannar almenningsrými",
            "summary": (
                "Ungmennaráðið hefur eigið fjármagn til að endurhanna staði þar sem ungt fólk "
                "hittist, í samvinnu við skipulagsfræðinga borgarinnar."
            ),
        },
    ),
    (
        "summer-jobs",
        "goteborg",
        "sv",
        {
            "title": "Sommarjobb med handledare i Göteborg",
            "summary": (
                "Unga från områden med hög arbetslöshet får ett betalt sommarjobb i stadens "
                "verksamheter, med en handledare på arbetsplatsen."
            ),
        },
    ),
]

# Case studies a coordinator has written and submitted: waiting for the secretariat's approval.
PENDING: list[PracticeData] = [
    {
        "key": "bus-driver-bystanders",
        "title": "Bystander training for {city}'s bus drivers",
        "summary": (
            "Bus drivers learn to step in safely when a passenger is harassed for their "
            "religion, skin colour or sexuality."
        ),
        "paragraphs": [
            "A half-day course for all drivers in {city}, built on real incidents reported by "
            "drivers and passengers.",
        ],
        "focus_areas": ["safe-urban-space", "safe-communities"],
        "target_groups": ["public-employees", "local-communities"],
        "status": "planned",
        "evidence_level": "idea",
        "started": 2026,
        "cities": ["bergen"],
    },
    {
        "key": "neighbourhood-mediators",
        "title": "Neighbourhood mediators in {city}",
        "summary": (
            "Residents trained as mediators help neighbours settle conflicts before they grow "
            "into lasting hostility between groups."
        ),
        "paragraphs": [
            "The first twelve mediators in {city} start in two housing estates this autumn.",
        ],
        "focus_areas": ["safe-communities"],
        "target_groups": ["local-communities", "civil-society"],
        "status": "planned",
        "evidence_level": "idea",
        "started": 2026,
        "cities": ["vantaa"],
    },
]

RESOURCES: list[ResourceData] = [
    {
        "slug": "allin-youth-manual",
        "title": "ALL'IN youth manual",
        "summary": (
            "The network's manual for young peace ambassadors, youth workers and teachers: how "
            "to run dialogue workshops on inclusion, and how to stand up against hate."
        ),
        "paragraphs": [
            "ALL'IN was written with young people from the member cities. It has ten workshop "
            "plans of 90 minutes, each with exercises, questions for discussion and advice for "
            "the adult in the room.",
        ],
        "focus_areas": ["strong-youth-engagement", "safe-communities"],
        "illustration": "allin-cover",
        "documents": [
            (
                "en",
                "ALL'IN youth manual",
                [
                    "ALL'IN youth manual",
                    "Nordic Safe Cities",
                    "",
                    "1. Why dialogue works",
                    "2. Preparing a workshop",
                    "3. Ten workshops on inclusion, identity and hate online",
                    "4. When a conversation becomes difficult",
                    "5. Becoming a peace ambassador",
                ],
            ),
            (
                "sv",
                "ALL'IN ungdomsmanual",
                [
                    "ALL'IN ungdomsmanual",
                    "Nordic Safe Cities",
                    "",
                    "1. Varför dialog fungerar",
                    "2. Att förbereda en workshop",
                    "3. Tio workshoppar om inkludering, identitet och hat på nätet",
                    "4. När ett samtal blir svårt",
                    "5. Att bli fredsambassadör",
                ],
            ),
        ],
    },
    {
        "slug": "safe-cities-guide",
        "title": "Nordic Safe Cities guide",
        "summary": (
            "A guide for cities that want to join or are new in the network: the Charter's six "
            "focus areas, choosing a yearly Safe City Action, and involving young people and "
            "partners."
        ),
        "paragraphs": [
            "The guide follows a city through its first year in the network, with examples from "
            "member cities and a checklist for each focus area of the Charter.",
        ],
        "focus_areas": [
            "safe-urban-space",
            "safe-online-sphere",
            "strong-families",
            "safe-public-institutions",
            "strong-youth-engagement",
            "safe-communities",
        ],
        "illustration": "guide-cover",
        "documents": [
            (
                "en",
                "Nordic Safe Cities guide",
                [
                    "Nordic Safe Cities guide",
                    "",
                    "1. The Charter and its six focus areas",
                    "2. Your first year: mapping, priorities and a Safe City Action",
                    "3. Working with young people, families and partners",
                    "4. Sharing what works with the other member cities",
                ],
            ),
        ],
    },
]
