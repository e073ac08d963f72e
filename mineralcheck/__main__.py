"""python -m mineralcheck."""

from mineralcheck.cli import main

main()
