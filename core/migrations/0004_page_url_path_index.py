"""An index on wagtailcore_page.url_path: HomePage.route finds a page by its url_path."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_hero_image_alt"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS core_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS core_page_url_path",
        )
    ]
