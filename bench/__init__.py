"""The benchmark harness (``make bench``, i.e. ``python -m bench.run``): see bench/run.py. Not part
of the deployed portal."""
