"""The Charter's six focus areas in the portal's six languages.

``ensure_focus_areas`` creates what is missing. The data migration calls it with historical models,
and a ``post_migrate`` receiver with the real ones, so a flushed test database gets them back too.
"""

import uuid

FOCUS_AREAS = [
    {
        "slug": "safe-urban-space",
        "en": (
            "Safe Urban Space",
            "Streets, squares and parks where everyone feels safe and welcome, designed and looked after together with the people who use them.",
        ),
        "da": (
            "Tryg byrum",
            "Gader, pladser og parker, hvor alle føler sig trygge og velkomne, udformet og passet i fællesskab med dem, der bruger dem.",
        ),
        "sv": (
            "Trygg stadsmiljö",
            "Gator, torg och parker där alla känner sig trygga och välkomna, utformade och skötta tillsammans med dem som använder dem.",
        ),
        "nb": (
            "Trygt byrom",
            "Gater, plasser og parker der alle føler seg trygge og velkomne, utformet og ivaretatt sammen med dem som bruker dem.",
        ),
        "fi": (
            "Turvallinen kaupunkitila",
            "Kadut, aukiot ja puistot, joissa kaikki tuntevat olonsa turvalliseksi ja tervetulleeksi ja joista huolehditaan yhdessä niiden käyttäjien kanssa.",
        ),
        "is": (
            "Öruggt borgarrými",
            "Götur, torg og garðar þar sem öllum líður vel og eru velkomnir, hönnuð og annast í samvinnu við þá sem nota þau.",
        ),
    },
    {
        "slug": "safe-online-sphere",
        "en": (
            "Safe Online Sphere",
            "Countering hate speech, disinformation and online radicalisation, and helping citizens move safely and critically online.",
        ),
        "da": (
            "Tryg online sfære",
            "At modvirke hadefuld tale, misinformation og radikalisering online og hjælpe borgerne til at færdes trygt og kritisk på nettet.",
        ),
        "sv": (
            "Trygg digital miljö",
            "Att motverka hatretorik, desinformation och radikalisering på nätet och hjälpa invånare att röra sig tryggt och kritiskt online.",
        ),
        "nb": (
            "Trygg digital sfære",
            "Å motvirke hatefulle ytringer, desinformasjon og radikalisering på nett, og hjelpe innbyggerne til å ferdes trygt og kritisk på nettet.",
        ),
        "fi": (
            "Turvallinen verkkoympäristö",
            "Vihapuheen, disinformaation ja verkossa tapahtuvan radikalisoitumisen torjuminen sekä asukkaiden tukeminen turvalliseen ja kriittiseen verkon käyttöön.",
        ),
        "is": (
            "Öruggt netumhverfi",
            "Að sporna gegn hatursorðræðu, upplýsingaóreiðu og róttækni á netinu og hjálpa íbúum að nota netið á öruggan og gagnrýninn hátt.",
        ),
    },
    {
        "slug": "strong-families",
        "en": (
            "Strong Families",
            "Supporting parents and families so they can recognise signs of radicalisation and find help early.",
        ),
        "da": (
            "Stærke familier",
            "Støtte til forældre og familier, så de kan genkende tegn på radikalisering og finde hjælp tidligt.",
        ),
        "sv": (
            "Starka familjer",
            "Stöd till föräldrar och familjer så att de kan känna igen tecken på radikalisering och få hjälp i tid.",
        ),
        "nb": (
            "Sterke familier",
            "Støtte til foreldre og familier slik at de kan kjenne igjen tegn på radikalisering og få hjelp tidlig.",
        ),
        "fi": (
            "Vahvat perheet",
            "Vanhempien ja perheiden tukeminen, jotta he tunnistavat radikalisoitumisen merkit ja saavat apua ajoissa.",
        ),
        "is": (
            "Sterkar fjölskyldur",
            "Stuðningur við foreldra og fjölskyldur svo þau geti greint merki um róttækni og fengið hjálp snemma.",
        ),
    },
    {
        "slug": "safe-public-institutions",
        "en": (
            "Safe Public Institutions",
            "Schools, social services and other public institutions that are trusted, prepared and work together to prevent radicalisation.",
        ),
        "da": (
            "Trygge offentlige institutioner",
            "Skoler, sociale tjenester og andre offentlige institutioner, der har borgernes tillid, er forberedte og samarbejder om at forebygge radikalisering.",
        ),
        "sv": (
            "Trygga offentliga institutioner",
            "Skolor, socialtjänst och andra offentliga institutioner som har invånarnas förtroende, är förberedda och samarbetar för att förebygga radikalisering.",
        ),
        "nb": (
            "Trygge offentlige institusjoner",
            "Skoler, sosiale tjenester og andre offentlige institusjoner som har innbyggernes tillit, er forberedt og samarbeider om å forebygge radikalisering.",
        ),
        "fi": (
            "Turvalliset julkiset instituutiot",
            "Koulut, sosiaalipalvelut ja muut julkiset instituutiot, joihin luotetaan, jotka ovat valmiita ja jotka tekevät yhteistyötä radikalisoitumisen ehkäisemiseksi.",
        ),
        "is": (
            "Öruggar opinberar stofnanir",
            "Skólar, félagsþjónusta og aðrar opinberar stofnanir sem njóta trausts, eru viðbúnar og vinna saman að forvörnum gegn róttækni.",
        ),
    },
    {
        "slug": "strong-youth-engagement",
        "en": (
            "Strong Youth Engagement",
            "Involving young people as peace ambassadors and co-creators of fun, attractive and safe cities.",
        ),
        "da": (
            "Stærkt ungdomsengagement",
            "Unge inddrages som fredsambassadører og medskabere af sjove, attraktive og trygge byer.",
        ),
        "sv": (
            "Starkt ungdomsengagemang",
            "Unga involveras som fredsambassadörer och medskapare av roliga, attraktiva och trygga städer.",
        ),
        "nb": (
            "Sterkt ungdomsengasjement",
            "Unge involveres som fredsambassadører og medskapere av morsomme, attraktive og trygge byer.",
        ),
        "fi": (
            "Vahva nuorten osallisuus",
            "Nuoret mukana rauhanlähettiläinä sekä hauskojen, houkuttelevien ja turvallisten kaupunkien yhteiskehittäjinä.",
        ),
        "is": (
            "Öflug þátttaka ungs fólks",
            "Ungt fólk tekur þátt sem friðarsendiherrar og við að skapa skemmtilegar, aðlaðandi og öruggar borgir.",
        ),
    },
    {
        "slug": "safe-communities",
        "en": (
            "Safe Communities",
            "Building trust between citizens, civil society and authorities so that local communities stand together against polarisation and hate.",
        ),
        "da": (
            "Trygge lokalsamfund",
            "Tillid mellem borgere, civilsamfund og myndigheder, så lokalsamfund står sammen mod polarisering og had.",
        ),
        "sv": (
            "Trygga lokalsamhällen",
            "Förtroende mellan invånare, civilsamhälle och myndigheter så att lokalsamhällen står enade mot polarisering och hat.",
        ),
        "nb": (
            "Trygge lokalsamfunn",
            "Tillit mellom innbyggere, sivilsamfunn og myndigheter, slik at lokalsamfunn står sammen mot polarisering og hat.",
        ),
        "fi": (
            "Turvalliset yhteisöt",
            "Luottamusta asukkaiden, kansalaisyhteiskunnan ja viranomaisten välille, jotta paikalliset yhteisöt seisovat yhdessä polarisaatiota ja vihaa vastaan.",
        ),
        "is": (
            "Örugg samfélög",
            "Traust milli íbúa, borgaralegs samfélags og yfirvalda svo að nærsamfélög standi saman gegn skautun og hatri.",
        ),
    },
]


def ensure_focus_areas(focus_area_model, locale_model) -> None:
    locales = {locale.language_code: locale for locale in locale_model.objects.all()}
    for position, area in enumerate(FOCUS_AREAS, start=1):
        existing = focus_area_model.objects.filter(slug=area["slug"]).first()
        translation_key = existing.translation_key if existing else uuid.uuid4()
        for code, locale in locales.items():
            if code not in area:
                continue
            name, description = area[code]
            focus_area_model.objects.get_or_create(
                locale=locale,
                slug=area["slug"],
                defaults={
                    "name": name,
                    "description": description,
                    "position": position,
                    "translation_key": translation_key,
                },
            )
