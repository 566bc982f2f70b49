"""Demo content of the public shell: the home page, About, Privacy, Accessibility statement."""

from wagtail.models import Locale, Page, Site

from core.models import HomePage, SiteSettings, StandardPage
from core.services import page_create

ORDER = 0

HOME_INTRODUCTION = (
    "Nordic Safe Cities is a network of cities in Denmark, Finland, Iceland, Norway and Sweden "
    "that work together to prevent radicalisation and hate, and to create safe, tolerant cities "
    "for all citizens."
)

PAGES = [
    {
        "slug": "about",
        "title": "About the network",
        "show_in_menus": True,
        "introduction": "Cities that work together for safety, trust and democracy.",
        "body": [
            ("heading", {"heading": "The challenge", "level": "h2"}),
            (
                "paragraph",
                "<p>The Nordic countries are challenged on many fronts. Islamist terror and "
                "right-wing radicalisation create insecurity in communities across the north, at "
                "street level and after terrorist attacks alike.</p>",
            ),
            ("heading", {"heading": "Three levels of work", "level": "h2"}),
            (
                "paragraph",
                "<p>The network operates on three levels: local work in each city on its own "
                "challenges; Nordic meetups where cities share best practices; and international "
                "work that showcases the Nordic safety and prevention model.</p>",
            ),
            ("heading", {"heading": "History", "level": "h2"}),
            (
                "paragraph",
                "<p>The Nordic Council of Ministers initiated Nordic Safe Cities in 2016. NEXT "
                "STEP built and led the network until 2020, when it became an independent "
                "organisation.</p>",
            ),
            (
                "quote",
                {
                    "text": "In the Nordic Safe Cities community, we shine a light on life in our "
                    "cities instead of focusing on fear in our souls.",
                    "attribution": "Dagfinn Høybråten, Secretary-General of the Nordic Council "
                    "of Ministers",
                },
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "show_in_menus": False,
        "introduction": "What we keep about you, why, and how to get it or have it deleted.",
        "body": [
            (
                "paragraph",
                "<p>We keep your name, email address and preferred language when you create an "
                "account, and the emails we send you. Signed in, you can download all of it as a "
                "file or delete your account under <em>My data</em>.</p>",
            ),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "show_in_menus": False,
        "introduction": "This portal aims to meet WCAG 2.1 level AA.",
        "body": [
            (
                "paragraph",
                "<p>Every public page and form is tested with an automated accessibility scan in "
                "a real browser and works with a keyboard alone. If something does not work for "
                "you, write to us and we will answer within ten working days.</p>",
            ),
        ],
    },
]


def seed(*, scale: int, log) -> None:
    home = _home_page()
    pages = {spec["slug"]: _standard_page(home, spec) for spec in PAGES}
    settings = SiteSettings.load()
    settings.contact_email = "hello@nordicsafecities.org"
    settings.about_page = pages["about"]
    settings.privacy_page = pages["privacy"]
    settings.accessibility_page = pages["accessibility"]
    settings.save()
    if scale > 1:
        _scale_pages(pages["about"], scale)
    log(f"home page and {len(PAGES)} pages in {Locale.objects.count()} languages")


def _home_page() -> HomePage:
    existing = HomePage.objects.filter(locale=Locale.get_default()).first()
    if existing is not None:
        return existing
    # Wagtail's own placeholder "Welcome" page (and the site pointing at it) makes way.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    home = page_create(
        parent=Page.get_first_root_node(),
        page=HomePage(
            title="Safe cities for everyone",
            slug="home",
            introduction=HOME_INTRODUCTION,
            body=[
                (
                    "paragraph",
                    "<p>Freedom of expression, equality, democracy and trust are the strongest "
                    "weapons against radicalisation and hatred. Member cities adopt the Nordic "
                    "Safe Cities Charter and share what works.</p>",
                )
            ],
        ),
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Nordic Safe Cities"},
    )
    return home


def _standard_page(parent: Page, spec: dict) -> StandardPage:
    existing = StandardPage.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    return page_create(
        parent=parent,
        page=StandardPage(
            title=spec["title"],
            slug=spec["slug"],
            show_in_menus=spec["show_in_menus"],
            introduction=spec["introduction"],
            body=spec["body"],
        ),
    )


def _scale_pages(parent: Page, scale: int) -> None:
    existing = StandardPage.objects.child_of(parent).count()
    for number in range(existing + 1, scale + 1):
        page_create(
            parent=parent,
            page=StandardPage(
                title=f"Archive note {number}",
                slug=f"archive-note-{number}",
                introduction="A synthetic page for load testing.",
            ),
        )
