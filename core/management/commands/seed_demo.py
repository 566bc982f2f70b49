from django.core.management.base import BaseCommand
from django.db import transaction

from core.app_modules import app_modules


class Command(BaseCommand):
    help = "Build the demo network (idempotent): every app's demo.seed(), in each module's ORDER."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the synthetic data for benchmarks (1 = the believable demo).",
        )

    def handle(self, *args, scale, **options):
        for module in sorted(app_modules("demo"), key=lambda module: getattr(module, "ORDER", 100)):
            label = module.__name__.split(".")[0]
            with transaction.atomic():
                module.seed(scale=scale, log=lambda text, app=label: self._log(app, text))
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def _log(self, app: str, text: str) -> None:
        self.stdout.write(f"  {app}: {text}")
