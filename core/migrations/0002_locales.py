from django.db import migrations

from core.reference_data import ensure_locales


def create_locales(apps, schema_editor):
    ensure_locales(
        apps.get_model("wagtailcore", "Locale"),
        apps.get_model("wagtail_localize", "LocaleSynchronization"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
        ("wagtail_localize", "0012_localesynchronization"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
