"""Imports of the linted project's own modules: found on disk, parsed once, analysed lazily.

Relative imports resolve from the importing file's package; absolute ones from the file's
directory (script style) and from the root above its top-level package, then from the folders
the project's code puts on sys.path and the folders above the file up to the project's root
(scripts run from there). A library's models that convlint ships stand-ins for (torchvision's
ResNet, VGG, AlexNet, StochasticDepth, timm's DropPath: convlint/standins/) are read from those,
as project code is. Anything else
is a third-party module and stays a name (Unknown when used)."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from convlint.evaluator.interpreter import Interpreter, Scope
    from convlint.source.parse import ParsedFile

MAX_MODULES = 200
MAX_BYTES = 5_000_000
_PARSED: dict[tuple, Any] = {}  # (path, mtime, size) -> ParsedFile: a module imported by many files is parsed once


# what convlint models itself: never read from source, even where the project's root holds it (a
# package linted inside site-packages, as torchvision's models are, has numpy beside it)
MODELLED = ("torch", "numpy", "collections", "functools", "math", "typing")

# convlint's own plain-torch restatements of library models: never imported, read as project code
STANDINS = Path(__file__).resolve().parents[1] / "standins"
STANDIN_PACKAGES = ("torchvision.models", "torchvision.transforms.v2", "torchvision.transforms", "torchvision.ops",
                    "timm.models.layers", "timm.layers")  # the longest first


def in_standins(path: str) -> bool:
    """The file is one of convlint's stand-ins (shown by its path as given, relative or not)."""
    return bool(path) and Path(path).resolve().is_relative_to(STANDINS)


def standin(qualified: str) -> tuple[Path, str] | None:
    """The stand-in file and the name in it for a library name (`torchvision.models.resnet18`,
    `torchvision.models.vgg.make_layers`), None where convlint ships none."""
    package = next((p for p in STANDIN_PACKAGES if qualified.startswith(p + ".")), None)
    if package is None:
        return None
    *module, name = qualified[len(package) + 1:].split(".")
    if len(module) > 1:
        return None
    folder = STANDINS.joinpath(*package.split("."))
    found = folder / f"{module[0]}.py" if module else folder / "__init__.py"
    return (found, name) if found.is_file() else None


@dataclass(frozen=True, slots=True)
class Deferred:
    """A name imported from a project file (or the module itself when `name` is None)."""

    path: Path | None
    name: str | None


@dataclass(eq=False, slots=True)
class ModuleValue:
    unit: Any  # the module-level Scope of the imported file


def _module_file(base: Path, dotted: str, missing: set | None = None) -> Path | None:
    """The file of `dotted` below `base`; each candidate not there goes into `missing`."""
    target = base.joinpath(*dotted.split(".")) if dotted else base
    for candidate in (target.with_suffix(".py") if dotted else None, target / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate
        if candidate is not None and missing is not None:
            missing.add(candidate.resolve())
    return None


def _namespace_roots(directory: Path, dotted: str) -> list[Path]:
    """Roots for a package with no __init__.py (PEP 420) imported by its full name from inside
    itself: `from seg.models.blocks import Down` in seg/models/net.py resolves from the folder
    holding the nearest enclosing `seg/`, the root Python is run from for the file to import
    as seg.models.net. Only the file's own ancestors named like the import's top package."""
    top = dotted.split(".")[0]
    return [folder.parent for folder in (directory, *directory.parents)
            if folder.name == top and folder.parent != folder]


class ProjectImports:
    def __init__(self, path: Path | None) -> None:
        self.origin = path
        self.units: dict[Path, Any] = {}
        # Files an import looked for and did not find: one appearing would change the analysis.
        self.missing: set[Path] = set()
        self.scanned: set[Path] = set()  # modules read only for the folders they put on sys.path
        self.on_sys_path: list[Path] = []  # those folders, in the order the code adds them
        self._roots: dict[Path, Path] = {}  # a folder -> the project root above it

    def add_to_sys_path(self, folders: list[Path]) -> None:
        self.on_sys_path += [folder for folder in folders if folder not in self.on_sys_path]

    def note_sys_path_edits(self, path: Path) -> None:
        """Follow the sys.path edits of an imported project module, which run at its import,
        before the importing file's next line (`import _init_paths`); the module itself is still
        analysed lazily. A file not naming sys.path is not parsed for this."""
        from convlint.evaluator.sys_path import folders_added
        from convlint.source.parse import ParsedFile, read_and_parse

        key = path.resolve()
        if key in self.scanned or key in self.units:
            return
        self.scanned.add(key)
        try:
            if key.stat().st_size > MAX_BYTES or "sys.path" not in key.read_text(errors="replace"):
                return
            stamp = (key, key.stat().st_mtime_ns, key.stat().st_size)
        except OSError:
            return
        parsed = _PARSED.get(stamp)
        if parsed is None:
            parsed = _PARSED[stamp] = read_and_parse(key, _display(key))
        if isinstance(parsed, ParsedFile):
            self.add_to_sys_path([folder for _, folder in folders_added(parsed.module, key)])

    def _above(self, directory: Path) -> list[Path]:
        """The folders above `directory` up to the project's root, nearest first."""
        from convlint.source.project_hints import import_root

        root = self._roots.get(directory)
        if root is None:
            root = self._roots[directory] = import_root(directory)
        if root == directory or root not in directory.parents:
            return []
        return list(directory.parents)[:list(directory.parents).index(root) + 1]

    def _directory(self, parsed: "ParsedFile") -> Path | None:
        name = parsed.file or parsed.path
        if not name or name == "-":
            return self.origin.parent if self.origin else None
        return Path(name).resolve().parent

    def _search_folders(self, dotted: str, level: int, parsed: "ParsedFile") -> list[Path]:
        """The folders `dotted` is looked for in, in order (one for a relative import)."""
        directory = self._directory(parsed)
        if directory is None:
            return []
        if level:
            base = directory
            for _ in range(level - 1):
                base = base.parent
            return [base]
        if not dotted or dotted.split(".")[0] in MODELLED:
            return []
        roots = [directory]
        top = directory
        while (top / "__init__.py").is_file() and top.parent != top:
            top = top.parent
        if top != directory:
            roots.append(top)
        roots.extend(_namespace_roots(directory, dotted))
        # only after every place above, so that nothing found there changes
        return roots + [folder for folder in (*self.on_sys_path, *self._above(directory)) if folder not in roots]

    def find(self, dotted: str, level: int, parsed: "ParsedFile") -> Path | None:
        for root in self._search_folders(dotted, level, parsed):
            found = _module_file(root, dotted, self.missing)
            if found is not None:
                return found
        return None

    def namespace_member(self, package: str, name: str, level: int, parsed: "ParsedFile") -> Path | None:
        """The file `from package import name` binds when `package` is a folder with no
        __init__.py (PEP 420, as `from .utility import models` in research code): the submodule
        package/name.py or package/name/__init__.py, looked for in each folder holding a portion
        of the package, in order. Only when no module or regular package of that name was found
        (the caller's `find` came back empty): those win wherever they are, as in Python."""
        if not package:
            return None
        return self.find(f"{package}.{name}", level, parsed)

    def _is_namespace(self, dotted: str, level: int, parsed: "ParsedFile") -> bool:
        """Some folder searched holds `dotted` as a folder: a namespace package when nothing
        else of that name is found (`import seg` of a seg/ with no __init__.py runs)."""
        return any(root.joinpath(*dotted.split(".")).is_dir() for root in self._search_folders(dotted, level, parsed))

    def absent(self, dotted: str, level: int, parsed: "ParsedFile") -> bool:
        """True when `import dotted` fails here: neither a project module nor an installed one.
        Only the top-level name is looked up (`find_spec` of it runs no code)."""
        if level or not dotted:
            return False
        top = dotted.split(".")[0]
        if self.find(top, 0, parsed) is not None or self.find(dotted, 0, parsed) is not None:
            return False
        if self._is_namespace(dotted, 0, parsed):
            return False
        if top in sys.builtin_module_names or top in sys.stdlib_module_names:
            return False
        try:
            return importlib.util.find_spec(top) is None
        except (ImportError, ValueError):
            return False

    def submodule(self, unit: "Scope", name: str) -> Path | None:
        parsed = unit.parsed
        if parsed is None or not (parsed.file or parsed.path).endswith("__init__.py"):
            return None
        return _module_file(Path(parsed.file or parsed.path).resolve().parent, name, self.missing)

    def load(self, path: Path | None, interpreter: "Interpreter") -> "Scope | None":
        from convlint.evaluator.interpreter import Scope
        from convlint.source.parse import ParsedFile, read_and_parse

        if path is None:
            return None
        key = path.resolve()
        if key in self.units:
            return self.units[key]
        if len(self.units) >= MAX_MODULES:
            return None
        self.units[key] = None  # an import cycle sees Unknown, not a loop
        try:
            if key.stat().st_size > MAX_BYTES:
                return None
        except OSError:
            return None
        stamp = (key, key.stat().st_mtime_ns, key.stat().st_size)
        parsed = _PARSED.get(stamp)
        if parsed is None:
            parsed = _PARSED[stamp] = read_and_parse(key, _display(key))
        if not isinstance(parsed, ParsedFile):
            if parsed.code != "CL003":
                return None
            import libcst as cst  # an empty __init__.py is a module with no names

            parsed = ParsedFile(_display(key), "", cst.parse_module(""), {}, [])
        parsed.file = parsed.path
        unit = Scope()
        unit.parsed = parsed
        previous = (interpreter.parsed, interpreter.module_scope)
        interpreter.parsed, interpreter.module_scope = parsed, unit
        try:
            interpreter._bind_module(parsed.module.body)
        finally:
            interpreter.parsed, interpreter.module_scope = previous
        self.units[key] = unit
        return unit


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
