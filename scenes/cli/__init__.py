"""The `explainer` command line: one module per command, registered here."""

import click

from scenes import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="explainer")
def main() -> None:
    """Render the information-theory explainer and its lecture kit."""
