"""The command line: thin click layer over the pipeline; exit codes CI can rely on.

0: no error-severity finding; 1: findings of error severity; 2: usage or configuration error,
or a file that could not be analysed at all. Heavy modules are imported inside the commands."""

from __future__ import annotations

import gc
import os
import re
import sys
from pathlib import Path

import click

from convlint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2
FORMATS = ("text", "concise", "json", "github", "sarif", "junit")


class DefaultGroup(click.Group):
    """`convlint model.py` means `convlint check model.py`."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def parse_input_shape(text: str) -> tuple[str, tuple]:
    """`10,1,32,32`, `10x1x32x32`, `(10, 1, 32, 32)` or `LeNet=10,1,32,32` -> (model or "", dims);
    a forward taking several inputs: `Siamese=2,3,64,64;2,3,64,64` -> (model, (dims, dims))."""
    from convlint.config import ConfigError, parse_shape

    model, _, dims = text.rpartition("=")
    try:
        return model.strip(), parse_shape(dims.strip(), text)
    except ConfigError:
        raise click.BadParameter(f"{text!r}: expected positive integers like 10,1,32,32 (or Model=10,1,32,32; "
                                 "several inputs: Model=2,3,64,64;2,3,64,64)") from None


def _model_args(text: str) -> tuple[str, tuple]:
    from convlint.config import parse_model_args

    try:
        return parse_model_args(text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--model-args") from None


def _split(values: tuple[str, ...]) -> list[str]:
    return [c.strip() for value in values for c in value.split(",") if c.strip()]


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="convlint")
def main() -> None:
    """convlint: find shape bugs in PyTorch CNN code before anything runs.

    `convlint PATH...` is short for `convlint check PATH...`."""
    # A run allocates large syntax trees that reference counting frees; at the default
    # thresholds the cycle collector rescans them again and again (bench/corpus.py: ~20%).
    gc.set_threshold(100_000, 50, 100)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--input-shape", "input_shapes", multiple=True, metavar="[MODEL=]N,C,H,W",
              help="Input shape for every top-level model, or for one model with MODEL=. Repeatable. "
                   "A forward taking several inputs: 'MODEL=2,3,64,64;2,3,64,64'.")
@click.option("--model", default=None, help="Only analyse this model class.")
@click.option("--model-args", "model_args", multiple=True, metavar="MODEL(ARGS)",
              help="Build a model with these constructor arguments, written as Python: 'VGG(\"VGG19\")', "
                   "'UNet(n_channels=3, n_classes=2)', or a classmethod of the class that builds it: "
                   "'EfficientNet.from_name(\"efficientnet-b0\")'. Repeatable; over the config's model-args.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text).")
@click.option("--select", multiple=True, help="Only these rule codes, prefixes or names (comma-separated).")
@click.option("--extend-select", multiple=True, help="Add these rules to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rule codes, prefixes or names.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this pyproject.toml (or convlint.toml) instead of searching upward.")
@click.option("--stdin-filename", default=None, help="The path of the source read from stdin (`-`).")
@click.option("--warn-unused-ignores", is_flag=True, default=None, help="Report suppressions that suppress nothing.")
@click.option("--statistics", is_flag=True, default=None, help="Print a count per rule instead of the findings.")
@click.option("--confirm", is_flag=True, default=None,
              help="Also run each model with torch (in a child process) and mark findings confirmed or not. "
                   "This imports, so executes, the model files.")
@click.option("--device", default=None, help="Device for --confirm: meta (default), cpu, cuda, cuda:1.")
@click.option("--timeout", type=float, default=None, help="Seconds per file for --confirm (default 60).")
@click.option("--explain", "explain_findings", is_flag=True, default=None,
              help="After the findings, the chain of shapes from the input to each offending layer.")
@click.option("-v", "--verbose", is_flag=True, default=None,
              help="Also list, per model, what the analysis could not follow and why.")
@click.option("--exit-zero", is_flag=True, default=None, help="Exit 0 even when there are findings.")
@click.option("-q", "--quiet", is_flag=True, default=None, help="Print findings only, no summary.")
@click.option("-j", "--jobs", default=None, metavar="N|auto",
              help="Worker processes (default: auto, one per core, when there are many files).")
@click.option("--no-cache", is_flag=True, default=None,
              help="Analyse every file afresh, without reading or writing the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Where results are cached (default .convlint_cache, or $CONVLINT_CACHE_DIR).")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of stdout.")
def check(paths, input_shapes, model, model_args, output_format, select, extend_select, ignore, config_path, stdin_filename,
          warn_unused_ignores, statistics, confirm, device, timeout, explain_findings, verbose, exit_zero, quiet,
          jobs, no_cache, cache_dir, output_file) -> None:
    """Check model files (and directories of them) for shape bugs."""
    from convlint.config import ConfigError, Overrides, clear_caches, normalise_codes, settings_for
    from convlint.pipeline import discover, lint_file, lint_text

    if not paths:
        raise click.UsageError("give the model files or directories to check, e.g. `convlint model.py` "
                               "(or `-` to read stdin)")
    clear_caches()
    forget_walks()
    try:
        overrides = Overrides(
            input_shapes=dict(parse_input_shape(text) for text in input_shapes),
            select=normalise_codes(_split(select), "--select") if select else None,
            extend_select=normalise_codes(_split(extend_select), "--extend-select"),
            ignore=normalise_codes(_split(ignore), "--ignore"),
            model=model, config=Path(config_path) if config_path else None,
            warn_unused_ignores=bool(warn_unused_ignores),
            model_args=dict(_model_args(text) for text in model_args),
        )
        if overrides.config is not None and not overrides.config.is_file():
            raise ConfigError(f"{config_path}: no such configuration file")
        results = []
        missing: list[str] = []
        if "-" in paths:
            display = stdin_filename or "-"
            settings = settings_for(Path(stdin_filename) if stdin_filename else None, overrides)
            results.append(lint_text(sys.stdin.buffer.read(), display, settings))
        files, missing = discover([p for p in paths if p != "-"], lambda where: settings_for(where, overrides))
        workers = worker_count(jobs, len(files))
        if confirm or explain_findings or verbose:  # these read the evaluator's objects: in process, afresh
            results += [lint_file(path, display, settings_for(path, overrides)) for path, display in files]
        else:
            results += lint_portable(files, overrides, workers, output_format == "json",
                                     None if no_cache else open_cache(cache_dir))
        if confirm:
            confirm_results(results, files, device or "meta", timeout or 60.0)
    except ConfigError as error:
        click.echo(f"convlint: configuration error: {error}", err=True)
        sys.exit(EXIT_TROUBLE)
    for given in missing:
        click.echo(f"convlint: {given}: no such file or directory", err=True)
    seen = {name for result in results for name in result.model_names}
    seen |= {name.rpartition(".")[2] for name in seen}  # (`Up4` names a nested class `Outer.Up4`)
    unmatched = sorted(name for name in overrides.input_shapes if name and name not in seen) if not model else []
    for name in unmatched:  # a typo would otherwise leave the model symbolic without a word
        click.echo(f"convlint: --input-shape {name}=...: no model named {name} in the files checked", err=True)
    if model and model not in seen and not missing:
        unmatched.append(model)
        click.echo(f"convlint: --model {model}: no model named {model} in the files checked", err=True)
    diagnostics = sorted(_once_each(results), key=lambda d: d.sort_key)
    text = render(output_format or "text", results, diagnostics, bool(statistics), bool(quiet),
                  colour=output_file is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    if verbose and (output_format or "text") == "text":
        text += coverage_text(results)
    if explain_findings and (output_format or "text") == "text":
        text += explanations(results, diagnostics)
    if (missing or unmatched) and not diagnostics and (output_format or "text") == "text":
        text = ""  # not "All checks passed!": something asked for was not checked
    if output_file:
        Path(output_file).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False, color=None)
    if missing or unmatched or any(r.failed for r in results):
        sys.exit(EXIT_TROUBLE)
    if any(d.severity == "error" for d in diagnostics) and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _once_each(results) -> list:
    """A block in one file reached from several files (its own, the models that build it) is
    reported once per place and code: the most severe finding there, whatever the order the files
    were linted in (a model built with real numbers meets an error where a file building the block
    from its own parameters only warns); among equals, as before, the last file's first."""
    unique: dict[tuple, object] = {}
    for result in results:
        for d in reversed(result.diagnostics):
            key = (d.path, d.span.line, d.span.column, d.code)
            kept = unique.get(key)
            if kept is None or SEVERITY_RANK.get(d.severity, 3) <= SEVERITY_RANK.get(kept.severity, 3):
                unique[key] = d
    return list(unique.values())


def forget_walks() -> None:
    """The project folders walked for input sizes: each run sees the tree as it is now."""
    from convlint.source.project_hints import clear_cache

    clear_cache()


PARALLEL_FROM = 32  # files; below that, starting workers costs more than it saves


def worker_count(jobs: str | None, files: int) -> int:
    cores = os.cpu_count() or 1
    if jobs is None or jobs == "auto":
        return min(cores, files) if files >= PARALLEL_FROM else 1
    if not jobs.isdigit() or int(jobs) < 1:
        raise click.BadParameter(f"{jobs!r}: a positive number of jobs, or auto", param_hint="--jobs")
    return min(int(jobs), max(files, 1))


def open_cache(cache_dir: str | None):
    from convlint.cache import ResultCache, default_directory

    return ResultCache(Path(cache_dir) if cache_dir else default_directory())


def lint_portable(files: list, overrides, workers: int, with_models: bool, cache) -> list:
    """Each file's result from the cache, or linted (in worker processes when workers > 1) and
    then cached; results in the order of `files` (deterministic).

    Only the JSON report lists models, and their records cost a position lookup of every
    layer (a code generation of the file): the other formats do not ask for them."""
    from convlint.config import settings_for
    from convlint.pipeline import lint_file_portable

    results: list = [None] * len(files)
    todo: list[tuple[int, str | None]] = []
    for index, (path, display) in enumerate(files):
        key = cache.key(path, display, settings_for(path, overrides), with_models) if cache else None
        results[index] = cache.get(key) if key else None
        if results[index] is None:
            todo.append((index, key))
    paths = [files[index][0] for index, _ in todo]
    displays = [files[index][1] for index, _ in todo]
    workers = min(workers, len(todo))
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, len(todo) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            linted = list(pool.map(lint_file_portable, paths, displays, [overrides] * len(todo),
                                   [with_models] * len(todo), chunksize=chunk))
    else:
        linted = [lint_file_portable(path, display, overrides, with_models) for path, display in zip(paths, displays)]
    for (index, key), result in zip(todo, linted):
        results[index] = result
        if key and not any(d.code == "CL999" for d in result.diagnostics):
            cache.put(key, result, result.imported)
    return results


def confirm_results(results: list, files: list, device: str, timeout: float) -> None:
    """--confirm: judge each file's findings by running its models with torch, in a child process."""
    from convlint.trace.confirm import confirm, torch_available

    if not torch_available():
        click.echo("convlint: --confirm needs torch: pip install 'convlint[trace]'", err=True)
        sys.exit(EXIT_TROUBLE)
    from convlint.pipeline import file_diagnostic

    paths = {display: path for path, display in files}
    agreed: list[str] = []
    for result in results:
        if result.path in paths and result.models:
            result.diagnostics = confirm(paths[result.path], result.path, result.models, result.diagnostics,
                                         device, timeout, file_diagnostic, agreed)
    for line in agreed:  # on stderr: the report itself stays what each format says
        click.echo(f"convlint: {line}", err=True)


def explanations(results: list, diagnostics: list) -> str:
    """--explain: for each finding, the shapes from the model's input to the layer it names."""
    from convlint.report.explain import explain_model

    out = []
    models = {(r.path, m.name): m for r in results for m in r.models if not m.internal_error}
    for d in diagnostics:
        model = next((m for (path, name), m in models.items() if name == d.model), None)
        if model is not None and not d.code.startswith(("CL0", "CL9")):
            chain = explain_model(model, d.layer) if d.layer else explain_model(model, until_line=d.span.line)
            out.append(f"\n{d.code} at {d.path}:{d.span.line}: how the shapes get there\n" + chain)
    return "".join(out)


def coverage_text(results: list) -> str:
    """--verbose: per model, the statements and values the evaluator left unknown."""
    lines = []
    for result in results:
        for model in result.models:
            if not model.unresolved:
                lines.append(f"{result.path}: {model.name}: everything followed")
                continue
            lines.append(f"{result.path}: {model.name}: {len(model.unresolved)} thing(s) not followed")
            for item in model.unresolved:
                lines.append(f"  {item.span.file or result.path}:{item.span.line}: {item.why}")
        for model in result.models:
            lines += [f"{result.path}: {model.name}: assumed {what}" for what in model.assumed]
    return "\n".join(lines) + ("\n" if lines else "")


def render(output_format: str, results: list, diagnostics: list, statistics: bool, quiet: bool,
           colour: bool) -> str:
    if statistics:
        from convlint.report.text import render_statistics

        return render_statistics(diagnostics)
    if output_format == "json":
        from convlint.report.json_report import render_json

        return render_json(results, diagnostics)
    if output_format == "concise":
        from convlint.report.concise import render_concise

        return render_concise(diagnostics)
    if output_format == "github":
        from convlint.report.github import render_github

        return render_github(diagnostics)
    if output_format == "sarif":
        from convlint.report.sarif import render_sarif
        from convlint.rulespec import load_rules

        return render_sarif(diagnostics, load_rules(), __version__)
    if output_format == "junit":
        from convlint.report.junit import render_junit

        return render_junit([r.path for r in results], diagnostics)
    from convlint.report.text import plain, render_text

    sources = {r.path: r.lines for r in results}
    for path in {d.path for d in diagnostics} - set(sources):  # findings inside imported files
        try:
            sources[path] = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            pass
    return render_text(diagnostics, sources, click.style if colour else plain, summary=not quiet)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--model", default=None, help="Only this model (class or factory function).")
@click.option("--input-shape", "input_shapes", multiple=True, metavar="[MODEL=]N,C,H,W",
              help="Input shape for every model, or for one with MODEL= ('MODEL=2,3,64,64;2,3,64,64' for several inputs).")
@click.option("--model-args", "model_args", multiple=True, metavar="MODEL(ARGS)",
              help="Build a model with these constructor arguments: 'VGG(\"VGG19\")'.")
@click.option("--depth", type=int, default=None, help="Show nested modules down to this depth.")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default=None)
def summary(paths, model, input_shapes, model_args, depth, output_format) -> None:
    """A torchinfo-style table per model: shapes, kernels, params, mult-adds, receptive field."""
    from convlint.config import ConfigError, Overrides, settings_for
    from convlint.pipeline import discover, lint_file
    from convlint.report.summary import build_summary, render_summary

    if not paths:
        raise click.UsageError("give the model files, e.g. `convlint summary model.py --input-shape 1,3,32,32`")
    overrides = Overrides(input_shapes=dict(parse_input_shape(t) for t in input_shapes), model=model,
                          model_args=dict(_model_args(text) for text in model_args))
    forget_walks()
    try:
        files, _ = discover(list(paths), lambda where: settings_for(where, overrides))
        results = [lint_file(path, display, settings_for(path, overrides)) for path, display in files]
    except ConfigError as error:
        click.echo(f"convlint: configuration error: {error}", err=True)
        sys.exit(EXIT_TROUBLE)
    seen = {name for result in results for name in result.model_names}
    seen |= {name.rpartition(".")[2] for name in seen}  # (`Up4` names a nested class `Outer.Up4`)
    unmatched = sorted({name for name in (model, *overrides.input_shapes, *overrides.model_args)
                        if name and name not in seen})
    for name in unmatched:  # a typo (or a name that is no model) would otherwise print nothing, or other models
        click.echo(f"convlint: {name}: no model named {name} in the files checked", err=True)
    summaries, texts = [], []
    # `--input-shape Net=...` with no --model: the table of the models named, not of every block beside them
    named = {name for name in overrides.input_shapes if name}
    shown = {analysis.name for result in results for analysis in result.models
             if {analysis.name, analysis.name.rpartition(".")[2]} & named}  # (`Up4`: a nested `Outer.Up4`)
    for result in results:
        for analysis in result.models:
            if analysis.internal_error or analysis.root is None or shown and not model and analysis.name not in shown:
                continue
            findings = [d for d in result.diagnostics if d.model == analysis.name and d.severity == "error"]
            table = build_summary(analysis, findings)
            if analysis.input_shape is None or not all(isinstance(d, int) for d in analysis.input_shape.dims or ()):
                from convlint.inference import accepted_input
                from convlint.pipeline import model_diagnostics

                settings = settings_for(Path(result.path), overrides)
                found = accepted_input(analysis, lambda trial: model_diagnostics(result.path, trial, settings))
                table.accepted_input = found["text"] if found else None
            summaries.append(table)
            texts.append(f"{result.path}: " + render_summary(table, depth, findings))
    if output_format == "json":
        import json

        click.echo(json.dumps([s.model_dump() for s in summaries], indent=2))
    else:
        click.echo("\n".join(texts), nl=False)
    problems = [d for r in results for d in r.diagnostics if d.severity == "error"]
    sys.exit(EXIT_TROUBLE if unmatched or any(r.failed for r in results)
             else EXIT_FINDINGS if problems else EXIT_CLEAN)


@main.command()
@click.argument("target")
@click.option("--input-shape", "input_shapes", multiple=True, metavar="[MODEL=]N,C,H,W")
def explain(target, input_shapes) -> None:
    """Show the shape arithmetic of `model.py[:Model]`, layer by layer, with the numbers."""
    from convlint.config import Overrides, settings_for
    from convlint.pipeline import lint_file
    from convlint.report.explain import explain_model

    path, _, model = target.partition(":") if not Path(target).exists() else (target, "", "")
    if not Path(path).is_file():
        raise click.BadParameter(f"{path}: no such file", param_hint="TARGET")
    overrides = Overrides(input_shapes=dict(parse_input_shape(t) for t in input_shapes), model=model or None)
    forget_walks()
    result = lint_file(Path(path), path, settings_for(Path(path), overrides))
    texts = [explain_model(m) for m in result.models if not m.internal_error and m.root is not None]
    if not texts:
        click.echo(f"convlint: no model {model!r} in {path}" if model else f"convlint: no model in {path}", err=True)
        sys.exit(EXIT_TROUBLE)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    for d in errors:  # where torch's forward would stop, and why
        texts.append(f"{d.code} at {d.path}:{d.span.line}" + (f" ({d.layer})" if d.layer else "") + f": {d.message}\n")
    click.echo("\n".join(texts), nl=False)
    sys.exit(EXIT_TROUBLE if result.failed else EXIT_FINDINGS if errors else EXIT_CLEAN)


@main.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Explain one rule (by code or name), with its example and fix, like `ruff rule`."""
    from convlint.rulespec import rule_by_code_or_name

    spec = rule_by_code_or_name(code)
    if spec is None:
        click.echo(f"convlint: unknown rule {code!r}; `convlint rules` lists them", err=True)
        sys.exit(EXIT_TROUBLE)
    click.echo(rule_document(spec))


def rule_document(spec) -> str:
    parts = [f"# {spec.name} ({spec.code})", "", f"Default severity: {spec.severity}.", "",
             "## What it catches", "", spec.summary, "", "## Why it matters", "", spec.why]
    if spec.example:
        parts += ["", "## Example", "", "```python", spec.example.strip("\n"), "```"]
    if spec.use_instead:
        parts += ["", "## Use instead", "", "```python", spec.use_instead.strip("\n"), "```"]
    if spec.fix:
        parts += ["", "## Fix", "", re.sub(r"\{(\w+)\}", r"<\1>", spec.fix)]
    parts += ["", f"Suppress on a line with `# noqa: {spec.code}` or `# convlint: ignore[{spec.name}]`."]
    return "\n".join(parts)


@main.command("rules")
def rules_command() -> None:
    """List every rule: code, name, default severity, summary."""
    from convlint.rulespec import load_rules

    for spec in load_rules().values():
        click.echo(f"{spec.code}  {spec.name:<24} {spec.severity:<8} {spec.summary}")
