"""Every interface string is translated into every language, and the compiled catalogs match."""

import gettext
import os
import re
from pathlib import Path

import pytest

from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def _entries(po_file: Path):
    """(flags, msgid, msgstrs) for every entry of a .po file, header included. A message with a
    context (``pgettext``) is named as the compiled catalog names it: context, EOT, msgid."""
    text = po_file.read_text(encoding="utf-8")
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                current = match[1]
                fields[current] = match[2]
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" in fields:
            msgstrs = [value for key, value in fields.items() if key.startswith("msgstr")]
            msgid = fields["msgid"]
            if "msgctxt" in fields:
                msgid = f"{fields['msgctxt']}\x04{msgid}"
            yield flags, msgid, msgstrs


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po_file = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    entries = list(_entries(po_file))

    assert len(entries) > 50
    fuzzy = [msgid for flags, msgid, _ in entries if "fuzzy" in flags]
    missing = [msgid for _, msgid, msgstrs in entries if msgid and not all(msgstrs)]
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy}"
    assert missing == [], f"untranslated in {language}: {missing}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_the_compiled_catalog_holds_every_translation_of_the_po_file(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo_file:
        catalog = gettext.GNUTranslations(mo_file)._catalog

    def unescape(value):
        return value.encode("latin-1", "backslashreplace").decode("unicode_escape")

    stale = [
        msgid
        for _, msgid, msgstrs in _entries(folder / "django.po")
        if msgid
        and "" not in msgstrs
        and unescape(msgid) not in catalog
        and (unescape(msgid), 0) not in catalog
    ]
    assert stale == [], f"run `make messages`: {language}/django.mo lacks {stale[:5]}"


def test_every_interface_string_in_the_code_is_in_the_catalogs(tmp_path):
    """Extract the strings as `make messages` does, into a copy, and compare with locale/."""
    import shutil
    import subprocess
    import sys

    if shutil.which("xgettext") is None:
        message = "gettext is not installed (scripts/ensure-system-packages installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # no skipped check in CI
        pytest.skip(message)
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    ignored = shutil.ignore_patterns(".venv", ".tools", "var", ".git", "__pycache__")
    shutil.copytree(root, copy, ignore=ignored)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "sv",
            "--no-obsolete",
            "--ignore=tests",
            # Wagtail's own template, overridden for one tag: Wagtail's catalogs translate it.
            "--ignore=templates/wagtailadmin",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "nordicsafe.settings.test"},
    )

    def msgids(po_file):
        return {msgid for _, msgid, _ in _entries(po_file) if msgid}

    extracted = msgids(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po")
    catalogued = msgids(LOCALE_DIR / "sv" / "LC_MESSAGES" / "django.po")
    assert extracted - catalogued == set(), "run `make messages` and translate the new strings"


@pytest.mark.django_db
def test_the_sign_in_page_is_icelandic_though_allauth_ships_no_icelandic(client):
    html = client.get("/is/accounts/login/").content.decode()

    assert "Lykilorð" in html
    assert "Gleymdirðu lykilorðinu?" in html
