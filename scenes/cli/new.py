"""`explainer new SLUG`: scaffold a scene in the current project from the kit's template."""

from __future__ import annotations

import click

from scenes.project import CONFIG_NAME
from scenes.scaffold import ScaffoldError, scaffold


@click.command("new")
@click.argument("slug")
@click.option("--title", default=None, help="The title card's title  [default: from the slug]")
@click.option(
    "--test/--no-test",
    "with_test",
    default=True,
    show_default=True,
    help="Also write test_x_<slug>.py, when the project names a tests folder.",
)
def new(slug: str, title: str | None, with_test: bool) -> None:
    """Write a new scene SLUG (e.g. weather-odds) into this project's scenes folder.

    The project is the folder of the explainer.toml found from here upwards; with
    none, this folder becomes one (explainer.toml and course_scenes/ are created
    here). The scene is a complete, working example built from the kit (Params,
    beats with narration, a computed read-out): `explainer render SLUG` works at
    once. It is listed after the built-in scenes. Existing files are never
    overwritten, and nothing is written into the installed package.
    """
    try:
        made = scaffold(slug, title, with_test=with_test)
    except ScaffoldError as error:
        if error.field is None:  # a file in the way, or a project that cannot be used
            raise click.ClickException(str(error)) from None
        hint = "SLUG" if error.field == "slug" else "--title"
        raise click.BadParameter(str(error), param_hint=hint) from None
    if made.created_project:
        click.echo(
            f"Created {made.project.root / CONFIG_NAME} (this folder is now an explainer "
            f"project; its scenes live in {made.project.scenes_dir.name}/)"
        )
    click.echo(f"Wrote {made.scene}  (class {made.class_name})")
    if made.test is not None:
        click.echo(f"Wrote {made.test}")
    steps = [
        f"  explainer still {made.slug} --quality low      # a poster of every beat",
        f"  explainer render {made.slug} --quality low     # the video, captions and sections",
        f"  explainer lecture {made.slug} --out site       # an offline lecture page",
    ]
    if made.test is not None:
        # By -k, not the file: in this repository the generic tests of every scene
        # (layout at each beat, captions, length) are named after the module too.
        steps.append(f"  pytest {made.test.parent} -k {made.slug.replace('-', '_')}")
    click.echo(
        "Next:\n" + "\n".join(steps) + "\nThen replace the example with your topic: see "
        "scenes/GUIDE.md in the explainer's repository."
    )
