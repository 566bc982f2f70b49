from django.core.management.base import BaseCommand

from knowledge.services import library_rebuild


class Command(BaseCommand):
    help = "Make the library's rows (LibraryEntry) again from the page tree."

    def handle(self, *args, **options):
        count = library_rebuild()
        self.stdout.write(self.style.SUCCESS(f"The library has {count} entries."))
