"""The settings modules behave as promised in every environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "nordicsafe.settings.production",
            "ALLOWED_HOSTS": "portal.example.org",
        },
    )

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable." in result.stderr


def test_production_refuses_to_start_without_an_smtp_server():
    result = _manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "nordicsafe.settings.production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "portal.example.org",
        },
    )

    assert result.returncode != 0
    assert "Set the SMTP_HOST environment variable." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "nordicsafe.settings.production",
            "SECRET_KEY": "x" * 60,
        },
    )

    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable." in result.stderr


def test_the_deploy_check_passes_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "nordicsafe.settings.production",
            "SECRET_KEY": "k3y-" + "a1b2c3d4e5f6g7h8" * 4,
            "ALLOWED_HOSTS": "portal.example.org",
            "SMTP_HOST": "mail.example.org",
        },
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
