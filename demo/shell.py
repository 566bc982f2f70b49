"""The public shell (demo/data/shell.yaml): the home page, About, Privacy, the Accessibility
statement and the site settings that point at them, in English and translated into the other
languages (``demo.translations``). The tests build it once per process."""

from wagtail.models import Locale, Page, Site

from core.models import HomePage, SiteSettings, StandardPage
from core.services import home_child_get_or_create, page_create
from demo import synthetic, translations
from demo.data import load, stream


def seed(*, scale: int, log) -> None:
    data = load("shell")
    home = _home_page(data["home"], data["site"])
    pages = {spec["slug"]: _standard_page(home, spec) for spec in data["pages"]}
    settings = SiteSettings.load()
    settings.contact_email = data["site"]["contact_email"]
    settings.about_page = pages["about"]
    settings.privacy_page = pages["privacy"]
    settings.accessibility_page = pages["accessibility"]
    settings.save()
    translations.shell_translate()
    if scale > 1:
        synthetic.archive_pages(parent=pages["about"], count=scale)
    log(f"home page and {len(pages)} pages in {Locale.objects.count()} languages")


def index_page(page_class, spec: dict):
    """The single page of ``page_class`` below the home page, made from ``spec`` (its title,
    slug and introduction) the first time, in the menu: /cities/, /knowledge/."""
    return home_child_get_or_create(
        page_class(
            title=spec["title"],
            slug=spec["slug"],
            introduction=spec["introduction"],
            show_in_menus=True,
        )
    )


def _home_page(spec: dict, site: dict) -> HomePage:
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
            title=spec["title"],
            slug=spec["slug"],
            introduction=spec["introduction"],
            body=stream(spec["body"]),
        ),
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": site["hostname"], "root_page": home, "site_name": site["name"]},
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
            body=stream(spec["body"]),
        ),
    )
