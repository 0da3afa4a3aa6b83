"""The converters scored on bench/corpus/ (texts they have never seen): see
bukharin_edition.bench.converters. Prints precision and recall per feature and profile,
then every miss; --json writes the figures to a file."""
import sys

from bukharin_edition.bench.converters import main

if __name__ == "__main__":
    sys.exit(main())
