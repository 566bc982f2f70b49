"""Test data built once per test class or module: ``once_per_class`` and ``once_per_module`` turn
a builder into a pair of fixtures, the build (on ``class_db`` or ``module_db``, see
``tests/conftest.py``) and the function-scoped deep copy each test receives.

A world's search and reference indexes are written once, when it is built
(``demo.bulk.side_work_deferred``, which leaves the rows the saves one by one would leave):
PostgreSQL's search backend alone recomputes the title norms of the whole index on every save."""

import copy
import inspect

import pytest

from demo.bulk import side_work_deferred


def once_per_class(name: str, build):
    """``network, network_built = once_per_class("network", build_network)`` in a test module
    gives its tests a ``network`` fixture whose data ``build_network()`` made once per class."""
    return _once(name, build, scope="class", database="class_db")


def once_per_module(name: str, build):
    """As ``once_per_class``, built once for all the classes of a module that a test process
    runs (pytest-xdist hands a module's classes to its processes as whole classes). Every test of
    the module runs on that world, whether it asks for the fixture or not, so that none sees it
    or not depending on which classes ran before it in its process."""
    return _once(name, build, scope="module", database="module_db", autouse=True)


def _once(name: str, build, *, scope: str, database: str, autouse: bool = False):
    built_name = f"{name}_built"

    def built(**arguments):
        with side_work_deferred():
            return build()

    built.__signature__ = inspect.Signature(
        [inspect.Parameter(database, inspect.Parameter.KEYWORD_ONLY)]
    )

    def fixture(**arguments):
        return copy.deepcopy(arguments[built_name])

    # The build is named in the signature, so that pytest sets the wider-scoped fixtures up
    # before the test's own transaction (``db``) begins, not inside it.
    fixture.__signature__ = inspect.Signature(
        [
            inspect.Parameter(argument, inspect.Parameter.KEYWORD_ONLY)
            for argument in (built_name, "db")
        ]
    )
    return (
        pytest.fixture(name=name)(fixture),
        pytest.fixture(scope=scope, name=built_name, autouse=autouse)(built),
    )
