"""The benchmark at scale: see bukharin_edition.bench.run (python bench/run.py --help)."""
import sys

from bukharin_edition.bench.run import main

if __name__ == "__main__":
    sys.exit(main())
