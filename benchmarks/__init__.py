"""`make bench`: locpipe's MT throughput and run times beside their baselines.

Run with `.venv/bin/python -m benchmarks` from the repository root (the root
must come first on sys.path: pysbd installs a top-level `benchmarks` package
of its own). Never part of `make test`.
"""
