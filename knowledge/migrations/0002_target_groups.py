from django.db import migrations

from knowledge.reference_data import ensure_target_groups


def create_target_groups(apps, schema_editor):
    ensure_target_groups(apps.get_model("knowledge", "TargetGroup"))


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_target_groups, migrations.RunPython.noop)]
