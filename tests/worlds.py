"""Test data built once per test class: ``once_per_class`` turns a builder into a pair of
fixtures, the class-scoped build (on ``class_db``, see ``tests/conftest.py``) and the
function-scoped deep copy each test receives."""

import copy
import inspect

import pytest


def once_per_class(name: str, build):
    """``network, network_built = once_per_class("network", build_network)`` in a test module
    gives its tests a ``network`` fixture whose data ``build_network()`` made once per class."""
    built_name = f"{name}_built"

    @pytest.fixture(scope="class", name=built_name)
    def built(class_db):
        return build()

    def fixture(**arguments):
        return copy.deepcopy(arguments[built_name])

    # The build is named in the signature, so that pytest sets the class-scoped fixtures up
    # before the test's own transaction (``db``) begins, not inside it.
    fixture.__signature__ = inspect.Signature(
        [
            inspect.Parameter(argument, inspect.Parameter.KEYWORD_ONLY)
            for argument in (built_name, "db")
        ]
    )
    return pytest.fixture(name=name)(fixture), built
