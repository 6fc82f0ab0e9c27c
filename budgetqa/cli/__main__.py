"""`python -m budgetqa.cli …` runs the `budgetqa` command."""
import sys

from budgetqa.cli import main

if __name__ == "__main__":
    sys.exit(main())
