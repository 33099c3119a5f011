"""``python -m gluteus`` runs the command line."""

from gluteus.cli import main

main()
