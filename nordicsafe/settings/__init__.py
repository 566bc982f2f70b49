import copy
from types import ModuleType


def inherit(namespace: dict, base: ModuleType) -> None:
    """Copy every setting (upper-case name) of ``base`` into a settings module's ``namespace``.

    An explicit alternative to ``from .base import *``: the environment modules start from a deep
    copy of the base settings and override what differs.
    """
    for name, value in vars(base).items():
        if name.isupper():
            namespace[name] = copy.deepcopy(value)
