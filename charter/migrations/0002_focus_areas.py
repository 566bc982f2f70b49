from django.db import migrations

from charter.focus_areas import ensure_focus_areas


def create_focus_areas(apps, schema_editor):
    ensure_focus_areas(apps.get_model("charter", "FocusArea"), apps.get_model("wagtailcore", "Locale"))


class Migration(migrations.Migration):
    dependencies = [
        ("charter", "0001_initial"),
        ("core", "0002_locales"),
    ]

    operations = [migrations.RunPython(create_focus_areas, migrations.RunPython.noop)]
