"""The benchmark harness (``make bench``): see bench/run.py. Not part of the deployed portal."""
