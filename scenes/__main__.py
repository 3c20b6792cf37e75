"""`python -m scenes` is the same as the `explainer` command."""

from scenes.cli import main

if __name__ == "__main__":
    main()
