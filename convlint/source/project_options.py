"""Source stage: the options objects a project defines for its models to read (`args = parser.parse_args()`
in option.py, a `Config` class whose __init__ sets `self.input_channels = 9`). libcst only; runs nothing.

Searched from the linted file's folder upwards, nearest folder first (src/model/edsr.py finds
src/option.py before a test script's parser two folders up), within the project root when there
is one, else at most MAX_LEVELS folders above the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import re

import libcst as cst

from convlint.cache import LISTING
from convlint.source.project_hints import ROOT_MARKERS, _text, _walk, holds_python_files

MAX_LEVELS = 2  # folders above the file's own, where no project root is marked
MAX_MARKED_LEVELS = 6  # how far up a project root is looked for
MIN_CONFIG_ATTRIBUTES = 3  # a class setting fewer is a helper, not a set of options
_FOUND: dict[tuple, list] = {}  # (path, mtime, size) -> the file's options objects
_MODULES: dict[tuple, cst.Module] = {}  # (path, mtime, size) -> the file parsed


@dataclass(frozen=True, slots=True)
class OptionsObject:
    path: Path
    kind: str  # "parser": a module-level name bound to parse_args(); "config": a class to instantiate
    name: str


@dataclass(frozen=True, slots=True)
class Builder:
    """`model = base_Model(configs).to(device)` at module level of a project file (or in its
    `if __name__ == "__main__":` block): the model built with the object that name holds."""

    path: Path
    target: str
    argument: str
    in_main: bool = False  # in the file's `if __name__ == "__main__":` block: the name is the block's


@dataclass(slots=True)
class ProjectOptions:
    levels: list[list[OptionsObject]] = field(default_factory=list)  # nearest folder first
    builders: list[Builder] = field(default_factory=list)
    units: list[Path] = field(default_factory=list)
    missing: set[Path] = field(default_factory=set)  # folders whose new .py files would add candidates


def find_project_options(path: Path, settings, targets: set[str] = frozenset()) -> ProjectOptions:
    """The options objects around the file, and the module-level code of the project that builds
    one of `targets` (the file's models and factories) with a module-level name."""
    target = path.resolve()
    found = ProjectOptions()
    stems = {target.stem, target.parent.name}
    imports = re.compile(r"^[ \t]*(?:from|import)[ \t][^\n]*\b(?:%s)\b" % "|".join(map(re.escape, sorted(stems))),
                         re.MULTILINE)
    seen: set[Path] = set()
    for folder in _folders_up(target):
        files, folders = _walk(folder, settings)
        found.missing |= {f / LISTING for f in folders}
        level: list[OptionsObject] = []
        builders: list[Builder] = []
        for file in files:
            if file == target or file in seen or file.suffix != ".py":
                continue
            seen.add(file)
            text, stamp = _text(file)
            if text is None:
                continue
            named = [name for name in targets if name + "(" in text]
            if named and imports.search(text):
                try:
                    module = _parsed(stamp, text)
                    builders += [Builder(file, name, argument, in_main)
                                 for name, argument, in_main in builds_in(module, set(named))
                                 if _imports_from(module, name, file, target)]
                    found.units.append(file)
                except Exception:
                    pass
            if not ("parse_args" in text or "def __init__(self)" in text):
                continue
            if stamp not in _FOUND:
                try:
                    _FOUND[stamp] = options_in(_parsed(stamp, text), file)
                except Exception:  # a file that does not parse declares nothing
                    _FOUND[stamp] = []
            if _FOUND[stamp]:
                found.units.append(file)
                level += _FOUND[stamp]
        found.levels.append(level)
        found.builders = found.builders or builders  # the nearest folder with code building the model
    return found


def _folders_up(target: Path) -> list[Path]:
    """The file's folder and those above it, up to the project root (a folder with a marker,
    within MAX_MARKED_LEVELS), else MAX_LEVELS folders up while each holds Python files of its
    own: never a whole home directory, nor a folder of projects laid side by side (each project's
    options are its own)."""
    above = list(target.parents)[:MAX_MARKED_LEVELS + 1]
    marked = next((i for i, f in enumerate(above) if any((f / m).exists() for m in ROOT_MARKERS)), None)
    if marked is not None:
        return above[:marked + 1]
    out = above[:1]
    for folder in above[1:MAX_LEVELS + 1]:
        if not holds_python_files(folder, limit=500):
            break
        out.append(folder)
    return out


def options_in(module: cst.Module, path: Path) -> list[OptionsObject]:
    """`name = parser.parse_args()` at module level, and classes whose `__init__(self)` takes no
    argument and sets at least MIN_CONFIG_ATTRIBUTES attributes of self."""
    found = []
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Call) \
                        and isinstance(small.value.func, cst.Attribute) and small.value.func.attr.value == "parse_args":
                    found.append(OptionsObject(path, "parser", small.targets[0].target.value))
        elif isinstance(statement, cst.ClassDef) and _sets_options(statement):
            found.append(OptionsObject(path, "config", statement.name.value))
    return found


def _sets_options(node: cst.ClassDef) -> bool:
    if any(not (isinstance(base.value, cst.Name) and base.value.value == "object") for base in node.bases):
        return False
    init = next((s for s in node.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"), None)
    if init is None:
        return False
    params = init.params
    if len(params.params) != 1 or params.posonly_params or params.kwonly_params or params.star_arg \
            not in (None, cst.MaybeSentinel.DEFAULT) or params.star_kwarg is not None:
        return False
    assigned = set()
    for statement in init.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, (cst.Assign, cst.AnnAssign)):
                    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                    assigned |= {t.attr.value for t in targets if isinstance(t, cst.Attribute)
                                 and isinstance(t.value, cst.Name) and t.value.value == "self"}
    return len(assigned) >= MIN_CONFIG_ATTRIBUTES


def _parsed(stamp: tuple, text: str) -> cst.Module:
    if stamp not in _MODULES:
        _MODULES[stamp] = cst.parse_module(text)
    return _MODULES[stamp]


def builds_in(module: cst.Module, targets: set[str]) -> list[tuple[str, str, bool]]:
    """(model, name, in the main block) for each `Model(name)` in the module's top-level code or
    the top level of its `if __name__ == "__main__":` block (a training script's `opt =
    parser.parse_args()`, then `model = IDN(opt)`), the one argument a name."""
    from convlint.source.input_hints import is_main_guard

    found = []
    statements = [(statement, False) for statement in module.body]
    for statement in module.body:
        if isinstance(statement, cst.If) and statement.orelse is None and is_main_guard(statement.test) \
                and isinstance(statement.body, cst.IndentedBlock):
            statements += [(inner, True) for inner in statement.body.body]
    for statement, in_main in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        stack: list[cst.CSTNode] = [statement]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if not isinstance(node, cst.Call) or len(node.args) != 1 or node.args[0].keyword is not None \
                    or node.args[0].star or not isinstance(node.args[0].value, cst.Name):
                continue
            func = node.func
            name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else None
            if name in targets:
                found.append((name, node.args[0].value.value, in_main))
    return found


def _imports_from(module: cst.Module, name: str, origin: Path, target: Path) -> bool:
    """`from models.model import base_Model` in `origin` names the linted file (its module found
    below origin's folder or one of the folders above it), not a namesake elsewhere."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not isinstance(small, cst.ImportFrom) or small.relative or small.module is None \
                    or isinstance(small.names, cst.ImportStar) \
                    or not any(isinstance(a.name, cst.Name) and a.name.value == name for a in small.names):
                continue
            dotted = cst.Module([]).code_for_node(small.module).split(".")
            for base in [origin.parent, *list(origin.parent.parents)[:3]]:
                path = base.joinpath(*dotted)
                if target in (path.with_suffix(".py").resolve(), (path / "__init__.py").resolve()):
                    return True
    return False
