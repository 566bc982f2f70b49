import time

from django.core.management.base import BaseCommand
from django.db import transaction

from demo import (
    accounts,
    cities,
    documents,
    events,
    knowledge,
    newsletter,
    progress,
    shell,
    translations,
)
from knowledge.services import library_rebuild

# Each part builds on the ones before it: the cities need the secretariat, the library the
# cities, their coordinators and partners, and the manuals' covers the library; the meetups the
# coordinators. The newsletter adds its subscribers; the translations of the index pages
# (/cities/, /knowledge/...) come last, once the pages they translate are there.
LOADERS = [
    shell,
    accounts,
    cities,
    knowledge,
    documents,
    progress,
    events,
    newsletter,
    translations,
]


class Command(BaseCommand):
    help = "Build the demo network from demo/data/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the synthetic data for benchmarks (1 = the believable demo).",
        )

    def handle(self, *args, scale, **options):
        started = time.monotonic()
        for loader in LOADERS:
            label = loader.__name__.rsplit(".", 1)[-1]
            began = time.monotonic()
            with transaction.atomic():
                loader.seed(scale=scale, log=lambda text, part=label: self._log(part, text))
            self._log(label, f"done in {time.monotonic() - began:.1f} s")
        # The scale data is written in bulk, past the receivers that keep the library's rows.
        self._log("library", f"{library_rebuild()} entries")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data is in place ({time.monotonic() - started:.0f} s).")
        )

    def _log(self, part: str, text: str) -> None:
        self.stdout.write(f"  {part}: {text}")
