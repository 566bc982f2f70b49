"""The demo network that ``manage.py seed_demo`` builds (run by ``make run``; ``--scale N`` makes
the benchmark's large network).

The data are YAML files in ``demo/data/``; one loader module per part of the network
(``demo.shell``, ``demo.accounts``, ``demo.cities``, ``demo.knowledge``) turns them into rows and
pages through the apps' own services, and ``demo.synthetic`` adds the ``--scale`` copies. The
seeding order is the one list in ``demo/management/commands/seed_demo.py``.

The package sits on top of the apps, beside ``outward``: it imports every app it seeds, and no
app imports it. So the demo of a higher app lives here too, not in the app: events and newsletter
will each add a loader module and a data file here, and their place in that list.
"""
