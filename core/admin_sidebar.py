"""The Wagtail admin's sidebar, built once per person, language and version of access.

Wagtail builds the sidebar on every admin request: each menu item and search area asks whether
it is shown (permission checks, queries), then the whole menu is packed for the script that draws
it: about half of a light admin page's time. What it shows depends only on the person (name,
avatar, roles and permissions), the language, the page tree and the code, so the finished
``<script>`` element is cached under a key that carries all of them:

- ``access_version()``, moved on by ``core.signals`` when an account's groups or a group's
  permissions change (a role granted or taken away, a city's coordinators' page permissions), or
  a profile (its avatar) is saved;
- the content version (``core.content_cache``), for the explorer's start page;
- the person's id, name and superuser flag, so a renamed account is not shown its old name;
- the menu's own fingerprint, computed once per process from the registered items, so a deploy
  that changes the menu never serves the old one.

The sidebar marks the current item in the browser, from the address, so one rendering serves
every admin page.
"""

import hashlib
from functools import cache as memoise

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.content_cache import content_version

ACCESS_VERSION_KEY = "admin:access-version"


def access_version() -> int:
    version = cache.get(ACCESS_VERSION_KEY)
    if version is None:
        cache.add(ACCESS_VERSION_KEY, 1, timeout=None)
        version = cache.get(ACCESS_VERSION_KEY, 1)
    return version


def access_changed() -> None:
    try:
        cache.incr(ACCESS_VERSION_KEY)
    except ValueError:  # evicted: a fresh counter is a new version, as every old key held the old
        cache.set(ACCESS_VERSION_KEY, access_version() + 1, timeout=None)


@memoise
def menu_fingerprint() -> str:
    """What code registered in the menu and the search: names, addresses, classes."""
    import wagtail
    from wagtail.admin.menu import admin_menu
    from wagtail.admin.search import admin_search_areas

    parts = [wagtail.__version__]
    for item in [*admin_menu.registered_menu_items, *admin_search_areas.registered_search_areas]:
        parts.append(f"{type(item).__qualname__}:{item.name}:{getattr(item, 'url', '')}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def sidebar_html(context) -> SafeString:
    """Wagtail's ``{% sidebar_props %}``, from the cache when this person's is there."""
    from wagtail.admin.templatetags.wagtailadmin_tags import sidebar_props

    user = context["request"].user
    person = hashlib.sha256(
        f"{user.get_username()}|{getattr(user, 'first_name', '')}|{user.is_superuser}".encode()
    ).hexdigest()[:16]
    key = ":".join(
        map(
            str,
            (
                "admin-sidebar",
                menu_fingerprint(),
                access_version(),
                content_version(),
                get_language(),
                user.pk,
                person,
            ),
        )
    )
    html = cache.get(key)
    if html is None:
        html = sidebar_props(context)
        cache.set(key, str(html), timeout=24 * 60 * 60)
    return mark_safe(html)  # Wagtail's own json_script output
