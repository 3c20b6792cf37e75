"""`explainer new SLUG`: scaffold an extra scene (and its test) from the kit's template."""

from __future__ import annotations

import click

from scenes.scaffold import ScaffoldError, scaffold


@click.command("new")
@click.argument("slug")
@click.option("--title", default=None, help="The title card's title  [default: from the slug]")
@click.option(
    "--test/--no-test",
    "with_test",
    default=True,
    show_default=True,
    help="Also write tests/scenes/test_x_<slug>.py.",
)
def new(slug: str, title: str | None, with_test: bool) -> None:
    """Write a new extra scene SLUG (e.g. mutual-information) into scenes/extras/.

    The scene is a complete, working example built from the kit (Params, beats with
    narration, a computed read-out): `explainer render SLUG` works at once. It is
    listed after the numbered twelve, which keep their order. Existing files are
    never overwritten.
    """
    try:
        made = scaffold(slug, title, with_test=with_test)
    except ScaffoldError as error:
        if error.field is None:  # a file in the way
            raise click.ClickException(str(error)) from None
        hint = "SLUG" if error.field == "slug" else "--title"
        raise click.BadParameter(str(error), param_hint=hint) from None
    click.echo(f"Wrote {made.scene}  (class {made.class_name})")
    if made.test is not None:
        click.echo(f"Wrote {made.test}")
    click.echo(
        "Next:\n"
        f"  explainer still {made.slug} --quality low      # a poster of every beat\n"
        f"  explainer render {made.slug} --quality low     # the video, captions and sections\n"
        f"  .venv/bin/pytest tests/scenes -k {made.slug.replace('-', '_')}\n"
        "  make pins                                     # pin its pictures for the suite\n"
        "Then replace the example with your topic: see scenes/GUIDE.md."
    )
