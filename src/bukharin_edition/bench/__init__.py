"""Measurements at scale: a generator of synthetic corpora and the benchmark that uses it."""
