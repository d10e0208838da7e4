"""``python -m tqkit``."""

from tqkit.cli import main

main()
