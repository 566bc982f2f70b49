"""Demo data for the Nordic Safe Cities portal.

Pure data, no side effects: member cities, partner organisations and applicant cities used to
seed development and demo databases. City names, coordinates (city centre), approximate recent
municipal populations and official website roots are real; everything else (join years, actions,
contact persons, e-mail addresses, ambassador counts, partner organisations) is illustrative.
All e-mail addresses and partner websites use the reserved ``example.org`` domain.

The six Charter focus areas are referenced by slug:
``safe-urban-space``, ``safe-online-sphere``, ``strong-families``,
``safe-public-institutions``, ``strong-youth-engagement`` and ``safe-communities``.
"""

from typing import Literal, TypedDict

__all__ = [
    "APPLICANT_CITIES",
    "CITIES",
    "FOCUS_AREA_SLUGS",
    "PARTNERS",
    "ApplicantCityData",
    "CityData",
    "CountryCode",
    "PartnerData",
    "PartnerKind",
]

CountryCode = Literal["DK", "FI", "IS", "NO", "SE"]
PartnerKind = Literal["ngo", "research", "public_body", "business"]

FOCUS_AREA_SLUGS: tuple[str, ...] = (
    "safe-urban-space",
    "safe-online-sphere",
    "strong-families",
    "safe-public-institutions",
    "strong-youth-engagement",
    "safe-communities",
)


class CityData(TypedDict):
    slug: str
    name: str
    country: CountryCode
    latitude: float
    longitude: float
    population: int
    website: str
    joined: int
    introduction: str
    portrait: str
    challenges: str
    action_title: str
    action_description: str
    contact_name: str
    contact_email: str
    ambassadors: dict[int, int]


class PartnerData(TypedDict):
    name: str
    kind: PartnerKind
    city_slug: str | None
    country: CountryCode
    focus_areas: list[str]
    website: str
    description: str
    public: bool


class ApplicantCityData(TypedDict):
    name: str
    country: CountryCode
    contact_name: str
    contact_role: str
    contact_email: str
    motivation: str


CITIES: list[CityData] = [
    # --- Norway -------------------------------------------------------------------------------
    {
        "slug": "oslo",
        "name": "Oslo",
        "country": "NO",
        "latitude": 59.9139,
        "longitude": 10.7522,
        "population": 717710,
        "website": "https://www.oslo.kommune.no",
        "joined": 2016,
        "introduction": (
            "Oslo is a founding member of Nordic Safe Cities and coordinates its prevention work "
            "across districts, schools, police and civil society."
        ),
        "portrait": (
            "Oslo is the capital and largest city of Norway, set at the head of the Oslofjord "
            "and surrounded by forested hills. It is a fast-growing, diverse city where roughly "
            "a third of residents have an immigrant background."
        ),
        "challenges": (
            "The terrorist attacks in Oslo and on Utøya on 22 July 2011 remain a defining "
            "reminder of the harm violent extremism can cause. Today the city works against "
            "online radicalisation, hate speech targeting minorities and the recruitment of "
            "young people into criminal networks in some neighbourhoods."
        ),
        "action_title": "Youth peace ambassadors in every lower-secondary school",
        "action_description": (
            "Each lower-secondary school in Oslo trains two pupils as peace ambassadors who lead "
            "classroom dialogues on inclusion, online hate and conflict resolution."
        ),
        "contact_name": "Ingrid Haugland",
        "contact_email": "safecity.oslo@example.org",
        "ambassadors": {2022: 14, 2023: 18, 2024: 22, 2025: 25, 2026: 28},
    },
    {
        "slug": "bergen",
        "name": "Bergen",
        "country": "NO",
        "latitude": 60.3913,
        "longitude": 5.3221,
        "population": 291940,
        "website": "https://www.bergen.kommune.no",
        "joined": 2017,
        "introduction": (
            "Bergen links its prevention work to a long tradition of local cooperation between "
            "the municipality, police and voluntary organisations."
        ),
        "portrait": (
            "Bergen is Norway's second-largest city, located on the west coast between seven "
            "mountains. Known for its historic Bryggen wharf, it is a university city and a "
            "regional centre for shipping, energy and culture."
        ),
        "challenges": (
            "Like other large cities, Bergen sees polarised debates spill over from social media "
            "into schools and local communities. The municipality pays particular attention to "
            "young people at risk of marginalisation and to hate speech against minorities."
        ),
        "action_title": "Dialogue cafés in neighbourhood libraries",
        "action_description": (
            "Monthly facilitated dialogue cafés in local libraries bring together residents of "
            "different backgrounds to discuss difficult topics in a safe setting."
        ),
        "contact_name": "Sindre Vik",
        "contact_email": "safecity.bergen@example.org",
        "ambassadors": {2022: 7, 2023: 9, 2024: 11, 2025: 14, 2026: 16},
    },
    {
        "slug": "kristiansand",
        "name": "Kristiansand",
        "country": "NO",
        "latitude": 58.1467,
        "longitude": 7.9956,
        "population": 116986,
        "website": "https://www.kristiansand.kommune.no",
        "joined": 2017,
        "introduction": (
            "Kristiansand combines early intervention in schools with close cooperation between "
            "municipal services, police and faith communities."
        ),
        "portrait": (
            "Kristiansand is the largest city in Southern Norway and a popular summer "
            "destination on the Skagerrak coast. Its grid-planned city centre dates from the "
            "17th century, and the city is home to the University of Agder."
        ),
        "challenges": (
            "Kristiansand has experience with organised far-right activism in public spaces and "
            "works to protect minority residents from harassment. The city also focuses on "
            "preventing isolation and online radicalisation among young men."
        ),
        "action_title": "Counter-rumour training for frontline staff",
        "action_description": (
            "Teachers, youth workers and librarians are trained to respond to conspiracy "
            "theories and hateful rumours with facts, questions and dialogue."
        ),
        "contact_name": "Tone Berntsen",
        "contact_email": "safecity.kristiansand@example.org",
        "ambassadors": {2022: 6, 2023: 7, 2024: 9, 2025: 11, 2026: 13},
    },
    {
        "slug": "stavanger",
        "name": "Stavanger",
        "country": "NO",
        "latitude": 58.9700,
        "longitude": 5.7331,
        "population": 148681,
        "website": "https://www.stavanger.kommune.no",
        "joined": 2018,
        "introduction": (
            "Stavanger works to keep its neighbourhoods inclusive and safe through strong "
            "partnerships with sports clubs, schools and local businesses."
        ),
        "portrait": (
            "Stavanger is a coastal city in south-western Norway and the centre of the "
            "Norwegian oil and energy industry. It has an international population and a "
            "well-preserved old town of white wooden houses."
        ),
        "challenges": (
            "Economic ups and downs in the energy sector have affected families and young "
            "people's sense of security. The city focuses on preventing marginalisation, "
            "polarising online content and exclusion of newly arrived residents."
        ),
        "action_title": "Open sports halls on Friday nights",
        "action_description": (
            "Sports halls in three districts stay open on Friday evenings with free activities "
            "run by trained youth leaders and local clubs."
        ),
        "contact_name": "Kjetil Øvrebø",
        "contact_email": "safecity.stavanger@example.org",
        "ambassadors": {2022: 5, 2023: 7, 2024: 9, 2025: 11, 2026: 13},
    },
    {
        "slug": "fredrikstad",
        "name": "Fredrikstad",
        "country": "NO",
        "latitude": 59.2181,
        "longitude": 10.9298,
        "population": 85169,
        "website": "https://www.fredrikstad.kommune.no",
        "joined": 2019,
        "introduction": (
            "Fredrikstad focuses on families and early support, connecting health services, "
            "schools and the police in a shared prevention model."
        ),
        "portrait": (
            "Fredrikstad lies at the mouth of the Glomma river in south-eastern Norway. The city "
            "is known for its well-preserved fortified Old Town and its industrial heritage."
        ),
        "challenges": (
            "Fredrikstad works against social exclusion and child poverty, which can make young "
            "people more vulnerable to criminal and extremist environments. Hateful rhetoric "
            "online is another growing concern for schools."
        ),
        "action_title": "Parent networks against online hate",
        "action_description": (
            "Parents' evenings in all schools introduce practical guidance on talking with "
            "children about extremist content, gaming communities and online harassment."
        ),
        "contact_name": "Hilde Sørensen",
        "contact_email": "safecity.fredrikstad@example.org",
        "ambassadors": {2022: 3, 2023: 4, 2024: 6, 2025: 7, 2026: 9},
    },
    # --- Sweden -------------------------------------------------------------------------------
    {
        "slug": "stockholm",
        "name": "Stockholm",
        "country": "SE",
        "latitude": 59.3293,
        "longitude": 18.0686,
        "population": 988943,
        "website": "https://start.stockholm",
        "joined": 2016,
        "introduction": (
            "Stockholm is a founding member of Nordic Safe Cities and runs a city-wide "
            "programme against violent extremism and for social cohesion."
        ),
        "portrait": (
            "Stockholm is the capital of Sweden and the largest city in the Nordic region, "
            "built on fourteen islands where Lake Mälaren meets the Baltic Sea. It is a centre "
            "for government, business, technology and culture."
        ),
        "challenges": (
            "Stockholm faces residential segregation and criminal networks that try to recruit "
            "young people in some suburbs. The city also works against online radicalisation, "
            "antisemitism, islamophobia and other forms of hate crime."
        ),
        "action_title": "Safe routes and trusted adults in the suburbs",
        "action_description": (
            "Adult night walkers, youth workers and local businesses cooperate to create safe "
            "evening routes between schools, youth centres and metro stations."
        ),
        "contact_name": "Anna Lindqvist",
        "contact_email": "safecity.stockholm@example.org",
        "ambassadors": {2022: 12, 2023: 16, 2024: 19, 2025: 23, 2026: 26},
    },
    {
        "slug": "goteborg",
        "name": "Göteborg",
        "country": "SE",
        "latitude": 57.7089,
        "longitude": 11.9746,
        "population": 604829,
        "website": "https://goteborg.se",
        "joined": 2017,
        "introduction": (
            "Göteborg works systematically on social sustainability and coordinates prevention "
            "of violent extremism through a dedicated city function."
        ),
        "portrait": (
            "Göteborg is Sweden's second-largest city and the largest port in the Nordic "
            "countries, located on the west coast at the mouth of the Göta älv. It is an "
            "industrial, university and event city with a diverse population."
        ),
        "challenges": (
            "Göteborg has experienced that some young people left to join violent extremist "
            "groups abroad, and it continues to work against recruitment. Differences in living "
            "conditions between neighbourhoods and gang-related violence are also key concerns."
        ),
        "action_title": "Mentors for young people leaving criminal networks",
        "action_description": (
            "A mentoring programme pairs young people who want to leave criminal or extremist "
            "environments with trained adult mentors and coordinated support from city services."
        ),
        "contact_name": "Johan Bergström",
        "contact_email": "safecity.goteborg@example.org",
        "ambassadors": {2022: 10, 2023: 12, 2024: 15, 2025: 18, 2026: 20},
    },
    {
        "slug": "malmo",
        "name": "Malmö",
        "country": "SE",
        "latitude": 55.6050,
        "longitude": 13.0038,
        "population": 362133,
        "website": "https://malmo.se",
        "joined": 2016,
        "introduction": (
            "Malmö builds its prevention work on trust between residents and institutions, "
            "with a strong emphasis on dialogue and community partnerships."
        ),
        "portrait": (
            "Malmö is Sweden's third-largest city, connected to Copenhagen by the Øresund "
            "Bridge. It is a young and international city, with residents from more than 180 "
            "countries."
        ),
        "challenges": (
            "Malmö works to counter antisemitism, islamophobia and other forms of hate that "
            "affect minority communities. The city also tackles segregation and the pressure "
            "criminal networks can put on young people in some neighbourhoods."
        ),
        "action_title": "Interfaith school visits",
        "action_description": (
            "Pupils visit a synagogue, a mosque and a church together with trained guides, "
            "followed by classroom work on prejudice and belonging."
        ),
        "contact_name": "Leila Nordström",
        "contact_email": "safecity.malmo@example.org",
        "ambassadors": {2022: 9, 2023: 11, 2024: 13, 2025: 16, 2026: 18},
    },
    {
        "slug": "uppsala",
        "name": "Uppsala",
        "country": "SE",
        "latitude": 59.8586,
        "longitude": 17.6389,
        "population": 245062,
        "website": "https://www.uppsala.se",
        "joined": 2020,
        "introduction": (
            "Uppsala draws on its university environment to connect research on polarisation "
            "with practical prevention in schools and neighbourhoods."
        ),
        "portrait": (
            "Uppsala is Sweden's fourth-largest city, located north of Stockholm. It is home "
            "to the oldest university in the Nordic countries and a large student population."
        ),
        "challenges": (
            "Uppsala sees growing polarisation in online spaces and in local debates. Some "
            "neighbourhoods face social exclusion, and the city works to prevent young people "
            "from being drawn into criminal networks."
        ),
        "action_title": "Student-led digital literacy workshops",
        "action_description": (
            "University students run workshops in upper-secondary schools on recognising "
            "disinformation, manipulation and extremist recruitment online."
        ),
        "contact_name": "Erik Sandberg",
        "contact_email": "safecity.uppsala@example.org",
        "ambassadors": {2022: 4, 2023: 6, 2024: 8, 2025: 10, 2026: 12},
    },
    {
        "slug": "helsingborg",
        "name": "Helsingborg",
        "country": "SE",
        "latitude": 56.0465,
        "longitude": 12.6945,
        "population": 151960,
        "website": "https://helsingborg.se",
        "joined": 2021,
        "introduction": (
            "Helsingborg combines urban planning and social work to make public spaces safe "
            "and welcoming for everyone."
        ),
        "portrait": (
            "Helsingborg is a coastal city in Skåne at the narrowest point of the Øresund, "
            "facing Helsingør in Denmark. It is a regional hub for trade and logistics with a "
            "lively city centre."
        ),
        "challenges": (
            "Helsingborg works against insecurity in some public spaces and differences in "
            "living conditions between districts. Hate speech online and the recruitment of "
            "young people into crime are further priorities."
        ),
        "action_title": "Co-designing safer squares with young residents",
        "action_description": (
            "Young residents help redesign lighting, seating and activities on two central "
            "squares together with urban planners and the police."
        ),
        "contact_name": "Maria Holm",
        "contact_email": "safecity.helsingborg@example.org",
        "ambassadors": {2022: 3, 2023: 4, 2024: 6, 2025: 8, 2026: 10},
    },
    # --- Denmark ------------------------------------------------------------------------------
    {
        "slug": "kobenhavn",
        "name": "København",
        "country": "DK",
        "latitude": 55.6761,
        "longitude": 12.5683,
        "population": 653664,
        "website": "https://www.kk.dk",
        "joined": 2016,
        "introduction": (
            "København is a founding member of Nordic Safe Cities and has long worked with "
            "mentoring, dialogue and exit programmes to prevent extremism."
        ),
        "portrait": (
            "København is the capital of Denmark and the country's largest municipality, "
            "located on the islands of Zealand and Amager. It is known for its cycling culture, "
            "harbour baths and mix of historic and new architecture."
        ),
        "challenges": (
            "København works to prevent radicalisation across the political and religious "
            "spectrum and to protect minorities from hate crime. Gang conflicts and youth "
            "crime in some neighbourhoods are also central concerns."
        ),
        "action_title": "Democracy workshops for 8th graders",
        "action_description": (
            "All 8th-grade classes take part in workshops on democracy, free speech and "
            "respectful disagreement, led by young facilitators."
        ),
        "contact_name": "Mette Kjærgaard",
        "contact_email": "safecity.kobenhavn@example.org",
        "ambassadors": {2022: 12, 2023: 15, 2024: 18, 2025: 21, 2026: 24},
    },
    {
        "slug": "aarhus",
        "name": "Aarhus",
        "country": "DK",
        "latitude": 56.1629,
        "longitude": 10.2039,
        "population": 367095,
        "website": "https://www.aarhus.dk",
        "joined": 2016,
        "introduction": (
            "Aarhus is known for its cooperation model between police, municipality and civil "
            "society to prevent radicalisation and support exit processes."
        ),
        "portrait": (
            "Aarhus is Denmark's second-largest city, located on the east coast of Jutland. "
            "It is a young university city with a large student population and a growing "
            "cultural scene."
        ),
        "challenges": (
            "Aarhus focuses on preventing young people from being drawn into extremist or "
            "criminal environments and on reducing polarisation online. The city also works "
            "to strengthen trust in vulnerable housing areas."
        ),
        "action_title": "Family support hotline for worried relatives",
        "action_description": (
            "Parents and relatives worried about a young person's radicalisation can get "
            "confidential advice and follow-up from trained counsellors."
        ),
        "contact_name": "Rasmus Holst",
        "contact_email": "safecity.aarhus@example.org",
        "ambassadors": {2022: 8, 2023: 10, 2024: 12, 2025: 14, 2026: 16},
    },
    {
        "slug": "aalborg",
        "name": "Aalborg",
        "country": "DK",
        "latitude": 57.0488,
        "longitude": 9.9217,
        "population": 222575,
        "website": "https://www.aalborg.dk",
        "joined": 2018,
        "introduction": (
            "Aalborg works across schools, social services and police through a local SSP "
            "cooperation focused on early prevention."
        ),
        "portrait": (
            "Aalborg is the largest city in North Jutland, located on the Limfjord. It has "
            "transformed from an industrial town into a university and knowledge city."
        ),
        "challenges": (
            "Aalborg works to prevent loneliness and marginalisation among young people, which "
            "can increase vulnerability to extremist narratives. Online harassment and "
            "polarising content are growing concerns in schools."
        ),
        "action_title": "Peer mentors in youth clubs",
        "action_description": (
            "Older youth club members are trained as peer mentors to welcome newcomers and "
            "step in when conflicts or hateful language occur."
        ),
        "contact_name": "Louise Dahl",
        "contact_email": "safecity.aalborg@example.org",
        "ambassadors": {2022: 5, 2023: 6, 2024: 8, 2025: 10, 2026: 12},
    },
    {
        "slug": "odense",
        "name": "Odense",
        "country": "DK",
        "latitude": 55.4038,
        "longitude": 10.4024,
        "population": 206398,
        "website": "https://www.odense.dk",
        "joined": 2019,
        "introduction": (
            "Odense links urban renewal with social prevention, involving residents in "
            "making neighbourhoods safer and more connected."
        ),
        "portrait": (
            "Odense is Denmark's third-largest city, located on the island of Funen. It is "
            "the birthplace of Hans Christian Andersen and a growing centre for robotics and "
            "technology."
        ),
        "challenges": (
            "Odense works to reduce social differences between districts and to prevent youth "
            "crime and gang recruitment. The city also addresses hate speech and polarisation "
            "in local online communities."
        ),
        "action_title": "Neighbourhood mothers and fathers",
        "action_description": (
            "Volunteer parents from local communities are trained to support other families "
            "with questions about upbringing, school and online safety."
        ),
        "contact_name": "Jesper Mikkelsen",
        "contact_email": "safecity.odense@example.org",
        "ambassadors": {2022: 4, 2023: 6, 2024: 8, 2025: 10, 2026: 11},
    },
    # --- Finland ------------------------------------------------------------------------------
    {
        "slug": "helsinki",
        "name": "Helsinki",
        "country": "FI",
        "latitude": 60.1699,
        "longitude": 24.9384,
        "population": 674963,
        "website": "https://www.hel.fi",
        "joined": 2016,
        "introduction": (
            "Helsinki is a founding member of Nordic Safe Cities and coordinates prevention of "
            "violent radicalisation through local multi-agency cooperation."
        ),
        "portrait": (
            "Helsinki is the capital and largest city of Finland, located on the Gulf of "
            "Finland. It is a bilingual city with a compact centre, many islands and a growing "
            "international population."
        ),
        "challenges": (
            "Helsinki works against hate speech and online radicalisation affecting young "
            "people. The city also focuses on social exclusion and on supporting young people "
            "who are not in education or employment."
        ),
        "action_title": "Youth workers online",
        "action_description": (
            "Youth workers are present on gaming platforms and social media, offering young "
            "people a trusted adult to talk to and intervening against hateful content."
        ),
        "contact_name": "Aino Virtanen",
        "contact_email": "safecity.helsinki@example.org",
        "ambassadors": {2022: 10, 2023: 13, 2024: 15, 2025: 18, 2026: 20},
    },
    {
        "slug": "vantaa",
        "name": "Vantaa",
        "country": "FI",
        "latitude": 60.2934,
        "longitude": 25.0378,
        "population": 246230,
        "website": "https://www.vantaa.fi",
        "joined": 2018,
        "introduction": (
            "Vantaa invests in strong youth engagement and early support to prevent "
            "polarisation in one of Finland's most diverse cities."
        ),
        "portrait": (
            "Vantaa is Finland's fourth-largest city, part of the Helsinki metropolitan area "
            "and home to Helsinki Airport. It has a young and increasingly diverse population."
        ),
        "challenges": (
            "Vantaa works to prevent segregation between neighbourhoods and to support young "
            "people at risk of exclusion. Hate speech against minorities and youth violence "
            "are areas of particular attention."
        ),
        "action_title": "Anti-racism ambassadors in youth centres",
        "action_description": (
            "Young people in every youth centre are trained to recognise racism and to support "
            "peers who experience discrimination."
        ),
        "contact_name": "Mikko Laine",
        "contact_email": "safecity.vantaa@example.org",
        "ambassadors": {2022: 5, 2023: 6, 2024: 8, 2025: 10, 2026: 12},
    },
    {
        "slug": "turku",
        "name": "Turku",
        "country": "FI",
        "latitude": 60.4518,
        "longitude": 22.2666,
        "population": 201863,
        "website": "https://www.turku.fi",
        "joined": 2018,
        "introduction": (
            "Turku has built a city-wide prevention model that connects schools, social "
            "services, police and religious communities."
        ),
        "portrait": (
            "Turku is Finland's oldest city and former capital, located on the south-west "
            "coast at the mouth of the Aura river. It is a bilingual university city and a "
            "gateway to the Archipelago Sea."
        ),
        "challenges": (
            "Turku works to strengthen trust between communities and to counter hate speech "
            "and polarising narratives. Supporting young people at risk of exclusion is a "
            "central part of its prevention work."
        ),
        "action_title": "Community dialogue forum",
        "action_description": (
            "A standing forum brings together the city, police, religious communities and "
            "residents' associations to address tensions early and jointly."
        ),
        "contact_name": "Sanna Heikkinen",
        "contact_email": "safecity.turku@example.org",
        "ambassadors": {2022: 4, 2023: 5, 2024: 7, 2025: 8, 2026: 10},
    },
    {
        "slug": "espoo",
        "name": "Espoo",
        "country": "FI",
        "latitude": 60.2055,
        "longitude": 24.6559,
        "population": 314024,
        "website": "https://www.espoo.fi",
        "joined": 2020,
        "introduction": (
            "Espoo focuses on strong families and inclusive schools as the foundation for "
            "safe and cohesive communities."
        ),
        "portrait": (
            "Espoo is Finland's second-largest city, part of the Helsinki metropolitan area. "
            "It is a city of several urban centres, known for technology companies and Aalto "
            "University."
        ),
        "challenges": (
            "Espoo works to prevent differences in wellbeing between areas from growing and to "
            "include newly arrived families. Online harassment and polarising content among "
            "young people are growing concerns."
        ),
        "action_title": "Family coaches in early education",
        "action_description": (
            "Family coaches in early childhood education centres support parents with "
            "parenting questions and connect them to local activities and services."
        ),
        "contact_name": "Juha Korhonen",
        "contact_email": "safecity.espoo@example.org",
        "ambassadors": {2022: 4, 2023: 6, 2024: 7, 2025: 9, 2026: 11},
    },
    # --- Iceland ------------------------------------------------------------------------------
    {
        "slug": "reykjavik",
        "name": "Reykjavík",
        "country": "IS",
        "latitude": 64.1466,
        "longitude": -21.9426,
        "population": 139875,
        "website": "https://reykjavik.is",
        "joined": 2016,
        "introduction": (
            "Reykjavík is a founding member of Nordic Safe Cities and builds on a strong "
            "tradition of youth prevention work and leisure activities."
        ),
        "portrait": (
            "Reykjavík is the capital of Iceland and the northernmost capital of a sovereign "
            "state. It is a compact city by the sea and home to more than a third of the "
            "country's population."
        ),
        "challenges": (
            "Reykjavík has seen rapid population growth and increasing diversity, which calls "
            "for active inclusion of new residents. The city works against hate speech online "
            "and towards minorities and LGBTQ+ people."
        ),
        "action_title": "Inclusive leisure cards for all children",
        "action_description": (
            "The city expands its leisure card scheme with outreach to immigrant families so "
            "that all children can take part in sports, arts and youth clubs."
        ),
        "contact_name": "Guðrún Sigurðardóttir",
        "contact_email": "safecity.reykjavik@example.org",
        "ambassadors": {2022: 6, 2023: 8, 2024: 9, 2025: 11, 2026: 13},
    },
    {
        "slug": "hafnarfjordur",
        "name": "Hafnarfjörður",
        "country": "IS",
        "latitude": 64.0671,
        "longitude": -21.9377,
        "population": 30858,
        "website": "https://hafnarfjordur.is",
        "joined": 2021,
        "introduction": (
            "Hafnarfjörður works closely with schools and sports clubs to ensure that every "
            "young resident feels included."
        ),
        "portrait": (
            "Hafnarfjörður is a harbour town in the capital region of Iceland, south of "
            "Reykjavík. It is known for its lava landscapes, its old harbour and an active "
            "local cultural life."
        ),
        "challenges": (
            "Hafnarfjörður is growing quickly and becoming more diverse, which makes inclusion "
            "of new residents a priority. Online harassment among young people is a concern "
            "for schools and parents."
        ),
        "action_title": "Welcome mentors for newly arrived families",
        "action_description": (
            "Volunteer mentors help newly arrived families find their way to schools, sports "
            "clubs and local services during their first year."
        ),
        "contact_name": "Einar Jónsson",
        "contact_email": "safecity.hafnarfjordur@example.org",
        "ambassadors": {2022: 3, 2023: 3, 2024: 4, 2025: 5, 2026: 6},
    },
]


PARTNERS: list[PartnerData] = [
    {
        "name": "Nordic Youth Dialogue Network",
        "kind": "ngo",
        "city_slug": "oslo",
        "country": "NO",
        "focus_areas": ["strong-youth-engagement", "safe-communities"],
        "website": "https://youthdialogue.example.org",
        "description": (
            "A youth-led network that trains young people to facilitate dialogue across "
            "political, cultural and religious divides."
        ),
        "public": True,
    },
    {
        "name": "Centre for Polarisation Studies",
        "kind": "research",
        "city_slug": "uppsala",
        "country": "SE",
        "focus_areas": ["safe-online-sphere", "safe-public-institutions"],
        "website": "https://polarisation-studies.example.org",
        "description": (
            "An independent research centre studying polarisation, disinformation and trust "
            "in democratic institutions."
        ),
        "public": True,
    },
    {
        "name": "Safe Streets Foundation",
        "kind": "ngo",
        "city_slug": "malmo",
        "country": "SE",
        "focus_areas": ["safe-urban-space", "strong-youth-engagement"],
        "website": "https://safestreets.example.org",
        "description": (
            "Organises adult night walkers and street mediators in neighbourhoods with high "
            "levels of insecurity."
        ),
        "public": True,
    },
    {
        "name": "Family Compass Denmark",
        "kind": "ngo",
        "city_slug": "aarhus",
        "country": "DK",
        "focus_areas": ["strong-families"],
        "website": "https://familycompass.example.org",
        "description": (
            "Offers confidential counselling to parents and relatives worried about a young "
            "person's involvement in extremist or criminal environments."
        ),
        "public": True,
    },
    {
        "name": "Nordic Institute for Digital Resilience",
        "kind": "research",
        "city_slug": "helsinki",
        "country": "FI",
        "focus_areas": ["safe-online-sphere", "strong-youth-engagement"],
        "website": "https://digital-resilience.example.org",
        "description": (
            "Researches online radicalisation and develops digital literacy material for "
            "schools and youth workers."
        ),
        "public": True,
    },
    {
        "name": "Bridges Interfaith Council",
        "kind": "ngo",
        "city_slug": "kobenhavn",
        "country": "DK",
        "focus_areas": ["safe-communities", "safe-public-institutions"],
        "website": "https://bridges-interfaith.example.org",
        "description": (
            "Brings together faith communities to build trust, respond jointly to hate crime "
            "and support local dialogue."
        ),
        "public": True,
    },
    {
        "name": "Fjord Sports Alliance",
        "kind": "ngo",
        "city_slug": "bergen",
        "country": "NO",
        "focus_areas": ["strong-youth-engagement", "safe-urban-space"],
        "website": "https://fjordsports.example.org",
        "description": (
            "A coalition of local sports clubs offering free, low-threshold activities for "
            "young people in the evenings and at weekends."
        ),
        "public": True,
    },
    {
        "name": "Urban Light Architects",
        "kind": "business",
        "city_slug": "helsingborg",
        "country": "SE",
        "focus_areas": ["safe-urban-space"],
        "website": "https://urbanlight.example.org",
        "description": (
            "An architecture and lighting studio that co-designs safer public spaces together "
            "with residents and municipalities."
        ),
        "public": True,
    },
    {
        "name": "Saga Learning Lab",
        "kind": "business",
        "city_slug": "reykjavik",
        "country": "IS",
        "focus_areas": ["safe-online-sphere", "strong-families"],
        "website": "https://sagalearning.example.org",
        "description": (
            "Develops educational games and classroom tools on online safety, critical "
            "thinking and respectful communication."
        ),
        "public": True,
    },
    {
        "name": "Nordic Council of Prevention Coordinators",
        "kind": "public_body",
        "city_slug": None,
        "country": "SE",
        "focus_areas": ["safe-public-institutions", "safe-communities"],
        "website": "https://prevention-coordinators.example.org",
        "description": (
            "An intermunicipal body where local prevention coordinators share methods, "
            "training and experience across the Nordic countries."
        ),
        "public": True,
    },
    {
        "name": "Southern Norway Regional Police Prevention Unit",
        "kind": "public_body",
        "city_slug": "kristiansand",
        "country": "NO",
        "focus_areas": ["safe-public-institutions", "safe-urban-space"],
        "website": "https://police-prevention-south.example.org",
        "description": (
            "A regional police prevention unit that runs concern conversations and works "
            "with municipalities on early intervention."
        ),
        "public": True,
    },
    {
        "name": "Archipelago Peace Education Institute",
        "kind": "research",
        "city_slug": "turku",
        "country": "FI",
        "focus_areas": ["strong-youth-engagement", "safe-communities", "strong-families"],
        "website": "https://peace-education.example.org",
        "description": (
            "Studies and evaluates peace education and dialogue methods in schools and local "
            "communities."
        ),
        "public": True,
    },
    {
        "name": "Exit Pathways Network",
        "kind": "ngo",
        "city_slug": "goteborg",
        "country": "SE",
        "focus_areas": ["safe-communities", "strong-families"],
        "website": "https://exitpathways.example.org",
        "description": (
            "Supports individuals who want to leave violent extremist or criminal "
            "environments, working discreetly with mentors and families."
        ),
        "public": False,
    },
    {
        "name": "Harbour Housing Association",
        "kind": "business",
        "city_slug": "odense",
        "country": "DK",
        "focus_areas": ["safe-urban-space", "safe-communities"],
        "website": "https://harbourhousing.example.org",
        "description": (
            "A non-profit housing provider that funds social staff and resident activities in "
            "its neighbourhoods."
        ),
        "public": False,
    },
    {
        "name": "SafeChat Moderation Services",
        "kind": "business",
        "city_slug": None,
        "country": "FI",
        "focus_areas": ["safe-online-sphere"],
        "website": "https://safechat.example.org",
        "description": (
            "Provides content moderation and training for municipalities and youth services "
            "operating online community spaces."
        ),
        "public": False,
    },
    {
        "name": "West Coast Crisis Support Collective",
        "kind": "ngo",
        "city_slug": "stavanger",
        "country": "NO",
        "focus_areas": ["strong-families", "safe-communities"],
        "website": "https://crisis-support-west.example.org",
        "description": (
            "Offers psychosocial support to families and communities affected by violence, "
            "threats or hate crime."
        ),
        "public": False,
    },
]


APPLICANT_CITIES: list[ApplicantCityData] = [
    {
        "name": "Tampere",
        "country": "FI",
        "contact_name": "Laura Mäkinen",
        "contact_role": "Head of Community Safety",
        "contact_email": "laura.makinen@tampere.example.org",
        "motivation": (
            "Tampere wants to strengthen its multi-agency work against polarisation and to "
            "learn from cities with long experience of youth engagement. Joining the network "
            "would help us connect our schools and youth services with Nordic peers."
        ),
    },
    {
        "name": "Linköping",
        "country": "SE",
        "contact_name": "Henrik Åberg",
        "contact_role": "Prevention Coordinator",
        "contact_email": "henrik.aberg@linkoping.example.org",
        "motivation": (
            "Linköping is developing a local strategy against violent extremism and wants to "
            "base it on proven methods from other Nordic cities. We are especially interested "
            "in exchanges on online radicalisation and family support."
        ),
    },
    {
        "name": "Tromsø",
        "country": "NO",
        "contact_name": "Silje Pedersen",
        "contact_role": "Adviser, Public Health and Inclusion",
        "contact_email": "silje.pedersen@tromso.example.org",
        "motivation": (
            "Tromsø has a growing and diverse population and wants to prevent hate and "
            "exclusion before they take root. Membership would give us access to knowledge, "
            "training and a network of colleagues facing similar challenges."
        ),
    },
]
