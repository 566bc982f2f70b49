"""Find a named module in every installed app: how the apps contribute to shared features
(network figures, home and city page sections, personal data) without ``core`` or ``accounts``
importing them."""

import functools
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps


@functools.cache
def app_modules(name: str) -> tuple[ModuleType, ...]:
    """The ``<app>.<name>`` module of every installed app that has one, in INSTALLED_APPS order."""
    return tuple(
        import_module(f"{app_config.name}.{name}")
        for app_config in apps.get_app_configs()
        if find_spec(f"{app_config.name}.{name}") is not None
    )
