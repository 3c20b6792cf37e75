"""The `explainer` command line: one module per command, registered here."""

import click

from scenes.cli.doctor import doctor as doctor_command
from scenes.cli.handout import handout as handout_command
from scenes.cli.lecture import lecture as lecture_command
from scenes.cli.listing import list_scenes as list_command
from scenes.cli.new import new as new_command
from scenes.cli.render import render as render_command
from scenes.cli.still import still as still_command
from scenes.project import ProjectError


class _Explainer(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ProjectError as error:  # explainer.toml cannot be used: say why, in one line
            raise click.ClickException(str(error)) from None


@click.group(cls=_Explainer, context_settings={"help_option_names": ["-h", "--help"]})
# By distribution name: under pytest, tests/scenes/ can shadow the `scenes` package itself.
@click.version_option(package_name="infotheory-explainer", prog_name="explainer")
def main() -> None:
    """Render the information-theory explainer and its lecture kit."""


for command in (
    list_command,
    render_command,
    still_command,
    doctor_command,
    lecture_command,
    handout_command,
    new_command,
):
    main.add_command(command)
