"""Entry of the evaluator: every nn.Module subclass of a file, built and run on its input."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import libcst as cst

from convlint.evaluator import class_factories, tensor_ops
from convlint.evaluator.imports import Deferred
from convlint.evaluator.known_tensors import KnownTensor
from convlint.evaluator.interpreter import (RAISES, BudgetExceeded, Interpreter, StopsHere, _calls_in, _walked,
                                           first_unknown, walk_statements)
from convlint.evaluator.named_values import (SidesStated, configurations, domain_configurations, named_values,
                                             required_keyword_keys, stated_domains, table_keyed, table_rows)
from convlint.evaluator.placeholder_defaults import placeholder_defaults, statements_reading
from convlint.evaluator.objects import (MISSING, ArgumentParts, Instance, LocalClass, LocalFunction, NamedRecord, OptionalInput,
                                        Partial, TorchRef)
from convlint.model import ModelAnalysis, ModuleNode, Tensor, Unresolved, assign_paths
from convlint.model import InputSource
from convlint.diagnostics import Span
from convlint.records import field_of
from convlint.source.parse import ParsedFile, dotted_name, file_input_shape_comment, input_shape_comment_at
from convlint.evaluator.tensor_ops import SPATIAL_SYMBOLS
from convlint import symbolic
from convlint.symbolic import argument_object, argument_symbol, part_of_argument
from convlint.values import Shape, Sym, Unknown, is_known


def input_shape_for(cls, parsed: ParsedFile, cli_shapes: dict, config_shapes: dict,
                    component: bool, name: str | None = None,
                    model_class: str | None = None) -> tuple[tuple[int, ...] | None, InputSource | None]:
    """--input-shape Model=... > --input-shape ... > config > `# convlint: input-shape=...` above the
    class > the same comment at the top of the file > (sizes found in the code, by the caller).
    `model_class`: the class of the model a factory returns, which `Model=` names too.

    A shape given for all models is not forced on a block that other models build (a ResBlock
    inside a ResNet): the block is checked where it is used, with the shapes that reach it."""
    name = name or cls.name
    if name in cli_shapes:
        return _given_inputs(cli_shapes[name], "flag")
    if model_class in cli_shapes:  # `--input-shape Net=...` for the Net `def train(params)` builds
        return _given_inputs(cli_shapes[model_class], "flag")
    if "" in cli_shapes and not component:
        return _given_inputs(cli_shapes[""], "flag")
    if name in config_shapes:
        return _given_inputs(config_shapes[name], "config")
    comment = input_shape_comment_at(parsed.lines, _definition_line(parsed, cls.node))
    if comment is not None:
        return comment[0], InputSource("comment", line=comment[1])
    if not component:
        whole_file = file_input_shape_comment(parsed.lines, _class_lines(parsed))
        if whole_file is not None:
            return whole_file[0], InputSource("comment", line=whole_file[1])
    return None, None


def _given_inputs(given: tuple, kind: str) -> tuple[tuple[int, ...], InputSource]:
    """A shape given by hand, or the shapes of a forward's several inputs (`Net=2,3,64,64;2,10`):
    the first is the model's input, the others its further inputs, as the code's own calls give them."""
    if given and isinstance(given[0], tuple):
        return given[0], InputSource(kind, more=tuple(given[1:]))
    return given, InputSource(kind)


def _class_made(built_by, analysis: ModelAnalysis) -> str | None:
    """The local class of the model a factory function returned (`def train(params): net =
    Net(64, 64, params); return net`); None for a class analysed itself."""
    root = analysis.root
    model = root.cls if isinstance(root, ModuleNode) else None
    return model.name if isinstance(built_by, LocalFunction) and isinstance(model, LocalClass) else None


def _class_lines(parsed: ParsedFile) -> list[int]:
    return [parsed.definition_line("class", n.name.value) or parsed.span_of(n).line
            for n in parsed.module.body if type(n).__name__ == "ClassDef"]


def _definition_line(parsed: ParsedFile, node) -> int:
    if not isinstance(node, (cst.ClassDef, cst.FunctionDef)):  # a factory bound at run time: where it is made
        return parsed.span_of(node).line
    keyword = "class" if type(node).__name__ == "ClassDef" else "def"
    return parsed.definition_line(keyword, node.name.value) or parsed.span_of(node).line


def _classes_of_unknown_bases(interpreter: Interpreter, parsed: ParsedFile) -> list[tuple[str, Span, str]]:
    """(name, where, base) of the file's classes with a forward() that are not known to be
    nn.Modules because a base class is a name from a module convlint cannot read (`class
    UNet(BaseModel)` after `from base import BaseModel`, no such file in the project): not
    analysed, which the user is told rather than left to read as checked."""
    import sys

    found = []
    for value in list(interpreter.module_scope.names.values()):
        if not isinstance(value, LocalClass) or value.scope is not interpreter.module_scope \
                or interpreter.is_module_class(value) or not isinstance(value.forward_method(), LocalFunction):
            continue
        unknown = [base.qualified for klass in value.mro() for base in klass.bases if isinstance(base, TorchRef)
                   and base.qualified.split(".")[0] not in {"torch", "builtins", *sys.stdlib_module_names}]
        if unknown and all(found_name != value.name for found_name, *_ in found):
            found.append((value.name, parsed.span_of(value.node.name), unknown[0]))
    return found


def analyze_models(parsed: ParsedFile, cli_shapes: dict, only: str | None = None,
                   config_shapes: dict | None = None, imported: list | None = None,
                   settings=None, unbuilt: str | None = None,
                   placeholders: str | None = None, unchecked: list | None = None) -> list[ModelAnalysis]:
    """The file's models, built and run. `imported`, when given, receives the interpreter's
    ProjectImports and the files read for input sizes: the project files the analysis read or
    looked for (live: reruns may add). With `settings` (its excludes), the other files of the
    project are read for the input sizes they feed the file's models. `unbuilt`: a class analysed
    as if no code of the file built it (its witness for a construction the code never feeds).
    `placeholders`: a class analysed at its defaults with those that only hold a place unknown.
    `unchecked`, when given, receives the classes not analysed for a base class not found
    (see `_classes_of_unknown_bases`)."""
    interpreter = Interpreter(parsed)
    if unchecked is not None:
        unchecked.extend(_classes_of_unknown_bases(interpreter, parsed))
    if imported is not None:
        imported.append(interpreter.imports)
    # (`--model Up4` for the one class `Outer.Up4` nests where nothing else is named Up4: that class)
    only = _nested_class_named(interpreter, only)
    cli_shapes = {_nested_class_named(interpreter, name): shape for name, shape in cli_shapes.items()}
    classes = [c for c in interpreter.model_classes() if only is None or c.name == only]
    # `from .model import ResNet` in a package's __init__.py, named by --model, --model-args or
    # --input-shape NAME=: that class, a model of this file as if defined here (in another file
    # only by --model: every script importing a model named for a whole run is not that model's)
    reexports = Path(parsed.file or parsed.path or "").name == "__init__.py"
    named = ({only, *(getattr(settings, "model_args", None) or {}), *cli_shapes} if reexports else {only}) \
        - {None, ""}
    classes += _imported_classes_named(interpreter, named - {c.name for c in interpreter.model_classes()})
    built: list[tuple[LocalClass, ModelAnalysis]] = []
    components: set[str] = set()
    needing = [c for c in classes if _required_parameters(c)]
    # (a class built only with some values not known, `Net(1, n)`: those builds wait until nothing
    # else gives all its arguments, the other files, the project's options, a config function)
    uncalled: set[int] = set()  # the file's constructions it never feeds an input (`print(Block(3, 32, 128))`)
    constructions, partly_known = _split_partial(_constructions(interpreter, parsed, needing, partial=True,
                                                                uncalled=uncalled))
    if unbuilt is not None:
        constructions.pop(unbuilt, None)
        partly_known.pop(unbuilt, None)
    only_uncalled = {name for name, made in constructions.items() if all(id(node) in uncalled for *_, node in made)}
    missing = {c.name for c in needing if c.name not in constructions} | only_uncalled
    if missing and settings is not None:  # built by another file of the project: `Net(width=16)` in train.py
        # (a block this file only builds and prints: the project's own build of it comes first)
        elsewhere, partly = _split_partial(_project_constructions(interpreter, parsed, missing, settings, imported, classes))
        constructions.update(elsewhere)
        for name, made in partly.items():
            if name in only_uncalled and name in constructions:
                # the file only builds it for show (`CRNN(64, 10, nb_filters=[64, 64, 64])` under
                # `__main__`), the project's script with its own widths and a value not known
                # (`CRNN(**crnn_kwargs)`, nclass=len(cfg.classes)): that build too
                _add_constructions(constructions[name], made, len(constructions[name]) + len(made))
                continue
            _add_constructions(partly_known.setdefault(name, []), made)
    constructions.update(_given_arguments(interpreter, classes, getattr(settings, "model_args", None) or {}))
    options = _OptionsBinder(interpreter, parsed, settings, imported)
    for cls in needing:
        if cls.name not in constructions and options.bind(cls) is not None:
            constructions[cls.name] = [options.construction(cls)]
    configured: dict[str, str] = {}  # class -> the note of the config function it was built with
    settings_made: list | None = None

    def settings_functions() -> list:  # run once, and only where a class may read one
        nonlocal settings_made
        if settings_made is None:
            settings_made = _settings_functions(interpreter)
        return settings_made

    for cls in needing:
        if cls.name not in constructions and \
                (made := _config_function_construction(interpreter, cls, settings_functions)) is not None:
            constructions[cls.name], configured[cls.name] = [made[0]], made[1]
    for cls in needing:  # built only with values not known: beside its default build (symbols)
        if cls.name not in constructions and cls.name in partly_known:
            constructions[cls.name] = [([], {}, cls.node.name), *partly_known[cls.name]]
    hints = _hints_by_target(parsed, imported if settings is not None else None)
    given: dict[int, tuple] = {}  # id(analysis) -> (the arguments it was built with, by parameter; names match)
    loose: set[str] = set()  # classes whose fed instances may be matched by the names they are built with
    fed_calls: set[int] = set()  # the constructions those are
    unneeding = [c for c in classes if c not in needing and c.name not in (getattr(settings, "model_args", None) or {})]
    # the sizes other files feed these, read once: each instance built with other values (`Net(in_ch=1)`
    # in train.py) is a model of its own, and the rest are sizes for the default build
    fed_elsewhere = _project_hints(interpreter, parsed, {c.name for c in unneeding}, settings, imported) \
        if settings is not None and unneeding else {}
    for cls in classes:
        fed, by_names = _fed_with_arguments(interpreter, parsed, cls, hints.get(cls.name, [])) \
            if cls in unneeding else ([], False)
        if cls in unneeding and len(fed) < MAX_CODE_INPUTS:
            _add_constructions(fed, [made for _, source, arguments in fed_elsewhere.get(cls.name, ())
                                     if not _built_as_analysed(interpreter, cls, arguments)
                                     and (made := _construction_of_hint(interpreter, cls, arguments, source))], MAX_CODE_INPUTS)
        if fed:
            constructions[cls.name] = [([], {}, cls.node.name), *fed]
            fed_calls.update(id(node) for *_, node in fed)
            if by_names:
                loose.add(cls.name)
    counted: dict[int, set[tuple[str, Sym]]] = {}  # id(analysis) -> (argument symbol, count) its loops count
    constructed_with: dict[int, tuple] = {}  # id(analysis) -> the code's construction it was built with, as `given`
    built_from: dict[int, tuple] = {}  # id(analysis) -> (args, kwargs, node) of the class's construction
    for cls in classes:
        counts_taken = _counts_taken_by_layers(cls)
        for args, kwargs, node in constructions.get(cls.name) or [([], {}, cls.node.name)]:
            analysis = ModelAnalysis(cls.name, _class_span(parsed, cls))
            interpreter.loop_counts = set()
            interpreter.int_arguments = set(counts_taken)
            with _guarded(interpreter, analysis):
                if node is cls.node.name:
                    passed = _classes_passed(interpreter, parsed, cls)
                    args, kwargs = _argument_symbols(cls, passed)
                    args, kwargs, annotated = _annotated_configs(interpreter, cls, args, kwargs, analysis)
                    _note_required_parameters(interpreter, cls, analysis, passed, annotated)
                    options.note_unbound(cls, analysis)
                    analysis.argument_symbols = _symbol_names((*args, *kwargs.values()))
                    analysis.passed_classes = tuple(f"{name}={found[0]!r}, {found[0].passed_at}"
                                                    for name, found in passed.items() if len(found) == 1)
                    analysis.defaults_never_used = _given_by_every_call(parsed, cls)
                    analysis.placeholder_defaults = placeholder_defaults(cls) if isinstance(cls, LocalClass) else {}
                    if analysis.placeholder_defaults:
                        analysis.placeholder_reads = {
                            name: [parsed.span_of(node) for node in nodes] for name, nodes
                            in statements_reading(cls, list(analysis.placeholder_defaults)).items()}
                    if placeholders == cls.name:  # the run that tells what only the placeholders meet
                        kwargs.update({name: Unknown(f"{name}={written}, a default that holds a place for "
                                                     "what callers give") for name, written
                                       in analysis.placeholder_defaults.items()})
                options.note_bound(cls, kwargs, analysis)
                if cls.name in configured:
                    analysis.assumed.append(configured[cls.name])
                analysis.root = interpreter.instantiate(cls, list(args), dict(kwargs), node)
                built_from[id(analysis)] = (list(args), dict(kwargs), node)
                if node is not cls.node.name:
                    analysis.built_with = _built_with_json(cls, list(args), dict(kwargs))
                    passed = _by_parameter(cls, list(enumerate(args)) + list(kwargs.items()))
                    for name, value in (passed or {}).items():  # `Net(in_ch=1, num_classes=n)`: n, not known
                        if isinstance(value, Unknown):
                            interpreter.unresolved(node, value.why)
                        elif (part := first_unknown(value)) is not None:  # `widths=[n, 64]`
                            interpreter.unresolved(node, f"{name}: passed with a part not known ({part.why})")
                    by_parameter = _as_hinted_by_parameter(passed)
                    if id(node) in fed_calls:
                        given[id(analysis)] = (by_parameter, cls.name in loose)
                    elif cls in needing:
                        # `a = Net(3, 8)` and `b = Net(1, 8)`, each fed its own images: each construction
                        # takes the sizes fed to an instance built as it is (names: where it is the only one)
                        constructed_with[id(analysis)] = (by_parameter, sum(
                            made is not cls.node.name for *_, made in constructions.get(cls.name) or ()) == 1)
                assign_paths(analysis.root)
                components.update(n.cls.name for n in analysis.modules() if isinstance(n.cls, LocalClass))
            counted[id(analysis)] = set(interpreter.loop_counts)
            built.append((cls, analysis))
    _built_by_class_factories(interpreter, built, getattr(settings, "model_args", None) or {}, counted)
    unmade_models: list[ModelAnalysis] = []  # factories whose model is not known: listed, never checked
    factories = _factories(interpreter, parsed, only, {c.name for c in interpreter.model_classes()},
                           getattr(settings, "model_args", None) or {}, options, counted, given, built_from,
                           project=None if settings is None else lambda names, functions: _whole_constructions(
                               _project_constructions(interpreter, parsed, names, settings, imported, functions)),
                           unmade_models=unmade_models)
    for _, analysis in factories:  # a block only a factory builds (`MotionEncoder(...)` in `_raft`)
        components.update(n.cls.name for n in analysis.modules() if isinstance(n.cls, LocalClass))
    built += factories
    made = _factories_made_by_partial(interpreter, parsed, only, getattr(settings, "model_args", None) or {})
    for _, analysis in made:
        components.update(n.cls.name for n in analysis.modules() if isinstance(n.cls, LocalClass))
    built += made
    taken = {analysis.name for _, analysis in built}
    containers = [(binding, analysis) for binding, analysis in _module_containers(interpreter, parsed, only)
                  if binding.name not in taken]
    built += containers
    built += [(binding, analysis) for binding, analysis in _local_sequentials(interpreter, parsed, only)
              if binding.name not in taken]
    components.update(_built_by_other_models(parsed, interpreter.model_classes(),
                                             {f.name for f, _ in made} | {b.name for b, _ in containers}))
    explicit = {id(analysis): input_shape_for(cls, parsed, cli_shapes, config_shapes or {}, cls.name in components,
                                              name=analysis.name, model_class=_class_made(cls, analysis))
                for cls, analysis in built if not analysis.internal_error and analysis.root is not None
                and not (analysis.root.cls is None and id(analysis.root) not in interpreter.factory_nodes)}
    # (a module-level ModuleList or ModuleDict has no forward: built, never fed an input)
    stated = dict(explicit)
    for key in given.keys() & explicit.keys():  # built with other values where the code feeds it: that size
        explicit[key] = (None, None)
    wanted = {analysis.name for _, analysis in built if explicit.get(id(analysis), (0,))[0] is None}
    if wanted and settings is not None:
        asked = {c.name for c in unneeding}
        found_elsewhere = {name: found for name, found in fed_elsewhere.items() if name in wanted}
        if wanted - asked:
            found_elsewhere |= _project_hints(interpreter, parsed, wanted - asked, settings, imported)
        for name, found in found_elsewhere.items():
            hints.setdefault(name, []).extend(found)
    siblings = _package_input(parsed, settings, imported, [
        (cls, analysis) for cls, analysis in built if analysis.name in wanted and not hints.get(analysis.name)
        and analysis.name not in components and analysis.built_with is None and not analysis.argument_symbols
        and id(analysis) in explicit])
    hints = _outputs_resolved(interpreter, built, hints, constructed_with)
    # (a class built with the block its factories pass takes their images, its widths and counts symbols)
    same_class = _same_class_input(interpreter, parsed, built, hints, given, constructed_with, [
        (cls, analysis) for cls, analysis in built if analysis.name in wanted and not hints.get(analysis.name)
        and analysis.name not in components and analysis.built_with is None
        and (not analysis.argument_symbols or analysis.passed_classes) and id(analysis) in explicit])
    analysed: list[ModelAnalysis] = []
    for cls, analysis in built:
        analysed.append(analysis)
        if id(analysis) not in explicit:
            continue
        construction = built_from.get(id(analysis))
        shape, source = explicit[id(analysis)]
        inputs = [(shape, source)] if shape is not None else \
            _code_inputs(interpreter, cls, hints.get(analysis.name, []), given.get(id(analysis)),
                         constructed_with.get(id(analysis))) or \
            ([stated[id(analysis)]] if stated[id(analysis)][0] is not None else []) or \
            _summarised_input(interpreter, parsed, cls, analysis) or _example_input(interpreter, parsed, cls, analysis) \
            or same_class.get(id(analysis)) or siblings.get(id(analysis)) or \
            [(None, None), ("from a size parameter", None)]  # symbolic, then the size a parameter states
        built_with = list(analysis.unresolved)  # what construction left unknown holds for every input
        refused: list[ModelAnalysis] = []  # the runs on a size of the code of dims its first layer refuses
        symbolic_run = False  # whether one of the runs has a symbolic input
        for index, (shape, source) in enumerate(inputs):
            if index == 1 and shape == "from a size parameter":
                found = _size_parameter_input(interpreter, parsed, cls, analysis, construction) \
                    or _asserted_input(parsed, cls, analysis) or _probed_input(parsed, analysis) \
                    or _squeezed_input(interpreter, parsed, analysis, built_with) \
                    or _configured_input(interpreter, parsed, cls, analysis) or _documented_input(parsed, cls, analysis)
                if found is None:
                    break
                shape, source = found
            if index:  # each further input the code feeds the model: the same built model, run again
                analysis = ModelAnalysis(analysis.name, analysis.span, root=analysis.root,
                                         constructed=analysis.constructed, unresolved=list(built_with),
                                         argument_symbols=analysis.argument_symbols,
                                         passed_classes=analysis.passed_classes,
                                         defaults_never_used=analysis.defaults_never_used,
                                         placeholder_defaults=analysis.placeholder_defaults,
                                         placeholder_reads=analysis.placeholder_reads)
                analysed.append(analysis)
            analysis.input_source = source
            settled = False  # `shape` inferred by the first layer, not given
            interpreter.loop_counts = set()
            with _guarded(interpreter, analysis):
                _run_forward(interpreter, analysis.root.cls, analysis, shape)
            counted.setdefault(id(analysis), set()).update(interpreter.loop_counts)
            first_layer: list[str] = []  # why the input gives an argument its value, where it does
            if index == 0 and shape is not None and analysis.argument_symbols and analysis.built_with is None \
                    and isinstance(cls, LocalClass) and not (analysis.internal_error or analysis.stopped) \
                    and (probed := _arguments_probed_at_the_input(cls, analysis) or (
                        None if source is not None and source.kind == "flag" and analysis.name not in cli_shapes
                        else _arguments_the_input_gives(cls, analysis, first_layer))):
                # `fake = torch.zeros(1, 1, n_channels, n_samples)` run through the first layers in
                # __init__ (a kernel (n_channels, 1) sized to it), or `Conv2d(c, c // 8, 1)` the first
                # layer, given the input: fed a size, the model is that built for it, its arguments
                # the sizes that input gives them
                again = _built_with_probed_arguments(interpreter, cls, analysis, probed, shape, source,
                                                     *first_layer)
                if again is not None:
                    counted[id(again)] = set(interpreter.loop_counts)
                    analysis = analysed[-1] = again
            if index == 0 and source is not None and source.kind == "flag" and analysis.name not in cli_shapes \
                    and (isinstance(cls, LocalClass) and analysis.built_with is None and _required_parameters(cls)
                         and (_first_layer_refuses_the_input(analysis) or analysis.failed_assert is not None)
                         or analysis.root.cls is None and not _first_layer_slides(analysis)
                         or _class_made(cls, analysis) in cli_shapes and _refuses_the_input(analysis)):
                # a shape for every model is not a block's that needs arguments no code of the file
                # gives it (a Conv1d block of a library file, given an NCHW size; a group norm that
                # asserts its channels are a multiple of 32, given 3), nor a head a factory returns
                # as an nn.Sequential; nor, given for a class, that of a factory building it otherwise
                # (`def gray(): return Net(in_ch=1)`)
                flagged = "x".join(str(dim) for dim in shape)
                made = _class_made(cls, analysis)
                whose = f"for {made}" if made in cli_shapes else "for all models"
                why = f"fails its assert on line {analysis.failed_assert.line}" if analysis.failed_assert is not None \
                    else "has a number of dims its first layer does not take" if _first_layer_refuses_the_input(analysis) \
                    else "has channels its first layer does not take" if made in cli_shapes \
                    else "is not a map its first layer slides over"
                analysis = analysed[-1] = _symbolic_instead(interpreter, analysis, [*built_with, Unresolved(
                    analysis.span, f"the input shape given {whose} ({flagged}) {why}: analysed with a symbolic input")])
                shape = source = None
            if source is not None and source.uncalled is not None and _first_layer_refuses_the_channels(analysis):
                # `def test(): net(torch.randn(1, 3, 32, 32))` left from the zoo a grayscale model was
                # copied from, its call commented out: the size is the stale test's, not the model's
                where = f"{source.path} line {source.line}" if source.path else f"line {source.line}"
                analysis = analysed[-1] = _symbolic_instead(interpreter, analysis, [*built_with, Unresolved(
                    analysis.span, f"the size in {source.uncalled}() ({where}: {source.text}), a function nothing "
                                   f"calls, has channels the first layer does not take: analysed with a symbolic input")])
                shape = source = None
            if index == 0 and shape is None and _settled_rerun_needed(analysis):
                # `b, row, col = x.size(0), x.size(2), x.size(3)` before the first layer: once that layer
                # has given the input its rank (N x 3 x H x W), forward runs again on it, sizes known
                def settled_run(dims, analysis=analysis) -> ModelAnalysis:
                    return _rerun_on(interpreter, analysis, dims, built_with)

                # (where its rank was read, `if x.dim() == 2:`, the dims its first layer takes as they
                # come: the rank the first run settled on was a guess of a branch; unless the model
                # asserts the rank it settled on, `assert len(x.size()) == 2` before an unsqueeze)
                guessed = analysis.rank_read and analysis.first_layer_input is not None \
                    and len(analysis.first_layer_input) != len(analysis.input.shape.dims)
                again = settled_run(analysis.first_layer_input if guessed else analysis.input.shape.dims)
                if guessed and again.failed_assert is not None:
                    again = settled_run(analysis.input.shape.dims)
                if analysis.rank_read and _refuses_its_input(again):
                    # `if x.dim() >= 3: raise` before `x = x.unsqueeze(1)` and a Conv1d: the rank the
                    # first layer takes is one forward refuses; the input is that of fewer dims, a 1 the
                    # code makes itself left out, that forward runs on (or none: no rerun, listed)
                    again = next((run for dims in _without_a_one(again.input_shape.dims)
                                  if not _refuses_its_input(run := settled_run(dims))), again)
                    if _refuses_its_input(again):
                        analysis.unresolved.append(Unresolved(again.failed_assert or analysis.span, (
                            f"forward() refuses an input of {again.input_shape}, of the number of dims its first "
                            "layer takes, and every one of fewer dims tried: not run again on one")))
                        again = analysis
                if again is not analysis and not (again.internal_error or again.stopped):
                    counted[id(again)] = counted.get(id(analysis), set()) | interpreter.loop_counts
                    analysis = analysed[-1] = again
                    shape = again.input_shape.dims  # the loop counts and values are tried on it too
                    settled = True
            if index == 0 and shape is None and (unpacked := _rank_unpacked_only(analysis)) is not None:
                # `B, C, H, W = x.shape` and then `x.reshape(B, C * H, W)` before a Conv1d: no layer
                # sets the rank, but the unpack runs on no other; forward runs again on N x C x H x W
                again = _rerun_on(interpreter, analysis, unpacked, built_with)
                if not (again.internal_error or again.stopped):
                    counted[id(again)] = counted.get(id(analysis), set()) | interpreter.loop_counts
                    analysis = analysed[-1] = again
                    shape = again.input_shape.dims
                    settled = True
            if index == 0 and shape is None and _rank_never_settled(analysis):
                # (`b, c, h, w = x.shape` in a module before any torch layer: every later shape unknown)
                first = min((c for c in analysis.calls if c.output.shape.dims is None), key=lambda c: c.start)
                analysis.unresolved.append(Unresolved(first.span, "the input's number of dims is not known where "
                                                      "its sizes are read, before any layer fixes it: the shapes "
                                                      "from here on are not known"))
            if index == 0 and (shape is None or settled or _channels_left_open(shape)) \
                    and (fixed := _channels_a_layer_fixes(analysis)) is not None:
                # `nn.ReflectionPad2d(3)` before `nn.Conv2d(input_nc, ngf, 7)`: the pad takes any channel
                # count, the conv exactly input_nc, so the only input that runs has them (and a size an
                # add is pinned at downstream can be rerun)
                told = source if source is None else replace(  # (the code's size, but for the channels)
                    source, text=f"{source.text}, its channels those the first layer takes")
                again = _rerun_on(interpreter, analysis, fixed, built_with, told)
                if not (again.internal_error or again.stopped):
                    source = told
                    counted[id(again)] = counted.get(id(analysis), set()) | interpreter.loop_counts
                    analysis = analysed[-1] = again
                    analysis.channels_inferred = True
                    shape = again.input_shape.dims
                    settled = True
            if source is not None and source.kind in ("package", "sibling", "alike", "table") \
                    and _refuses_the_input(analysis):
                # a model of the package for other data (a 1-channel MNIST net beside CIFAR nets), or
                # one of a table the script may build that is not the one its data is for
                if index:
                    analysed.pop()  # its other inputs are checked already
                    continue
                analysis = analysed[-1] = _symbolic_instead(interpreter, analysis, list(built_with))
                shape = source = None
            if shape is None or source is None:
                symbolic_run = True
            elif _first_layer_refuses_the_input(analysis):
                refused.append(analysis)  # (a count of channels or features refused still runs on)
            # another size for the first input says nothing of the others: for several inputs, reruns
            # at their own sizes only (a blame's trial edit of a width, in a DDPM fed x and t)
            analysis.rerun = _rerunner(interpreter, analysis) if source is None or not source.more \
                else _rerunner(interpreter, analysis, only=tuple(shape)) if shape is not None else None
            if isinstance(cls, (LocalClass, LocalFunction)) and construction is not None:
                analysis.edited_run = _edited_runner(interpreter, cls, analysis, construction, shape)
            if analysis.untaken and not analysis.internal_error and not analysis.stopped:
                analysis.training_run = _training_run(interpreter, analysis, shape)
                analysis.training_run.optional_run = _optional_rerunner(interpreter, analysis, shape, training=True)
            if index == 0 and analysis.calls and not analysis.internal_error and not analysis.stopped:
                analysis.optional_run = _optional_rerunner(interpreter, analysis, shape)
                if analysis.indices_assumed and shape is None:
                    analysis.indices_run = lambda analysis=analysis: _optional_run(
                        interpreter, analysis, (Sym("L"),), optional_given=False)
                elif analysis.rank_assumed and shape is None and analysis.input is not None \
                        and analysis.input.shape.dims is not None and len(analysis.input.shape.dims) == 2 \
                        and (_flattens_a_flat_tensor(analysis) or _normalises_the_last_dim_first(analysis)):
                    sequence = (analysis.input.shape.dims[0], Sym("L"), analysis.input.shape.dims[1])
                    analysis.sequence_run = lambda analysis=analysis, sequence=sequence: _optional_run(
                        interpreter, analysis, sequence, optional_given=False)
            if index == 0 and analysis.free_ranks_assumed and not analysis.internal_error and not analysis.stopped:
                analysis.free_sequence_run = lambda analysis=analysis, shape=shape: _free_sequence_run(
                    interpreter, analysis, shape)
            if index == 0 and analysis.argument_symbols and isinstance(cls, (LocalClass, LocalFunction)) \
                    and not (source is not None and source.kind == "flag" and analysis.name not in cli_shapes):
                # (a size given for every model is no size of a block's: no counts tried on it; a
                # block's counts and values are those its models pass: Wave-U-Net's blocks get depth=1)
                if analysis.name not in components:
                    analysis.count_trials = _count_trials(interpreter, cls, analysis, shape, counted[id(analysis)],
                                                          held=frozenset(_tried_domains(parsed, cls)))
                    # (an input this configuration's first layer inferred is no other's: a value trial
                    # infers its own, ShuffleNet's stride-1 block takes twice the channels)
                    analysis.value_trials = _value_trials(interpreter, parsed, cls, analysis, shape,
                                                          inferred=settled)
                elif counted[id(analysis)]:
                    analysis.counted_once_run = _counted_once_runner(interpreter, cls, analysis, shape,
                                                                     counted[id(analysis)])
            elif index == 0 and analysis.argument_symbols and isinstance(cls, LocalClass) \
                    and analysis.name not in components and _tried_domains(parsed, cls):
                # `assert depth in cfg` where a size is given for every model: a class that lists what
                # it takes is a model, not a block; each value it allows is tried on that size (the
                # values the code names only, not loop counts a block would be given)
                analysis.value_trials = _value_trials(interpreter, parsed, cls, analysis, shape, stated_only=True)
            elif index == 0 and isinstance(cls, LocalClass) and analysis.name not in components \
                    and analysis.built_with is None and not analysis.internal_error and not analysis.stopped:
                # `mode="LARGE"` beside an `elif mode == "SMALL":` branch: each mode the code names is a
                # model it claims to build, checked for every input size (its size is the default's)
                analysis.value_trials = _value_trials(interpreter, parsed, cls, analysis, None, strings_only=True)
            elif index == 0 and (shape is None or settled) and isinstance(cls, LocalFunction) \
                    and not analysis.argument_symbols and analysis.built_with is None \
                    and not analysis.internal_error and not analysis.stopped and isinstance(analysis.root, ModuleNode):
                # `def mixnet_s(dataset='IMAGENET')` beside an `elif dataset == 'CIFAR10':` branch: the
                # factory called with each dataset its code names, on that dataset's images; with each
                # other string its code names (`RDNconfig='A'` beside the default 'B'), on any input
                analysis.value_trials = _factory_value_trials(interpreter, parsed, cls, analysis, settled)
            if index == 0 and isinstance(cls, LocalClass) and analysis.name not in components \
                    and (analysis.argument_symbols or analysis.built_with is None) \
                    and isinstance(analysis.root, ModuleNode) and not analysis.internal_error and not analysis.stopped:
                analysis.other_value_trials = _other_value_trials(interpreter, parsed, cls, analysis, shape,
                                                                  inferred=settled)
            if index == 0 and isinstance(analysis.root, ModuleNode) and not analysis.internal_error \
                    and not analysis.stopped \
                    and (analysis.forward_compared or _scalar_forward_defaults(analysis.root.cls)):
                # `forward(self, x, scale)` with `if scale == 2: ... elif scale == 3:`: each branch run
                analysis.forward_trials = _forward_trials(interpreter, analysis, shape)
            if index == 0 and isinstance(cls, LocalClass) and analysis.built_with is not None \
                    and "factory" not in analysis.built_with and "unknown" not in analysis.built_with \
                    and not analysis.internal_error and not analysis.stopped:
                _note_table_row(interpreter, parsed, cls, analysis, shape)
        if refused and not symbolic_run and all(any(run is each for each in refused)
                                                for run in analysed if run.root is analysis.root):
            # `summary(net, (5, 4))` of a conv net, a size every layer after the first never sees:
            # that error is reported, and the model is also run on a symbolic input, so that what
            # holds for every size (a conv given the channels of no layer before it) is not hidden
            first = refused[0]
            again = _symbolic_instead(interpreter, first, [*built_with, Unresolved(first.span, (
                f"the size the code gives ({first.input_shape}) is refused by the first layer: the model is "
                "also analysed with a symbolic input, for what holds at every size"))])
            if not (again.internal_error or again.stopped):
                again.argument_symbols = first.argument_symbols
                again.rerun = _rerunner(interpreter, again)
                analysed.append(again)
    if unbuilt is None and uncalled:
        _witnessed_as_unbuilt(parsed, cli_shapes, only, config_shapes, settings, analysed, {
            id(analysis.root): (analysis.name, node) for _, analysis in built
            if (node := built_from.get(id(analysis), (None, None, None))[2]) is not None and id(node) in uncalled
            and analysis.root is not None and stated.get(id(analysis), (None,))[0] is None})
    if placeholders is None and unbuilt is None:
        _witnessed_without_placeholders(parsed, cli_shapes, only, config_shapes, settings, analysed)
    interpreter.analysis = None
    return analysed + unmade_models


def _imported_classes_named(interpreter: Interpreter, names: set[str]) -> list[LocalClass]:
    """The nn.Module classes of the project the file imports under these names."""
    found = []
    for name in sorted(names):
        value = interpreter.global_value(name)
        if isinstance(value, Deferred):
            value = interpreter._resolve_import(value)
        if isinstance(value, LocalClass) and value.scope is not interpreter.module_scope \
                and interpreter.is_module_class(value) and value not in found:
            found.append(value)
    return found


def _imported_model_names(interpreter: Interpreter, functions: dict) -> set[str]:
    """Names a module-level function returns a call of (`return ResNet(...)`) that the file imports
    from the project, bound to an nn.Module class there: a factory of those builds a model too."""
    called = {child.value.func.value for function in functions.values() for child in walk_statements(function.node)
              if isinstance(child, cst.Return) and isinstance(child.value, cst.Call)
              and isinstance(child.value.func, cst.Name)}
    called |= {child.value.func.value for function in functions.values() for child in walk_statements(function.node)
               if isinstance(child, cst.Assign) and isinstance(child.value, cst.Call)
               and isinstance(child.value.func, cst.Name)}
    imported = {name for name in called if isinstance(interpreter.module_scope.names.get(name), Deferred)}
    return {name for name in imported if _imported_classes_named(interpreter, {name})}


def _class_span(parsed: ParsedFile, cls: LocalClass) -> Span:
    """Where a class is defined: in this file, or in the project file it is imported from."""
    home = cls.scope
    while home is not None and home.parent is not None:
        home = home.parent
    owner = getattr(home, "parsed", None) or parsed
    return owner.span_of(cls.node.name)


def _witnessed_without_placeholders(parsed: ParsedFile, cli_shapes: dict, only: str | None,
                                    config_shapes: dict | None, settings, analysed: list[ModelAnalysis]) -> None:
    """Each model analysed at defaults of which some only hold a place (`anchors=()`, `ch=()` of a
    YOLO head every caller builds from a config): `placeholder_run` gives, when asked, the file's
    models analysed again with those defaults unknown (an error met there holds for what callers give)."""
    placeholder_run = _rerun_once_each(parsed, cli_shapes, only, config_shapes, settings, "placeholders")
    for analysis in analysed:
        if analysis.placeholder_defaults and analysis.built_with is None:
            analysis.placeholder_run = lambda name=analysis.name: placeholder_run(name)


def _rerun_once_each(parsed: ParsedFile, cli_shapes: dict, only: str | None, config_shapes: dict | None,
                     settings, keyword: str):
    """A function giving the file's models analysed again with `keyword` set to a class's name
    (`unbuilt=`, `placeholders=`), each class's analysis made once, when first asked for."""
    made: dict[str, list] = {}

    def rerun(name: str) -> list[ModelAnalysis]:
        if name not in made:
            made[name] = analyze_models(parsed, cli_shapes, only, config_shapes, settings=settings, **{keyword: name})
        return made[name]

    return rerun


def _witnessed_as_unbuilt(parsed: ParsedFile, cli_shapes: dict, only: str | None, config_shapes: dict | None,
                          settings, analysed: list[ModelAnalysis], roots: dict[int, tuple]) -> None:
    """Each model built by a construction the code never feeds (`net = Block(3, 32, 128)`, then
    only `print(net)`) on an input nothing states (`roots`: id(its root module) -> (its name, the
    call)): torch never runs it, so an error only its arguments make is none of the code's;
    `unbuilt_run` gives, when asked, the class analysed as if nothing in the file built it, whose
    errors hold whatever the arguments (the file's models, all analysed again: a block the others
    build is analysed as one, as it is where nothing builds it)."""
    unbuilt_run = _rerun_once_each(parsed, cli_shapes, only, config_shapes, settings, "unbuilt")
    for analysis in analysed:
        if analysis.root is not None and id(analysis.root) in roots:
            name, node = roots[id(analysis.root)]
            analysis.unbuilt_run = lambda name=name: unbuilt_run(name)
            analysis.uncalled_at = parsed.span_of(node)


def _nested_class_named(interpreter: Interpreter, name: str | None) -> str | None:
    """The qualified name of the one nested model class whose own name is `name` (`Up4` for
    `Outer.Up4`), where no name of the module is `name`; else `name` as it is."""
    if not name or "." in name or name in interpreter.module_scope.names:
        return name
    nested = [c.name for c in interpreter.model_classes() if c.name.rpartition(".")[2] == name and "." in c.name]
    return nested[0] if len(nested) == 1 else name


def _flattens_a_flat_tensor(analysis: ModelAnalysis) -> bool:
    """forward() flattens a tensor that is (N, features) already (`torch.flatten(h, 1)`,
    `h.view(h.size(0), -1)`): a no-op its author would not write, so the input the first nn.Linear
    took has more dims than the (N, features) chosen for it."""
    return any(any(word in op.op for word in ("flatten", "view", "reshape")) and len(op.operands) == 1
               and op.operands[0].shape.dims is not None and len(op.operands[0].shape.dims) == 2
               and op.result.shape.dims == op.operands[0].shape.dims for op in analysis.ops)


def _normalises_the_last_dim_first(analysis: ModelAnalysis) -> bool:
    """The first layer to run is an nn.LayerNorm over the last dim: a pre-norm transformer or
    conformer block, written for tokens (N, L, D); the (N, D) a later nn.Linear chose for its
    input is no more than a guess (a relative position's `2 * x.size(1) - 1` reads L)."""
    from convlint.records import ContainerRecord, ElementwiseRecord, ModelRecord, NormRecord

    layers = [call for call in analysis.calls  # (the modules around it, and a dropout, take any rank)
              if not isinstance(call.record, (ContainerRecord, ModelRecord, ElementwiseRecord))]
    first = min(layers, key=lambda call: call.start, default=None)
    return first is not None and isinstance(first.record, NormRecord) and first.record.kind == "layer" \
        and first.record.normalized_shape is not None and len(first.record.normalized_shape) == 1


def _rerun_on(interpreter: Interpreter, analysis: ModelAnalysis, dims: tuple, built_with: list,
              source: InputSource | None = None) -> ModelAnalysis:
    """forward() of the same built model once more, on an input of these dims (from `source`)."""
    run = ModelAnalysis(analysis.name, analysis.span, root=analysis.root, constructed=analysis.constructed,
                        unresolved=list(built_with), argument_symbols=analysis.argument_symbols,
                        passed_classes=analysis.passed_classes,
                        defaults_never_used=analysis.defaults_never_used,
                        placeholder_defaults=analysis.placeholder_defaults,
                        placeholder_reads=analysis.placeholder_reads, input_source=source)
    interpreter.loop_counts = set()
    with _guarded(interpreter, run):
        _run_forward(interpreter, run.root.cls, run, dims)
    return run


MAX_FORWARD_VALUES = 6  # the constants tried for one further input of forward()


def _forward_trials(interpreter: Interpreter, analysis: ModelAnalysis, shape) -> list:
    """forward() of the same built model run again once for each constant a further input nothing
    gives is compared with (`forward(self, x, scale)`, `if scale == 2: ... elif scale == 3:` here or
    in a block it is passed to), that input given the constant, the others as before: with it
    unknown, what only one branch meets is not known to be met. [(name, value, the run)]."""
    compared = dict(analysis.forward_compared)
    defaults = _scalar_forward_defaults(analysis.root.cls)
    if defaults:
        # `forward(self, x, scale=2)`: the run at the default compares nothing; one with it unknown
        # finds the constants the code compares it with, each but the default tried
        probe = ModelAnalysis(analysis.name, analysis.span, root=analysis.root, constructed=analysis.constructed,
                              input_source=analysis.input_source,
                              forward_bound={name: tensor_ops.free_input(name) for name in defaults})
        with _guarded(interpreter, probe):
            _run_forward(interpreter, analysis.root.cls, probe, shape)
        interpreter.analysis = None
        for name, values in probe.forward_compared.items():
            if name in defaults and not (probe.stopped or probe.internal_error):
                compared[name] = [value for value in values if value != defaults[name]]
    trials = []
    for name, values in compared.items():
        if values:
            analysis.assumed.append(f"forward()'s {name}: run again with each value its code compares it with "
                                    f"({', '.join(map(repr, values[:MAX_FORWARD_VALUES]))})")
        for value in values[:MAX_FORWARD_VALUES]:
            trial = ModelAnalysis(analysis.name, analysis.span, root=analysis.root, constructed=analysis.constructed,
                                  argument_symbols=analysis.argument_symbols, passed_classes=analysis.passed_classes,
                                  defaults_never_used=analysis.defaults_never_used,
                                  placeholder_defaults=analysis.placeholder_defaults,
                                  placeholder_reads=analysis.placeholder_reads,
                                  input_source=analysis.input_source, forward_bound={name: value})
            interpreter.loop_counts = set()
            with _guarded(interpreter, trial):
                _run_forward(interpreter, analysis.root.cls, trial, shape)
            interpreter.analysis = None
            if trial.stopped or trial.internal_error:
                continue
            trial.rerun = _rerunner(interpreter, trial)
            trials.append((name, value, trial, name in defaults))
    return trials


def _scalar_forward_defaults(cls) -> dict:
    """forward()'s parameters after the first whose default is a number or a string (`scale=2`,
    `mode='bilinear'`): name -> the default."""
    forward = cls.forward_method() if isinstance(cls, LocalClass) else MISSING
    if not isinstance(forward, LocalFunction):
        return {}
    params = forward.node.params
    out = {}
    for p in (*params.posonly_params, *params.params, *params.kwonly_params)[2:]:
        if isinstance(p.default, cst.Integer):
            out[p.name.value] = int(p.default.value, 0)
        elif isinstance(p.default, cst.SimpleString):
            out[p.name.value] = p.default.evaluated_value
    return out


def _channels_a_layer_fixes(analysis: ModelAnalysis) -> tuple | None:
    """The symbolic input's dims with the channel count a layer fixes put in: where its first layer
    takes any count (a ReflectionPad2d, a pool, an activation), the input's channels stay a free
    symbol, yet the first conv or batch norm that surely runs on them takes exactly one count (or
    a Linear they reach as its features, pooled and flattened: a squeeze-excite block)."""
    from convlint.records import ConvRecord, LinearRecord, NormRecord
    from convlint.symbolic import is_width

    dims = analysis.input.shape.dims if analysis.input is not None and not analysis.input.placeholder else None
    if not dims or analysis.internal_error or analysis.stopped or analysis.rank_assumed:
        return None
    free = {d: i for i, d in enumerate(dims) if isinstance(d, Sym) and not is_width(d) and d.base != "N"
            and (d.scale, d.offset, d.divisor, d.opaque) == (1, 0, 1, False)}
    for call in sorted(analysis.calls, key=lambda c: c.start):
        record, seen = call.record, call.input.shape.dims
        if isinstance(record, ConvRecord) and not getattr(record, "lazy", False):
            count = record.in_channels
        elif isinstance(record, NormRecord) and record.type.startswith("BatchNorm"):
            count = getattr(record, "num_features", None)
        elif isinstance(record, LinearRecord) and not record.lazy and seen and len(seen) >= 2 \
                and seen[-1] == dims[1] and seen[-1] in free:
            seen = (None, seen[-1])  # (N, C) after a global pool: the channels are its features
            count = record.in_features
        else:
            continue
        if call.speculative or not seen or len(seen) < 2:
            continue
        multiple = _multiple_of_a_free_symbol(seen[1], free)
        if multiple is not None and isinstance(count, int) and count > 0:
            # k*C + b channels (a cat of k copies of the input, a space-to-depth) against a count n:
            # C is (n - b) / k where that is whole and >= 1; else no C runs it (CL103 says so)
            symbol, scale, offset = multiple
            solved, left = divmod(count - offset, scale)
            if left or solved < 1:
                return None
            fixed = list(dims)
            fixed[free[symbol]] = solved
            return tuple(fixed)
        if seen[1] not in free \
                or not (isinstance(count, int) and count > 0 or isinstance(count, Sym) and is_width(count)):
            continue
        fixed = list(dims)
        fixed[free[seen[1]]] = count
        return tuple(fixed)
    return None


def _multiple_of_a_free_symbol(dim, free: dict) -> tuple | None:
    """(symbol, k, b) for a count k*C + b of a free symbol of the input (k >= 2, or k = 1 and b not 0:
    `x[:, 3:]`, the second of two stacked frames), else None."""
    if not isinstance(dim, Sym) or dim.opaque or dim.divisor != 1 or dim.scale < 1 \
            or dim.scale == 1 and dim.offset == 0 or not isinstance(dim.base, str):
        return None
    symbol = Sym(dim.base)
    return (symbol, dim.scale, dim.offset) if symbol in free else None


def _channels_left_open(shape) -> bool:
    """A size the code feeds whose channels are a symbol (an image opened in whatever mode the file
    has, its sides resized): the first layer fixes them, as for a symbolic input."""
    return isinstance(shape, tuple) and len(shape) > 1 and isinstance(shape[1], Sym) and shape[1].base == "C" \
        and all(isinstance(dim, int) for dim in shape[2:])


def _settled_rerun_needed(analysis: ModelAnalysis) -> bool:
    """A symbolic run whose input's sizes were read, or that was resized, before a layer gave it its rank."""
    return (analysis.unsettled_reads or analysis.resized_unsettled) \
        and not (analysis.internal_error or analysis.stopped or analysis.rank_assumed) \
        and analysis.input is not None and not analysis.input.placeholder and analysis.input.shape.dims is not None


def _rank_never_settled(analysis: ModelAnalysis) -> bool:
    """A symbolic run whose input's sizes were read while its rank was still open, and no layer
    after that gave it one: the calls from that read on have shapes not known."""
    return analysis.unsettled_reads and analysis.input is not None and analysis.input.placeholder \
        and not (analysis.internal_error or analysis.stopped) \
        and any(c.output.shape.dims is None for c in analysis.calls)


def _refuses_its_input(run: ModelAnalysis) -> bool:
    """forward() surely stops on this input: every path raises, or an assert fails."""
    return run.failed_assert is not None or run.output is RAISES


def _without_a_one(dims: tuple) -> list[tuple]:
    """The dims with one of their 1s after the batch left out, each in turn (N x 1 x L: N x L): an
    input of fewer dims that forward unsqueezes itself, as a waveform's (B, T) to (B, 1, T)."""
    return [dims[:i] + dims[i + 1:] for i in range(1, len(dims)) if dims[i] == 1 and type(dims[i]) is int]


def _rank_unpacked_only(analysis: ModelAnalysis) -> tuple | None:
    """The symbolic input of the rank its own sizes were unpacked to, in a run where no layer then
    set one (nor a test of the rank chose a branch); None otherwise."""
    if analysis.input is None or not analysis.input.placeholder or analysis.rank_read \
            or analysis.internal_error or analysis.stopped:
        return None
    return tensor_ops.symbolic_input_of_rank(analysis.unpacked_rank)


def _symbolic_instead(interpreter: Interpreter, analysis: ModelAnalysis, unresolved: list) -> ModelAnalysis:
    """The model run again on a symbolic input, in place of a size that is not its own."""
    again = ModelAnalysis(analysis.name, analysis.span, root=analysis.root, constructed=analysis.constructed,
                          unresolved=unresolved, passed_classes=analysis.passed_classes,
                          defaults_never_used=analysis.defaults_never_used,
                          placeholder_defaults=analysis.placeholder_defaults,
                          placeholder_reads=analysis.placeholder_reads)
    with _guarded(interpreter, again):
        _run_forward(interpreter, again.root.cls, again, None)
    return again


def _first_call_on_the_input(analysis: ModelAnalysis):
    """The first torch layer forward() runs, when it gets the model's input as it came; else None."""
    if analysis.input is None:
        return None
    leaves = [c for c in analysis.calls if not c.node.children and not isinstance(c.node.cls, LocalClass)]
    first = min(leaves, key=lambda c: c.start, default=None)
    return first if first is not None and first.input is analysis.input else None


def _first_layer_refuses_the_input(analysis: ModelAnalysis) -> bool:
    """The first layer forward() runs gets the model's input as it came, and torch refuses its
    number of dims (a Conv1d, 2D or 3D inputs, given N x C x H x W)."""
    from convlint import layers

    if analysis.stopped or analysis.internal_error:
        return False
    first = _first_call_on_the_input(analysis)
    return first is not None and layers.rank_refused(first.record, first.input.shape)


def _first_layer_refuses_the_channels(analysis: ModelAnalysis) -> bool:
    """The first layer forward() runs gets the model's input as it came, and its channel count
    is not the input's (a conv for 1 channel given RGB images)."""
    from convlint.records import ConvRecord

    first = _first_call_on_the_input(analysis) if not (analysis.stopped or analysis.internal_error) else None
    dims = first.input.shape.dims if first is not None else None
    if first is None or not isinstance(first.record, ConvRecord) or not dims or len(dims) < 2:
        return False
    wanted, given = first.record.in_channels, dims[1]
    return is_known(wanted) and is_known(given) and wanted != given


def _built_by_other_models(parsed: ParsedFile, classes: list[LocalClass], partials: set[str] = frozenset()) -> set[str]:
    """Module classes that the code of another model class names (`Block(64)` in its __init__, or
    in a module function it calls), that are passed as an argument (`ResNet(BasicBlock, ...)`) or
    set on another model (`model.fc = Decoder(...)`, a head a function attaches), and module
    functions that such code names (a factory of blocks): blocks, even where building the model was
    not followed (a loop over a required argument). A factory made by a partial counts as a class
    (`conv_bn = partial(ConvBN, kernel_size=3)` named in a model's code)."""
    names = {c.name for c in classes} | partials
    functions = {n.name.value: n for n in parsed.module.body if isinstance(n, cst.FunctionDef)}
    found: set[str] = set()
    for statement in parsed.module.body:
        nodes = list(walk_statements(statement))
        read_from = {}  # `num_classes = model.num_classes`: the local name, the objects whose attributes it reads
        for node in nodes:
            if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
                read_from.setdefault(node.targets[0].target.value, set()).update(_attribute_owners(node.value))
        for node in nodes:
            if isinstance(node, cst.Call) and not (isinstance(node.func, cst.Name) and node.func.value in TYPE_TESTS):
                found.update(a.value.value for a in node.args if isinstance(a.value, cst.Name) and a.value.value in names)
            elif isinstance(node, cst.Assign) and isinstance(node.value, cst.Call) \
                    and isinstance(node.value.func, cst.Name) and node.value.func.value in names \
                    and any(_sized_from_its_owner(t.target, node.value, read_from) for t in node.targets):
                found.add(node.value.func.value)  # a head set on a model: `model.fc = Decoder(model.num_classes)`
    for cls in classes:
        seen: set[str] = set()
        pending: list[cst.CSTNode] = [cls.node.body]
        while pending:
            for node in walk_statements(pending.pop()):
                if not isinstance(node, cst.Name) or node.value in seen:
                    continue
                seen.add(node.value)
                if node.value in names and node.value != cls.name:
                    found.add(node.value)
                elif node.value in functions:  # a helper, or a factory of blocks (`block_fn=poly_res_b_block`)
                    found.add(node.value)
                    pending.append(functions[node.value].body)
    return found


TYPE_TESTS = frozenset({"super", "isinstance", "issubclass"})  # a class named there is no block passed to be built


def _attribute_owners(expression: cst.CSTNode) -> set[str]:
    """The names whose attributes the expression reads (`model` in `model.num_features * 2`)."""
    return {node.value.value for node in walk_statements(expression)
            if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)}


def _sized_from_its_owner(target: cst.BaseExpression, call: cst.Call, read_from: dict[str, set[str]]) -> bool:
    """`model.fc = Decoder(num_classes=model.num_classes, ...)`, also through a local name
    (`num_features = model.num_features`): a module set on another object than the class's own
    `self` and built from that object's attributes, a part of that model (a model merely kept
    on a namespace, `trainer.model = Net()`, is not)."""
    while isinstance(target, cst.Attribute):
        target = target.value
    if not isinstance(target, cst.Name) or target.value in ("self", "cls"):
        return False
    owner = target.value
    for arg in call.args:
        if owner in _attribute_owners(arg.value) or any(
                isinstance(node, cst.Name) and owner in read_from.get(node.value, ())
                for node in walk_statements(arg.value)):
            return True
    return False


MAX_CODE_INPUTS = 8  # distinct input sizes found in code, checked per model


def _refuses_the_input(analysis: ModelAnalysis) -> bool:
    """The first layer forward() runs refuses the model's input for its dims or its channels."""
    from convlint import layers
    from convlint.checks.registry import differ

    if _first_layer_refuses_the_input(analysis):
        return True
    first = _first_call_on_the_input(analysis)
    if first is None or not first.input.shape.dims:
        return False
    record, shape = first.record, first.input.shape
    if field_of(record, "in_channels") is not None:
        ndim = field_of(record, "ndim")
        wanted, arriving = record.in_channels, layers.channel_dim(shape, ndim) if ndim else None
    elif field_of(record, "num_features") is not None:
        wanted, arriving = record.num_features, shape.dims[1] if len(shape.dims) > 1 else None
    else:
        wanted, arriving = field_of(record, "in_features"), shape.dims[-1]
    return wanted is not None and arriving is not None and differ(arriving, wanted)


def _package_input(parsed: ParsedFile, settings, imported: list | None, unfed: list) -> dict[int, list]:
    """id(analysis) -> [(shape, source)]: the one size the project's scripts feed the other models
    of this file's folder, for each model here that nothing feeds, builds or needs arguments for."""
    from convlint.source.project_hints import built_in_package, find_package_hints

    path = Path(parsed.file or parsed.path)
    if settings is None or not unfed or not path.is_file():
        return {}
    try:
        found = find_package_hints(path, settings)
    except Exception:  # reading other files never fails this one
        return {}
    if imported is not None:
        imported.append(found)
    if not found.hints:
        return {}
    display, hint = found.hints[0]
    source = InputSource("package", line=hint.line, path=display, text=hint.text,
                         more=tuple(_shape(s) for s in hint.more))
    built = built_in_package(path, {analysis.name for _, analysis in unfed})
    return {id(analysis): [(_shape(hint.shape), source)] for cls, analysis in unfed
            if not (isinstance(cls, LocalClass) and _required_parameters(cls)) and analysis.name not in built}


def _same_class_input(interpreter: Interpreter, parsed: ParsedFile, built: list, hints: dict, given: dict,
                      constructed: dict, unfed: list) -> dict[int, list]:
    """id(analysis) -> [(shape, source)]: for a model that nothing feeds (`vgg11()`), the one size
    the code feeds the other models of the file built from the same class (`vgg19()` trained on
    CIFAR10 by main.py): a zoo's factories differ in depth and widths, not in the images they
    take. Not for a class whose parameters state the input size (`img_size=64`)."""
    from convlint.source.size_parameters import imported_helpers, size_parameters

    fed: dict[int, set] = {}  # id(root class) -> the sizes the code feeds models built from it
    first: dict[int, tuple] = {}
    for cls, analysis in built:
        root = analysis.root.cls if analysis.root is not None else None
        if not isinstance(root, LocalClass) or not hints.get(analysis.name):
            continue
        inputs = _code_inputs(interpreter, cls, hints[analysis.name], given.get(id(analysis)),
                              constructed.get(id(analysis)))
        fed.setdefault(id(root), set()).update(tuple(shape) for shape, _ in inputs)
        if inputs and id(root) not in first:
            first[id(root)] = (analysis.name, inputs[0])
    stems: dict[str, dict] = {}  # a fed model's first layer -> {its size: (name, (shape, source))}
    for cls, analysis in built:
        stem = _stem(analysis)
        root = analysis.root.cls if analysis.root is not None else None
        if stem is not None and isinstance(root, LocalClass) and len(fed.get(id(root), ())) == 1:
            stems.setdefault(stem, {}).setdefault(next(iter(fed[id(root)])), first[id(root)])
    out = {}
    for cls, analysis in unfed:
        root = analysis.root.cls if analysis.root is not None else None
        if not isinstance(root, LocalClass) or getattr(root.scope, "parsed", None) is not parsed:
            continue
        alike = stems.get(_stem(analysis), {}) if id(root) not in fed else {}
        if len(fed.get(id(root), ())) != 1 and len(alike) != 1:
            continue
        try:
            if size_parameters(root.node, parsed.module, imported_helpers(root.scope)):
                continue
        except RecursionError:
            continue
        kind = "sibling"
        if len(fed.get(id(root), ())) == 1:
            name, (shape, source) = first[id(root)]
            text = f"{source.text}, as fed to {name}, built from the same class {root.name}"
        else:
            kind = "alike"  # (another class's input: what only it meets is said as a warning)
            # (a zoo file's other model whose stem is built as the fed one's, `Conv2d(3, 64, 3, 1, 1)`:
            # one family of models for one dataset, as a zoo's test() feeds only the first)
            (name, (shape, source)), = alike.values()
            text = f"{source.text}, as fed to {name}, whose first layer this model builds alike"
        out[id(analysis)] = [(shape, InputSource(kind, line=source.line, path=source.path, more=source.more,
                                                 text=text))]
    return out


def _stem(analysis: ModelAnalysis) -> str | None:
    """The first layer a model builds, where it is a conv of known arguments written in the file
    (not one a caller passes): its line aside, what another model building it alike shares."""
    from convlint.records import ConvRecord

    first = next((n for n in analysis.constructed if isinstance(n.record, (ConvRecord,))), None)
    if first is None or first.record.transposed or not all(
            type(v) is int for v in (first.record.in_channels, first.record.out_channels, *first.record.kernel_size,
                                     *first.record.stride)) or not isinstance(first.record.padding, tuple):
        return None
    return repr(sorted(dict(first.record).items()))  # (an Unknown's reason kept: two are alike only as written)


def _hints_by_target(parsed: ParsedFile, imported: list | None = None) -> dict[str, list[tuple[tuple, InputSource, tuple]]]:
    """Input sizes the file's own code feeds its models (a call on torch.randn(...), a
    torchinfo summary, a DataLoader...), by model name, with how each instance was built. With
    `imported` (the project is read), a function of another project file the code calls is read
    for the data it returns (`loader = get_loader(opt)` from utils.py), and that file noted."""
    from convlint.source.input_hints import find_input_hints

    found: dict[str, list[tuple[tuple, InputSource, tuple]]] = {}
    functions, configs, read = None, None, []
    path = Path(parsed.file or parsed.path)
    if imported is not None and path.is_file():
        from convlint.source.project_hints import ProjectHints, config_lookup, function_lookup, project_root

        functions = function_lookup(path.resolve(), project_root(path.resolve()), read)
        configs = config_lookup(path.resolve(), project_root(path.resolve()), read)
    try:
        hints = find_input_hints(parsed.module, lambda node: parsed.resolve(node).line, functions, configs)
    except Exception:  # RecursionError on deep nesting, or a finder bug: no size, never a failed file
        return found
    finally:
        if read:
            imported.append(ProjectHints(units=[stamp[0] for stamp in read]))
    for hint in hints:
        if hint.fed_by is not None and hint.module is None:  # the size is found by running the other model
            found.setdefault(hint.target, []).append(
                (_OutputOf(hint.fed_by), InputSource(hint.kind, line=hint.line, text=hint.text,
                                                     more=tuple(_shape(s) for s in hint.more)), hint.arguments))
            continue
        if hint.module is not None or not hint.shape:
            continue  # a model of another file: that file's analysis reads it
        found.setdefault(hint.target, []).append(
            (_shape(hint.shape), InputSource(hint.kind, line=hint.line, text=hint.text,
                                             more=tuple(_shape(s) for s in hint.more), uncalled=hint.uncalled),
             hint.arguments))
    return found


def _project_hints(interpreter: Interpreter, parsed: ParsedFile, names: set[str], settings, imported: list | None,
                   unfed: bool = False) -> dict[str, list]:
    """Input sizes other files of the project feed the named models of this file; with `unfed`,
    also the instances they make without feeding them (shape and source None). Each instance's
    arguments with the block classes it passes (_classes_given)."""
    from convlint.source.project_hints import find_project_hints

    path = Path(parsed.file or parsed.path)
    if not path.is_file():
        return {}  # text with no file behind it (stdin, a test): no project around it
    try:
        found = find_project_hints(path, names, settings)
    except Exception:  # as above: reading other files never fails this one
        return {}
    if imported is not None:
        imported.append(found)  # the files read and the folders listed: the cache's to watch
    out: dict[str, list] = {}
    for display, hint in found.hints:
        source = InputSource(hint.kind, line=hint.line, path=display, text=hint.text,
                             more=tuple(_shape(s) for s in getattr(hint, "more", ())), uncalled=hint.uncalled)
        out.setdefault(hint.target, []).append((_shape(hint.shape), source, _classes_given(interpreter, hint)))
    for display, hint in found.constructions if unfed else ():
        out.setdefault(hint.target, []).append((None, InputSource(hint.kind, line=hint.line, path=display),
                                                _classes_given(interpreter, hint)))
    return out


def _classes_given(interpreter: Interpreter, hint) -> tuple:
    """The arguments another file builds a model with, each module class it passes by name (`CNN(
    ConvBlockA)` in fit.py, the class of blocks.py) in place of the UNKNOWN the hint reads: the
    model is then built with it, as with a class its own file passes. One not found, or not a
    module class (a function, a constant), stays UNKNOWN."""
    from convlint.source.input_hints import UNKNOWN

    if not hint.class_files:
        return hint.arguments
    here = Path(interpreter.parsed.file or interpreter.parsed.path).resolve()
    passed = {}
    for key, file, name in hint.class_files:
        try:
            value = interpreter.eval(cst.Name(name), interpreter.module_scope) if Path(file) == here \
                else interpreter._resolve_import(Deferred(Path(file), name))
        except Exception:  # a module the evaluator cannot take: not known
            continue
        if isinstance(value, LocalClass) and interpreter.is_module_class(value):
            passed[key] = value
    return tuple((key, passed[key] if value is UNKNOWN and key in passed else value) for key, value in hint.arguments)


@dataclass(frozen=True, slots=True)
class _OutputOf:
    """An input size that is what another model of the file outputs on its input (a generator's)."""

    fed: object  # that model's InputHint


def _outputs_resolved(interpreter: Interpreter, built: list, hints: dict, constructed: dict | None = None) -> dict:
    """The hints whose size is another model's output (`netD(netG(noise))`), with that size: the
    other model, built as the code builds it, run on the size the code gives it; a size that is
    not known whole (but for the batch) gives no hint. `constructed`: id(analysis) -> the code's
    construction a model needing arguments was built with (as _code_inputs takes it)."""
    out = {}
    for name, entries in hints.items():
        kept = []
        for shape, source, arguments in entries:
            if isinstance(shape, _OutputOf):
                shape = _output_size(interpreter, built, shape.fed, constructed or {})
                if shape is None:
                    continue
            kept.append((shape, source, arguments))
        out[name] = kept
    return out


def _output_size(interpreter: Interpreter, built: list, fed, constructed: dict) -> tuple | None:
    for cls, analysis in built:
        if analysis.name != fed.target or analysis.root is None or analysis.internal_error or analysis.stopped \
                or not _built_like_the_fed(interpreter, cls, analysis, fed.arguments, constructed):
            continue
        run = ModelAnalysis(analysis.name, analysis.span, root=analysis.root, constructed=analysis.constructed,
                            input_source=InputSource(fed.kind, line=fed.line, text=fed.text,
                                                     more=tuple(_shape(s) for s in fed.more)))
        with _guarded(interpreter, run):
            _run_forward(interpreter, analysis.root.cls, run, _shape(fed.shape))
        interpreter.analysis = None
        output = run.output
        dims = output.shape.dims if isinstance(output, Tensor) and not run.stopped and not run.internal_error \
            else None
        if dims and all(isinstance(d, int) for d in dims[1:]) and (isinstance(dims[0], int) or dims[0] == Sym("N")):
            return tuple(dims)
        return None
    return None


def _built_like_the_fed(interpreter: Interpreter, cls, analysis: ModelAnalysis, arguments: tuple,
                        constructed: dict) -> bool:
    """Whether the analysed model is the instance the code feeds: built with no arguments or
    defaults only, or (a generator needing arguments: `G = Generator(100, filters, 1)`) built with
    the code's own construction, which the fed instance's arguments match (by name only where
    that construction is the one there is)."""
    if analysis.built_with is None and not analysis.argument_symbols:
        return _built_as_analysed(interpreter, cls, arguments)
    if id(analysis) not in constructed or not arguments:
        return False
    wanted, single = constructed[id(analysis)]
    hinted = _by_parameter(cls, arguments)
    return hinted is not None and (hinted == wanted or single and _agrees(hinted, wanted))


def _shape(dims: tuple) -> tuple:
    """A hint's dims: None the batch N, a name (an image's channels the code leaves open) its symbol."""
    return tuple(Sym("N") if dim is None else Sym(dim) if isinstance(dim, str) else dim for dim in dims)


def _code_inputs(interpreter: Interpreter, built_from, hints: list,
                 given: tuple | None = None, constructed: tuple | None = None) -> list[tuple[tuple, InputSource]]:
    """The distinct sizes found in code for one model, from instances built as it is analysed
    (`Net()`, or `Net(num_classes=10)` where 10 is the default): a `Net(in_channels=1)` fed
    1-channel images says nothing about the default Net. With `given` (the model built with those
    arguments, by parameter, and whether names may stand for them), from the instances built with
    them; with `constructed` (a model needing arguments, built as a call of the code builds it, as
    `given`), from those instances, or from a fed instance whose construction is not known."""

    def built_alike(arguments, wanted: tuple) -> bool:
        hinted = _by_parameter(built_from, arguments)
        return hinted == wanted[0] or wanted[1] and _agrees(hinted, wanted[0])

    inputs: list[tuple[tuple, InputSource]] = []
    bare = constructed is not None and _built_bare(interpreter, built_from)
    for shape, source, arguments in hints:
        if len(inputs) < MAX_CODE_INPUTS and all((shape, source.more) != (known, seen.more) for known, seen in inputs) \
                and (built_alike(arguments, given) if given is not None
                     else (not arguments and not (bare and source.path is None)) or built_alike(arguments, constructed)
                     if constructed is not None
                     else _built_as_analysed(interpreter, built_from, arguments)):
            inputs.append((shape, source))
    return inputs


def _built_bare(interpreter: Interpreter, cls) -> bool:
    """Whether the file calls a class that needs arguments with none (`net = Net()` under
    `__main__` of a `Net(x_dim, h_dim)`): torch never gets past that TypeError, so what the file
    feeds an instance built with no arguments is fed to no model, and is no size of a build of
    the class another file makes (`Net(x_dim=784, h_dim=100)` in train.py)."""
    if not isinstance(cls, LocalClass) or not _required_parameters(cls):
        return False
    parsed = interpreter.parsed
    if parsed is None:
        return False
    # (the file's calls walked once for all its classes, in the interpreter's cache)
    return any(isinstance(call.func, cst.Name) and call.func.value == cls.name and not call.args
               for call in _calls_in(parsed.module, interpreter.walk_cache))


def _by_parameter(cls: LocalClass | LocalFunction, arguments) -> dict | None:
    """{parameter: value} of constructor arguments (a factory's arguments) given as (position or
    keyword, value) pairs; None where one matches no parameter."""
    if isinstance(cls, LocalFunction):
        params, skip = cls.node.params, 0
    else:
        init = cls.lookup("__init__")
        if not isinstance(init, LocalFunction):
            return None
        params, skip = init.node.params, 1
    ordered = [p.name.value for p in (*params.posonly_params, *params.params)][skip:]
    out = {}
    for key, value in arguments:
        name = (ordered[key] if key < len(ordered) else None) if isinstance(key, int) else key
        if name is None and isinstance(cls, LocalFunction) and isinstance(params.star_arg, cst.Param):
            name = f"*{key}"  # `def get_model(*args, **kwargs)`: what it forwards, by position
        if name is None:
            return None
        out[name] = value
    return out


def _as_arguments(args: list, kwargs: dict) -> list:
    """A call's arguments as (position or keyword, value) pairs, as input hints give them."""
    return list(enumerate(args)) + list(kwargs.items())


def _fed_with_arguments(interpreter: Interpreter, parsed: ParsedFile, cls: LocalClass,
                        hints: list) -> tuple[list, bool]:
    """A model whose every parameter has a default, built by the file's code with other values and
    fed a size (`model = Net(in_nc=1, nc=32)` then `model(torch.randn(1, 1, 40, 40))` under
    `__main__`): those constructions, each analysed as a model of its own beside the default one,
    and whether a fed instance's names (not literals) may match the one construction they can be."""
    from convlint.source.input_hints import MAX_BUILT

    fed = [_by_parameter(cls, arguments) for _, _, arguments in hints
           if arguments and not _built_as_analysed(interpreter, cls, arguments)]
    if not fed:
        return [], False
    made = [(args, kwargs, node, _as_hinted_by_parameter(_by_parameter(cls, list(enumerate(args)) + list(kwargs.items()))))
            for args, kwargs, node in _constructions(interpreter, parsed, [cls], MAX_BUILT, partial=True).get(cls.name, [])]
    # a value the hint reads as a name (`NAFNet(width=width, enc_blk_nums=enc_blks)`) matches the
    # one construction it can be, never one of two
    loose = all(sum(_agrees(hinted, built) for *_, built in made) <= 1 for hinted in fed)
    return [(args, kwargs, node) for args, kwargs, node, built in made
            if any(hinted == built or loose and _agrees(hinted, built) for hinted in fed)][:MAX_CODE_INPUTS], loose


def _agrees(hinted: dict | None, built: dict | None) -> bool:
    """A fed instance's arguments (UNKNOWN where not a literal) and a construction's, by parameter."""
    from convlint.source.input_hints import UNKNOWN

    return hinted is not None and built is not None and hinted.keys() == built.keys() and all(
        value is UNKNOWN or value == built[name] for name, value in hinted.items())


def _built_as_analysed(interpreter: Interpreter, built_from, arguments: tuple) -> bool:
    """Each argument is the default of its parameter, or goes to a required parameter: the model is
    analysed with those unknown, so what is certain for every value holds for the one given."""
    from convlint.source.input_hints import UNKNOWN, literal

    if not arguments:
        return True
    if isinstance(built_from, LocalClass):
        init = built_from.lookup("__init__")
        if not isinstance(init, LocalFunction):
            return False
        params, skip = init.node.params, 1
    elif isinstance(built_from, LocalFunction):
        params, skip = built_from.node.params, 0
    else:
        return False
    ordered = [*params.posonly_params, *params.params][skip:]
    by_name = {p.name.value: p for p in [*ordered, *params.kwonly_params]}
    for key, value in arguments:
        param = (ordered[key] if key < len(ordered) else None) if isinstance(key, int) else by_name.get(key)
        if param is None:
            return False
        if param.default is None:
            continue
        if value is UNKNOWN:
            return False
        default = literal(param.default)
        if default is UNKNOWN and isinstance(param.default, cst.Name):  # a module constant
            default = interpreter.module_scope.names.get(param.default.value, UNKNOWN)
        if type(default) is not type(value) or default != value:
            return False
    return True


def _required_split(cls: LocalClass | LocalFunction) -> tuple[list[str], list[str]]:
    """The constructor's required parameters: positional (after self), then keyword-only; a
    factory function's (`def ConvMixer(dim, depth, kernel_size=9)`): its own."""
    init = cls if isinstance(cls, LocalFunction) else cls.lookup("__init__")
    if not isinstance(init, LocalFunction):
        return [], []
    params = init.node.params
    skip = 0 if init is cls else 1
    return ([p.name.value for p in (*params.posonly_params, *params.params)[skip:] if p.default is None],
            [p.name.value for p in params.kwonly_params if p.default is None])


def _required_parameters(cls: LocalClass) -> list[str]:
    positional, keyword = _required_split(cls)
    return positional + keyword


def _counts_taken_by_layers(cls) -> set[str]:
    """The symbols of constructor arguments a torch layer of __init__ takes bare as a count: whole
    numbers, so int() of arithmetic on one keeps it even before that layer is built."""
    from convlint.source.count_parameters import count_parameters

    if not isinstance(cls, LocalClass):
        return set()
    return {argument_symbol(name).base for name in count_parameters(cls.node)}


def _argument_symbols(cls: LocalClass, passed: dict | None = None) -> tuple[list, dict]:
    """A model nothing builds gets a symbol for each required argument (`ndf`): a width made from
    it (`ndf * 2`) is checked for every value, and anything else done with it is unknown. One that
    every call of the file passes the same block class for (`passed`, _classes_passed) gets it."""
    from convlint.source.size_parameters import probed_shape_parameters

    positional, keyword = _required_split(cls)
    try:
        probed = probed_shape_parameters(cls.node) if isinstance(cls, LocalClass) else {}
    except RecursionError:
        probed = {}

    def value(name: str):
        found = (passed or {}).get(name, ())
        if len(found) == 1:
            return found[0].value
        if name in probed:  # `self.conv(torch.zeros(1, *input_shape))`: the input's shape, batch left out
            return (part_of_argument(argument_symbol(name), 0), *(Sym(s) for s in SPATIAL_SYMBOLS[probed[name] - 1]))
        return argument_symbol(name)

    return [value(name) for name in positional], {name: value(name) for name in keyword}


def _annotated_configs(interpreter: Interpreter, cls: LocalClass, args: list, kwargs: dict,
                       analysis: ModelAnalysis) -> tuple[list, dict, frozenset]:
    """A required argument annotated with a plain class of the project that builds with no
    arguments (`def __init__(self, config: ModelConfig)`, its hyper-parameters written as class
    attributes): that class's instance, as the file's `TextCNN(ModelConfig())` builds it, in
    place of a symbol whose every attribute is unknown (said as assumed)."""
    init = cls.lookup("__init__") if isinstance(cls, LocalClass) else MISSING
    if not isinstance(init, LocalFunction):
        return args, kwargs, frozenset()
    positional, keyword = _required_split(cls)
    params = init.node.params
    made: dict[str, Any] = {}
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        name = param.name.value
        if name not in positional and name not in keyword or param.annotation is None:
            continue
        annotation = param.annotation.annotation
        if isinstance(annotation, cst.SimpleString):  # `config: "ModelConfig"`
            try:
                annotation = cst.parse_expression(annotation.evaluated_value)
            except Exception:
                continue
        if not isinstance(annotation, (cst.Name, cst.Attribute)):
            continue
        try:
            config = interpreter.eval(annotation, init.scope)
        except Exception:
            continue
        if not isinstance(config, LocalClass) or interpreter.is_module_class(config) \
                or _required_parameters(config) or not any(
                    isinstance(v, (int, float, str, list, tuple)) and not isinstance(v, bool)
                    for klass in config.mro() for k, v in klass.namespace.items() if not k.startswith("_")):
            continue
        try:
            instance = interpreter.eval(cst.Call(func=annotation), init.scope)
        except Exception:
            continue
        if isinstance(instance, Instance):
            made[name] = instance
    analysis.assumed.extend(f"{name}={made[name].cls.name}() as annotated" for name in made)
    return ([made.get(name, value) for name, value in zip(positional, args)],
            {name: made.get(name, value) for name, value in kwargs.items()}, frozenset(made))


def _symbol_names(values) -> tuple[str, ...]:
    """The symbols among a model's required arguments (a block class passed for one is none)."""
    return tuple(str(value) for value in values if isinstance(value, Sym))


def _given_by_every_call(parsed: ParsedFile, cls: LocalClass) -> tuple[str, ...]:
    """The optional parameters of a block that every call of it in the file gives
    (`ResBlockGenerator(in, out, stride=2)` everywhere): its analysis on its own takes their
    defaults, which is not how the file builds it."""
    init = cls.lookup("__init__")
    if not isinstance(init, LocalFunction):
        return ()
    params = init.node.params
    positional = [p.name.value for p in (*params.posonly_params, *params.params)[1:]]
    optional = [p.name.value for p in (*params.posonly_params, *params.params)[1:] if p.default is not None] + \
        [p.name.value for p in params.kwonly_params if p.default is not None]
    calls = _calls_by_name(parsed).get(cls.name, ())
    if not optional or not calls or any(starred for _, _, starred in calls):
        return ()
    given = set(optional)
    for count, keywords, _ in calls:
        given &= {name for name in optional if name in keywords
                  or (name in positional and positional.index(name) < count)}
    return tuple(sorted(given))


_CALLS: dict[int, tuple] = {}


_TREES: dict[int, tuple] = {}


def _python_tree(parsed: ParsedFile):
    """The file read by Python's own parser (None where it refuses it), once per text: a walk of
    it takes milliseconds where a walk of libcst's tree takes a second."""
    import ast

    key = id(parsed.text)
    if key not in _TREES or _TREES[key][0] is not parsed.text:
        try:
            tree = ast.parse(parsed.text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            tree = None
        _TREES.clear()
        _TREES[key] = (parsed.text, tree)
    return _TREES[key][1]


def _calls_by_name(parsed: ParsedFile) -> dict[str, list]:
    """The file's calls of a plain name or attribute (`Block(...)`, `blocks.Block(...)`), by that
    name: (positional count, keywords, whether *args or **kwargs)."""
    import ast

    key = id(parsed.text)
    if key not in _CALLS or _CALLS[key][0] is not parsed.text:
        found: dict[str, list] = {}
        tree = _python_tree(parsed)
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.Call):
                callee = node.func.id if isinstance(node.func, ast.Name) else \
                    node.func.attr if isinstance(node.func, ast.Attribute) else None
                if callee is not None:
                    starred = any(isinstance(a, ast.Starred) for a in node.args) or \
                        any(k.arg is None for k in node.keywords)
                    found.setdefault(callee, []).append(
                        (len(node.args), {k.arg for k in node.keywords if k.arg is not None}, starred))
        _CALLS.clear()
        _CALLS[key] = (parsed.text, found)
    return _CALLS[key][1]


def _bound_at_module_level(parsed: ParsedFile) -> set[str]:
    """Names of the functions a module-level assignment (or one of its `__main__` block) calls for
    its value: `net = vgg(conv_arch)` makes the model the script then runs, where a call inside a
    model's code (`vgg_block(...)` in `vgg`) builds a part of one."""
    from convlint.source.input_hints import is_main_guard

    statements = []
    for statement in parsed.module.body:
        if isinstance(statement, cst.If) and is_main_guard(statement.test) and statement.orelse is None \
                and isinstance(statement.body, cst.IndentedBlock):
            statements.extend(statement.body.body)
        else:
            statements.append(statement)
    return {small.value.func.value for statement in statements if isinstance(statement, cst.SimpleStatementLine)
            for small in statement.body if isinstance(small, cst.Assign) and isinstance(small.value, cst.Call)
            and isinstance(small.value.func, cst.Name)}


def _constructions(interpreter: Interpreter, parsed: ParsedFile, classes: list[LocalClass],
                   limit: int | None = None, in_holders: bool = True, partial: bool = False,
                   uncalled: set | None = None) -> dict[str, list]:
    """For models whose constructor needs arguments: the argument lists the file's code builds
    them with (`VGG("VGG19")`, `Generator(ngpu)` with `ngpu = 1`), each evaluated at module
    level (or with the names its `__main__` block binds), distinct ones only, at most `limit` per
    class; a call with any argument not known is left out, but with `partial` (`Net(in_ch=1,
    num_classes=n)`, n read from sys.argv) it is kept, each argument not known an Unknown that says
    where it is passed, where a known one says more than the default build (_adds_to_the_default).
    With `in_holders`, a class no call builds gets those its holders pass it (_constructions_in_holders).
    `uncalled`, when given, receives the id of each construction kept that the code never feeds an
    input (`net = Block(3, 32, 128)`, then only `print(net)`); of two alike, the one it feeds is kept."""
    from convlint.source.constructions import MAX_PER_CLASS, find_constructions, never_forwarded

    if not classes:
        return {}
    try:
        calls = find_constructions(parsed.module, {c.name for c in classes})
    except RecursionError:
        return {}
    out: dict[str, list] = {}
    if uncalled is not None:
        uncalled.update(never_forwarded(parsed.module, [node for nodes in calls.values() for node in nodes]))
    scopes = {**_function_model_scopes(interpreter, parsed), **_main_block_scopes(interpreter, parsed)}
    items = _loop_item_scopes(interpreter, parsed, scopes)
    in_functions = _constructions_in_functions(interpreter, parsed, [n for nodes in calls.values() for n in nodes],
                                               classes={c.name for c in classes})
    by_name = {c.name: c for c in classes}
    for name, nodes in calls.items():
        seen: list = []
        for node in nodes:
            scope = scopes.get(id(node), interpreter.module_scope)
            where = f"line {parsed.span_of(node).line}" if partial else ""

            def value(made, key: int | str):
                return _passed_unknown(by_name[name], key, where) if partial and isinstance(made, Unknown) else made

            def evaluated(arg: cst.Arg, scope=scope):
                if scope is interpreter.module_scope and _changed_at_module_level(interpreter, parsed,
                                                                                 _root_name(arg.value)):
                    return Unknown(f"{_root_name(arg.value)}: a model the module's code changes")
                try:
                    return interpreter.eval(arg.value, scope)
                except Exception:  # an argument the evaluator cannot take at module level
                    if not partial:
                        raise
                    return Unknown()

            runs = in_functions.get((id(node), name), in_functions.get(id(node)))  # (a dict of classes': this one's)
            if runs is not None:  # each run of the call in its function's body, as it passed them
                ways = [([value(v, index) for index, v in enumerate(args)],
                         {k: value(v, k) for k, v in kwargs.items()}) for args, kwargs in runs]
            else:
                ways = []
                # in a loop over literal items (`for slice_len in [16384, 32768]:`): as each run passes them
                for each in items.get(id(node), [scope]):
                    try:
                        spread_args, spread_kwargs = _spread(node, lambda arg, each=each: evaluated(arg, each),
                                                             _python_tree(parsed))
                    except Exception:  # an argument the evaluator cannot take at module level
                        continue
                    ways.append(([value(v, index) for index, v in enumerate(spread_args)],
                                 {k: value(v, k) for k, v in spread_kwargs.items()}))
            for args, kwargs in ways:
                if any(first_unknown(v) is not None for v in (*args, *kwargs.values())) and \
                        not (partial and _adds_to_the_default(interpreter, by_name[name], args, kwargs)):
                    continue
                if not any(a.star for a in node.args) and _misses_a_required(by_name[name], len(args), set(kwargs)):
                    continue  # a TypeError when run: no model
                key = repr(([_as_hinted(v) for v in args], sorted((k, _as_hinted(v)) for k, v in kwargs.items())))
                if key in seen and uncalled is not None and id(node) not in uncalled:
                    # (`print(Net(3, 8))` before `Net(3, 8)(x)`: the model built alike that is fed)
                    kept = out[name][seen.index(key)]
                    if id(kept[2]) in uncalled:
                        out[name][seen.index(key)] = (*kept[:2], node)
                if key in seen or len(seen) >= (limit or MAX_PER_CLASS):
                    continue
                seen.append(key)
                out.setdefault(name, []).append((args, kwargs, node))
    missing = [c for c in classes if not any(_known_whole(args, kwargs) for args, kwargs, _ in out.get(c.name, ()))]
    if missing and in_holders:
        for name, made in _constructions_in_holders(interpreter, parsed, missing, limit or MAX_PER_CLASS).items():
            if made or name not in out:  # (all known: over those with a value not known)
                out[name] = made
        missing = [c for c in missing if not any(_known_whole(args, kwargs) for args, kwargs, _ in out.get(c.name, ()))]
        if missing:
            out.update(_constructions_in_plain_holders(interpreter, parsed, {c.name for c in missing},
                                                       limit or MAX_PER_CLASS))
        missing = [c for c in missing if not any(_known_whole(args, kwargs) for args, kwargs, _ in out.get(c.name, ()))]
        if missing:
            out.update(_constructions_in_main_calls(interpreter, parsed, {c.name for c in missing},
                                                    limit or MAX_PER_CLASS))
    return out


def _loop_item_scopes(interpreter: Interpreter, parsed: ParsedFile, scopes: dict) -> dict:
    """id(call) -> a scope per run, for the calls of a loop over a literal sequence written at
    module level or in an `if __name__ == "__main__":` block (`for slice_len in [16384, 32768]:`,
    then `D = Discriminator(slice_len=slice_len)`): the loop's name bound to each item, over the
    scope the call has otherwise (`scopes`, else the module's), as input hints read the same loop.
    A loop inside another such loop is read with the outer one's item alone."""
    from convlint.evaluator.interpreter import Scope
    from convlint.source.input_hints import is_main_guard, literal_loop_items

    out: dict = {}
    statements = list(parsed.module.body)
    for statement in parsed.module.body:
        if isinstance(statement, cst.If) and is_main_guard(statement.test) and statement.orelse is None \
                and isinstance(statement.body, cst.IndentedBlock):
            statements += statement.body.body
    for statement in statements:
        if not isinstance(statement, cst.For) or (items := literal_loop_items(statement)) is None:
            continue
        inner = {id(node) for nested in walk_statements(statement.body)
                 if isinstance(nested, (cst.FunctionDef, cst.ClassDef, cst.Lambda))
                 for node in walk_statements(nested)}  # (a call of a function defined there runs apart)
        calls = [node for node in walk_statements(statement.body) if isinstance(node, cst.Call) and id(node) not in inner]
        if not calls:
            continue
        base = scopes.get(id(calls[0]), interpreter.module_scope)
        runs = []
        for item in items:
            scope = Scope(base)
            try:
                interpreter.assign(statement.target, interpreter.eval(item, base), scope)
            except Exception:  # a target the evaluator cannot bind: the loop is not read
                runs = []
                break
            runs.append(scope)
        out.update((id(node), runs) for node in calls if runs)
    return out


def _spread(call: cst.Call, evaluated, tree) -> tuple[list, dict]:
    """A call's positional and keyword arguments, each `evaluated`, with `*args` and `**kwargs`
    spread (`Net(**model_args)`, `model_args = {"in_channels": 3, ...}` or `dict(in_channels=3)`); a
    ValueError where what is spread is not a known list or dict of named values, or is a name the
    module binds more than once or changes in place (`model_args["hidden"] = 64`)."""
    from convlint.source.input_hints import bound_once_at_top

    args, kwargs = [], {}
    for arg in call.args:
        if arg.star and not (isinstance(arg.value, cst.Name) and tree is not None
                             and bound_once_at_top(tree, arg.value.value) is not None):
            raise ValueError("spread arguments not known")
        if arg.star == "**":
            made = evaluated(arg)
            if not isinstance(made, dict) or not all(isinstance(key, str) for key in made):
                raise ValueError("keyword arguments not known")
            kwargs.update(made)
        elif arg.star == "*":
            made = evaluated(arg)
            if not isinstance(made, (list, tuple)):
                raise ValueError("positional arguments not known")
            args.extend(made)
        elif arg.keyword is None:
            args.append(evaluated(arg))
        else:
            kwargs[arg.keyword.value] = evaluated(arg)
    return args, kwargs


MAX_FUNCTION_STEPS = 200_000  # evaluation steps a function's body is followed for the constructions it makes


def _constructions_in_functions(interpreter: Interpreter, parsed: ParsedFile, calls: list[cst.Call],
                                unit=None, classes: set[str] = frozenset()) -> dict:
    """id(call) -> the (args, kwargs) each run of it passes, for the calls a module-level function
    returns the result of (a factory's `widths = [16, 32]` then `model = Net(widths)` under a
    condition on its parameter, `return model`): the body followed as a call of it runs, each
    parameter not known, every path of a condition not known followed; the calls themselves not
    run. A call no run of the body reaches is left out (read at module level, as before), and so
    is one a script's `main()` makes and uses (its options parsed there are not the defaults). `unit`: the scope of the module
    `parsed` is, where it is not the file analysed (another file of the project, loaded).
    A call through a dict of `classes` by the function's parameter (`NETWORKS[kind](configs(cfg)[kind])`)
    is followed once per key of each class, the parameter that key: (id(call), class) -> its runs."""
    from convlint.evaluator.interpreter import MAX_STEPS
    from convlint.source.constructions import MAX_PER_CLASS, class_map_calls

    unit = unit or interpreter.module_scope
    wanted = {id(call) for call in calls}
    found: dict = {}
    try:
        through_maps = {id(call): read for call, read in class_map_calls(parsed.module, set(classes)).items()
                        if id(call) in wanted} if classes else {}
    except RecursionError:
        through_maps = {}
    for statement in parsed.module.body:
        if not isinstance(statement, cst.FunctionDef) or not wanted:
            continue
        function = unit.names.get(statement.name.value)
        inside = _returned_calls(statement) & wanted
        if not inside or not isinstance(function, LocalFunction) or function.node is not statement:
            continue
        plain = inside - set(through_maps)
        runs = [(plain, {}, None)] if plain else []
        parameters = {p.name.value for p in (*statement.params.posonly_params, *statement.params.params,
                                             *statement.params.kwonly_params)}
        for call in inside & set(through_maps):
            key, held = through_maps[call]
            if isinstance(key, cst.Name) and key.value in parameters:  # (a key read otherwise: not followed)
                runs += [({call}, {key.value: choice}, name) for name, keys in sorted(held.items())
                         for choice in keys[:MAX_PER_CLASS]]
        for reached, given, name in runs:
            key = ("constructions in", id(statement), frozenset(reached), repr(sorted(given.items())))
            cached = interpreter.walk_cache.get(key)
            if cached is None or cached[0] is not statement:
                read: dict[int, list] = {call: [] for call in reached}
                saved = interpreter.constructions_read, interpreter.steps, interpreter.analysis
                interpreter.constructions_read, interpreter.analysis = read, None
                interpreter.steps = max(interpreter.steps, MAX_STEPS - MAX_FUNCTION_STEPS)
                try:
                    interpreter.call_function(function, [], dict(given), statement.name, unknown_rest=True)
                except Exception:  # a body the evaluator cannot follow: what it passed before stopping is kept
                    pass
                finally:
                    interpreter.constructions_read, interpreter.steps, interpreter.analysis = saved
                cached = (statement, {call: ways for call, ways in read.items() if ways})
                interpreter.walk_cache[key] = cached
            if name is None:
                found.update(cached[1])
            else:
                for call, ways in cached[1].items():
                    made = found.setdefault((call, name), [])
                    made += [way for way in ways if way not in made]
    return found


def _returned_calls(function: cst.FunctionDef) -> set[int]:
    """id of each call whose result the function returns: `return Net(...)`, or a name bound to
    the call and returned (`model = Net(widths)` ... `return model`)."""
    statements = list(walk_statements(function.body))
    returned = {child.value.value for child in statements
                if isinstance(child, cst.Return) and isinstance(child.value, cst.Name)}
    calls = {id(child.value) for child in statements if isinstance(child, cst.Return) and isinstance(child.value, cst.Call)}
    calls |= {id(child.value) for child in statements if isinstance(child, cst.Assign) and isinstance(child.value, cst.Call)
              and any(isinstance(t.target, cst.Name) and t.target.value in returned for t in child.targets)}
    return calls


def _passed_unknown(cls: LocalClass, key: int | str, where: str) -> Unknown:
    """An argument a construction passes that is not known: an Unknown that says which, and where."""
    named = _by_parameter(cls, [(key, None)]) if isinstance(cls, LocalClass) else None
    name = next(iter(named)) if named else key if isinstance(key, str) else f"argument {key + 1}"
    return Unknown(f"{name}: passed as an unknown value at {where}")


def _as_hinted(value):
    """A construction's argument as a fed instance's hint reads it: one not known is UNKNOWN, so
    `Net(in_ch=1, num_classes=n)` fed an input matches the model built with n unknown."""
    from convlint.source.input_hints import UNKNOWN

    return UNKNOWN if first_unknown(value) is not None else value


def _as_hinted_by_parameter(by_parameter: dict | None) -> dict | None:
    return None if by_parameter is None else {name: _as_hinted(v) for name, v in by_parameter.items()}


def _adds_to_the_default(interpreter: Interpreter, cls: LocalClass, args: list, kwargs: dict) -> bool:
    """Whether a construction with arguments not all known says more than the default build: one
    of its known arguments goes to a required parameter (a symbol there), to no parameter, or is
    not its parameter's default. `Net(num_classes=n)` alone adds nothing: it is the default Net,
    with one more value not known."""
    init = cls.lookup("__init__") if isinstance(cls, LocalClass) else None
    if not isinstance(init, LocalFunction):
        return False
    params = init.node.params
    ordered = [*params.posonly_params, *params.params][1:]
    by_name = {p.name.value: p for p in [*ordered, *params.kwonly_params]}
    for key, value in [*enumerate(args), *kwargs.items()]:
        if first_unknown(value) is not None:
            continue
        param = (ordered[key] if key < len(ordered) else None) if isinstance(key, int) else by_name.get(key)
        if param is None or param.default is None or not _built_as_analysed(interpreter, cls, [(key, value)]):
            return True
    return False


def _constructions_in_holders(interpreter: Interpreter, parsed: ParsedFile, classes: list[LocalClass],
                              limit: int) -> dict[str, list]:
    """Models built in the __init__ of a module with no forward of its own (a GAN holding G and D
    for its trainer to call), from that holder's parameters: with the arguments the file builds
    the holder with (`GAN(image_size=784, hidden_dim=400, z_dim=20)`), each such model's arguments
    as the holder passes them. Only arguments that are literals or the holder's parameters."""
    from convlint.evaluator.interpreter import Scope

    wanted = {c.name for c in classes}
    holders = [v for v in interpreter.module_scope.names.values()
               if isinstance(v, LocalClass) and v.name not in wanted and getattr(v.scope, "parsed", None) is parsed
               and interpreter.is_module_class(v) and not isinstance(v.forward_method(), LocalFunction)
               and isinstance(v.lookup("__init__"), LocalFunction)]
    out: dict[str, list] = {}
    for holder in holders:
        init = holder.lookup("__init__")
        calls = [n for n in walk_statements(init.node.body) if isinstance(n, cst.Call)
                 and isinstance(n.func, cst.Name) and n.func.value in wanted and n.args and not any(a.star for a in n.args)]
        if not calls:
            continue
        parameters = [p for p in (*init.node.params.posonly_params, *init.node.params.params)][1:]
        for args, kwargs, _ in _constructions(interpreter, parsed, [holder], limit, in_holders=False).get(holder.name, []):
            scope = Scope(interpreter.module_scope)
            for index, parameter in enumerate(parameters):
                name = parameter.name.value
                scope.names[name] = args[index] if index < len(args) else kwargs[name] if name in kwargs \
                    else interpreter.eval(parameter.default, interpreter.module_scope) if parameter.default is not None \
                    else Unknown(f"{name} not given")
            def passed(value: cst.BaseExpression):  # a literal, or the holder's parameter (a local: not known)
                return scope.names.get(value.value, Unknown("a local")) if isinstance(value, cst.Name) \
                    else interpreter.eval(value, scope)

            for call in calls:
                if not all(isinstance(a.value, (cst.Name, cst.Integer, cst.Float, cst.SimpleString)) for a in call.args):
                    continue
                made_args = [passed(a.value) for a in call.args if a.keyword is None]
                made_kwargs = {a.keyword.value: passed(a.value) for a in call.args if a.keyword is not None}
                if any(first_unknown(v) is not None for v in (*made_args, *made_kwargs.values())):
                    continue
                made = out.setdefault(call.func.value, [])
                if len(made) < limit and all(repr((m[0], m[1])) != repr((made_args, made_kwargs)) for m in made):
                    made.append((made_args, made_kwargs, call))
    return out


def _constructions_in_plain_holders(interpreter: Interpreter, parsed: ParsedFile, wanted: set[str], limit: int,
                                    unit=None, calls_wanted: set[int] | None = None) -> dict[str, list]:
    """Models a plain class of the file builds as its `__init__` runs (a trainer's `self.model =
    Net(channels=self.opt.cha, num_classes=12)`, there or in a method `__init__` calls), with the
    arguments the file builds that class with (`Trainer(args)`, args parsed in `__main__`): the
    `__init__` followed as that construction runs it, each model's call read for its arguments, not
    built. Only the models' argument lists of plain data (numbers, strings, lists and dicts of them)
    are kept: a module the run built may have been changed in ways not followed. `unit`: the scope of the module `parsed` is,
    where it is not the file analysed (a training script of the project, loaded); `calls_wanted`:
    only these calls of the models."""
    from convlint.source.constructions import find_constructions

    unit = unit or interpreter.module_scope
    holders = [v for v in unit.names.values()
               if isinstance(v, LocalClass) and v.name not in wanted and getattr(v.scope, "parsed", None) is parsed
               and _plain_holder(interpreter, v)]
    out: dict[str, list] = {}
    if not holders:
        return out
    main_scopes = _main_block_scopes(interpreter, parsed, unit)
    try:
        holder_calls = find_constructions(parsed.module, {h.name for h in holders})
    except RecursionError:
        return out
    for holder in holders:
        calls = [n for n in walk_statements(holder.node.body) if isinstance(n, cst.Call)
                 and (dotted_name(n.func) or "").rsplit(".", 1)[-1] in wanted
                 and (calls_wanted is None or id(n) in calls_wanted)]
        if not calls:
            continue
        for built in holder_calls.get(holder.name, [])[:limit]:
            scope = main_scopes.get(id(built), unit)
            try:
                args, kwargs = _spread(built, lambda arg: interpreter.eval(arg.value, scope), _python_tree(parsed))
            except Exception:  # arguments the evaluator cannot take: that build is not followed
                continue
            # (a holder's argument not known, a loader, is so inside it: the models' calls are kept
            # only where all they pass is plain data; each build its own copy of an options namespace)
            read = _constructions_read_while(interpreter, calls, lambda: interpreter.instantiate(
                holder, [_own_copy(v) for v in args], {k: _own_copy(v) for k, v in kwargs.items()}, built))
            _keep_plain_constructions(out, calls, read, limit)
    return {name: made for name, made in out.items() if made}


def _plain_holder(interpreter: Interpreter, cls: LocalClass) -> bool:
    """A plain class of the project (a trainer, a solver: no module) with an `__init__` of its own
    to follow."""
    return not cls.torch_bases() and not interpreter.is_module_class(cls) \
        and isinstance(cls.lookup("__init__"), LocalFunction)


def _constructions_in_main_calls(interpreter: Interpreter, parsed: ParsedFile, wanted: set[str], limit: int,
                                 unit=None, calls_wanted: set[int] | None = None) -> dict[str, list]:
    """Models the functions and plain classes of the file build as the `__main__` block runs them
    (`main(args)` whose body does `model = Net(args.cha, 10)`, `Trainer(args).fit()`, `solver =
    Solver(loader, config)`), with the arguments the block passes: each such call followed as it
    runs (at most MAX_FUNCTION_STEPS steps), each model's call read for its arguments, not built.
    Only the models' argument lists of plain data are kept. `unit` and `calls_wanted`: as for
    _constructions_in_plain_holders."""
    from convlint.evaluator import argparse_model
    from convlint.source.input_hints import is_main_guard

    unit = unit or interpreter.module_scope
    calls = [n for n in _calls_in(parsed.module, interpreter.walk_cache)
             if (dotted_name(n.func) or "").rsplit(".", 1)[-1] in wanted
             and (calls_wanted is None or id(n) in calls_wanted)]
    out: dict[str, list] = {}
    if not calls:
        return out
    main_scopes = _main_block_scopes(interpreter, parsed, unit)
    runs = 0
    for statement in parsed.module.body:
        if not (isinstance(statement, cst.If) and is_main_guard(statement.test)
                and isinstance(statement.body, cst.IndentedBlock)):
            continue
        for inner in statement.body.body:
            for small in inner.body if isinstance(inner, cst.SimpleStatementLine) else ():
                value = small.value if isinstance(small, (cst.Expr, cst.Assign)) else None
                while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
                        and isinstance(value.func.value, cst.Call):
                    value = value.func.value  # (`Trainer(args).fit()`: the trainer's build)
                if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Name)) or runs >= limit:
                    continue
                callee = unit.names.get(value.func.value)
                function = isinstance(callee, LocalFunction) and callee.scope is unit and not callee.kind
                holder = isinstance(callee, LocalClass) and _plain_holder(interpreter, callee)
                if not (function or holder):
                    continue
                scope = main_scopes.get(id(value), unit)
                try:
                    args, kwargs = _spread(value, lambda arg: interpreter.eval(arg.value, scope), _python_tree(parsed))
                except Exception:  # arguments the evaluator cannot take: that run is not followed
                    continue
                if not any(isinstance(v, argparse_model.Namespace) for v in (*args, *kwargs.values())) \
                        and not (function and not args and not kwargs and _reads_module_options(callee, parsed, unit, interpreter)):
                    continue  # (only a run given the block's options: one parsing its own may change them)
                runs += 1
                args, kwargs = [_own_copy(v) for v in args], {k: _own_copy(v) for k, v in kwargs.items()}
                read = _constructions_read_while(interpreter, calls, (
                    lambda: interpreter.call_function(callee, args, kwargs, value)) if function else (
                    lambda: interpreter.instantiate(callee, args, kwargs, value)))
                _keep_plain_constructions(out, calls, read, limit)
    return {name: made for name, made in out.items() if made}


def _reads_module_options(function: LocalFunction, parsed: ParsedFile, unit, interpreter: Interpreter) -> bool:
    """Whether a `def main():` of no parameters reads the options its module parses at import
    (`args = parser.parse_args()` at the top, then `Network(args.init_channels, ...)` in main):
    a global bound there to a parsed namespace, read in the body and never bound there, nor
    changed in a way a run of it does not follow."""
    from convlint.evaluator import argparse_model
    from convlint.evaluator.namespace_changes import is_name, namespace_changes

    params = function.node.params
    if params.params or params.posonly_params or params.kwonly_params or isinstance(params.star_arg, cst.Param) \
            or params.star_kwarg is not None:
        return False
    parsing = set()
    for statement in parsed.module.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if not (isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.value, cst.Call)
                    and isinstance(small.value.func, cst.Attribute)):
                continue
            target, method = small.targets[0].target, small.value.func.attr.value
            if method == "parse_args" and isinstance(target, cst.Name):
                parsing.add(target.value)
            elif method == "parse_known_args" and isinstance(target, cst.Tuple) and target.elements \
                    and isinstance(target.elements[0].value, cst.Name):  # `args, unparsed = parser.parse_known_args()`
                parsing.add(target.elements[0].value.value)
    nodes = _walked(function.node.body, interpreter.walk_cache)
    bound = {target.value for node in nodes if isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign))
             for target in [node.target] if isinstance(target, cst.Name)}
    bound |= {name.name.value for node in nodes if isinstance(node, cst.Global) for name in node.names}
    read = {node.value for node in nodes if isinstance(node, cst.Name)} & parsing
    if not read or read & bound:
        return False
    if namespace_changes(nodes, is_name(read)).unseen is not None:
        return False  # (`vars(args).update(cfg)`, a method of it: the run may differ from what it reads)
    previous = interpreter._enter_module(unit)
    try:
        return all(isinstance(interpreter.eval(cst.Name(name), unit), argparse_model.Namespace) for name in read)
    except Exception:  # a parser the evaluator cannot build: not followed
        return False
    finally:
        interpreter._leave_module(previous)


def _constructions_read_while(interpreter: Interpreter, calls: list[cst.Call], run) -> dict[int, list]:
    """id(call) -> the (args, kwargs) each of the calls was made with while `run()` ran, the calls
    themselves not made, within MAX_FUNCTION_STEPS; a body the evaluator cannot follow keeps what
    it passed before stopping."""
    from convlint.evaluator.interpreter import MAX_STEPS

    read: dict[int, list] = {id(call): [] for call in calls}
    saved = interpreter.constructions_read, interpreter.steps, interpreter.analysis
    interpreter.constructions_read, interpreter.analysis = read, None
    interpreter.steps = max(interpreter.steps, MAX_STEPS - MAX_FUNCTION_STEPS)
    try:
        run()
    except Exception:
        pass
    finally:
        interpreter.constructions_read, interpreter.steps, interpreter.analysis = saved
    return read


def _keep_plain_constructions(out: dict[str, list], calls: list[cst.Call], read: dict[int, list], limit: int) -> None:
    """Into out[class name]: each distinct argument list read of plain data only (a module the run
    built may have been changed in ways not followed), at most `limit` per class."""
    for call in calls:
        made = out.setdefault(dotted_name(call.func).rsplit(".", 1)[-1], [])
        for made_args, made_kwargs in read[id(call)]:
            if not all(_plain_data(v) for v in (*made_args, *made_kwargs.values())):
                continue
            if len(made) < limit and all(repr((m[0], m[1])) != repr((made_args, made_kwargs)) for m in made):
                made.append((made_args, made_kwargs, call))


def _own_copy(value):
    from convlint.evaluator import argparse_model, options_binding

    return options_binding.fresh(value) if isinstance(value, argparse_model.Namespace) else value


def _main_block_scopes(interpreter: Interpreter, parsed: ParsedFile, unit=None) -> dict:
    """id(call) -> the names an `if __name__ == "__main__":` block binds by plain assignments before
    and around it (`width = 32`, `enc_blks = [1, 1, 1, 28]`, then `NAFNet(width=width, ...)`), over the
    module's: the values a script run gives the calls of that block, and the functions it defines
    (`def options(config):` building the parser). Nothing else of it is run. `unit`: the scope of
    the module `parsed` is, where it is not the file analysed."""
    from convlint.evaluator.interpreter import Scope
    from convlint.source.input_hints import is_main_guard

    cached = interpreter.walk_cache.get(("main scopes", id(parsed.module)))
    if cached is not None and cached[0] is parsed.module:  # (the module kept beside its id: no reused id)
        return cached[1]
    out = {}
    for statement in parsed.module.body:
        if not (isinstance(statement, cst.If) and is_main_guard(statement.test) and statement.orelse is None):
            continue
        scope = Scope(unit or interpreter.module_scope)
        built: set[str] = set()  # namespaces handed to a model's constructor that only reads them
        models: set[str] = set()  # names bound to a model of the file the block builds (`ae = AE()`)
        handed = _handed_to_a_class(interpreter, statement.body, unit)  # (only those another class is built on)
        for inner in statement.body.body if isinstance(statement.body, cst.IndentedBlock) else ():
            if isinstance(inner, cst.FunctionDef) and not inner.decorators:  # (`def options(config):` then `options(cfg)`)
                scope.names[inner.name.value] = LocalFunction(inner, scope, inner.name.value)
                continue
            if isinstance(inner, cst.SimpleStatementLine) and all(isinstance(small, (cst.Import, cst.ImportFrom))
                                                                  for small in inner.body):
                for small in inner.body:  # (`import argparse` in the block itself)
                    try:
                        interpreter._import(small, scope)
                    except Exception:
                        pass
                continue
            if _options_statement(interpreter, inner, scope, built):
                continue
            if isinstance(inner, cst.SimpleStatementLine):
                for small in inner.body:
                    if isinstance(small, cst.Assign) and all(isinstance(t.target, cst.Name) for t in small.targets):
                        calls = any(isinstance(n, cst.Call) for n in walk_statements(small.value))
                        model = any(isinstance(t.target, cst.Name) and t.target.value in handed
                                    for t in small.targets) \
                            and _builds_a_model_of_the_file(interpreter, small.value, scope)
                        value = _evaluated_apart(interpreter, small.value, scope) if model \
                            else _parsed_options(interpreter, small.value, scope) if calls \
                            and not _only_records_made(interpreter, small.value, scope) \
                            else _evaluated_apart(interpreter, small.value, scope) if calls \
                            else interpreter.eval(small.value, scope)
                        if model:
                            models.update(t.target.value for t in small.targets)
                        for target in small.targets:
                            scope.names[target.target.value] = value
                    elif isinstance(small, cst.Assign) and len(small.targets) == 1 \
                            and (names := _unpacked_names(small.targets[0].target)) is not None:
                        # `b, c, h, w = 4, 3, 32, 32`, then `ViT(img_size=h)`: each name its item
                        calls = any(isinstance(n, cst.Call) for n in walk_statements(small.value))
                        value = None if calls else interpreter.eval(small.value, scope)
                        items = list(value) if isinstance(value, (tuple, list)) and len(value) == len(names) \
                            else [Unknown("a value a call makes or not unpacked statically")] * len(names)
                        scope.names.update(zip(names, items))
        for name in models:  # a model of the block changed by its code is not the one built
            if _changed_in(interpreter, statement.body, name, scope):
                scope.names[name] = Unknown(f"{name}: a model the __main__ block changes")
        out.update((id(node), scope) for node in walk_statements(statement) if isinstance(node, cst.Call))
    interpreter.walk_cache[("main scopes", id(parsed.module))] = (parsed.module, out)
    return out


# methods a model's build in a `__main__` block may be chained with, each giving the model back
_MODEL_CHAIN = frozenset({"to", "cuda", "cpu", "eval", "train", "float", "double", "half", "requires_grad_"})
# methods that change what a module holds or does (a child set, a hook added, a function applied)
_CHANGING_METHODS = frozenset({"add_module", "register_module", "register_forward_hook",
                               "register_forward_pre_hook", "append", "extend", "insert", "pop", "update",
                               "clear", "__setitem__", "__delitem__", "apply", "register_buffer",
                               "register_parameter", "set_submodule"})
_MAX_CHANGE_DEPTH = 3


def _callee_or_none(interpreter: Interpreter, func: cst.BaseExpression, scope) -> Any:
    """What a call's function evaluates to, or None where evaluating it fails (not followed)."""
    try:
        return interpreter.eval(func, scope)
    except Exception:
        return None


def _builds_a_model_of_the_file(interpreter: Interpreter, value: cst.BaseExpression, scope) -> bool:
    """`ae = AE()`, `mae = MAE().to(device)` in a `__main__` block: a call of a module class of the
    file, the model moved or switched (`.to(device)`, `.eval()`) at most, what a module-level
    build binds too."""
    while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
            and value.func.attr.value in _MODEL_CHAIN:
        value = value.func.value
    if not (isinstance(value, cst.Call) and isinstance(value.func, (cst.Name, cst.Attribute))):
        return False
    callee = _callee_or_none(interpreter, value.func, scope)
    return isinstance(callee, LocalClass) and interpreter.is_module_class(callee)


def _root_name(node: cst.BaseExpression) -> str | None:
    """`mae` of `mae`, `mae.encoder`, `mae.blocks[0].conv`; None for anything else."""
    while isinstance(node, (cst.Attribute, cst.Subscript)):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None


def _targets_of(node: cst.CSTNode) -> list:
    """The targets a statement binds or deletes."""
    if isinstance(node, cst.Assign):
        return [t.target for t in node.targets]
    if isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.Del)):
        return [node.target]
    if isinstance(node, (cst.For, cst.CompFor)):
        return [node.target]
    if isinstance(node, cst.WithItem) and node.asname is not None:
        return [node.asname.name]
    if isinstance(node, cst.NamedExpr):
        return [node.target]
    return []


def _flat_targets(target: cst.BaseExpression) -> list:
    if isinstance(target, (cst.Tuple, cst.List)):
        return [t for element in target.elements for t in _flat_targets(element.value)]
    if isinstance(target, cst.StarredElement):
        return _flat_targets(target.value)
    return [target]


def _changes(interpreter: Interpreter, code: cst.CSTNode, held: set[str], scope, depth: int,
             bound_at_top: frozenset = frozenset()) -> bool:
    """Whether `code` may change a module one of the names `held` holds: a child or attribute set
    or deleted through it (`mae.encoder = ...`, `setattr(...)`), a changing method called on it
    (`add_module`, a hook, `apply`), the name bound again where the block's names do not follow it
    (in a loop, a condition; `bound_at_top`: the statements of the block that are followed), or the
    module handed to a function of the file that may change its parameter (followed `depth` deep).
    A name bound from a read of a held one (`enc = model.encoder`) is held too."""
    held = set(held)
    nodes = list(walk_statements(code))
    for node in nodes:  # aliases: `enc = model.encoder`
        if isinstance(node, cst.Assign) and _root_name(node.value) in held \
                and isinstance(node.value, (cst.Name, cst.Attribute, cst.Subscript)):
            held.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))
    for node in nodes:
        for target in (t for top in _targets_of(node) for t in _flat_targets(top)):
            if isinstance(target, (cst.Attribute, cst.Subscript)) and _root_name(target) in held:
                return True
            if isinstance(target, cst.Name) and target.value in held and id(node) not in bound_at_top:
                return True
        if not isinstance(node, cst.Call):
            continue
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _CHANGING_METHODS and _root_name(func.value) in held:
            return True
        given = [a for a in node.args if _root_name(a.value) in held]
        if not given:
            continue
        if isinstance(func, cst.Name) and func.value in ("setattr", "delattr", "exec", "eval", "vars"):
            return True
        if not isinstance(func, (cst.Name, cst.Attribute)):
            return True
        callee = _callee_or_none(interpreter, func, scope)
        if isinstance(callee, LocalClass):  # a model of the file built on it: followed as it is
            continue
        if isinstance(callee, LocalFunction):
            if depth <= 0:
                return True
            params = callee.node.params
            names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
            if params.star_arg is not None and isinstance(params.star_arg, cst.Param) \
                    or params.star_kwarg is not None:
                return True
            if _changes(interpreter, callee.node.body, set(names), scope, depth - 1):
                return True
        # a call of anything else (torch, a library's trainer or summary) is taken not to change it
    return False


def _changed_in(interpreter: Interpreter, body: cst.BaseSuite, name: str, scope) -> bool:
    """Whether a `__main__` block's code may change the model it binds to `name` (_changes)."""
    top = [small for inner in (body.body if isinstance(body, cst.IndentedBlock) else ())
           if isinstance(inner, cst.SimpleStatementLine) for small in inner.body if isinstance(small, cst.Assign)]
    if sum(1 for small in top for t in small.targets for n in _flat_targets(t.target)
           if isinstance(n, cst.Name) and n.value == name) > 1:  # bound again: calls before see the first
        return True
    return _changes(interpreter, body, {name}, scope, _MAX_CHANGE_DEPTH, frozenset(map(id, top)))


def _changed_at_module_level(interpreter: Interpreter, parsed: ParsedFile, name: str | None) -> bool:
    """Whether a model the module binds to `name` (`ae = AE()`) may be changed by the module's own
    statements before or after it is handed on (`swap(ae)`, `ae.encoder = ...`, a hook): then what
    `Head(ae.encoder)` is given is not the model as built (_changes). Names not bound to a model are
    left to the evaluator, as before."""
    if name is None:
        return False
    cache = interpreter.walk_cache.setdefault(("module changes", id(parsed.module)), {})
    if name not in cache:
        top = [s for s in parsed.module.body if not isinstance(s, (cst.FunctionDef, cst.ClassDef))]
        assigns = [small for s in top if isinstance(s, cst.SimpleStatementLine) for small in s.body
                   if isinstance(small, cst.Assign)]
        binding = [small for small in assigns for t in small.targets for n in _flat_targets(t.target)
                   if isinstance(n, cst.Name) and n.value == name]
        model = any(_builds_a_model_of_the_file(interpreter, small.value, interpreter.module_scope)
                    for small in binding)
        cache[name] = model and len(binding) > 1 or model and any(
            _changes(interpreter, s, {name}, interpreter.module_scope, _MAX_CHANGE_DEPTH, frozenset(map(id, assigns)))
            for s in top)
    return cache[name]


def _handed_to_a_class(interpreter: Interpreter, body: cst.BaseSuite, unit=None) -> set[str]:
    """The names whose value, or a part read of it (`mae.encoder`), a `__main__` block hands to a
    class of the file (`Classifier(mae.encoder)`)."""
    out = set()
    for node in walk_statements(body):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) \
                and isinstance((unit or interpreter.module_scope).names.get(node.func.value), LocalClass):
            out.update(name for a in node.args if (name := _root_name(a.value)) is not None)
    return out


def _function_model_scopes(interpreter: Interpreter, parsed: ParsedFile) -> dict:
    """id(call) -> a scope, for the calls a module-level function's body makes handing a model it
    built to a class of the file (`def main(): ae = AE()`, `head = Head(ae.encoder)`): that model,
    as the same lines give it at module level, where the body binds the name once and may not
    change it (_changed_in); every other name the function binds or takes is unknown there."""
    from convlint.evaluator.interpreter import Scope

    cached = interpreter.walk_cache.get(("function model scopes", id(parsed.module)))
    if cached is not None and cached[0] is parsed.module:
        return cached[1]
    out = {}
    for statement in parsed.module.body:
        if not isinstance(statement, cst.FunctionDef) or not isinstance(statement.body, cst.IndentedBlock):
            continue
        handed = _handed_to_a_class(interpreter, statement.body)
        if not handed:
            continue
        scope = Scope(interpreter.module_scope)
        params = statement.params
        local = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
        local |= {p.name.value for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)}
        for node in walk_statements(statement.body):
            local |= {t.value for top in _targets_of(node) for t in _flat_targets(top) if isinstance(t, cst.Name)}
        scope.names.update((name, Unknown(f"{name}: a name of the function {statement.name.value}")) for name in local)
        models = []
        for inner in statement.body.body:
            if isinstance(inner, cst.SimpleStatementLine):
                for small in inner.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                            and isinstance(small.targets[0].target, cst.Name) \
                            and small.targets[0].target.value in handed \
                            and _builds_a_model_of_the_file(interpreter, small.value, scope):
                        models.append((small.targets[0].target.value, small.value))
        followed = set()
        for name, value in models:
            if _changed_in(interpreter, statement.body, name, scope):
                continue
            scope.names[name] = _evaluated_apart(interpreter, value, scope)
            followed.add(name)
        if not followed:
            continue
        out.update((id(node), scope) for node in walk_statements(statement.body) if isinstance(node, cst.Call)
                   and any(_root_name(a.value) in followed for a in node.args))
    interpreter.walk_cache[("function model scopes", id(parsed.module))] = (parsed.module, out)
    return out


# builtins of values alone a `__main__` block's record may be built with (`normal_concat=range(2, 6)`)
_PLAIN_VALUE_BUILTINS = frozenset({"range", "list", "tuple", "dict", "set", "int", "float", "str", "bool", "len",
                                   "min", "max", "sorted", "abs", "round"})


def _only_records_made(interpreter: Interpreter, value: cst.BaseExpression, scope) -> bool:
    """Whether every call of a `__main__` block's value builds a namedtuple of the file's (DARTS'
    `genotype = Genotype(normal=[...], normal_concat=range(2, 6))`) or a plain value of builtins:
    what a script run binds, made of values alone, so evaluated as a module-level one is. A call of
    anything else (a function, a model, torch) is not run there."""
    from convlint.evaluator.objects import Builtin, RecordType

    for node in walk_statements(value):
        if isinstance(node, (cst.Lambda, cst.GeneratorExp, cst.ListComp, cst.SetComp, cst.DictComp)):
            return False
        if not isinstance(node, cst.Call):
            continue
        if not isinstance(node.func, (cst.Name, cst.Attribute)):
            return False
        callee = _callee_or_none(interpreter, node.func, scope)
        if isinstance(callee, Builtin) and callee.name in _PLAIN_VALUE_BUILTINS or isinstance(callee, RecordType):
            continue
        if isinstance(callee, LocalClass) and interpreter.record_class(callee) is not None \
                and not any(name in callee.namespace for name in ("__new__", "__init__")):
            continue
        return False
    return True


def _evaluated_apart(interpreter: Interpreter, value: cst.BaseExpression, scope) -> Any:
    """A `__main__` block's value of records and builtins (_only_records_made), evaluated apart from
    any model's analysis; unknown where it is not followed to its end."""
    analysis, steps, interpreter.analysis = interpreter.analysis, interpreter.steps, None
    try:
        return interpreter.eval(value, scope)
    except Exception:
        return Unknown("a value of the __main__ block not followed")
    finally:
        interpreter.analysis, interpreter.steps = analysis, steps


def _parsed_options(interpreter: Interpreter, value: cst.BaseExpression, scope) -> Any:
    """A call of a `__main__` block's assignment, where it builds or parses the script's options
    (`parser = get_parser()`, `argparse.ArgumentParser(parents=[base_parser()])`,
    `args = parser.parse_args()`): the parser or the namespace of its defaults, as a run with no
    arguments gives them. Any other call is not run: what it makes is unknown."""
    from convlint.evaluator import argparse_model

    if not (isinstance(value, cst.Call) and _builds_or_parses_options(interpreter, value, scope)):
        return Unknown("a value a call makes")
    analysis, steps, interpreter.analysis = interpreter.analysis, interpreter.steps, None
    try:  # run apart from any model's analysis: its records and step budget are its own
        made = interpreter.eval(value, scope)
    except Exception:  # not followed to its end
        made = Unknown("options not followed")
    finally:
        interpreter.analysis, interpreter.steps = analysis, steps
    return made if isinstance(made, (argparse_model.ArgumentParser, argparse_model.Namespace)) \
        else Unknown("a value a call makes")


def _builds_or_parses_options(interpreter: Interpreter, call: cst.Call, scope) -> bool:
    """`argparse.ArgumentParser(...)`, a method of a parser the block holds, or a function of the
    file that builds one (its body calls ArgumentParser)."""
    from convlint.evaluator import argparse_model
    from convlint.evaluator.objects import TorchRef

    func = call.func
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) \
            and isinstance(scope.names.get(func.value.value), argparse_model.ArgumentParser):
        return True
    if not isinstance(func, (cst.Name, cst.Attribute)):
        return False
    callee = _callee_or_none(interpreter, func, scope)
    if isinstance(callee, TorchRef):
        return callee.qualified == "argparse.ArgumentParser"
    return isinstance(callee, LocalFunction) and any(
        isinstance(n, cst.Call) and (isinstance(n.func, cst.Attribute) and n.func.attr.value == "ArgumentParser"
                                     or isinstance(n.func, cst.Name) and n.func.value == "ArgumentParser")
        for n in walk_statements(callee.node.body))


def _options_statement(interpreter: Interpreter, statement: cst.BaseStatement, scope, built: set[str]) -> bool:
    """A `__main__` block's statement on the options it holds, run as the script runs it:
    `parser.add_argument(...)` on a parser, `args.layers = [2, 2]` after parse_args(). A namespace
    handed to the constructor of a model of the file that only reads it (`Model(opt)`, the block's
    builds taking the block's final names) keeps its options, and is `built`: set again after
    that, it is unknown, as is one handed to any other call or an option set from a call. True
    where the statement was taken here."""
    from convlint.evaluator import argparse_model

    held = {name for name, value in scope.names.items()
            if isinstance(value, (argparse_model.ArgumentParser, argparse_model.Namespace))}
    if not held:
        return False
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) \
                and isinstance(small.value.func, cst.Attribute) and isinstance(small.value.func.value, cst.Name) \
                and isinstance(scope.names.get(small.value.func.value.value), argparse_model.ArgumentParser):
            try:
                interpreter.eval(small.value, scope)
            except Exception:
                scope.names[small.value.func.value.value].exact = False
            return True
        if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                and isinstance(target := small.targets[0].target, cst.Attribute) \
                and isinstance(target.value, cst.Name) \
                and isinstance(namespace := scope.names.get(target.value.value), argparse_model.Namespace):
            if target.value.value in built:  # set after a model was built with it: not the build's value
                argparse_model.spoil(namespace, "options changed after the model was built with them")
                return True
            calls = any(isinstance(n, cst.Call) for n in walk_statements(small.value))
            value = Unknown("an option set from a call") if calls else interpreter.eval(small.value, scope)
            argparse_model.set_option(namespace, target.attr.value, value, interpreter.span(target))
            return True
    constructed: set[str] = set()
    for node in walk_statements(statement):
        if isinstance(node, cst.Call) and (name := _namespace_only_read_by(interpreter, node, scope)) is not None:
            constructed.add(name)
            continue
        handed = isinstance(node, cst.Call) and any(
            isinstance(arg.value, cst.Name) and arg.value.value in held for arg in node.args)
        written = isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign)) and any(
            isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value in held
            for t in ([t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]))
        if handed or written:
            for name in held:
                if isinstance(scope.names[name], argparse_model.Namespace):
                    argparse_model.spoil(scope.names[name], "options changed by code of the __main__ block not followed")
                else:
                    scope.names[name].exact = False
                    scope.names[name].defaults.clear()
            return False
    built |= constructed
    return False


def _namespace_only_read_by(interpreter: Interpreter, call: cst.Call, scope) -> str | None:
    """The namespace's name, where the call is `Model(opt)`: a model class of the project built
    with a namespace the block holds as its one argument, whose constructor only reads it (and
    passes it on whole only to the project's classes and functions that only read it too); or a
    plain class of the file (`Solver(loader, config)`) whose `__init__` only reads it."""
    from convlint.evaluator import argparse_model

    held = [(index, arg) for index, arg in enumerate(call.args) if isinstance(arg.value, cst.Name)
            and isinstance(scope.names.get(arg.value.value), argparse_model.Namespace)]
    if len(held) != 1 or any(arg.star for arg in call.args) or not isinstance(call.func, (cst.Name, cst.Attribute)):
        return None
    (index, arg), = held
    try:
        cls = interpreter._chain_value(call.func, scope)
    except Exception:
        return None
    keyword = arg.keyword.value if arg.keyword is not None else None
    if isinstance(cls, LocalFunction) and getattr(cls.scope, "parsed", None) is not None and not cls.kind:
        # `main(args)`: a function of the file the block runs with its options (followed as it runs)
        return arg.value.value if _only_reads_parameter(cls.node, keyword, index, 0) else None
    if not isinstance(cls, LocalClass):
        return None
    if not interpreter.is_module_class(cls):
        # (a trainer `Trainer(opt)`, `Solver(loader, config)`: its `__init__` only reads the namespace)
        return arg.value.value if _plain_holder(interpreter, cls) \
            and _only_reads_parameter(cls.lookup("__init__").node, keyword, index, 1) else None
    if len(call.args) != 1:
        return None
    return arg.value.value if _only_reads_options(interpreter, cls, keyword, 3) else None


def _only_reads_parameter(function: cst.FunctionDef, keyword: str | None, index: int, skip: int) -> bool:
    """Whether the function's parameter a call's argument `index` (or `keyword`) binds is only read,
    there or kept whole on the instance (`self.opt = opt`, then `self.opt.cha`), or passed on whole:
    never an option set nor a method of it called. `skip`: 1 for a method's `self`."""
    from convlint.evaluator.namespace_changes import namespace_changes

    params = function.params
    ordered = [*params.posonly_params, *params.params][skip:]
    if keyword is not None:
        named = [p for p in [*ordered, *params.kwonly_params] if p.name.value == keyword]
    else:
        named = ordered[index:index + 1]  # (positional arguments come first: its index is its position)
    if len(named) != 1:
        return False
    parameter = named[0].name.value
    body = list(walk_statements(function.body))
    kept = {t.target.attr.value for node in body if isinstance(node, cst.Assign) for t in node.targets
            if isinstance(node.value, cst.Name) and node.value.value == parameter
            and isinstance(t.target, cst.Attribute) and isinstance(t.target.value, cst.Name)
            and t.target.value.value == "self"} if skip else set()

    def the_namespace(node: cst.BaseExpression) -> bool:  # `opt`, or `self.opt` where kept
        return isinstance(node, cst.Name) and node.value == parameter or \
            isinstance(node, cst.Attribute) and node.attr.value in kept and isinstance(node.value, cst.Name) \
            and node.value.value == "self"

    for node in body:
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) \
            else [node.target] if isinstance(node, (cst.AugAssign, cst.AnnAssign)) else []
        if any(isinstance(t, cst.Name) and t.value == parameter for t in targets):
            return False  # (`args = other`: no longer the namespace)
    return not namespace_changes(body, the_namespace).any()


def _only_reads_options(interpreter: Interpreter, target, keyword: str | None, depth: int) -> bool:
    """Whether the class's constructor (or the function) takes the namespace as its one required
    parameter and never sets an attribute of it, handing it whole only to such callees."""
    from convlint.evaluator import options_binding
    from convlint.evaluator.namespace_changes import is_name, namespace_changes

    if isinstance(target, LocalClass):
        function, skip = target.lookup("__init__"), 1
    else:
        function, skip = target, 0
    if depth <= 0 or not isinstance(function, LocalFunction):
        return False
    found = options_binding.options_parameter(function.node, skip)
    if found is None or keyword not in (None, found[0]):
        return False
    parameter, _, callees = found
    if namespace_changes(walk_statements(function.node.body), is_name(parameter)).any():
        return False  # (an option set, `opt.__dict__.update(cfg)`, a method of it)
    for callee in callees:
        try:
            value = interpreter._chain_value(callee, function.scope)
        except Exception:
            return False
        if not isinstance(value, (LocalClass, LocalFunction)) or not _only_reads_options(interpreter, value, None, depth - 1):
            return False
    return True


def _unpacked_names(target: cst.BaseAssignTargetExpression) -> list[str] | None:
    """The names of a plain unpacking target (`b, c, h, w`), or None for any other target."""
    if not isinstance(target, (cst.Tuple, cst.List)):
        return None
    names = [element.value.value for element in target.elements
             if isinstance(element, cst.Element) and isinstance(element.value, cst.Name)]
    return names if len(names) == len(target.elements) else None


def _size_parameter_input(interpreter: Interpreter, parsed: ParsedFile, cls, symbolic: ModelAnalysis,
                          construction: tuple | None = None):
    """With no size given or found, the side a constructor parameter or module constant states
    (`img_size=224` feeding fc's in_features), on the channels the symbolic run found; or the
    image a tuple parameter is (`img_size=(1, 64, 64)` whose item 0 the first conv takes), by its
    default or by the construction (args, kwargs, node) the model was built with."""
    from convlint.source.size_parameters import image_tuple_parameters

    shape = symbolic.input_shape
    if symbolic.internal_error or shape is None or shape.dims is None or len(shape.dims) not in (3, 4, 5) \
            or not isinstance(shape.dims[1], (int, Sym)):
        return None
    if (sides := _helper_sides_input(interpreter, parsed, symbolic)) is not None:
        return sides
    if len(shape.dims) == 5:
        return None
    if (sides := _sides_input(interpreter, parsed, symbolic)) is not None:
        return sides
    if not isinstance(cls, LocalClass):
        return None
    if getattr(cls.scope, "parsed", None) is not parsed:
        return None
    if symbolic.built_with is not None:  # built with the code's or the user's arguments: an image they give
        if construction is None or not isinstance(shape.dims[1], int):
            return None
        args, kwargs, node = construction
        passed = _by_parameter(cls, list(enumerate(args)) + list(kwargs.items())) or {}
        images = {(name, tuple(value)) for name in image_tuple_parameters(cls.node)
                  if isinstance(value := passed.get(name), (tuple, list)) and len(value) == len(shape.dims) - 1
                  and value[0] == shape.dims[1] and all(type(v) is int and 4 <= v <= 4096 for v in value[1:])}
        if len(images) != 1:
            return None
        (name, image), = images
        line = parsed.span_of(node).line if not isinstance(node, cst.ClassDef) else None  # (--model-args)
        return (Sym("N"), *image), InputSource("parameter", line=line, text=f"{name}={image}")
    return _default_size_input(interpreter, parsed, cls, shape, _length_first(symbolic))


def _length_first(symbolic: ModelAnalysis) -> bool:
    """Whether the input is a 1-d signal with its channels last, N x L x C, that forward() turns
    to N x C x L for its first layer (`x.transpose(1, 2)` before a Conv1d of C channels)."""
    from convlint.records import ConvRecord

    dims = symbolic.input_shape.dims
    if symbolic.stopped or len(dims) != 3 or not isinstance(dims[2], int) or type(dims[1]) is not Sym:
        return False
    leaves = [c for c in symbolic.calls if not c.node.children and not isinstance(c.node.cls, LocalClass)]
    first = min(leaves, key=lambda c: c.start, default=None)
    return first is not None and isinstance(first.record, ConvRecord) and not first.record.transposed \
        and first.record.ndim == 1 and first.input is not None and first.input.shape is not None \
        and first.input.shape.dims is not None and tuple(first.input.shape.dims) == (dims[0], dims[2], dims[1])


def _sides_input(interpreter: Interpreter, parsed: ParsedFile, symbolic: ModelAnalysis):
    """The image a model is built for where its constructor takes the input's height and width
    (`Net(256, 256, params)` of `__init__(self, height, width, params)` whose Linear counts
    `int(height / 4) * int(width / 4)` features): N x C x height x width, C the in_channels of the
    2-d conv the input meets first; as the call building the model gives them (a factory's too),
    else by their defaults. None where either side is not a known int."""
    from convlint.records import ConvRecord
    from convlint.source.size_parameters import side_parameters

    root, shape = symbolic.root, symbolic.input_shape
    model = root.cls if isinstance(root, ModuleNode) else None
    if not isinstance(model, LocalClass) or getattr(model.scope, "parsed", None) is not parsed \
            or len(shape.dims) != 4 or not isinstance(shape.dims[1], int):
        return None
    first = _first_call_on_the_input(symbolic)
    if first is None or not isinstance(first.record, ConvRecord) or first.record.transposed \
            or first.record.ndim != 2 or first.record.in_channels != shape.dims[1]:
        return None
    try:
        names = side_parameters(model.node)
    except RecursionError:
        return None
    init = model.lookup("__init__")
    if names is None or not isinstance(init, LocalFunction):
        return None
    stated = _stated_sides(interpreter, parsed, model, init, root, names)
    if stated is None:
        return None
    sides, lines = stated
    line = lines.pop() if len(lines) == 1 else None
    text = ", ".join(f"{name}={side}" for name, side in zip(names, sides))
    return (Sym("N"), shape.dims[1], *sides), InputSource("parameter", line=line, text=text)


def _stated_sides(interpreter: Interpreter, parsed: ParsedFile, model: LocalClass, init: LocalFunction,
                  root: ModuleNode, names) -> tuple[list[int], set] | None:
    """The sides the parameters `names` state, by the call building the model, else by their
    defaults, with the lines they are written on; None where one is not a whole number from 4 to 4096."""
    args, kwargs = root.constructed_with or ((), {})
    passed = _by_parameter(model, list(enumerate(args)) + list(kwargs.items())) or {}
    defaults = {p.name.value: p.default for p in (*init.node.params.params, *init.node.params.kwonly_params)
                if p.default is not None}
    sides, lines = [], set()
    for name in names:
        if name in passed:
            value, where = passed[name], root.arguments_written.get(name)
        elif name in defaults:
            value, where = interpreter.eval(defaults[name], interpreter.module_scope), parsed.span_of(defaults[name])
        else:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 4 <= value <= 4096:
            return None
        sides.append(value)
        lines.add(where.line if where is not None else None)
    return sides, lines


MAX_SIDE_ORDERS = 6  # the orders of an input's sides run to see whether the order matters (3 sides: all)


def _helper_sides_input(interpreter: Interpreter, parsed: ParsedFile, symbolic: ModelAnalysis):
    """The input a constructor's parameters state where __init__ hands them, as one tuple, to a
    function of the file that computes a conv's output size, and counts what it returns in a
    Linear's in_features (size_parameters.helper_tuple_sides): the input with its last dims the
    sides in the tuple's order, where the first layer forward() runs is a conv of as many spatial
    dims as the tuple has items, its input's sides the input's last dims (N x C x H x W, or one
    frame `x[:, t]` of N x T x C x H x W); by the call building the model, else the defaults.
    Which side is the height the names do not say (`img_x, img_y`): forward() is run again with
    the sides in every other order, and unless each run makes the same shapes, their sides in any
    order (a square kernel, stride and padding everywhere), the order is not known and None is
    returned, as where a side is not a known int."""
    from itertools import permutations

    from convlint.records import ConvRecord
    from convlint.source.size_parameters import helper_tuple_sides, imported_helpers

    root, shape = symbolic.root, symbolic.input_shape
    model = root.cls if isinstance(root, ModuleNode) else None
    if symbolic.stopped or not isinstance(model, LocalClass) or getattr(model.scope, "parsed", None) is not parsed:
        return None
    leaves = [c for c in symbolic.calls if not c.node.children and not isinstance(c.node.cls, LocalClass)]
    first = min(leaves, key=lambda c: c.start, default=None)
    if first is None or not isinstance(first.record, ConvRecord) or first.record.transposed:
        return None
    ndim = first.record.ndim
    seen = first.input.shape.dims if isinstance(first.input, Tensor) and first.input.shape is not None else None
    spatial = tuple(shape.dims[-ndim:])
    if seen is None or len(seen) != 2 + ndim or seen[1] != first.record.in_channels or tuple(seen[2:]) != spatial \
            or not all(type(d) is Sym and not d.opaque for d in spatial) or len(set(spatial)) != ndim \
            or any(d in spatial for d in shape.dims[:-ndim]):
        return None
    try:
        names = helper_tuple_sides(model.node, parsed.module, imported_helpers(model.scope))
    except RecursionError:
        return None
    init = model.lookup("__init__")
    if names is None or len(names) != ndim or not isinstance(init, LocalFunction):
        return None
    stated = _stated_sides(interpreter, parsed, model, init, root, names)
    if stated is None:
        return None
    sides, lines = stated
    rest = tuple(shape.dims[:-ndim])
    orders = sorted(set(permutations(sides)))
    if len(orders) > 1:
        if len(orders) > MAX_SIDE_ORDERS:
            return None
        made = {_shapes_made(_rerun_on(interpreter, symbolic, (*rest, *order), list(symbolic.unresolved)))
                for order in orders}
        interpreter.analysis = None
        if len(made) != 1 or None in made:
            return None  # the order matters, and nothing says which it is
    line = lines.pop() if len(lines) == 1 else None
    text = ", ".join(f"{name}={side}" for name, side in zip(names, sides))
    return (*rest, *sides), InputSource("parameter", line=line, text=text)


def _shapes_made(run: ModelAnalysis) -> tuple | None:
    """What a run of forward() makes, each call's output as the multiset of its dims (a map's sides
    in any order), in the order the calls ran; None where the run stopped."""
    if run.stopped or run.internal_error:
        return None
    made = []
    for call in sorted(run.calls, key=lambda c: c.start):
        dims = call.output.shape.dims if isinstance(call.output, Tensor) and call.output.shape is not None else None
        made.append((call.span.line, call.span.column,
                     None if dims is None else tuple(sorted(str(d) for d in dims))))
    return tuple(made)


def _default_size_input(interpreter: Interpreter, parsed: ParsedFile, cls, shape: Shape,
                        length_first: bool = False):
    """The input a size parameter's default or a module constant states, on the channels the
    symbolic run found (`shape`): _size_parameter_input of a model built with no arguments.
    `length_first`: a 1-d signal N x L x C its forward() turns to N x C x L for its first conv."""
    from convlint.source.size_parameters import (image_tuple_parameters, imported_helpers, length_parameters,
                                                 size_parameters)

    if length_first:  # (its length stated as seq_len, input_length...: nothing else sizes it)
        shape = Shape((shape.dims[0], shape.dims[2], shape.dims[1]))
    try:
        names = [] if length_first else size_parameters(cls.node, parsed.module, imported_helpers(cls.scope))
        if len(shape.dims) == 3 and isinstance(shape.dims[1], int) and not is_known(shape.dims[2]):
            # a 1-d signal N x C x L, its channels fixed by its first layer (not the N x L x D of a
            # recurrent or attention net): its length may be stated as Samples, seq_len...
            names = sorted({*names, *length_parameters(cls.node)})
    except RecursionError:
        return None
    images = [name for name in image_tuple_parameters(cls.node) if name not in names]
    init = cls.lookup("__init__")
    defaults = {p.name.value: p.default for p in (*init.node.params.params, *init.node.params.kwonly_params)
                if p.default is not None} if isinstance(init, LocalFunction) else {}
    sides = set()
    for name in [*names, *(name for name in images if name in defaults)]:
        value = interpreter.eval(defaults[name], interpreter.module_scope) if name in defaults \
            else interpreter.module_scope.names.get(name)
        spatial = len(shape.dims) - 2
        if name in images and not isinstance(value, (tuple, list)):
            continue  # (an image's shape: its channels first, no side alone)
        if isinstance(value, int) and not isinstance(value, bool):
            value = (value,) * spatial
        elif isinstance(value, list):
            value = tuple(value)
        if isinstance(value, tuple) and len(value) == spatial + 1 and isinstance(shape.dims[1], int) \
                and value[0] == shape.dims[1]:
            value = value[1:]  # the whole image, channels first (`input_shape=(3, 256, 256)`): its sides
        # a side, or one per spatial dim (`grid_size=(9, 9)` of an EEG electrode grid)
        if isinstance(value, tuple) and len(value) == spatial and \
                all(isinstance(v, int) and not isinstance(v, bool) and 4 <= v <= 4096 for v in value):
            sides.add((name, value))
    if len(sides) != 1:
        return None  # none, or two sizes that disagree: no guess
    (name, side), = sides
    dims = (Sym("N"), *side, shape.dims[1]) if length_first else (Sym("N"), shape.dims[1], *side)
    node = defaults.get(name)
    line = parsed.span_of(node).line if node is not None else None
    text = parsed.module.code_for_node(node).strip() if node is not None else str(side[0])
    return dims, InputSource("parameter", line=line, text=f"{name}={text}")


def _asserted_input(parsed: ParsedFile, cls, symbolic: ModelAnalysis):
    """With no size given or found, the dims forward() asserts on its input before using it
    (`assert x.size(2) == 96 and x.size(3) == 96`; `_, _, d = x.shape; assert d == self.dim`):
    torch runs on no other size. The other dims stay symbolic, or as the symbolic run found them."""
    from convlint.source.asserted_sizes import asserted_sizes

    if not isinstance(cls, LocalClass) or symbolic.built_with is not None or symbolic.internal_error \
            or symbolic.root is None or getattr(cls.scope, "parsed", None) is not parsed:
        return None
    forward = cls.forward_method()  # inherited too: a subclass that only changes a layer
    if not isinstance(forward, LocalFunction) or getattr(forward.scope, "parsed", parsed) is not parsed:
        return None
    found = asserted_sizes(forward.node)
    if found is None:
        return None
    seen = symbolic.input_shape.dims if symbolic.input_shape is not None else None
    # `self.image_size` of a class attribute (`image_size = (66, 200)` in the class body) unless the instance sets it
    attrs = {**{name: value for klass in reversed(cls.mro()) for name, value in klass.namespace.items()},
             **symbolic.root.attrs}
    pinned, rank = dict(found.pinned), found.rank
    for start, stop, name in found.sliced:  # `x.size()[-2:] == self.size`: as many dims as its items
        items = attrs.get(name)
        if not isinstance(items, tuple) or not items:
            return None  # (a list never equals a torch.Size: not a size the model runs on)
        if stop is None and start >= 0:
            if rank is not None and rank != start + len(items):
                return None
            rank = start + len(items)
        elif stop is None and start + len(items) != 0 or stop is not None and (
                (start < 0) != (stop < 0) or stop - start != len(items)):
            return None
        for offset, item in enumerate(items):
            pinned.setdefault(start + offset, item)
    rank = rank if rank is not None else len(seen) if seen is not None else None
    if rank is None or not 2 <= rank <= 5 or (seen is not None and len(seen) != rank):
        return None
    symbols = ("N", "C", *SPATIAL_SYMBOLS[rank - 2]) if rank > 2 else ("N", "C")
    dims = [seen[i] if seen is not None and (is_known(seen[i]) or isinstance(seen[i], Sym)) else Sym(symbols[i])
            for i in range(rank)]
    pinned_new = False
    for index, stated in pinned.items():
        value = _stated_size(attrs, stated)
        position = index + rank if -rank <= index < 0 else index
        if not isinstance(value, int) or isinstance(value, bool) or value < 1 or not 0 <= position < rank:
            return None
        if is_known(dims[position]) and dims[position] != value:
            return None  # the first layer's channels and the assert disagree: no guess
        pinned_new |= not is_known(dims[position])
        dims[position] = value
    if not pinned_new:
        return None
    text = f"if {parsed.module.code_for_node(found.node.test).strip()}: raise" if isinstance(found.node, cst.If) \
        else parsed.module.code_for_node(found.node).strip()
    return tuple(dims), InputSource("assert", line=parsed.span_of(found.node).line, text=text)


def _summarised_input(interpreter: Interpreter, parsed: ParsedFile, cls, analysis: ModelAnalysis) -> list:
    """The size a method of the model hands torchsummary or torchinfo with the model itself
    (`summary(self, (1, 32, 32))`; `summary(self, self.input_dim)`, the attribute as the built
    model holds it). A literal size counts only in the class's own methods: a base class's
    method may be written for another of its subclasses; an attribute is the built model's own."""
    from convlint.source.input_hints import TOOLS

    if not isinstance(cls, LocalClass) or analysis.internal_error or analysis.root is None \
            or getattr(cls.scope, "parsed", None) is not parsed:
        return []
    attrs = {**{name: value for klass in reversed(cls.mro()) for name, value in klass.namespace.items()},
             **analysis.root.attrs}
    for klass in cls.mro():
        if getattr(klass.scope, "parsed", None) is not parsed or not isinstance(klass.node.body, cst.IndentedBlock):
            continue
        for method in klass.node.body.body:
            if not isinstance(method, cst.FunctionDef) or method.decorators or not method.params.params:
                continue
            receiver = method.params.params[0].name.value
            imported = _local_imports(method)
            # (the class itself handed over in its own methods, `summary(DanQ, (4, 1000))` in its
            # __str__: the size its author states, as of the receiver)
            for call in _calls_on(method, receiver, cls.name if klass is cls else None):
                func = call.func
                written = dotted_name(func) if isinstance(func, (cst.Name, cst.Attribute)) else ""
                root, _, rest = written.partition(".")
                value = TorchRef(".".join(filter(None, (imported[root], rest)))) if root in imported \
                    else interpreter._peeked_value(func, cls.scope)
                tool = TOOLS.get(value.qualified) if isinstance(value, TorchRef) else None
                if tool is None or tool[0] not in ("torchinfo", "torchsummary") or any(a.star for a in call.args) \
                        or any(a.keyword is not None and a.keyword.value == "batch_dim" for a in call.args):
                    continue  # (torchinfo's batch_dim adds a batch dim of its own)
                size = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "input_size"),
                            None) or (call.args[1].value if len(call.args) > 1 and call.args[1].keyword is None
                                      else None)
                size = _unparenthesized(size) if size is not None else None
                if isinstance(size, cst.Attribute) and isinstance(size.value, cst.Name) \
                        and size.value.value == receiver:
                    dims = attrs.get(size.attr.value)
                elif klass is cls:
                    dims = _literal_sizes(size)
                else:
                    continue
                if isinstance(dims, list) and len(dims) == 1 and isinstance(dims[0], tuple):
                    dims = dims[0]  # [(1, 28, 28)]: one input
                elif isinstance(dims, list) and tool[0] == "torchsummary":
                    continue  # torchsummary iterates a list: a list of ints is not a size there
                if not isinstance(dims, (tuple, list)) or not dims or not all(
                        isinstance(d, int) and not isinstance(d, bool) and d >= 1 for d in dims):
                    continue
                shape = (Sym("N"), *dims) if tool[0] == "torchsummary" else tuple(dims)  # torchsummary's batch: -1
                if not 2 <= len(shape) <= 5:
                    continue
                return [(shape, InputSource(tool[0], line=parsed.span_of(call).line,
                                            text=parsed.module.code_for_node(call).strip()))]
    return []


def _example_input(interpreter: Interpreter, parsed: ParsedFile, cls, analysis: ModelAnalysis) -> list:
    """A LightningModule's `self.example_input_array = torch.zeros(2, 1, 28, 28)`: the input
    Lightning runs its forward on to summarise it, as the built model holds it."""
    if not isinstance(cls, LocalClass) or analysis.internal_error or analysis.root is None \
            or getattr(cls.scope, "parsed", None) is not parsed or not interpreter._lightning_module(analysis.root):
        return []
    example = analysis.root.attrs.get("example_input_array")
    dims = example.shape.dims if isinstance(example, Tensor) and example.shape is not None \
        else example.shape if isinstance(example, KnownTensor) else None  # (torch.zeros(...): values known)
    if dims is None or not 2 <= len(dims) <= 5 or not all(
            isinstance(d, int) and not isinstance(d, bool) and d >= 1 for d in dims):
        return []
    for statement in walk_statements(cls.node):  # (where it is set, for the message)
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and any(
                    isinstance(t.target, cst.Attribute) and t.target.attr.value == "example_input_array"
                    for t in small.targets):
                return [(tuple(dims), InputSource("example", line=parsed.span_of(small).line,
                                                  text=parsed.module.code_for_node(small).strip()))]
    return []


def _local_imports(method: cst.FunctionDef) -> dict[str, str]:
    """`from torchsummary import summary`, `import torchinfo` inside the method: local name -> qualified name."""
    found: dict[str, str] = {}
    for line in method.body.body if isinstance(method.body, cst.IndentedBlock) else ():
        for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Import):
                for alias in small.names:
                    dotted = dotted_name(alias.name)
                    if alias.asname is not None:
                        found[alias.asname.name.value] = dotted
                    else:
                        found[dotted.split(".")[0]] = dotted.split(".")[0]
            if isinstance(small, cst.ImportFrom) and small.module is not None and not small.relative \
                    and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    if isinstance(alias.name, cst.Name):
                        local = alias.asname.name.value if alias.asname is not None else alias.name.value
                        found[local] = f"{dotted_name(small.module)}.{alias.name.value}"
    return found


def _calls_on(method: cst.FunctionDef, receiver: str, own_class: str | None = None) -> list[cst.Call]:
    """The calls of the method handed its receiver first (`summary(self, ...)`), or the class it is
    a method of (`own_class`), not in nested defs."""
    found: list[cst.Call] = []

    class Visitor(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is method

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

        def visit_Call(self, node: cst.Call) -> None:
            if node.args and node.args[0].keyword is None and not node.args[0].star \
                    and isinstance(node.args[0].value, cst.Name) \
                    and node.args[0].value.value in (receiver, own_class):
                found.append(node)

    method.visit(Visitor())
    return found


def _literal_sizes(node: cst.BaseExpression | None):
    """(1, 32, 32), [(1, 32, 32)], [1, 3, 32, 32] written out: as tuples and lists of ints; None otherwise."""
    node = _unparenthesized(node) if node is not None else None
    if isinstance(node, cst.Integer):
        return int(node.evaluated_value)
    if isinstance(node, (cst.Tuple, cst.List)) and not any(isinstance(e, cst.StarredElement) for e in node.elements):
        items = [_literal_sizes(e.value) for e in node.elements]
        return None if any(item is None for item in items) else tuple(items) if isinstance(node, cst.Tuple) else items
    return None


def _unparenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.with_changes(lpar=(), rpar=()) if getattr(node, "lpar", None) else node


def _stated_size(attrs: dict, stated):
    """What an assert compares a size with, on the built model: an int, `self.side`, `self.size[0]`."""
    if isinstance(stated, str):
        return attrs.get(stated)
    if isinstance(stated, tuple):
        name, item = stated
        items = attrs.get(name)
        return items[item] if isinstance(items, (tuple, list)) and -len(items) <= item < len(items) else None
    return stated


MAX_CONTRACT_SIDE = 4096  # input sides searched for those a squeeze or an assert leaves running
SIDE_WORDS = {"H": "tall", "W": "wide", "D": "deep", "L": "long"}


def _squeezed_input(interpreter: Interpreter, parsed: ParsedFile, symbolic: ModelAnalysis, built_with: list):
    """With no size given or found, the input sides forward() runs on only where a size it makes is
    1: squeezed (`x.squeeze(3)` of the IMU layout N x C x T x 1; `conv.squeeze(2)` of a CRNN's map,
    H/32 high) where a run with that dim kept (torch's squeeze of a size other than 1) fails too, or
    asserted (`b, c, h, w = conv.size(); assert h == 1`). The input is taken at the smallest such side
    (H/32 == 1: 32 to 63 tall), where the errors are those of the largest, so of every side between
    (no layer's size shrinks as its input grows): whatever the size, the model does not run, and the
    findings are shown on a size the code means."""
    seen = symbolic.input_shape.dims if symbolic.input_shape is not None else None
    if seen is None or symbolic.internal_error or symbolic.stopped or symbolic.root is None \
            or getattr(interpreter, "parsed", None) is not parsed:
        return None  # (a squeeze in another file: its line is not this file's)
    contracts = [(dim, 1, node, "squeeze") for dim, node in symbolic.squeezed] + \
        [(dim, value, node, "assert") for dim, value, node in symbolic.asserted
         if symbolic_side(dim, seen) is not None]  # (`assert b == 1` of the batch: no side of it)
    if not contracts:
        return None
    sides: dict[str, range] = {}
    for dim, value, _, _ in contracts:
        side = symbolic_side(dim, seen)
        if side is None:
            return None
        ranges = _sides_where(dim, value)
        if ranges is None:
            return None
        sides[side] = range(max(sides[side].start, ranges.start), min(sides[side].stop, ranges.stop)) \
            if side in sides else ranges
        if not sides[side]:
            return None  # no side runs both (an error for every size, not said here)
    asserted = {dim for dim, _, _, kind in contracts if kind == "assert"}
    kept = {dim for dim, _, _, kind in contracts if kind == "squeeze" and dim not in asserted}
    if len(kept) > 1:
        return None
    if kept:  # run with that dim kept: every size it is not 1 at must fail as well
        (dim,) = kept
        interpreter.squeeze_keeps = dim
        try:
            run = _rerun_on(interpreter, symbolic, seen, built_with)
        finally:
            interpreter.squeeze_keeps = False
        if run.internal_error or run.stopped or not (_has_an_error(run) or run.refused is not None):
            return None

    def at(pick) -> tuple:
        return tuple(pick(sides[d.base]) if isinstance(d, Sym) and d.base in sides else d for d in seen)

    low, high = at(lambda r: r.start), at(lambda r: r.stop - 1)
    if low != high:
        first, last = (_rerun_on(interpreter, symbolic, dims, built_with) for dims in (low, high))
        if any(run.internal_error or run.stopped for run in (first, last)) \
                or _error_findings(first) != _error_findings(last):
            return None  # an error at some of these sides only: not the model's at every size
    dim, value, node, kind = contracts[0]
    text = parsed.module.code_for_node(node).strip()
    plain = all(isinstance(d, Sym) and d.base in sides and (d.scale, d.offset, d.divisor) == (1, 0, 1)
                for d, _, _, _ in contracts)
    if plain and kind == "squeeze":
        text = f"{text}, of a size 1 there (any other fails as well)"
    elif not plain:
        said = "; ".join(f"{'inputs ' + str(r.start) if len(r) == 1 else f'inputs {r.start} to {r.stop - 1}'} "
                         f"{SIDE_WORDS.get(side, side)}" for side, r in sides.items())
        fact = f"{dim} == {value}"
        text = f"{text}, of a size 1 there ({fact}: {said}; any other fails as well)" if kind == "squeeze" \
            else f"{text} ({fact}: {said})"
    return low, InputSource(kind, line=parsed.span_of(node).line, text=text)


def symbolic_side(dim, seen: tuple) -> str | None:
    """The input side (a symbol of `seen`, not the batch's) a non-opaque symbolic dim is made of."""
    side = symbolic.symbol_of(dim)
    if side is None or side == "N" or Sym(side) not in seen or seen.count(Sym(side)) != 1:
        return None
    return side


def _sides_where(dim: Sym, value: int) -> range | None:
    """The input sides at which the dim is `value`, one run of them (floors of a monotone dim); None
    where not one such run is found below MAX_CONTRACT_SIDE."""
    if not symbolic.is_monotone(dim):
        return None
    start = symbolic.lowest_valid(dim)
    if start is None:
        return None
    found = [side for side in range(max(start, 1), MAX_CONTRACT_SIDE) if symbolic.evaluate(dim, side) == value]
    if not found or found[-1] == MAX_CONTRACT_SIDE - 1 or found != list(range(found[0], found[-1] + 1)):
        return None
    return range(found[0], found[-1] + 1)


def _error_findings(analysis: ModelAnalysis) -> frozenset | None:
    """The errors the checks find in a run, each with its numbers but the input's own (None where a
    check fails)."""
    from convlint.checks.registry import CheckRun, all_checks
    from convlint.rulespec import load_rules

    rules, run, found = load_rules(), CheckRun("", analysis.certain()), set()
    for code, function in all_checks().items():
        if code not in rules or rules[code].severity != "error":
            continue
        try:
            for finding in function(run):
                found.add((code, finding.span, finding.variant,
                           tuple(sorted((k, str(v)) for k, v in finding.values.items() if k != "input"))))
        except Exception:
            return None
    return frozenset(found) | ({("assert", analysis.failed_assert)} if analysis.failed_assert is not None else set()) \
        | ({("refused", analysis.refused)} if analysis.refused is not None else set())


def _has_an_error(analysis: ModelAnalysis) -> bool:
    """Whether a check finds an error in the run (as reported, the rank errors of a rank chosen
    by the first layer left out)."""
    from convlint.checks.registry import CheckRun, all_checks
    from convlint.rulespec import load_rules

    if analysis.failed_assert is not None:
        return True
    rules, run = load_rules(), CheckRun("", analysis.certain())
    for code, function in all_checks().items():
        if code not in rules or rules[code].severity != "error":
            continue
        try:
            for finding in function(run):
                if not (analysis.rank_assumed and (code == "CL108" or (code, finding.variant) == ("CL104", "rank"))):
                    return True
        except Exception:  # a check's own failure is reported where the model's findings are
            continue
    return False


def _probed_input(parsed: ParsedFile, symbolic: ModelAnalysis):
    """With no size given or found, the size the constructor ran its first layers on to size a
    later one (`x = self.features(torch.rand(1, 1, C, T)); n = x.numel()` then `nn.Linear(n, 4)`,
    the `_get_conv_output` of audio and EEG nets): forward's first layer on the input ran in
    __init__ on a tensor of known size, so the input is that size, on any batch."""
    seen = symbolic.input_shape.dims if symbolic.input_shape is not None else None
    if seen is None:
        return None
    probed = symbolic.calls[:symbolic.construction_calls]
    leaves = [c for c in symbolic.calls[symbolic.construction_calls:]
              if not c.node.children and not isinstance(c.node.cls, LocalClass)]
    first = min(leaves, key=lambda c: c.start, default=None)
    if first is None or first.input.shape.dims != seen:
        return None  # (the symbolic input, settled by its first layer: the same dims, another tensor)
    # (a probe sized by required arguments, `torch.zeros(1, 1, n_channels, n_times)`: the input is
    # that size for every value of them, checked as a width made of one is)
    runs = [c for c in probed if c.node is first.node and not c.speculative and c.input.shape.dims
            and all(isinstance(d, int) or _an_argument_itself(d, symbolic.argument_symbols)
                    for d in c.input.shape.dims)]
    sizes = {c.input.shape.dims for c in runs}
    if len(sizes) != 1:
        return None  # none, or probes of two sizes: no guess
    (dims,) = sizes
    if len(dims) != len(seen) or any(is_known(s) and s != d for s, d in zip(seen[1:], dims[1:])):
        return None
    line = runs[0].span.line
    return (Sym("N"), *dims[1:]), InputSource("probe", line=line,
                                               text=parsed.text.splitlines()[line - 1].split("  #")[0].strip())


def _an_argument_itself(dim, arguments: tuple) -> bool:
    """A dim that is a required constructor argument as it is (`n_times`), not a width made of one."""
    return isinstance(dim, Sym) and not dim.opaque and isinstance(dim.base, str) and dim.base in arguments \
        and (dim.scale, dim.offset, dim.divisor) == (1, 0, 1)


def _configured_input(interpreter: Interpreter, parsed: ParsedFile, cls, symbolic: ModelAnalysis):
    """With no size given or found, the one input size the file's configuration tables state
    (`'input_size': [3, 221, 221]` of a model zoo's pretrained settings), for a model of the file
    whose first layer takes those channels. Tables of two sizes: no guess."""
    from convlint.source.configured_sizes import configured_sizes

    seen = symbolic.input_shape.dims if symbolic.input_shape is not None else None
    if seen is None or len(seen) != 4 or not isinstance(seen[1], int) or not isinstance(cls, LocalClass) \
            or symbolic.built_with is not None or symbolic.internal_error \
            or getattr(cls.scope, "parsed", None) is not parsed:
        return None
    key = ("configured sizes", id(parsed.module))
    if key not in interpreter.walk_cache:
        interpreter.walk_cache[key] = (parsed.module, configured_sizes(parsed.module))
    found = interpreter.walk_cache[key][1]
    if len({size.dims for size in found}) != 1 or found[0].dims[0] != seen[1]:
        return None
    node = found[0].node
    return (Sym("N"), *found[0].dims), InputSource("configured", line=parsed.span_of(node).line,
                                                   text=parsed.module.code_for_node(node).strip().rstrip(","))


def _documented_input(parsed: ParsedFile, cls, symbolic: ModelAnalysis):
    """With no size given or found, the size the model's docstring (or its forward's) states
    (`Input - 1x32x32` of LeNet-5), where its channels are the ones the first layer takes (or it
    states the sides alone) and its rank is the input's."""
    from convlint.source.documented_sizes import documented_input

    seen = symbolic.input_shape.dims if symbolic.input_shape is not None else None
    if seen is None or len(seen) not in (3, 4, 5) or not isinstance(cls, LocalClass) \
            or symbolic.built_with is not None or symbolic.internal_error \
            or getattr(cls.scope, "parsed", None) is not parsed:
        return None
    forward = cls.forward_method()
    nodes = [cls.node, *([forward.node] if isinstance(forward, LocalFunction) and
                         getattr(forward.scope, "parsed", None) is parsed else [])]
    for node in nodes:
        docstring = node.get_docstring(clean=False) if isinstance(node, (cst.ClassDef, cst.FunctionDef)) else None
        found = documented_input(docstring) if docstring else None
        if found is None:
            continue
        sizes, text = found
        if len(sizes) == len(seen) - 1 and isinstance(seen[1], int) and sizes[0] == seen[1]:
            dims = (Sym("N"), *sizes)
        elif len(sizes) == len(seen) - 2 and isinstance(seen[1], (int, Sym)):
            dims = (Sym("N"), seen[1], *sizes)
        else:
            return None  # another rank, or channels the first layer does not take: not this model's input
        statement = node.body.body[0]  # the docstring's: get_docstring found it first in the body
        line = parsed.span_of(statement).line + next(
            (i for i, row in enumerate(parsed.module.code_for_node(statement).splitlines()) if text in row), 0)
        return dims, InputSource("docstring", line=line, text=text)
    return None


def _arguments_probed_at_the_input(cls: LocalClass, analysis: ModelAnalysis) -> dict[str, int] | None:
    """The required arguments the constructor sized a probe tensor with (`torch.zeros((1, 1,
    n_channels, n_samples))` run through the layer forward() first runs), read off the input
    forward() gave that layer: {n_channels: 22, n_samples: 1000}. None where no probe ran that
    layer, or its fixed sizes or two probes disagree with the input."""
    required = set(_required_parameters(cls))
    probed = analysis.calls[:analysis.construction_calls]
    leaves = [c for c in analysis.calls[analysis.construction_calls:]
              if not c.node.children and not isinstance(c.node.cls, LocalClass) and not c.speculative]
    first = min(leaves, key=lambda c: c.start, default=None)
    seen = first.input.shape.dims if first is not None and first.input is not None else None
    if seen is None or not all(is_known(d) for d in seen):
        return None
    found: dict[str, int] = {}
    for call in probed:
        dims = call.input.shape.dims if call.node is first.node and not call.speculative and call.input else None
        if dims is None:
            continue
        if len(dims) != len(seen):
            return None
        for dim, size in zip(dims[1:], seen[1:]):  # (a probe's batch of 1 is any batch)
            if is_known(dim):
                if dim != size:
                    return None
            elif isinstance(dim, Sym) and isinstance(dim.base, str) and not dim.opaque and dim.base in required \
                    and (dim.scale, dim.offset, dim.divisor) == (1, 0, 1):
                if found.setdefault(dim.base, size) != size:
                    return None
    return found or None


def _arguments_the_input_gives(cls: LocalClass, analysis: ModelAnalysis, why: list) -> dict[str, int] | None:
    """{c: 64} where the first layer forward() runs takes the model's input as it came and its
    input width is a required argument written alone (`Conv2d(c, c // 8, 1)` given 64 channels):
    torch runs that input only with c = 64 (said in `why`). None otherwise."""
    from convlint import layers

    first = _first_call_on_the_input(analysis)
    if first is None or first.speculative or not first.input.shape.dims:
        return None
    record, shape = first.record, first.input.shape
    if field_of(record, "in_channels") is not None and field_of(record, "groups", 1) == 1:
        ndim = field_of(record, "ndim")
        wanted, arriving = record.in_channels, layers.channel_dim(shape, ndim) if ndim else None
    elif field_of(record, "in_features") is not None:
        wanted, arriving = record.in_features, shape.dims[-1]
    else:
        return None
    if not (isinstance(wanted, Sym) and isinstance(wanted.base, str) and not wanted.opaque
            and (wanted.scale, wanted.offset, wanted.divisor) == (1, 0, 1)
            and wanted.base in _required_parameters(cls)):
        return None
    if not (is_known(arriving) and arriving > 0):
        return None
    why.append(f"the width the input gives {first.node.label}, the first layer")
    return {wanted.base: arriving}


def _built_with_probed_arguments(interpreter: Interpreter, cls: LocalClass, analysis: ModelAnalysis,
                                 probed: dict[str, int], shape, source,
                                 why: str = "the sizes the constructor's probe tensor gives the input") -> ModelAnalysis | None:
    """The model built again with the arguments its probe and the input give, run on that input;
    None where that build does not run (the input analysed as it was)."""
    positional = _required_split(cls)[0]
    args, kwargs = _argument_symbols(cls, _classes_passed(interpreter, interpreter.parsed, cls))
    symbols = dict(zip(positional, args)) | kwargs
    again = _built_with(interpreter, cls, analysis, symbols | probed, positional, shape,
                        _symbol_names(symbol for name, symbol in symbols.items() if name not in probed))
    if again.internal_error or again.stopped or again.root is None:
        return None
    again.input_source = source
    again.unresolved = [u for u in again.unresolved if "required constructor arguments not given" not in u.why]
    again.assumed.append(", ".join(f"{name}={size}" for name, size in probed.items())
                         + f": {why}")
    return again


def _built_with_json(cls: LocalClass, args: list, kwargs: dict) -> dict | None:
    """How the model was built, as JSON (_as_json). With arguments not known, those named under
    "unknown" and the known ones by keyword: --confirm builds it with its defaults for the others
    (a finding made of known values only is there for any of them); with no parameter to name an
    argument by, only "unknown": nothing to build."""
    if _known_whole(args, kwargs):
        return _as_json({"args": args, "kwargs": kwargs})
    by_parameter = _by_parameter(cls, list(enumerate(args)) + list(kwargs.items())) or {}
    unknown = [name for name, value in by_parameter.items() if first_unknown(value) is not None]
    known = _as_json({name: value for name, value in by_parameter.items() if first_unknown(value) is None})
    if not by_parameter or known is None:
        return {"unknown": unknown or ["an argument"]}
    return {"args": [], "kwargs": known, "unknown": unknown}


def _split_partial(constructions: dict[str, list]) -> tuple[dict[str, list], dict[str, list]]:
    """The classes with a construction whose arguments are all known, and the others."""
    whole = {name: made for name, made in constructions.items() if any(_known_whole(a, k) for a, k, _ in made)}
    return whole, {name: made for name, made in constructions.items() if name not in whole}


def _whole_constructions(constructions: dict[str, list]) -> dict[str, list]:
    """Only the constructions whose arguments are all known (a factory is not built with a value
    not known)."""
    out = {name: [entry for entry in made if _known_whole(*entry[:2])] for name, made in constructions.items()}
    return {name: made for name, made in out.items() if made}


def _known_whole(args: list, kwargs: dict) -> bool:
    return all(first_unknown(value) is None for value in (*args, *kwargs.values()))


def _add_constructions(known: list, more: list, limit: int = 3) -> None:
    """`more` constructions after `known` ones, distinct ones only (an argument not known matches
    one not known), at most `limit` in all."""
    def key(entry) -> str:
        return repr(([_as_hinted(v) for v in entry[0]], sorted((k, _as_hinted(v)) for k, v in entry[1].items())))

    for entry in more:
        if len(known) < limit and all(key(entry) != key(seen) for seen in known):
            known.append(entry)


def _as_json(value):
    """Constructor arguments for --confirm's child: literals as they are, a class or function of
    the file by its name; None when something else is among them."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (LocalClass, LocalFunction)):
        return {"$name": value.node.name.value}
    if isinstance(value, (list, tuple)):
        items = [_as_json(v) for v in value]
        if any(i is None and v is not None for i, v in zip(items, value)):
            return None
        return items if isinstance(value, list) else {"$tuple": items}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        items = {k: _as_json(v) for k, v in value.items()}
        if any(items[k] is None and value[k] is not None for k in value):
            return None
        return items
    return None


def _project_constructions(interpreter: Interpreter, parsed: ParsedFile, names: set[str], settings, imported,
                           classes) -> dict[str, list]:
    """The literal constructor arguments the project's other files build these models with: first
    those of the instances they feed an input (where a size comes from), then any other. One not
    a literal (`Net(in_ch=1, num_classes=n)`, n from sys.argv) is an Unknown that says where it is
    passed, where a known one says more than the default build."""
    out: dict[str, list] = {}
    by_name = {c.name: c for c in classes}
    for name, found in _project_hints(interpreter, parsed, names, settings, imported, unfed=True).items():
        for _, source, arguments in found:
            for passed in _passed_in_its_function(interpreter, name, arguments, source) or [arguments]:
                entry = _construction_of_hint(interpreter, by_name[name], passed, source)
                if entry is not None:
                    _add_constructions(out.setdefault(name, []), [entry])
    return {name: made for name, made in out.items() if made}


def _passed_in_its_function(interpreter: Interpreter, name: str, arguments: tuple, source) -> list[tuple] | None:
    """The arguments another file's construction passes where it reads some from the locals of
    the function it is in (a factory's `config[model_name]`, a list made from it): that file
    loaded and the function followed as _constructions_in_functions follows one, a list per run of
    the call; a value not plain data stays not known. None where the hint knew every argument, or
    the call is not found in a function there."""
    from convlint.source.constructions import find_constructions
    from convlint.source.input_hints import UNKNOWN

    if not arguments or all(value is not UNKNOWN for _, value in arguments) or any(key == "*" for key, _ in arguments) \
            or source is None or not source.path:
        return None
    try:
        unit = interpreter.imports.load(Path(source.path), interpreter)
        if unit is None or unit is interpreter.module_scope:
            return None
        calls = [call for call in find_constructions(unit.parsed.module, {name}).get(name, [])
                 if unit.parsed.span_of(call).line == source.line] if source.kind == "construction" else []
        read = _constructions_in_functions(interpreter, unit.parsed, calls, unit, classes={name})
        if not any(read.get((id(call), name), read.get(id(call))) for call in calls):
            # (a call in a trainer's `__init__`, or in a `main(args)` the `__main__` block runs: as it runs)
            # (`from model import NetworkImageNet as Network`, then `Network(...)`: the name it is called by)
            called = {name} | _imported_as(unit.parsed.module, name)
            calls = calls or _calls_at(interpreter, unit.parsed, called, source.line if source.kind == "construction" else None)
            if len(calls) != 1:  # (a model fed there: the one build of it the file writes)
                return None
            held = [made for made_by in (_constructions_in_plain_holders(interpreter, unit.parsed, called, HOLDER_BUILDS,
                                                                         unit, {id(call) for call in calls}),)
                    for alias in sorted(called) for made in made_by.get(alias, [])] \
                or [made for made_by in (_constructions_in_main_calls(interpreter, unit.parsed, called, HOLDER_BUILDS,
                                                                      unit, {id(call) for call in calls}),)
                    for alias in sorted(called) for made in made_by.get(alias, [])]
            read = {id(call): [(args, kwargs) for args, kwargs, made in held if made is call] for call in calls}
    except Exception:  # reading another file never fails this one
        return None
    out = []
    for call in calls:
        for args, kwargs in read.get((id(call), name), read.get(id(call), ())):
            passed = tuple((key, value if _plain_data(value) else _plain_with_unknowns(value, UNKNOWN))
                           for key, value in [*enumerate(args), *kwargs.items()])
            if passed not in out:
                out.append(passed)
    return out or None


HOLDER_BUILDS = 3  # builds of a plain class followed for the models it makes


def _imported_as(module: cst.Module, name: str) -> set[str]:
    """The names a module's top-level `from ... import name as other` binds the class to."""
    return {alias.asname.name.value for statement in module.body if isinstance(statement, cst.SimpleStatementLine)
            for small in statement.body if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar)
            for alias in small.names if isinstance(alias.name, cst.Name) and alias.name.value == name
            and alias.asname is not None and isinstance(alias.asname.name, cst.Name)}


def _calls_at(interpreter: Interpreter, parsed: ParsedFile, names: set[str], line: int | None) -> list[cst.Call]:
    """The calls of one of `names` (or `module.name`) written on that line of the file (None: anywhere)."""
    return [node for node in _calls_in(parsed.module, interpreter.walk_cache)
            if (dotted_name(node.func) or "").rsplit(".", 1)[-1] in names
            and (line is None or parsed.span_of(node).line == line)]


def _plain_data(value) -> bool:
    """A value another file's code passes that means the same here: numbers, strings, None, and
    lists, tuples and dicts of them, a range (DARTS' `normal_concat=range(2, 6)`), a namedtuple of
    them (no other object of that file's, no value not known)."""
    if value is None or isinstance(value, (bool, int, float, str, range)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain_data(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain_data(item) for key, item in value.items())
    return False


def _plain_with_unknowns(value, otherwise):
    """A dict or list of plain data with some values not known (a config `{"flc": [32, 64], "latent":
    cfg.get("latent")}`): that data, each value not known `otherwise` (_parts_as_symbols); else `otherwise`."""
    def plain(item):
        if isinstance(item, Unknown):
            return otherwise
        if _plain_data(item):
            return item
        if isinstance(item, (list, tuple)):
            return type(item)(plain(i) for i in item)
        if isinstance(item, dict) and all(isinstance(key, str) for key in item):
            return {key: plain(i) for key, i in item.items()}
        raise ValueError

    if not isinstance(value, (dict, list, tuple)):
        return otherwise
    try:
        return plain(value)
    except ValueError:
        return otherwise


def _parts_as_symbols(cls: LocalClass, key: int | str, value):
    """A list or dict another file passes with some values not known (UNKNOWN): each such value
    the symbol the default build gives that part of the argument (`cfg.latent`), so a width made of
    it is checked for every value, as there."""
    from convlint.source.input_hints import UNKNOWN

    def parts(item, symbol):
        if item is UNKNOWN:
            return symbol if symbol is not None else Unknown("a value another file passes, not known statically")
        if isinstance(item, dict):
            return {k: parts(v, symbol and symbolic.part_of_argument(symbol, k)) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return type(item)(parts(v, symbol and symbolic.part_of_argument(symbol, i)) for i, v in enumerate(item))
        return item

    if not isinstance(value, (dict, list, tuple)):
        return value
    named = _by_parameter(cls, [(key, None)]) if isinstance(cls, LocalClass) else None
    return parts(value, argument_symbol(next(iter(named))) if named else None)


def _takes(cls: LocalClass, arguments) -> bool:
    """Whether the constructor takes these (position or keyword, value) pairs: `Net(width=2)` of a
    Net with no `width` parameter is a TypeError, no model; of a factory function, its own."""
    init = cls if isinstance(cls, LocalFunction) else cls.lookup("__init__")
    if not isinstance(init, LocalFunction):
        return False
    params = init.node.params
    ordered = [p.name.value for p in (*params.posonly_params, *params.params)][0 if init is cls else 1:]
    keywords = {p.name.value for p in (*params.params, *params.kwonly_params)}
    return all(key < len(ordered) or isinstance(params.star_arg, cst.Param) if isinstance(key, int)
               else key in keywords or params.star_kwarg is not None for key, _ in arguments) \
        and not _misses_a_required(cls, sum(isinstance(key, int) for key, _ in arguments),
                                   {key for key, _ in arguments if isinstance(key, str)})


def _misses_a_required(cls: LocalClass | LocalFunction, positional: int, keywords: set[str]) -> bool:
    """Whether a call with `positional` arguments and these keywords (no `*` or `**` spread) leaves a
    required parameter without a value: `VGG(num_classes=10)` of `VGG(depth, num_classes=10)`, in a
    branch for the models of a table that take no depth, is a TypeError, no model (taken for one, it
    would hide the default build that tries every depth)."""
    required_positional, required_keywords = _required_split(cls)
    return any(index >= positional and name not in keywords for index, name in enumerate(required_positional)) \
        or any(name not in keywords for name in required_keywords)


def _construction_of_hint(interpreter: Interpreter, cls: LocalClass, arguments: tuple, source) -> tuple | None:
    """(args, kwargs, the class's node) of an instance another file makes, its arguments as the
    hint reads them; None where it has none, passes `*args`, or adds nothing to the default build."""
    from convlint.source.input_hints import UNKNOWN

    if not arguments or any(key == "*" for key, _ in arguments) or not _takes(cls, arguments):
        return None
    where = "another file of the project" if source is None or not source.path \
        else f"{source.path}:{source.line}" if source.kind == "construction" \
        else f"{source.path}:{source.line}, to the instance fed there"
    # (a list or dict another file passes is copied: the hint is kept for the next analysis, and the
    # constructor may change what it is given)
    # (a class passed is the class itself, not a copy)
    values = [(key, _passed_unknown(cls, key, where) if value is UNKNOWN else value if isinstance(value, LocalClass)
               else _parts_as_symbols(cls, key, copy.deepcopy(value))) for key, value in arguments]
    args = [value for key, value in sorted((k, v) for k, v in values if isinstance(k, int))]
    kwargs = {key: value for key, value in values if isinstance(key, str)}
    if not _known_whole(args, kwargs) and not _adds_to_the_default(interpreter, cls, args, kwargs):
        return None
    return args, kwargs, cls.node


def _given_arguments(interpreter: Interpreter, classes: list, given: dict, node_of=None) -> dict[str, list]:
    """--model-args / model-args: the constructor arguments the user gives, over those in the code;
    a bare name is a class or function of the file."""
    out: dict[str, list] = {}
    for cls in classes:
        if cls.name not in given or len(given[cls.name]) != 2:  # `Net.from_name(...)`: _built_by_class_factories
            continue
        args, kwargs = given[cls.name]
        scope = _with_project_modules(interpreter, args, kwargs)

        def value(item):
            if isinstance(item, tuple) and len(item) == 2 and item[0] == "$name":
                return interpreter.eval(cst.Name(item[1]), scope)
            if isinstance(item, tuple) and len(item) == 2 and item[0] == "$expr":
                return interpreter.eval(cst.parse_expression(item[1]), scope)
            if isinstance(item, list):
                return [value(i) for i in item]
            if isinstance(item, tuple):
                return tuple(value(i) for i in item)
            return item

        out[cls.name] = [([value(a) for a in args], {k: value(v) for k, v in kwargs},
                          node_of(cls) if node_of else cls.node)]
    return out


def _with_project_modules(interpreter: Interpreter, args, kwargs):
    """The scope --model-args' expressions are evaluated in: the file's names, and each module of
    the project an expression names that the file does not bind (`genotypes.PCDARTS`, where only
    the training script imports `genotypes`), imported as the script imports it. A name that is no
    module of the project stays unbound: not known."""
    from convlint.evaluator.interpreter import Scope

    def expressions(item):
        if isinstance(item, tuple) and len(item) == 2 and item[0] == "$expr":
            yield item[1]
        elif isinstance(item, (list, tuple)):
            for inner in item:
                yield from expressions(inner)

    roots = set()
    for text in [e for item in (*args, *(v for _, v in kwargs)) for e in expressions(item)]:
        try:
            root = cst.parse_expression(text)
        except Exception:
            continue
        roots |= {node.value.value for node in walk_statements(root)
                  if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)}
    scope = Scope(interpreter.module_scope)
    for name in sorted(roots):
        if interpreter.global_value(name) is not MISSING or name in interpreter.module_scope.names:
            continue
        try:
            found = interpreter.imports.find(name, 0, interpreter.parsed)
        except Exception:
            found = None
        if found:
            scope.names[name] = interpreter.import_by_name(name)
    return scope


def _built_by_class_factories(interpreter: Interpreter, built: list, given: dict, counted: dict) -> None:
    """A class built by default whose constructor fails its assert there (`assert isinstance(
    blocks_args, list)` of a None default), or one given as `--model-args 'Net.from_name(...)'`:
    built instead through the classmethod or staticmethod that builds it, with the arguments the
    code names (class_factories); the first that builds it, assert-free, replaces the default build."""
    for index, (cls, analysis) in enumerate(built):
        if not isinstance(cls, LocalClass) or analysis.built_with is not None or analysis.root is None:
            continue
        spec = given.get(cls.name)
        if spec is not None and len(spec) == 3:
            method = class_factories.method_named(cls, spec[2])
            trials = [(method, *_given_arguments(interpreter, [cls], {cls.name: spec[:2]})[cls.name][0][:2])] \
                if method is not None else []
        elif analysis.failed_assert is not None and spec is None:
            trials = [(method, args, kwargs) for method in class_factories.factory_methods(cls)
                      for args, kwargs in class_factories.argument_lists(
                          interpreter, cls, method, _main_block_scopes(interpreter, interpreter.parsed))]
        else:
            continue
        for method, args, kwargs in trials[:class_factories.MAX_TRIALS]:
            trial = ModelAnalysis(cls.name, analysis.span)
            interpreter.loop_counts = set()
            interpreter.int_arguments = set()
            with _guarded(interpreter, trial):
                made = class_factories.call_factory(interpreter, cls, method, args, kwargs)
            interpreter.analysis = None
            if not isinstance(made, ModuleNode) or made.cls is not cls or trial.failed_assert is not None \
                    or trial.internal_error or trial.stopped:
                continue
            assign_paths(made)
            trial.root = made
            trial.built_with = _as_json({"factory": method.name, "args": list(args), "kwargs": dict(kwargs)})
            trial.assumed.append(f"built as {cls.name}.{method.name}({', '.join(map(repr, args))}"
                                 f"{', ' if args and kwargs else ''}{', '.join(f'{k}={v!r}' for k, v in kwargs.items())}),"
                                 " as its code offers, where its defaults fail its assert")
            counted[id(trial)] = set(interpreter.loop_counts)
            built[index] = (cls, trial)
            break


def _note_required_parameters(interpreter: Interpreter, cls: LocalClass, analysis: ModelAnalysis,
                              passed: dict | None = None, annotated: frozenset = frozenset()) -> None:
    """A model built with no arguments: the constructor parameters nothing supplies are unknown,
    but for a block class every call of the file passes (said as assumed), and a config class
    its annotation names (_annotated_configs, said as assumed before)."""
    passed = passed or {}
    required = [name for name in _required_parameters(cls) if len(passed.get(name, ())) != 1 and name not in annotated]
    for name, found in passed.items():
        if len(found) == 1:
            analysis.assumed.append(f"{name}={found[0]!r}, {found[0].passed_at}")
    if required:
        interpreter.unresolved(cls.node.name, f"{cls.name}({', '.join(required)}): required constructor "
                                              "arguments not given; analysed with them unknown (a width "
                                              "made of one is checked for every value)")


def _rerunner(interpreter: Interpreter, analysis: ModelAnalysis, only: tuple | None = None):
    """Run the same built model's forward() on another input shape (input-size inference). `only`:
    a model fed several inputs is run again on its own inputs alone (the others' sizes are known
    for that one), any other shape given a run not followed."""

    def rerun(shape: tuple[int, ...], stop_at=None) -> ModelAnalysis:
        """`stop_at`: a layer call that surely runs and that it is true of ends the forward (one
        torch refuses, where whether the model stops at that size is all a caller asks); the
        calls recorded until then are kept."""
        again = ModelAnalysis(analysis.name, analysis.span, root=analysis.root,
                              constructed=analysis.constructed, forward_span=analysis.forward_span,
                              forward_bound=analysis.forward_bound)
        if only is not None:
            if shape is None or tuple(shape) != tuple(only):
                again.stopped = again.internal_error = "another size for the first input says nothing of the others"
                return again
            again.input_source = analysis.input_source
        interpreter.stop_at = stop_at
        try:
            with _guarded(interpreter, again):
                _run_forward(interpreter, analysis.root.cls, again, shape)
        except StopsHere:
            pass  # (_guarded reset the depths, as after a budget overrun)
        finally:
            interpreter.stop_at = None
        interpreter.analysis = None
        return again

    return rerun


TRIAL_COUNTS = (1, 2, 3, 4, 5, 6)
# the layers the count trials of one model may build, all its configurations together: every counted
# argument grows at once, so a stacked hourglass (stacks x depth x modules) builds tens of thousands
TRIAL_LAYER_BUDGET = 5000


def _counted_once_runner(interpreter: Interpreter, cls: LocalClass, analysis: ModelAnalysis, shape,
                         counted: set[tuple[str, Sym]]):
    """For a block its models build: the block built again with its counted loops run once, the
    other arguments symbols, made on the first call and kept (None where that build does not run)."""
    made: list = []

    def counted_once_run() -> ModelAnalysis | None:
        if not made:
            trials = _count_trials(interpreter, cls, analysis, shape, counted, counts=(1,))
            trial = trials[0][1] if trials else None
            made.append(None if trial is None or trial.stopped or trial.internal_error
                        or not isinstance(trial.root, ModuleNode) else trial)
        return made[0]

    return counted_once_run


def _count_trials(interpreter: Interpreter, cls: LocalClass, analysis: ModelAnalysis, shape,
                  counted: set[tuple[str, Sym]], fixed: dict | None = None, held: frozenset = frozenset(),
                  counts: tuple = TRIAL_COUNTS) -> list:
    """A model nothing builds whose loops count a required argument (`for i in range(n_block)`):
    the layers after such a loop are unknown for an unknown count, so the model is built again
    with each argument set so that its loops run TRIAL_COUNTS times (`num_downs` = 6 to 11 for
    `range(num_downs - 5)`), the other arguments still symbols. What fails for every one of them is
    reported, as what fails for every input size is. A loop that only a counted loop reaches
    (`range(num_layers)` in the blocks built by `range(num_blocks)`) is counted too. `fixed`: the
    arguments of a configuration the code names (`dataset='cifar10'`), kept as they are; `held`: those
    whose every value the code states (`assert depth in cfg`), left symbols here (a count would give
    them values the model refuses: _value_trials tries theirs)."""
    positional = _required_split(cls)[0]
    args, kwargs = _argument_symbols(cls, _classes_passed(interpreter, interpreter.parsed, cls))
    given = dict(zip(positional, args)) | kwargs
    # (a block class the file passes is built with as it is, as a configuration's values are)
    fixed = {name: value for name, value in given.items() if not isinstance(value, Sym)} | (fixed or {})
    names = {name: symbol for name, symbol in given.items() if name not in fixed}

    def owner(path: str) -> str | None:  # the parameter `args.n_resblocks` or `n_block` (or `len(setting)`) is of
        path = symbolic.length_of(path) or path
        return next((name for name, symbol in names.items() if name not in held and (path == str(symbol)
                     or path.startswith((f"{symbol}.", f"{symbol}[")))), None)

    def forms(found: set[tuple[str, Sym]]) -> dict[str, list[Sym]]:  # symbol -> the counts of its loops
        out: dict[str, list[Sym]] = {}
        for counted_symbol, form in found:
            # `range(int(math.log(scale, 2)))` counts `scale` (its value follows from the count)
            counted_symbol = (symbolic.logarithm_of(counted_symbol) or (counted_symbol,))[0]
            if owner(counted_symbol) is not None:
                out.setdefault(counted_symbol, []).append(form)
        return out

    def value(name: str, symbol: Sym, count: int) -> Any:
        """The argument counting `count`: a number, or an object whose counted attributes do."""
        paths = {path: found for path, found in shifts.items() if owner(path) == name}
        if str(symbol) in paths:
            return _value_counting(paths[str(symbol)], count)
        length = f"len({symbol})"
        if length in paths and len(paths) == 1:  # `for s in setting`: a list of that many symbols
            return [symbolic.part_of_argument(symbol, i) for i in range(_value_counting(paths[length], count))]
        if paths:  # `range(args.n_resblocks)`: args with n_resblocks counting, its other parts symbols
            return ArgumentParts(str(symbol), {path: _value_counting(found, count) for path, found in paths.items()})
        return symbol

    shifts = forms(counted)
    if not shifts or analysis.stopped or analysis.internal_error:
        return []
    spent = interpreter.trial_layers.setdefault(cls.name, [0])
    start = last = interpreter.layers_built
    for _ in range(3):
        trials, reached = [], set()
        counting = {owner(path) for path in shifts}
        for count in counts:
            # (a larger count builds at least as many layers as the last one did)
            if spent[0] + 2 * interpreter.layers_built - start - last > TRIAL_LAYER_BUDGET:
                spent[0] = TRIAL_LAYER_BUDGET + 1  # fewer counts would prove less: none is tried
                analysis.unresolved.append(Unresolved(analysis.span, "the loops counting a required argument "
                                                      "were not tried at every count: building the model that "
                                                      f"often takes over {TRIAL_LAYER_BUDGET} layers"))
                return []
            values = {name: value(name, symbol, count) for name, symbol in names.items()} | fixed
            symbols = tuple(str(symbol) for name, symbol in names.items() if name not in counting)
            last = interpreter.layers_built
            trial = _built_with(interpreter, cls, analysis, values, positional, shape, symbols)
            trial_shape = shape
            if shape is None and (channels := _channels_a_layer_fixes(trial)) is not None:
                # (a block whose only layers on its input are the branches the count builds, a pyramid
                # pooling's: the default build fixed no channels, a count's first conv does)
                counts_reached = interpreter.loop_counts
                again = _built_with(interpreter, cls, analysis, values, positional, channels, symbols)
                interpreter.loop_counts |= counts_reached
                if not (again.internal_error or again.stopped):
                    trial, trial_shape = again, channels
                    trial.channels_inferred = True
            trial.rerun = _rerunner(interpreter, trial)
            reached |= interpreter.loop_counts
            # (the blame of what every count meets reads the trial with the fewest blocks: its edits too)
            trial.edited_run = _edited_trial_runner(interpreter, cls, analysis, values, positional, trial_shape,
                                                    symbols)
            trials.append(({path: _value_counting(shifts[path], count) for path in sorted(shifts)}, trial))
        more = forms(reached)
        if all(name in shifts for name in more):
            break
        shifts = {**more, **shifts}
    spent[0] += interpreter.layers_built - start
    return trials


def _value_trials(interpreter: Interpreter, parsed: ParsedFile, cls: LocalClass, analysis: ModelAnalysis,
                  shape, strings_only: bool = False, inferred: bool = False, stated_only: bool = False) -> list:
    """A model nothing builds whose constructor switches on an argument (`if
    dataset.startswith('cifar'):`, `if bottleneck:`): built again with each value the code names
    for it (named_values), the other arguments still symbols, and its loops counted as
    _count_trials counts them. Each is a configuration the file says it supports:
    [({parameter: value}, the analysis, its count trials)]. `stated_only`: only the values of the
    parameters whose every value the code states (`assert depth in cfg`), on `shape`."""
    values = {} if stated_only else named_values(_python_tree(parsed), cls.name, parsed.span_of(cls.node.name).line)
    if not strings_only and not stated_only:
        values.update({name: found for name, found in _project_records(interpreter, parsed, cls).items()
                       if name not in values})
    if strings_only:
        values = {name: found for name, found in values.items() if all(isinstance(v, str) for v in found)}
    analysis.table_keyed = table_keyed(_python_tree(parsed), cls.name, parsed.span_of(cls.node.name).line)
    positional = _required_split(cls)[0]
    passed = _classes_passed(interpreter, parsed, cls) if isinstance(cls, LocalClass) and not strings_only else {}
    # `ResNet(BasicBlock, ...)` in one factory, `ResNet(Bottleneck, ...)` in another: built with each
    values.update({name: found for name, found in passed.items() if len(found) > 1})
    args, kwargs = _argument_symbols(cls, passed)
    symbols = dict(zip(positional, args)) | kwargs
    # `assert depth in cfg`: every value the constructor allows is tried, so that what fails for all
    # of them is known to fail for any depth a caller may give (pipeline._for_every_stated_value)
    domains = {} if strings_only else _tried_domains(parsed, cls)
    if not values and not domains or analysis.stopped or analysis.internal_error:
        return []
    trials = []
    # (a part of a required argument, `config.model.block_type`, is as required as the argument)
    # (`kwargs['name']` read of the constructor's `**kwargs` is as required: the model has no default)
    required_keys = required_keyword_keys(_python_tree(parsed), cls.name, parsed.span_of(cls.node.name).line)
    analysis.defaulted_named = frozenset(name for name in values if name.split(".")[0] not in symbols
                                         and name not in required_keys)
    if domains:
        chosen_ones = domain_configurations(values, {name: domain for name, (domain, _) in domains.items()},
                                            analysis.defaulted_named)
        analysis.stated_domains = {name: (domain, how, tuple(values.get(name, ()))) for name, (domain, how)
                                   in domains.items()}
    else:
        chosen_ones = configurations(values, analysis.defaulted_named)
    for chosen in chosen_ones:
        unknown = _symbol_names(symbol for name, symbol in symbols.items() if name not in chosen)
        images = _images_named(chosen) if shape is None else None
        trial = None
        if images is not None:
            # `dataset='cifar10'` names the images too: the configuration runs on 3x32x32
            trial = _built_with(interpreter, cls, analysis, symbols | chosen, positional, _shape((None, *images)), unknown)
            if trial.stopped or trial.internal_error or not isinstance(trial.root, ModuleNode) \
                    or not _first_layer_slides(trial) or _refuses_the_input(trial):
                trial = images = None  # a model fed something else (a generator's noise)
        trial_shape = shape
        if trial is None and inferred:
            # `shape` is what the analysed configuration's first layer inferred: this one infers its own
            trial = _built_with(interpreter, cls, analysis, symbols | chosen, positional, None, unknown)
            trial_shape = None
            if _settled_rerun_needed(trial):
                trial_shape = trial.input.shape.dims
                trial = _built_with(interpreter, cls, analysis, symbols | chosen, positional, trial_shape, unknown)
        if trial is None:
            trial = _built_with(interpreter, cls, analysis, symbols | chosen, positional, shape, unknown)
            if shape is None and (image := _image_stated(chosen, trial)) is not None:
                # `img_size=(C, 64, 64)` whose C the first conv takes: the size is the input's
                dims, source = image
                again = _built_with(interpreter, cls, analysis, symbols | chosen, positional, dims, unknown)
                if not (again.stopped or again.internal_error or again.failed_assert is not None) \
                        and isinstance(again.root, ModuleNode):
                    trial, trial_shape = again, dims
                    trial.input_source = source
        counted = set(interpreter.loop_counts)
        if trial.stopped or trial.internal_error or not isinstance(trial.root, ModuleNode):
            continue
        trial.rerun = _rerunner(interpreter, trial)
        trial_shape = trial_shape if images is None else _shape((None, *images))
        counts = [] if stated_only else _count_trials(interpreter, cls, trial, trial_shape, counted, fixed=chosen)
        trials.append((chosen, trial, counts, images))
    return trials


OTHER_VALUES = (1, 2, 3)  # added to a default its code tests (`stride != 1`): stride 2, 3 and 4 are built


def _other_value_trials(interpreter: Interpreter, parsed: ParsedFile, cls: LocalClass, analysis: ModelAnalysis,
                        shape, inferred: bool = False) -> list:
    """A class nothing builds whose code tests a whole-number parameter against its default (a
    residual block's `if in_ch != out_ch or stride != 1:` shortcut): analysed at its defaults, the
    branch its callers take with another value is never checked. Built again with a few values
    other than the default (its required arguments still symbols), so that what each of them
    meets, at one place, is known to fail for the callers giving one. [(name, default, line,
    [(value, the build)])]; none for a parameter the class's construction gives. Where `shape` is
    what the default build's first layer inferred (`inferred`), each build infers its own: with
    `if in_channels != 3:` swapping the stem's conv, the input has in_channels channels."""
    from convlint.evaluator.named_values import compared_with_default

    tested = compared_with_default(_python_tree(parsed), cls.name, parsed.span_of(cls.node.name).line)
    if not tested:
        return []
    positional = _required_split(cls)[0]
    args, kwargs = _argument_symbols(cls, _classes_passed(interpreter, parsed, cls))
    symbols = dict(zip(positional, args)) | kwargs
    unknown = _symbol_names(symbols.values())
    out = []
    for name, (default, line, named) in list(tested.items())[:2]:
        if name in analysis.root.arguments_written:
            continue
        # (the values the code names where it names some: one past them falls through its branches)
        others = named[:len(OTHER_VALUES)] or tuple(default + step for step in OTHER_VALUES)
        runs = []
        for other in others:
            values = symbols | {name: other}
            trial_shape = shape
            if inferred:
                trial = _built_with(interpreter, cls, analysis, values, positional, None, unknown)
                trial_shape = _channels_a_layer_fixes(trial) or (
                    trial.input.shape.dims if _settled_rerun_needed(trial) else None)
            if not inferred or trial_shape is not None:
                trial = _built_with(interpreter, cls, analysis, values, positional, trial_shape, unknown)
            if trial.stopped or trial.internal_error or not isinstance(trial.root, ModuleNode):
                break
            trial.rerun = _rerunner(interpreter, trial)
            trial.edited_run = _edited_trial_runner(interpreter, cls, analysis, values, positional, trial_shape,
                                                    unknown)
            runs.append((other, trial))
        if len(runs) == len(others):
            out.append((name, default, line, runs))
    return out


def _image_stated(chosen: dict, trial: ModelAnalysis):
    """The input a size the code states for a tuple parameter named as an image size gives (`if
    self.img_size[1:] == (64, 64):`, img_size=(C, 64, 64)), where its item 0 is the channels the
    first layer takes (`nn.Conv2d(self.img_size[0], 32, 4)`, `c, h, w = img_size` then `Conv2d(c,
    ...)`): N x C x 64 x 64, and its source; None where no such parameter is stated. A tuple whose
    item 0 is something else (a count of classes, a depth) says nothing of the input."""
    from convlint.records import ConvRecord
    from convlint.source.size_parameters import image_size_name

    stated = [(name, value) for name, value in chosen.items() if isinstance(value, SidesStated)
              and image_size_name(name)]
    if len(stated) != 1 or trial.stopped or trial.internal_error or trial.input is None:
        return None
    (name, value), = stated
    image = _sides_given(name, value)
    first = min((c for c in trial.calls if isinstance(c.record, ConvRecord)), key=lambda c: c.start, default=None)
    seen = first.input.shape.dims if first is not None else None
    if first is None or first.record.transposed or first.record.ndim != len(image) - 1 \
            or first.record.in_channels != image[0] or seen is None or len(seen) != len(image) + 1 \
            or trial.input.shape.dims is None or len(trial.input.shape.dims) != len(image) + 1:
        return None
    dims = (Sym("N"), *image)
    return dims, InputSource("parameter", line=None, text=f"{name}={value!r}")


def _tried_domains(parsed: ParsedFile, cls) -> dict[str, tuple[tuple, str]]:
    """The required constructor parameters whose every allowed value the code states (`assert depth
    in cfg`, stated_domains), where there are few enough to build the model with each."""
    if not isinstance(cls, LocalClass):
        return {}
    required = {*_required_split(cls)[0], *_required_split(cls)[1]}
    domains = {name: stated for name, stated in stated_domains(_python_tree(parsed), cls.name,
                                                               parsed.span_of(cls.node.name).line).items()
               if name in required}
    return domains if domains and domain_configurations({}, {name: d for name, (d, _) in domains.items()}) else {}


def _factory_value_trials(interpreter: Interpreter, parsed: ParsedFile, function: LocalFunction,
                          analysis: ModelAnalysis, settled: bool = False) -> list:
    """A factory callable with no arguments whose code compares a string parameter with other
    values than its default: called with each of them. One that names a dataset's images
    (`dataset='IMAGENET'`, `elif dataset == 'CIFAR10':`) has the model it returns run on those
    images; another (`RDNconfig='A'` beside the default 'B', keying the table its model indexes)
    on an input of every size, as the default was (`settled`: the input the first layer gave its
    rank, inferred again for the configuration). The parameters are all defaulted: what only those
    configurations meet is said with them, as a warning (pipeline._for_named_values):
    [({parameter: value}, the analysis, no count trials, the images or None)]."""
    values = named_values(_python_tree(parsed), function.name, parsed.span_of(function.node.name).line)
    values = {name: found for name, found in values.items() if all(isinstance(v, str) for v in found)}
    analysis.defaulted_named = frozenset(values)
    trials = []
    for chosen in configurations(values):
        images = _images_named(chosen)
        if images is None:
            trial = _built_with(interpreter, function, analysis, dict(chosen), [], None, ())
            if _settled_rerun_needed(trial):
                trial = _built_with(interpreter, function, analysis, dict(chosen), [], trial.input.shape.dims, ())
            if trial.stopped or trial.internal_error or not isinstance(trial.root, ModuleNode):
                continue
            trial.rerun = _rerunner(interpreter, trial)
            trials.append((chosen, trial, [], None))
            continue
        if settled:
            continue  # (the images of a dataset are tried where the default ran on every size)
        trial = ModelAnalysis(analysis.name, analysis.span)
        interpreter.loop_counts = set()
        with _guarded(interpreter, trial):
            result = interpreter.call_function(function, [], dict(chosen), function.node.name)
            if isinstance(result, ModuleNode) and isinstance(result.cls, LocalClass):
                assign_paths(result)
                trial.root = result
                _run_forward(interpreter, result.cls, trial, _shape((None, *images)))
        interpreter.analysis = None
        if trial.stopped or trial.internal_error or not isinstance(trial.root, ModuleNode) \
                or not _first_layer_slides(trial) or _refuses_the_input(trial):
            continue  # a model fed something else
        trial.rerun = _rerunner(interpreter, trial)
        trials.append((chosen, trial, [], images))
    return trials


def _note_table_row(interpreter: Interpreter, parsed: ParsedFile, cls: LocalClass, analysis: ModelAnalysis,
                    shape) -> None:
    """A model the code builds with a key of a module-level table its constructor indexes
    (`VGG('VGG11')` reading `cfg[vgg_name]`): the row, where each row is written, and how to build
    the model with another row, the other arguments as they are, run on the same input."""
    rows = table_rows(_python_tree(parsed), cls.name, parsed.span_of(cls.node.name).line)
    given = _by_parameter(cls, list(enumerate(analysis.built_with.get("args", ())))
                          + list(analysis.built_with.get("kwargs", {}).items())) or {}
    picked = [(name, given[name]) for name in rows if isinstance(given.get(name), str) and given[name] in rows[name]]
    if len(picked) != 1:
        return
    name, key = picked[0]
    params = cls.lookup("__init__").node.params
    ordered = [p.name.value for p in (*params.posonly_params, *params.params)][1:]

    def other_row(row: str) -> ModelAnalysis:
        positional = ordered[:len(analysis.built_with.get("args", ()))]
        return _built_with(interpreter, cls, analysis, dict(given) | {name: row}, positional, shape, ())

    analysis.table_row = (name, key, {row: Span(*where) for row, where in rows[name].items()})
    analysis.other_row = other_row


MAX_RECORD_CANDIDATES = 3  # the project's constants tried for one argument
MAX_SIBLING_MODULES = 40  # modules beside the file read for them


@dataclass(frozen=True, eq=False)
class ProjectValue:
    """A constant of the project given to a model as a configuration (`genotypes.DARTS_V2`): its
    value, and its name for messages."""

    label: str
    value: object

    def __repr__(self) -> str:
        return self.label


@dataclass(frozen=True, eq=False, repr=False)
class PassedClass(ProjectValue):
    """A module class the file's code passes for a required argument of a model (`ResNet(BasicBlock,
    [n, n, n])` in a factory): what the model meets built with it is said with it (`passed_at`)."""

    passed_at: str = ""


def _classes_passed(interpreter: Interpreter, parsed: ParsedFile, cls) -> dict[str, list[PassedClass]]:
    """required parameter -> the block classes the file's calls of the model pass for it, each
    once, where every call that gives it passes a module class (`ResNet(BasicBlock, [n, n, n])` in
    one factory, `ResNet(Bottleneck, ...)` in another); a parameter some call passes anything else
    for (a factory's own `block`) stays unknown. Read once per class."""
    from convlint.evaluator.named_values import passed_names

    if not isinstance(cls, LocalClass) or getattr(cls.scope, "parsed", None) is not parsed:
        return {}
    key = ("classes passed", id(cls))
    cached = interpreter.walk_cache.get(key)
    if cached is not None and cached[0] is cls:
        return cached[1]
    out: dict[str, list[PassedClass]] = {}
    for name, calls in passed_names(_python_tree(parsed), cls.name, parsed.span_of(cls.node.name).line).items():
        found: dict[int, list] = {}  # id(class) -> (the class, the name passed, each (caller, line) passing it)
        for passed, caller, line in calls:
            try:
                value = interpreter.eval(cst.parse_expression(passed), interpreter.module_scope) \
                    if passed is not None else None
            except Exception:  # a name the evaluator cannot take: not known
                value = None
            if not (isinstance(value, LocalClass) and interpreter.is_module_class(value)):
                found = {}
                break
            found.setdefault(id(value), [value, passed, []])[2].append((caller, line))
        if found:
            out[name] = [PassedClass(label, value, _passed_at(sites)) for value, label, sites in found.values()]
    interpreter.walk_cache[key] = (cls, out)
    return out


def _passed_at(sites: list[tuple[str | None, int]]) -> str:
    """Where the code passes a block class: "as `resnet20` passes it (line 114)"."""
    caller, line = sites[0]
    first = f"as `{caller}` passes it (line {line})" if caller else f"as line {line} passes it"
    return first if len(sites) == 1 else f"{first} and {len(sites) - 1} other call{'s' * (len(sites) > 2)}"


def _project_records(interpreter: Interpreter, parsed: ParsedFile, cls) -> dict[str, list]:
    """A required argument the code reads only by its attributes (`genotype.normal`,
    `genotype.reduce_concat` in the cells DARTS' NetworkCIFAR passes it to), each a field of a
    namedtuple class of a module beside the file: the constants that module builds of that class
    (`DARTS_V2 = Genotype(...)`), each a configuration the project names."""
    import ast

    from convlint.evaluator.named_values import attributes_read, record_constants

    positional, keyword = _required_split(cls)
    reads = attributes_read(_python_tree(parsed), cls.name, parsed.span_of(cls.node.name).line)
    wanted = {name: attrs for name, attrs in reads.items() if name in {*positional, *keyword} and len(attrs) >= 2}
    here = Path(parsed.file or parsed.path)
    if not wanted or not here.is_file():
        return {}
    found: dict[str, list] = {}
    for module in sorted(here.parent.glob("*.py"))[:MAX_SIBLING_MODULES]:
        if module == here or not module.stem.isidentifier():
            continue
        try:
            constants = record_constants(ast.parse(module.read_text(encoding="utf-8", errors="replace")))
        except (SyntaxError, ValueError, OSError):
            continue
        for name, attrs in wanted.items():
            for fields, constant in constants:
                if attrs <= fields and len(found.get(name, ())) < MAX_RECORD_CANDIDATES:
                    try:
                        value = interpreter.eval(cst.parse_expression(f"__import__({module.stem!r}).{constant}"),
                                                 interpreter.module_scope)
                    except Exception:  # a module the evaluator cannot take: no candidate
                        continue
                    if isinstance(value, NamedRecord):
                        found.setdefault(name, []).append(ProjectValue(f"{module.stem}.{constant}", value))
    return found


def _images_named(chosen: dict) -> tuple[int, int, int] | None:
    """The image size of the one dataset a configuration's values name, if they name one."""
    from convlint.source.data_pipelines import images_named

    named = {images_named(value) for value in chosen.values()} - {None}
    return named.pop() if len(named) == 1 else None


def _edited_trial_runner(interpreter: Interpreter, cls: LocalClass, analysis: ModelAnalysis, values: dict,
                         positional: list[str], shape, symbols: tuple[str, ...]):
    """A count trial's edited_run: the model built again with the trial's arguments and values in
    place of some numbers its code writes ({span: value}, as _edited_runner's), run on `shape`."""

    def edited_run(overrides: dict) -> ModelAnalysis:
        counts, ints = interpreter.loop_counts, interpreter.int_arguments
        interpreter.argument_overrides, interpreter.overrides_used = overrides, {}
        try:
            return _built_with(interpreter, cls, analysis, values, positional, shape, symbols)
        finally:
            interpreter.argument_overrides = {}
            interpreter.loop_counts, interpreter.int_arguments = counts, ints

    return edited_run


def _built_with(interpreter: Interpreter, cls: LocalClass, analysis: ModelAnalysis, values: dict,
                positional: list[str], shape, symbols: tuple[str, ...]) -> ModelAnalysis:
    """The model built again with these constructor arguments and run on `shape`; the loops it
    counts are left in interpreter.loop_counts."""
    trial = ModelAnalysis(analysis.name, analysis.span, argument_symbols=symbols)
    interpreter.loop_counts = set()
    interpreter.int_arguments = set()
    values = _parts_folded({n: v.value if isinstance(v, ProjectValue) else _sides_given(n, v) if isinstance(
        v, SidesStated) else v for n, v in values.items()})
    args, kwargs = [values[n] for n in positional], {n: v for n, v in values.items() if n not in positional}
    with _guarded(interpreter, trial):
        if isinstance(cls, LocalFunction):  # a factory: the model it returns, run as _factories runs it
            made = interpreter.call_function(cls, args, kwargs, cls.node.name)
            if not _factory_model(made, interpreter, cls):
                trial.stopped = trial.stopped or "the factory returned no model with these arguments"
                interpreter.analysis = None
                return trial
            trial.root = made
        else:
            trial.root = interpreter.instantiate(cls, args, kwargs, cls.node.name)
        assign_paths(trial.root)
        _run_forward(interpreter, trial.root.cls if isinstance(cls, LocalFunction) else cls, trial, shape)
    interpreter.analysis = None
    return trial


def _edited_runner(interpreter: Interpreter, cls: LocalClass | LocalFunction, analysis: ModelAnalysis,
                   construction: tuple, shape):
    """Build the model again as it was built (by its class, or the factory returning it), with
    values in place of some numbers its code writes (a trial edit, {span: value}), and run it on
    the same input."""
    args, kwargs, node = construction

    def edited_run(overrides: dict) -> ModelAnalysis:
        # the same inputs, all of them: a DDPM's timesteps left free make its time-embedding add
        # unknown, and a trial edit elsewhere seemed to make it run
        trial = ModelAnalysis(analysis.name, analysis.span, argument_symbols=analysis.argument_symbols,
                              input_source=analysis.input_source, forward_bound=analysis.forward_bound)
        interpreter.argument_overrides, interpreter.overrides_used = overrides, {}
        try:
            with _guarded(interpreter, trial):
                if isinstance(cls, LocalFunction):  # a factory: the model it returns, as _factories built it
                    made = interpreter.call_function(cls, list(args), dict(kwargs), node)
                    if not _factory_model(made, interpreter, cls, symbolic=bool(analysis.argument_symbols)):
                        trial.stopped = trial.stopped or "the factory returned no model with this edit"
                        return trial
                    trial.root = made
                else:
                    trial.root = interpreter.instantiate(cls, list(args), dict(kwargs), node)
                assign_paths(trial.root)
                _run_forward(interpreter, trial.root.cls if isinstance(cls, LocalFunction) else cls, trial, shape)
        finally:
            interpreter.argument_overrides = {}
            interpreter.analysis = None
        return trial

    return edited_run


def _sides_given(name: str, stated: SidesStated) -> tuple:
    """The tuple argument a size the code states gives (`img_size[1:] == (64, 64)`: (img_size[0],
    64, 64)), its items before the stated ones symbols of their own, as an argument not given has."""
    from convlint.symbolic import part_of_argument

    return (*(part_of_argument(argument_symbol(name), index) for index in range(stated.start)), *stated.sides)


def _parts_folded(values: dict) -> dict:
    """Constructor arguments where a value is given for a part of an argument nothing supplies
    (`config.model.resnet.block_type`, a value its code names): that argument as an object with
    the part given, its other parts still symbols of their own."""
    out = {name: value for name, value in values.items() if "." not in name}
    for path, value in values.items():
        root, _, rest = path.partition(".")
        if not rest or root not in out:
            continue
        owner = out[root]
        if isinstance(owner, ArgumentParts):
            out[root] = ArgumentParts(owner.name, {**owner.given, f"{owner.name}.{rest}": value})
        elif argument_object(owner):
            out[root] = ArgumentParts(str(owner), {f"{owner}.{rest}": value})
    return out


def _value_counting(forms: list[Sym], count: int) -> int:
    """The argument's value at which each loop it counts runs at least `count` times and one
    exactly (`range(num_downs - 5)`: num_downs = count + 5; `n = (depth - 2) // 6`: depth = 6*count
    + 2): for floor((scale*v + offset)/divisor), the least v with scale*v + offset >= count*divisor.
    A count of floor(log_b(v)) (`int(math.log(scale, 2))`) needs v = b**k for the k it counts from."""
    def least(form: Sym) -> int:
        value = -((form.offset - count * form.divisor) // form.scale)
        logarithm = symbolic.logarithm_of(form.base) if isinstance(form.base, str) else None
        return logarithm[1] ** max(value, 0) if logarithm else value

    return max(least(form) for form in forms)


def _training_run(interpreter: Interpreter, analysis: ModelAnalysis, shape,
                  optional_given: bool = False) -> ModelAnalysis:
    """forward() once more as model.train() runs it: the branches under `if self.training:`
    (auxiliary heads, training-only losses) are followed too; with `optional_given`, its optional
    inputs given or not (what only leaving them None breaks is not reported from training either)."""
    again = ModelAnalysis(analysis.name, analysis.span, root=analysis.root, constructed=analysis.constructed,
                          forward_span=analysis.forward_span, input_source=analysis.input_source)
    interpreter.training = True
    try:
        with _guarded(interpreter, again):
            _run_forward(interpreter, analysis.root.cls, again, shape, optional_given=optional_given)
    finally:
        interpreter.training = False
        interpreter.analysis = None
    return again


def _factories(interpreter: Interpreter, parsed: ParsedFile, only: str | None, models: set[str],
               given: dict | None = None, options: "_OptionsBinder | None" = None,
               counted: dict | None = None, fed_as: dict | None = None, built_from: dict | None = None,
               project=None, unmade_models: list | None = None) -> list:
    """Module-level functions that return a model: called without arguments
    (`def resnet18(**kwargs): return ResNet(BasicBlock, [2, 2, 2, 2], **kwargs)`), and also with
    each other set of arguments the file's code calls it with (`get_model(sample_size=112)` of
    `def get_model(**kwargs): return C3D(**kwargs)`: what it forwards reaches the class; `fed_as`
    gets {id(analysis): (those arguments by parameter, False)}, for the input fed to that
    instance), or, where the file calls it with none, that the project's other files call it with
    (`project(names, functions)`, as _project_constructions); one with required parameters (`def densenet_bc(depth, k)`) with the arguments the
    file's code calls it with, else with them unknown, and said so (never dropped without a word).
    `built_from` gets {id(analysis): (args, kwargs, node)} of each call, for its trial edits."""
    found = []
    functions = {name: value for name, value in interpreter.module_scope.names.items()
                 if isinstance(value, LocalFunction) and value.scope is interpreter.module_scope}
    makers = set(models)  # `def mobile_half(n): return mobilenetv2_T_w(6, 0.5, n)`: a factory of a factory
    # `def barlow(): return BarlowTwins(ResNet(...))` in a package's __init__.py: classes it imports
    makers |= _imported_model_names(interpreter, functions)
    while grown := {name for name, value in functions.items()
                    if name not in makers and _returns_a_model(value.node, makers)}:
        makers |= grown
    called = _calls_by_name(parsed)
    bound = _bound_at_module_level(parsed)
    needing = [value for name, value in functions.items()
               if not name.startswith("_") and not _callable_without_arguments(value.node.params)
               and (_returns_a_model(value.node, makers) or name in (given or {})  # (`--model-args`: as the user says)
                    # `def ConvMixer(dim, depth): return nn.Sequential(...)`: a model, where no code of
                    # the file calls it (a helper its models call is checked with their numbers)
                    or (name not in called or name in bound)
                    and _returns_a_sequential(value.node))]
    calls = _constructions(interpreter, parsed, needing)
    calls.update(_given_arguments(interpreter, needing, given or {}, node_of=lambda f: f.node.name))
    # `--model-args 'resnet18(num_classes=12)'`: a factory that needs no argument built as the user says
    optional = [value for name, value in interpreter.module_scope.names.items()
                if isinstance(value, LocalFunction) and value.scope is interpreter.module_scope
                and _callable_without_arguments(value.node.params)]
    chosen = _given_arguments(interpreter, optional, given or {}, node_of=lambda f: f.node.name)
    forwarding = [f for f in optional if f.node.name.value in functions and f.node.name.value not in chosen
                  and not f.node.name.value.startswith("_") and _returns_a_model(f.node, makers)]
    made = _constructions(interpreter, parsed, [f for f in forwarding if f.node.name.value in called])
    unmade = {f.node.name.value for f in forwarding} - made.keys()
    if unmade and project is not None:  # `model = get_model(sample_size=112)` in the project's train.py
        made.update(project(unmade, forwarding))
    called_with = {name: [(a, k, n) for a, k, n in found
                          if not _built_as_analysed(interpreter, functions[name], _as_arguments(a, k))]
                   for name, found in made.items() if name in functions}
    for name, value in list(interpreter.module_scope.names.items()):
        if not isinstance(value, LocalFunction) or name.startswith("_") or (only is not None and name != only):
            continue
        if value.scope is not interpreter.module_scope:
            continue
        called_by_the_code = False
        if name in chosen:
            ways = [(a, k, n, False) for a, k, n in chosen[name]]
        elif _callable_without_arguments(value.node.params):
            if not _returns_a_value(value.node):
                continue  # (`def train(epochs=100):` with no `return x`: it makes no model, and running its
                # loops, a sampler's thousand steps of the network, costs minutes)
            ways = [([], {}, value.node.name, False), *((a, k, n, False) for a, k, n in called_with.get(name, []))]
        elif value in needing:
            ways = [(a, k, n, False) for a, k, n in calls.get(name, [])]
            called_by_the_code = bool(ways)
            if not ways and options is not None and options.bind(value) is not None:
                ways = [(*options.construction(value), False)]  # `make_model(args)` with the project's options
            ways = ways or [([], {}, value.node.name, True)]
        else:
            continue
        unmade: list[ModelAnalysis] = []  # the ways that gave no model: listed where none gave one
        for args, kwargs, node, unknown in ways:
            analysis = ModelAnalysis(name, parsed.span_of(value.node.name))
            interpreter.loop_counts = set()
            interpreter.int_arguments = set()
            with _guarded(interpreter, analysis):
                if options is not None:
                    options.note_bound(value, kwargs, analysis)
                    if unknown:
                        options.note_unbound(value, analysis)
                if unknown:
                    # as a class nothing builds: a symbol for each required argument, so that a width made
                    # of one is checked for every value and its loops are counted (_count_trials)
                    interpreter.unresolved(value.node.name, f"{name}({', '.join(_required_of(value.node.params))}): "
                                                            "required arguments not given; analysed with them unknown "
                                                            "(a width made of one is checked for every value)")
                    args, kwargs = _argument_symbols(value)
                    analysis.argument_symbols = tuple(str(s) for s in (*args, *kwargs.values()))
                result = interpreter.call_function(value, list(args), dict(kwargs), node)
                if _factory_model(result, interpreter, value, symbolic=unknown):
                    assign_paths(result)
                    analysis.root = result
                    if not unknown and node is not value.node.name and value in needing:
                        analysis.built_with = None  # --confirm calls the factory with no arguments: not checkable
                        if fed_as is not None and called_by_the_code:  # `net = make_net(190, 40)`, `net(input)`
                            # (a fed instance's name for an argument, `vgg(conv_arch)`, is the one
                            # construction it can be where the code builds it once)
                            fed_as[id(analysis)] = (_by_parameter(value, _as_arguments(args, kwargs)),
                                                    len(ways) == 1)
                    elif name in chosen:
                        analysis.built_with = _as_json({"args": list(args), "kwargs": dict(kwargs)})
                    elif node is not value.node.name:  # called by the code with these arguments
                        analysis.built_with = _as_json({"args": list(args), "kwargs": dict(kwargs)})
                        if fed_as is not None:
                            fed_as[id(analysis)] = (_by_parameter(value, _as_arguments(args, kwargs)), False)
                    if counted is not None:
                        counted[id(analysis)] = set(interpreter.loop_counts)
                    if built_from is not None:
                        built_from[id(analysis)] = (list(args), dict(kwargs), node)
                    found.append((value, analysis))
                elif unmade_models is not None and (
                        isinstance(result, (Unknown, ModuleNode)) and name in (given or {})
                        or _returns_a_model(value.node, makers)):
                    # a factory whose model is not known here (`resnets[name]` with the name unknown,
                    # `modify(model)` of a model not given): said so, never dropped without a word,
                    # and never a wrong model
                    what = result.why if isinstance(result, Unknown) else \
                        f"a torch {result.record.type}, not a model of the project's classes" \
                        if isinstance(result, ModuleNode) else "a value that is no model known statically"
                    interpreter.unresolved(node, f"{name}(...) returns {what}: its model is not known statically")
                    analysis.stopped = "the model this factory returns is not known statically"
                    unmade.append(analysis)
        if unmade and not any(function is value for function, _ in found):
            unmade_models.append(unmade[0])
    return found


def _factory_model(result, interpreter: Interpreter, function: LocalFunction, symbolic: bool = False) -> bool:
    """What a factory returned is a model to analyse: one of the project's classes, or a torch
    nn.Sequential it filled (registered to run as torch runs it). One built with symbols for its
    arguments may have parts a count decides (`*[... for i in range(depth)]`)."""
    if not isinstance(result, ModuleNode):
        return False
    if isinstance(result.cls, LocalClass):
        return True
    sequential = _built_sequential(result) if not symbolic else \
        result.cls is None and result.record.type == "Sequential" and bool(result.children)
    if sequential:  # `net = nn.Sequential(); net.add(...); return net`: run as torch runs it
        interpreter.factory_nodes[id(result)] = function.node.name
    return sequential


def _returns_a_sequential(node: cst.FunctionDef) -> bool:
    """`return nn.Sequential(...)`, or a name bound to such a call and returned: a function that
    builds a whole model as a torch container."""
    def sequential_call(value) -> bool:
        return isinstance(value, cst.Call) and (
            isinstance(value.func, cst.Attribute) and value.func.attr.value == "Sequential"
            or isinstance(value.func, cst.Name) and value.func.value == "Sequential")

    statements = list(walk_statements(node))
    made = {t.target.value for child in statements if isinstance(child, cst.Assign) and sequential_call(child.value)
            for t in child.targets if isinstance(t.target, cst.Name)}
    return any(isinstance(child, cst.Return) and child.value is not None
               and (sequential_call(child.value) or isinstance(child.value, cst.Name) and child.value.value in made)
               for child in statements)


@dataclass(frozen=True, slots=True)
class MadeFactory:
    """A model factory the module binds to a partial (`resnet20 = partial(ResNet, [3, 3, 3])`, or at
    run time: `setattr(sys.modules[__name__], name, partial(_resnet, ...))`): its name, and the
    code that shows where it is, its typed stub `def cifar10_resnet20(*args, **kwargs)` if it has one."""

    name: str
    node: cst.CSTNode


def _factories_made_by_partial(interpreter: Interpreter, parsed: ParsedFile, only: str | None, given: dict) -> list:
    """The module's public names whose final binding is a partial over a function or class of the
    project, analysed as they are called: with the arguments the partial binds, a required one it
    leaves out unknown and said so. A stub def of the name, replaced at run time, is not a model."""
    unit = interpreter.module_scope
    candidates: dict[str, cst.CSTNode | None] = dict(unit.namespace_bindings)
    for name, (expression, path) in list(unit.lazy.items()):
        if not path and _is_partial_call(expression):
            candidates.setdefault(name, expression)
    stubs = {n.name.value: n for n in parsed.module.body if isinstance(n, cst.FunctionDef)}
    made: list[tuple[MadeFactory, Partial]] = []
    for name, node in candidates.items():
        if name.startswith("_") or (only is not None and name != only):
            continue
        value = interpreter.global_value(name)
        base = value
        while isinstance(base, Partial):
            base = base.function
        if not isinstance(value, Partial) or not isinstance(base, (LocalFunction, LocalClass)):
            continue
        shown = stubs.get(name) or node
        if shown is None:
            continue
        made.append((MadeFactory(name, shown), value))
    chosen = _given_arguments(interpreter, [factory for factory, _ in made], given, node_of=lambda f: f.node)
    found = []
    for factory, value in made:
        node = factory.node.name if isinstance(factory.node, cst.FunctionDef) else factory.node
        missing = [] if factory.name in chosen else _left_unbound(value)
        for args, kwargs, _ in chosen.get(factory.name) or [([], {}, None)]:
            analysis = ModelAnalysis(factory.name, parsed.span_of(node))
            with _guarded(interpreter, analysis):
                if missing:
                    interpreter.unresolved(node, f"{factory.name}({', '.join(missing)}): arguments the partial "
                                                 "does not bind; analysed with them unknown")
                result = interpreter.call(value, list(args), dict(kwargs), node, unknown_rest=bool(missing))
                if isinstance(result, ModuleNode) and (isinstance(result.cls, LocalClass)
                                                       or _built_sequential(result) and not missing):
                    if result.cls is None:  # `net = nn.Sequential(); net.add(...); return net`: run as torch runs it
                        interpreter.factory_nodes[id(result)] = value.node.name
                    assign_paths(result)
                    analysis.root = result
                    if factory.name in chosen:
                        analysis.built_with = _as_json({"args": list(args), "kwargs": dict(kwargs)})
                    found.append((factory, analysis))
    return found


def _module_containers(interpreter: Interpreter, parsed: ParsedFile, only: str | None) -> list:
    """torch containers bound to module-level names (`decoder = nn.Sequential(...)`, also under
    `if __name__ == "__main__":`): models of the file, named by their variable, built as the
    first binding builds them. A Sequential runs as torch runs it; a ModuleList or ModuleDict,
    which has no forward, is only built. One whose parts are not all known is left out."""
    from convlint.evaluator.module_containers import container_bindings

    found = []
    for binding in container_bindings(parsed.module):
        if only is not None and binding.name != only:
            continue
        analysis = _container_model(interpreter, parsed, binding, lambda: (
            _main_block_values(interpreter, binding) if binding.main is not None else
            _module_values_in_order(interpreter, binding) if binding.preceding is not None else
            interpreter.module_scope))
        if analysis is not None:
            found.append((binding, analysis))
    return found


def _container_model(interpreter: Interpreter, parsed: ParsedFile, binding, scope_of) -> ModelAnalysis | None:
    """The model a container binding builds (_module_containers, _local_sequentials), its call
    evaluated in the scope `scope_of()` makes; None where that is not a torch container whose
    parts are all known. A Sequential runs as torch runs it."""
    from convlint.evaluator.interpreter import CONTAINERS

    analysis = ModelAnalysis(binding.name, parsed.span_of(binding.node))
    interpreter.loop_counts = set()
    interpreter.int_arguments = set()
    result = None  # (what an evaluator failure leaves: no model)
    with _guarded(interpreter, analysis):
        result = interpreter.eval(binding.value, scope_of())
    if not (isinstance(result, ModuleNode) and result.cls is None and result.record.type in CONTAINERS
            and result.children and not result.incomplete) or analysis.internal_error or analysis.stopped:
        return None
    if result.record.type == "Sequential":
        interpreter.factory_nodes[id(result)] = binding.node
    assign_paths(result)
    analysis.root = result
    return analysis


def _local_sequentials(interpreter: Interpreter, parsed: ParsedFile, only: str | None) -> list:
    """nn.Sequentials a module-level function builds and calls itself (a training script's
    `discriminator = nn.Sequential(GradientReversal(), nn.Linear(320, 50), ...).to(device)`, then
    `discriminator(features)` in its loop): models named `function.name`, built in a scope where
    the function's own names are unknown but those its plain top-level assignments before it give."""
    from convlint.evaluator.module_containers import local_sequentials

    found = []
    models = {cls.name for cls in interpreter.model_classes()}
    for binding in local_sequentials(parsed.module):
        if only is not None and only not in (binding.name, binding.function.name.value) or binding.owner in models:
            continue  # (a model's own methods: its forward runs them)
        analysis = _container_model(interpreter, parsed, binding, lambda: _function_scope(interpreter, binding))
        if analysis is not None:
            found.append((binding, analysis))
    return found


def _function_scope(interpreter: Interpreter, binding) -> "Scope":
    """For _local_sequentials: the function's own names unknown (a local is never read from the
    module's names of the same spelling), but those its plain assignments before the call give."""
    from convlint.evaluator.interpreter import Scope

    scope = Scope(interpreter.module_scope)
    function = binding.function.name.value
    for name in binding.local:
        scope.names[name] = Unknown(f"{name}, a name of {function}() not followed")
    return _values_before(interpreter, binding.value, binding.before, scope, f"{function}()")


def _main_block_values(interpreter: Interpreter, binding) -> "Scope":
    """The names the `__main__` block's plain assignments before the container bind (_values_before)."""
    from convlint.evaluator.interpreter import Scope

    return _values_before(interpreter, binding.value, binding.before, Scope(interpreter.module_scope),
                          "the __main__ block")


def _values_before(interpreter: Interpreter, call, before, scope, where: str) -> "Scope":
    """The names the plain assignments before a container's call bind, those the call reads (directly
    or through another), each evaluated in order into `scope`; what fails is unknown."""
    from convlint.evaluator.module_containers import names_read

    needed = names_read(call)
    running = []
    for assign in reversed(before):
        if {n for t in assign.targets for n in names_read(t.target)} & needed:
            running.append(assign)
            needed |= names_read(assign.value)
    for assign in reversed(running):
        try:
            value = interpreter.eval(assign.value, scope)
        except (BudgetExceeded, RecursionError):
            raise
        except Exception:  # a value the evaluator cannot take: unknown
            value = Unknown(f"a value of {where} not followed")
        for target in assign.targets:
            interpreter.assign(target.target, value, scope)
    return scope


def _module_values_in_order(interpreter: Interpreter, binding) -> "Scope":
    """The names a module-level container's call reads, as the module-level statements before it
    leave them (`width = width * 2`, `num_channels += c` in a top-level loop, `blks.append(b)`):
    those that bind or change a name it reads (directly or through another), run in order over
    the module's names, which hold each name's last binding. What fails is unknown."""
    from convlint.evaluator.interpreter import Scope
    from convlint.evaluator.module_containers import bound_or_changed, names_read

    needed = names_read(binding.value)
    running = []
    for statement in reversed(binding.preceding):
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef, cst.Import, cst.ImportFrom)):
            continue  # already the module's names
        if bound_or_changed(statement) & needed:
            running.append(statement)
            needed |= names_read(statement)
    scope = Scope(interpreter.module_scope)
    for statement in reversed(running):
        try:
            interpreter.exec_statement(statement, scope) if not isinstance(statement, cst.BaseSmallStatement) \
                else interpreter.exec_statement(cst.SimpleStatementLine(body=[statement]), scope)
        except (BudgetExceeded, RecursionError):
            raise
        except Exception:  # a statement the evaluator cannot run: what it binds is unknown
            for name in bound_or_changed(statement):
                scope.names[name] = Unknown("a module-level value not followed")
    return scope


def _is_partial_call(expression: cst.BaseExpression) -> bool:
    """`partial(...)` or `functools.partial(...)`, by its syntax: only these module names are evaluated."""
    if not isinstance(expression, cst.Call):
        return False
    func = expression.func
    return (isinstance(func, cst.Name) and func.value == "partial") or \
        (isinstance(func, cst.Attribute) and func.attr.value == "partial")


def _left_unbound(value: Partial) -> list[str]:
    """The required parameters of the function (or class) under a partial that it leaves unbound."""
    args: list = []
    kwargs: dict = {}
    while isinstance(value, Partial):  # partial(partial(f, a), b) calls f(a, b)
        args, kwargs = [*value.args, *args], {**value.kwargs, **kwargs}
        value = value.function
    skip = 0
    if isinstance(value, LocalClass):
        value, skip = value.lookup("__init__"), 1
    if not isinstance(value, LocalFunction):
        return []
    params = value.node.params
    positional = [*params.posonly_params, *params.params][skip:]
    required = [p.name.value for index, p in enumerate(positional)
                if p.default is None and index >= len(args) and p.name.value not in kwargs]
    return required + [p.name.value for p in params.kwonly_params if p.default is None and p.name.value not in kwargs]


def _required_of(params) -> list[str]:
    return [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params) if p.default is None]


def _returns_a_model(node, models: set[str]) -> bool:
    """`return Net(n, k)`, or a name bound to such a call first, or such a name handed to a helper
    (`return init_net(net, init_type, gpu_ids)`, pix2pix's define_G): a factory of this file's
    models (what the call returns is checked when it runs)."""
    made: set[str] = set()
    tables: set[str] = set()  # names bound to a literal table of models (`resnets = {"resnet18": ResNet18()}`)
    statements = list(walk_statements(node))
    for child in statements:
        if isinstance(child, cst.Assign) and isinstance(child.value, cst.Call) and isinstance(child.value.func, cst.Name) \
                and child.value.func.value in models:
            made |= {t.target.value for t in child.targets if isinstance(t.target, cst.Name)}
        if isinstance(child, cst.Assign) and isinstance(child.value, cst.Call) \
                and isinstance(child.value.func, cst.Name) and child.value.func.value == "eval":
            # `backbone = eval(f"{name}()")`: a model named by a string (what it names is seen when it runs)
            made |= {t.target.value for t in child.targets if isinstance(t.target, cst.Name)}
        if isinstance(child, cst.Assign) and _table_of_models(child.value, models):
            tables |= {t.target.value for t in child.targets if isinstance(t.target, cst.Name)}
    # `fn = table.get(name)`, `fn = table[name]`: an entry of a table of models, picked by an argument
    picked_names = {t.target.value for child in statements if isinstance(child, cst.Assign)
                    and _picks_from_table(child.value, tables, models)
                    for t in child.targets if isinstance(t.target, cst.Name)}
    # `model = fn(num_classes=n)` of such an entry: the model it builds
    made |= {t.target.value for child in statements if isinstance(child, cst.Assign)
             and _builds_a_pick(child.value, picked_names, tables, models)
             for t in child.targets if isinstance(t.target, cst.Name)}
    # `def modify(model): model.conv1 = nn.Conv2d(...); return model`: a model edited and handed back
    params = {p.name.value for p in (*node.params.posonly_params, *node.params.params)} \
        if isinstance(node, cst.FunctionDef) else set()
    edited = {_attribute_owner(t.target) for child in statements if isinstance(child, cst.Assign)
              and isinstance(child.value, cst.Call) for t in child.targets} & params
    for child in statements:
        if isinstance(child, cst.Return) and child.value is not None:
            value = child.value
            if isinstance(value, cst.Name) and value.value in edited:
                return True
            # `return resnets[name]`, `return {"a": Net(), ...}[name]`, `return {"a": Net}[name](n)`:
            # one entry of a table of models, picked by an argument (what it picks is seen when it runs)
            picked = value.func if isinstance(value, cst.Call) and isinstance(value.func, cst.Subscript) else value
            if isinstance(picked, cst.Subscript) and (
                    isinstance(picked.value, cst.Name) and picked.value.value in tables
                    or _table_of_models(picked.value, models, classes=picked is not value)):
                return True
            if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in models:
                return True
            # `return fn(num_classes=n)` of `fn = table.get(name)`, `return table.get(name)(n)`
            if _builds_a_pick(value, picked_names, tables, models):
                return True
            if isinstance(value, cst.Name) and value.value in made:
                return True
            if isinstance(value, cst.Call) and value.args and isinstance(value.args[0].value, cst.Name) \
                    and value.args[0].value.value in made:
                return True
    return False


def _builds_a_pick(value, picked_names: set[str], tables: set[str], models: set[str]) -> bool:
    """`fn(num_classes=n)` of `fn = table.get(name)`, or `table.get(name)(n)`: a call of an entry
    of a table of models."""
    return isinstance(value, cst.Call) and (
        isinstance(value.func, cst.Name) and value.func.value in picked_names
        or _picks_from_table(value.func, tables, models))


def _picks_from_table(value, tables: set[str], models: set[str]) -> bool:
    """`table[name]` or `table.get(name)` (a default given or not) of a table of models: a name
    bound to one, or the literal itself."""
    if isinstance(value, cst.Subscript):
        table = value.value
    elif isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "get" \
            and 1 <= len(value.args) <= 2:
        table = value.func.value
    else:
        return False
    return isinstance(table, cst.Name) and table.value in tables or _table_of_models(table, models)


def _attribute_owner(target) -> str | None:
    """`model` of `model.conv1` (not of a bare name)."""
    if not isinstance(target, cst.Attribute):
        return None
    while isinstance(target, cst.Attribute):
        target = target.value
    return target.value if isinstance(target, cst.Name) else None


def _table_of_models(value, models: set[str], classes: bool = True) -> bool:
    """A dict, list or tuple literal with an entry that builds one of the file's models (`Net()`,
    or a torchvision builder `models.resnet18(pretrained=False)`) or, with `classes`, names one."""
    if isinstance(value, cst.Dict):
        entries = [e.value for e in value.elements if isinstance(e, cst.DictElement)]
    elif isinstance(value, (cst.List, cst.Tuple)):
        entries = [e.value for e in value.elements if isinstance(e, cst.Element)]
    else:
        return False

    def builds(entry) -> bool:
        if classes and isinstance(entry, cst.Name):
            return entry.value in models
        if not isinstance(entry, cst.Call):
            return False
        if isinstance(entry.func, cst.Name):
            return entry.func.value in models
        dotted = _dotted_text(entry.func)
        return dotted is not None and (dotted.startswith("models.") or ".models." in dotted)

    return any(builds(entry) for entry in entries)


def _dotted_text(node) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        inner = _dotted_text(node.value)
        return None if inner is None else f"{inner}.{node.attr.value}"
    return None


def _first_layer_slides(analysis: ModelAnalysis) -> bool:
    """The first layer forward() runs slides a window over the map (a conv or a pool), and takes
    the input: a network, not a head (Flatten then Linear) given an image."""
    first = _first_call_on_the_input(analysis)
    return first is not None and field_of(first.record, "kernel_size") is not None \
        and not _first_layer_refuses_the_input(analysis)


def _built_sequential(made: ModuleNode) -> bool:
    """A torch nn.Sequential a factory fills and returns (deep-image-prior's `skip()`)."""
    return made.cls is None and made.record.type == "Sequential" and bool(made.children) and not made.incomplete


def _returns_a_value(function: cst.FunctionDef) -> bool:
    """Whether the function's own body (not a function or class nested in it) has a `return` with
    a value other than None, or yields."""
    stack: list[cst.CSTNode] = [function.body]
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        if isinstance(node, cst.Return) and node.value is not None \
                and not (isinstance(node.value, cst.Name) and node.value.value == "None"):
            return True
        if isinstance(node, (cst.Yield, cst.Await)):
            return True
        stack.extend(node.children)
    return False


def _callable_without_arguments(params) -> bool:
    return all(p.default is not None for p in (*params.posonly_params, *params.params, *params.kwonly_params))


def _settings_functions(interpreter: Interpreter) -> list[tuple[str, LocalFunction, dict]]:
    """The file's functions callable with no argument that build and return a dict (never a
    `main()`), each with the dict it returns: (name, function, dict)."""
    out = []
    for name, value in interpreter.module_scope.names.items():
        if not isinstance(value, LocalFunction) or value.scope is not interpreter.module_scope \
                or not _callable_without_arguments(value.node.params) or not _returns_a_dict(value.node):
            continue
        scratch = ModelAnalysis(name, None)
        with _guarded(interpreter, scratch):
            made = interpreter.call_function(value, [], {}, value.node.name)
        interpreter.analysis = None
        if isinstance(made, dict) and not scratch.internal_error and not scratch.stopped:
            out.append((name, value, made))
    return out


def _config_function_construction(interpreter: Interpreter, cls: LocalClass, settings_functions) -> tuple | None:
    """A model whose one required parameter is a dict of settings it reads by key (`EEGNet(config)`
    reading `config['F1']`, `config['D']`), nothing building it, and exactly one function of the
    file callable with no argument that returns a dict with every one of those keys
    (`get_EEGNet_config(C=22, T=512)`):
    built with what that function returns, and said so. ((args, kwargs, node), the note), or None."""
    init = cls.lookup("__init__")
    if not isinstance(init, LocalFunction):
        return None
    required = _required_of(init.node.params)[1:]
    if len(required) != 1:
        return None
    (parameter,) = required
    keys = {node.slice[0].slice.value.evaluated_value for node in walk_statements(init.node)
            if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and node.value.value == parameter
            and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)
            and isinstance(node.slice[0].slice.value, cst.SimpleString)}
    if not keys:
        return None
    fitting = [(name, function, made) for name, function, made in settings_functions() if keys <= made.keys()]
    if len(fitting) != 1:
        return None
    name, function, made = fitting[0]
    return ([], {parameter: dict(made)}, function.node.name), \
        f"{parameter} = {name}(), the one function of the file returning a dict with the keys {cls.name} reads"


def _returns_a_dict(function: cst.FunctionDef) -> bool:
    """`return dict(F1=8, D=2)`, `return {...}`, or `config = {...}` ... `return config`."""
    def is_dict(value) -> bool:
        return isinstance(value, cst.Dict) or isinstance(value, cst.Call) and isinstance(value.func, cst.Name) \
            and value.func.value == "dict"

    bound, returned = set(), []
    for statement in function.body.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name) \
                    and is_dict(small.value):
                bound.add(small.targets[0].target.value)
            elif isinstance(small, cst.Return) and small.value is not None:
                returned.append(small.value)
    return len(returned) == 1 and (is_dict(returned[0]) or isinstance(returned[0], cst.Name)
                                   and returned[0].value in bound)


class _OptionsBinder:
    """Models (and factories) whose one required parameter is the project's options object
    (`EDSR(args)`, `make_model(args)`): bound to it where exactly one fits (options_binding.py)."""

    def __init__(self, interpreter: Interpreter, parsed: ParsedFile, settings, imported: list | None) -> None:
        self.interpreter, self.parsed, self.settings, self.imported = interpreter, parsed, settings, imported
        self.levels: list | None = None
        self.built: dict = {}
        self.bound: dict[int, tuple] = {}  # id(class or function) -> (parameter, Candidate)
        self.several: dict[int, str] = {}  # id(...) -> why it stays unknown

    def bind(self, target):
        from convlint.evaluator import options_binding

        key = id(target)
        if key in self.bound:
            return self.bound[key]
        self.bound[key] = None
        if self.settings is None:
            return None
        if isinstance(target, LocalClass):
            init = target.lookup("__init__")
            found = options_binding.options_parameter(init.node, 1) if isinstance(init, LocalFunction) else None
        else:
            found = options_binding.options_parameter(target.node, 0)
        if found is None:
            return None
        parameter, attributes, callees = found
        scope = target.scope
        for callee in callees:  # handed on whole only to the project's own code (`EDSR(args)`), never to torch
            try:
                value = self.interpreter._chain_value(callee, scope)  # a name or `module.name`: no call run
            except Exception:
                value = None
            if not isinstance(value, (LocalClass, LocalFunction)):
                return None
        if self.levels is None:
            targets = {c.name for c in self.interpreter.model_classes()} | {
                name for name, value in self.interpreter.module_scope.names.items() if isinstance(value, LocalFunction)}
            self.built, self.levels = options_binding.candidates(self.interpreter, self.parsed, self.settings,
                                                                 self.imported, targets)
        built = self.built.get(target.name, [])
        if not built and not any(self.levels):
            return None

        def build(namespace) -> None:
            scratch = ModelAnalysis(target.name, None)
            with _guarded(self.interpreter, scratch):
                if isinstance(target, LocalClass):
                    self.interpreter.instantiate(target, [], {parameter: namespace}, target.node.name)
                else:
                    self.interpreter.call_function(target, [], {parameter: namespace}, target.node.name)
            self.interpreter.analysis = None
            if scratch.internal_error or scratch.stopped:
                raise RuntimeError("not built")

        chosen, several = options_binding.bind(build, attributes, built, self.levels)
        if chosen is not None:
            self.bound[key] = (parameter, chosen)
        elif several:
            self.several[key] = options_binding.unknown_note(target.name, parameter, several)
        return self.bound[key]

    def construction(self, target) -> tuple:
        from convlint.evaluator import options_binding

        parameter, chosen = self.bound[id(target)]
        return [], {parameter: options_binding.fresh(chosen.namespace)}, target.node  # built: no "not given" note

    def note_bound(self, target, kwargs: dict, analysis: ModelAnalysis) -> None:
        from convlint.evaluator import argparse_model, options_binding

        found = self.bound.get(id(target))
        if found is not None and isinstance(kwargs.get(found[0]), argparse_model.Namespace):
            analysis.assumed.append(options_binding.note(found[0], found[1]))

    def note_unbound(self, target, analysis: ModelAnalysis) -> None:
        why = self.several.get(id(target))
        if why is not None:
            self.interpreter.unresolved(target.node.name, why)


class _guarded:
    """Evaluate one model; a budget overrun, deep recursion or an evaluator bug ends only it."""

    def __init__(self, interpreter: Interpreter, analysis: ModelAnalysis) -> None:
        self.interpreter, self.analysis = interpreter, analysis

    def __enter__(self) -> None:
        self.interpreter.analysis = self.analysis
        self.interpreter.steps = 0
        self.interpreter.assignments_run = {}  # (CountUpdate.index counts from the model's construction)

    def __exit__(self, kind, error, traceback) -> bool:
        self.interpreter.depth = 0
        self.interpreter.call_depth = 0
        self.interpreter.steps = 0  # (what runs next, the inputs looked for, spends a budget of its own)
        if error is None:
            return False
        if isinstance(error, (BudgetExceeded, RecursionError)):  # not a bug of the model nor of convlint: not followed
            why = str(error) if isinstance(error, BudgetExceeded) else "the model nests deeper than convlint follows"
            self.analysis.stopped = why
            self.analysis.unresolved.append(Unresolved(self.analysis.span, f"not followed to its end: {why}"))
        elif isinstance(error, Exception):
            self.analysis.internal_error = f"internal error {type(error).__name__}: {error}"
        else:
            return False
        return True


def _optional_inputs(cls: LocalClass | None, given: int) -> list[str]:
    """forward()'s parameters after the `given` inputs whose default is None (`y=None`, `mask=None`)."""
    forward = cls.forward_method() if isinstance(cls, LocalClass) else MISSING
    if not isinstance(forward, LocalFunction):
        return []
    params = forward.node.params
    return [p.name.value for p in (*params.posonly_params, *params.params)[1 + given:]
            if isinstance(p.default, cst.Name) and p.default.value == "None"
            and not _stands_for_an_attribute(forward.node, p.name.value)]


def _stands_for_an_attribute(function: cst.FunctionDef, name: str) -> bool:
    """Whether forward() takes `name` in place of an attribute of the module, read when it is left
    None (MAML's functional learner: `if vars is None: vars = self.vars`, its fast weights passed
    otherwise): leaving it None is the module run on its own weights, the usual call, not a path
    only a caller that forgets an input takes."""
    def is_the_attribute(value: cst.BaseExpression) -> bool:
        return isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name) and value.value.value == "self"

    def is_none_test(test: cst.BaseExpression) -> bool:
        return isinstance(test, cst.Comparison) and isinstance(test.left, cst.Name) and test.left.value == name \
            and len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.Is) \
            and isinstance(test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None"

    def assigns(statement: cst.CSTNode, value_test) -> bool:
        return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 \
            and isinstance(small := statement.body[0], cst.Assign) and len(small.targets) == 1 \
            and isinstance(small.targets[0].target, cst.Name) and small.targets[0].target.value == name \
            and value_test(small.value)

    body = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
    for statement in body:
        if isinstance(statement, cst.If) and is_none_test(statement.test) and statement.orelse is None \
                and isinstance(statement.body, cst.IndentedBlock) and len(statement.body.body) == 1 \
                and assigns(statement.body.body[0], is_the_attribute):
            return True
        if assigns(statement, lambda v: isinstance(v, cst.IfExp) and is_the_attribute(v.body) and is_none_test(v.test)
                   and isinstance(v.orelse, cst.Name) and v.orelse.value == name):
            return True
    return False


def _optional_rerunner(interpreter: Interpreter, analysis: ModelAnalysis, shape, training: bool = False):
    """forward() once more (as model.train() runs it, with `training`) with its optional inputs
    given or not, made when asked (only a model with an error needs it); None without them."""
    source = analysis.input_source
    given = 1 + (len(source.more) if source is not None and shape is not None else 0)
    if not _optional_inputs(analysis.root.cls, given):
        return None
    if training:
        return lambda: _training_run(interpreter, analysis, shape, optional_given=True)
    return lambda: _optional_run(interpreter, analysis, shape)


def _optional_run(interpreter: Interpreter, analysis: ModelAnalysis, shape, optional_given: bool = True) -> ModelAnalysis:
    """forward() once more with its optional inputs given or not (each an unknown): the paths
    that use them are followed too, so what only leaving them None breaks can be told apart.
    Without `optional_given`: forward() once more on another input (`shape`)."""
    again = ModelAnalysis(analysis.name, analysis.span, root=analysis.root, constructed=analysis.constructed,
                          forward_span=analysis.forward_span, input_source=analysis.input_source)
    with _guarded(interpreter, again):
        _run_forward(interpreter, analysis.root.cls, again, shape, optional_given=optional_given)
    interpreter.analysis = None
    return again


def _free_sequence_run(interpreter: Interpreter, analysis: ModelAnalysis, shape) -> ModelAnalysis:
    """forward() once more, each further input an nn.Linear took as (M, features) given as a
    sequence (M, L, features) instead: a Linear takes any rank, so (M, features) was a choice."""
    sequences = {name: Tensor(Shape((Sym("M"), Sym("S"), width)),
                              name, field=(1, 1))
                 for name, width in analysis.free_ranks_assumed.items()}
    again = ModelAnalysis(analysis.name, analysis.span, root=analysis.root, constructed=analysis.constructed,
                          forward_span=analysis.forward_span, input_source=analysis.input_source,
                          forward_bound={**analysis.forward_bound, **sequences})
    with _guarded(interpreter, again):
        _run_forward(interpreter, analysis.root.cls, again, shape)
    interpreter.analysis = None
    return again


def _no_forward_to_follow(interpreter: Interpreter, cls: LocalClass) -> bool:
    """Whether a module class deriving from nn.Module itself (not from a layer, whose forward torch
    gives) has no forward() convlint follows, and no class of the file derives from it (a base whose
    subclasses give the forward is analysed through them)."""
    from convlint.evaluator.interpreter import MODULE_BASES
    from convlint.evaluator.torch_api import canonical_name

    bases = cls.torch_bases()
    if not bases or any(canonical_name(b.qualified) not in MODULE_BASES for b in bases):
        return False
    parsed = getattr(cls.scope, "parsed", None)
    return not any(isinstance(v, LocalClass) and v is not cls and getattr(v.scope, "parsed", None) is parsed
                   and cls in v.mro() for v in interpreter.module_scope.names.values())


def _run_forward(interpreter: Interpreter, cls: LocalClass | None, analysis: ModelAnalysis,
                 shape: tuple[int, ...] | None, optional_given: bool = False) -> None:
    analysis.construction_calls = len(analysis.calls)
    if shape is not None:
        analysis.input_shape = Shape(shape)
        analysis.input = Tensor(Shape(shape), field=(1, 1))
    else:
        analysis.input = Tensor(Shape(None), placeholder=True, field=(1, 1))
    more = analysis.input_source.more if analysis.input_source is not None and shape is not None else ()
    inputs = [analysis.input, *(Tensor(Shape(s), "an input", field=(1, 1)) for s in more)]
    for given in inputs:  # a fresh batch (torch.randn, a DataLoader's stack): laid out contiguously
        tensor_ops.laid_contiguous(interpreter, given)
    if cls is None:  # a torch nn.Sequential a factory returns: its children in order
        node = interpreter.factory_nodes.get(id(analysis.root))
        if node is not None:
            analysis.output = interpreter.call_module(analysis.root, inputs, {}, node)
        return
    forward = interpreter.forward_of(analysis.root)[0] if isinstance(analysis.root, ModuleNode) \
        and isinstance(analysis.root.cls, LocalClass) else cls.forward_method()
    if isinstance(forward, LocalFunction):
        analysis.forward_span = forward.scope.parsed.span_of(forward.node.name) \
            if getattr(forward.scope, "parsed", None) is not None else None
        analysis.forward_abstract = any(
            (d.decorator.value if isinstance(d.decorator, cst.Name) else
             d.decorator.attr.value if isinstance(d.decorator, cst.Attribute) else "") == "abstractmethod"
            for d in forward.node.decorators)
    if forward is MISSING and analysis.root.attrs.get("__container__") is None:
        if _no_forward_to_follow(interpreter, cls):
            interpreter.unresolved(cls.node.name, f"{cls.name}: no forward() to follow (none defined, nor a "
                                                  "__call__ that replaces it): the model is not analysed")
        return
    free: list[str] = []
    if isinstance(forward, LocalFunction):
        params = forward.node.params
        required = [p.name.value for p in (*params.posonly_params, *params.params)[1:] if p.default is None]
        # `forward(self, x, c)` with only x's size known, or none: c is followed as far as torch's
        # rules settle its size (the layer it reaches, a cat with a tensor of known size)
        free = required[len(inputs):]
        # (a value a run of its own gives one, `scale=3` of `if scale == 3:`: _forward_trials)
        inputs += [analysis.forward_bound[name] if name in analysis.forward_bound else tensor_ops.free_input(name)
                   for name in free]
        free = [name for name in free if name not in analysis.forward_bound]
    optional = {name: OptionalInput(f"{name}: an optional input, given or not")
                for name in _optional_inputs(cls, len(inputs))} if optional_given else {}
    if isinstance(forward, LocalFunction):  # (`scale=2` given another value: a keyword)
        optional.update({name: value for name, value in analysis.forward_bound.items() if name not in required})
    analysis.output = interpreter.call_module(analysis.root, inputs, optional, cls.node.name)
    unsettled = [name for name in free if name not in analysis.free_inputs]
    if unsettled:
        interpreter.unresolved(forward.node.name, f"forward(): no size known for {', '.join(unsettled)}: "
                                                  "what it feeds is unknown")
    followed = {name: analysis.free_inputs[name] for name in free if name in analysis.free_inputs}
    positional = forward.node.params.params if isinstance(forward, LocalFunction) else ()
    if analysis.input is not None and analysis.input.free == tensor_ops.FIRST_INPUT and len(positional) > 1:
        followed = {positional[1].name.value: analysis.input, **followed}  # joined to another: its share not told
    for name, made in followed.items():
        if made.free is not None:
            interpreter.unresolved(forward.node.name, f"forward(): {name} has sizes no code fixes ({made.shape}): "
                                                      "what they feed is unknown")
