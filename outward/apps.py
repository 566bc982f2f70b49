from django.apps import AppConfig


class OutwardConfig(AppConfig):
    """The portal's outward channels: site search, sitemap, feeds and the public JSON API.

    They read every feature app and no feature app reads them."""

    name = "outward"
