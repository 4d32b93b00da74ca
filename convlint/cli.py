"""The command line: thin click layer over the pipeline; exit codes CI can rely on.

0: no error-severity finding; 1: findings of error severity; 2: usage error, or a file that
could not be analysed at all. Heavy modules are imported inside the commands."""

from __future__ import annotations

import os
import re
import sys

import click

from convlint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2
FORMATS = ("text", "json")


class DefaultGroup(click.Group):
    """`convlint model.py` means `convlint check model.py`, as `ruff file.py` once did."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def parse_input_shape(text: str) -> tuple[str, tuple[int, ...]]:
    """`10,1,32,32`, `10x1x32x32`, `(10, 1, 32, 32)` or `LeNet=10,1,32,32` -> (model or "", dims)."""
    model, _, dims = text.rpartition("=")
    parts = [p for p in re.split(r"[,x\s()\[\]]+", dims.strip()) if p]
    if not parts or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise click.BadParameter(f"{text!r}: expected positive integers like 10,1,32,32 (or Model=10,1,32,32)")
    return model.strip(), tuple(int(p) for p in parts)


def _codes(values: tuple[str, ...]) -> frozenset | None:
    codes = {c.strip().upper() for value in values for c in value.split(",") if c.strip()}
    return frozenset(codes) if codes else None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="convlint")
def main() -> None:
    """convlint: find shape bugs in PyTorch CNN code before anything runs."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--input-shape", "input_shapes", multiple=True, metavar="[MODEL=]N,C,H,W",
              help="Input shape for every model, or for one model with MODEL=. Repeatable.")
@click.option("--model", default=None, help="Only analyse this model class.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None, help="Output format.")
@click.option("--select", multiple=True, help="Only these rule codes (or prefixes), comma-separated.")
@click.option("--ignore", multiple=True, help="Skip these rule codes (or prefixes), comma-separated.")
@click.option("--exit-zero", is_flag=True, default=None, help="Exit 0 even when there are findings.")
def check(paths: tuple[str, ...], input_shapes: tuple[str, ...], model: str | None, output_format: str | None,
          select: tuple[str, ...], ignore: tuple[str, ...], exit_zero: bool | None) -> None:
    """Check model files (and directories of them) for shape bugs."""
    from convlint.pipeline import Settings, discover, lint_file
    from convlint.rulespec import load_rules

    shapes = dict(parse_input_shape(text) for text in input_shapes)
    rules = load_rules()
    selected, ignored = _codes(select), _codes(ignore) or frozenset()
    for code in (selected or frozenset()) | ignored:
        if not any(known.startswith(code) for known in rules):
            raise click.BadParameter(f"unknown rule code {code!r}", param_hint="--select/--ignore")
    settings = Settings(input_shapes=shapes, select=selected, ignore=ignored, model=model)
    if not paths:
        raise click.UsageError("give the model files or directories to check, e.g. `convlint model.py`")
    files, missing = discover(list(paths))
    for given in missing:
        click.echo(f"convlint: {given}: no such file or directory", err=True)
    results = [lint_file(path, display, settings) for path, display in files]
    diagnostics = sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key)
    _emit(output_format or "text", results, diagnostics)
    if missing or any(r.failed for r in results):
        sys.exit(EXIT_TROUBLE)
    if any(d.severity == "error" for d in diagnostics) and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _emit(output_format: str, results: list, diagnostics: list) -> None:
    if output_format == "json":
        from convlint.report.json_report import render_json

        click.echo(render_json(results, diagnostics), nl=False)
        return
    from convlint.report.text import plain, render_text

    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    sources = {r.path: r.lines for r in results}
    click.echo(render_text(diagnostics, sources, click.style if colour else plain), nl=False, color=colour)
