"""Evaluator: a model whose constructor takes the project's options object (`EDSR(args)` with args
from option.py's `parser.parse_args()`, `base_Model(configs)` with a `Config()` of config_files/)
built with that object, as the project runs it with no arguments.

A constructor parameter qualifies when the code only reads its attributes or passes it on whole.
It is bound to the options object of the nearest folder (source/project_options.py) that has
every attribute the model reads: the one such object, never a guess among several (several that
fit leave it unknown, said so). Every value is reported as an assumption, as argparse defaults are;
an attribute the object lacks reads as Unknown, never as an error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from convlint.evaluator import argparse_model
from convlint.evaluator.objects import Instance, LocalClass
from convlint.model import ModelAnalysis

MAX_TRIALS = 12  # options objects tried per model


@dataclass(slots=True)
class Candidate:
    namespace: argparse_model.Namespace
    describe: str  # "the namespace option.py parses (line 140)"


def options_parameter(function: cst.FunctionDef, skip: int) -> tuple[str, set[str], list] | None:
    """The one required parameter, when the body only reads its attributes (`args.n_feats`) or
    passes it on whole (`EDSR(args)`), with the attributes it reads itself and what it is passed to
    (the caller checks those are the project's own classes and functions)."""
    params = function.params
    ordered = [*params.posonly_params, *params.params][skip:]
    required = [p for p in ordered if p.default is None] + [p for p in params.kwonly_params if p.default is None]
    if len(required) != 1:
        return None
    name = required[0].name.value
    uses = read = passed = 0
    attributes: set[str] = set()
    callees: list[cst.BaseExpression] = []
    stack: list[cst.CSTNode] = [function.body]
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.Lambda, cst.ClassDef)) and _binds(node, name):
            continue  # a nested scope's own `args`
        if isinstance(node, cst.Name) and node.value == name:
            uses += 1
        elif isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == name:
            read += 1
            attributes.add(node.attr.value)
        elif isinstance(node, cst.Call) and any(arg.star == "" and isinstance(arg.value, cst.Name)
                                                and arg.value.value == name for arg in node.args):
            passed += sum(1 for arg in node.args if arg.star == "" and isinstance(arg.value, cst.Name)
                          and arg.value.value == name)
            callees.append(node.func)
        stack.extend(node.children)
    if uses == 0 or uses != read + passed:
        return None
    return name, attributes, callees


def _binds(node: cst.CSTNode, name: str) -> bool:
    if isinstance(node, cst.ClassDef):
        return False
    params = node.params
    return any(p.name.value == name for p in (*params.posonly_params, *params.params, *params.kwonly_params))


def candidates(interpreter, parsed, settings, imported: list | None,
               targets: set[str]) -> tuple[dict[str, list[Candidate]], list[list[Candidate]]]:
    """The objects the project's module-level code builds each target with (`base_Model(configs)`
    in main.py), and the project's options objects, nearest folder first; each evaluated as
    importing its module gives it (a parser's defaults after the module's post-processing, a
    config class's instance)."""
    from convlint.source.project_options import find_project_options

    path = Path(parsed.file or parsed.path)
    if not path.is_file():
        return {}, []
    try:
        found = find_project_options(path, settings, targets)
    except Exception:  # reading other files never fails this one
        return {}, []
    if imported is not None:
        imported.append(found)
    built: dict[str, list[Candidate]] = {}
    for builder in found.builders:
        candidate = _built_with(interpreter, builder)
        if candidate is not None and all(c.namespace is not candidate.namespace for c in built.get(builder.target, ())):
            built.setdefault(builder.target, []).append(candidate)
    levels = []
    for level in found.levels:
        made = []
        for option in level:
            candidate = _evaluate(interpreter, option)
            if candidate is not None:
                made.append(candidate)
        levels.append(made)
    return built, levels


def _built_with(interpreter, builder) -> Candidate | None:
    """The value of the module-level name a project file builds the model with, when it is an
    options namespace or an instance of a project class."""
    unit = interpreter.imports.load(builder.path, interpreter)
    if unit is None:
        return None
    previous = interpreter.analysis
    interpreter.analysis = ModelAnalysis(builder.target, None)
    try:
        value = _in_main_block(interpreter, unit, builder) if builder.in_main \
            else interpreter.module_attribute(unit, builder.argument)
    except Exception:
        return None
    finally:
        interpreter.analysis = previous
    display = unit.parsed.path
    describe = f"{builder.argument} of {display}, which builds {builder.target}({builder.argument})"
    if isinstance(value, argparse_model.Namespace):
        return Candidate(value, describe)
    if isinstance(value, Instance) and not value.cls.torch_bases():
        where = f"set by {value.cls.name}() for {builder.argument} of {display}"
        return Candidate(argparse_model.Namespace(dict(value.attrs), {key: where for key in value.attrs}, False),
                         f"{describe}: a {value.cls.name}() of {value.cls.scope.parsed.path}")
    return None


def _in_main_block(interpreter, unit, builder) -> object:
    """The name a script's `if __name__ == "__main__":` block builds the model with, as the block
    runs up to that call (its parser's defaults; unknown once code not followed may change it)."""
    from convlint.evaluator.analyze import _main_block_scopes
    from convlint.source.input_hints import is_main_guard

    previous = interpreter._enter_module(unit)  # (its lines are the script's)
    try:
        scopes = _main_block_scopes(interpreter, unit.parsed, unit)
    finally:
        interpreter._leave_module(previous)
    for statement in unit.parsed.module.body:
        if not (isinstance(statement, cst.If) and statement.orelse is None and is_main_guard(statement.test)):
            continue
        for node in _calls_in(statement.body):
            func = node.func
            name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) \
                else None
            if name == builder.target and len(node.args) == 1 and isinstance(node.args[0].value, cst.Name) \
                    and node.args[0].value.value == builder.argument and id(node) in scopes:
                return scopes[id(node)].names.get(builder.argument)
    return None


def _calls_in(node: cst.CSTNode):
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Call):
            yield current
        stack.extend(current.children)


def _evaluate(interpreter, option) -> Candidate | None:
    unit = interpreter.imports.load(option.path, interpreter)
    if unit is None:
        return None
    scratch = ModelAnalysis(option.name, None)
    previous = interpreter.analysis
    interpreter.analysis = scratch
    try:
        value = interpreter.module_attribute(unit, option.name)
        display = unit.parsed.path
        if option.kind == "parser" and isinstance(value, argparse_model.Namespace):
            line = next((unit.parsed.span_of(statement).line for statement in unit.parsed.module.body
                         if isinstance(statement, cst.SimpleStatementLine) and any(
                             isinstance(small, cst.Assign) and any(isinstance(t.target, cst.Name)
                                                                   and t.target.value == option.name for t in small.targets)
                             for small in statement.body)), None)
            return Candidate(value, f"the namespace {display} parses on line {line}")
        if option.kind == "config" and isinstance(value, LocalClass) and not interpreter.is_module_class(value):
            instance = interpreter.instantiate(value, [], {}, value.node.name)
            if not isinstance(instance, Instance):
                return None
            line = unit.parsed.span_of(value.node.name).line
            where = f"set by {option.name}() of {display} (line {line})"
            namespace = argparse_model.Namespace(dict(instance.attrs), {key: where for key in instance.attrs}, False)
            return Candidate(namespace, f"a {option.name}() of {display}")
    except Exception:  # an options module the evaluator trips on offers nothing
        return None
    finally:
        interpreter.analysis = previous
    return None


def fresh(namespace: argparse_model.Namespace) -> argparse_model.Namespace:
    """A copy per model: what one model's code sets on it, or reads that it lacks, is its own."""
    return argparse_model.Namespace(dict(namespace.attrs), dict(namespace.origins), namespace.exact)


def bind(build, attributes: set[str], built: list[Candidate],
         levels: list[list[Candidate]]) -> tuple[Candidate | None, list[Candidate]]:
    """The object the project's code builds the model with, else the options object of the nearest
    folder, that has every attribute the model reads (tried by building the model with it:
    `build(namespace)`); (None, the several that fit) when more than one of the first group that
    has any fits, (None, []) when none anywhere."""
    trials = 0
    for level in [built, *levels]:
        fitting = []
        for candidate in level:
            if not attributes <= set(candidate.namespace.attrs) or trials >= MAX_TRIALS:
                continue
            trials += 1
            trial = fresh(candidate.namespace)
            try:
                build(trial)
            except Exception:
                continue
            if not trial.missed and trial.reads:
                fitting.append(candidate)
        if len(fitting) == 1:
            return fitting[0], []
        if fitting:
            return None, fitting
    return None, []


def note(parameter: str, candidate: Candidate) -> str:
    return f"{parameter} is {candidate.describe}: the only options object of the project with every attribute " \
           "the model reads" if not candidate.describe.startswith(parameter + " of ") else \
        f"{parameter} is {candidate.describe}"


def unknown_note(owner: str, parameter: str, fitting: list[Candidate]) -> str:
    listed = ", ".join(c.describe for c in fitting[:4])
    return f"{owner}({parameter}): several options objects have every attribute it reads ({listed}); " \
           "analysed with it unknown"

