from django.db import migrations

from cities.reference_data import ensure_countries


def create_countries(apps, schema_editor):
    ensure_countries(apps.get_model("cities", "Country"))


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_initial")]

    operations = [migrations.RunPython(create_countries, migrations.RunPython.noop)]
