from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Build the demo network (idempotent): every app's demo.seed(), in INSTALLED_APPS order."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the synthetic data for benchmarks (1 = the believable demo).",
        )

    def handle(self, *args, scale, **options):
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            with transaction.atomic():
                module.seed(
                    scale=scale, log=lambda text, app=app_config.label: self._log(app, text)
                )
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def _log(self, app: str, text: str) -> None:
        self.stdout.write(f"  {app}: {text}")
