"""`python -m bukharin_edition`: the `edition` command, for a checkout without the script installed."""
from .cli import main

main(prog_name="edition")
