"""Source stage: the input sizes other files of the project feed a file's models (`train.py` or
`tests/test_net.py` doing `from models.net import Net` and calling it on a tensor). Reads and
parses those files; imports neither the evaluator nor torch, and runs nothing.

The work is bounded so that a large tree stays fast: the walk stops after MAX_FILES Python files
(MAX_ENTRIES directory entries), a cheap text search keeps only files that name the model and
import its module, and at most MAX_PARSED_BYTES of them are parsed per file linted."""

from __future__ import annotations

import fnmatch
import os
import re
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from convlint.cache import LISTING  # a folder's entry in `missing`: the result depends on its .py files
from convlint.source.notebooks import read_notebook

ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
SKIPPED_DIRS = frozenset({"venv", "site-packages", "node_modules", "build", "dist", "__pycache__"})
MAX_FILES = 500
MAX_ENTRIES = 20_000
MAX_FILE_BYTES = 1_000_000
MAX_TEXT_BYTES = 8_000_000
MAX_PARSED_BYTES = 600_000
MAX_NOTEBOOK_BYTES = 20_000_000  # a notebook's JSON holds its outputs too: images, logs
SOURCE_SUFFIXES = (".py", ".ipynb")  # a notebook calling the model feeds it as a script does

_WALKS: dict[tuple, tuple[list[Path], list[Path]]] = {}  # per run: (root, near, excludes) -> (files, folders)
_TEXTS: dict[tuple, str | None] = {}  # (path, mtime, size) -> text
_HINTS: dict[tuple, tuple] = {}  # ((path, mtime, size), root) -> (hints, imported names, constructions, stamps read)
_PARSED: dict[tuple, object] = {}  # (path, mtime, size) -> the module parsed, or None
_NOTEBOOKS: dict[tuple, object] = {}  # (path, mtime, size) -> a notebook's NotebookSource, for its cell positions


@dataclass(slots=True)
class ProjectHints:
    hints: list = field(default_factory=list)  # (display path, InputHint)
    constructions: list = field(default_factory=list)  # (display path, InputHint of kind "construction")
    units: list[Path] = field(default_factory=list)  # files read for them (their bytes decide the result)
    missing: set[Path] = field(default_factory=set)  # `folder/*.py`: a new file there may add a hint


def clear_cache() -> None:
    """Forget the folders walked: each run sees the tree as it is now (file contents are keyed
    by modification time and size, so they need no clearing)."""
    _WALKS.clear()


def project_root(path: Path) -> Path:
    """The nearest folder above the file with pyproject.toml, setup.py, setup.cfg or .git; else
    the folder its package is imported from (`scripts/train.py` doing `from mel2wav.modules import
    Generator` sits beside mel2wav/ in a copy with no .git); else the file's own folder."""
    marked = _nearest_marked(path.parents, ROOT_MARKERS)
    if marked is not None:
        return marked
    top = path.parent
    for _ in range(MAX_NAMESPACE_LEVELS + 1):
        while (top / "__init__.py").is_file() and top.parent != top:
            top = top.parent
        if top.parent == top or not _imported_from_beside(top):
            break
        top = top.parent  # a folder with no __init__.py, imported by its name from the folder above
    return top


MAX_NAMESPACE_LEVELS = 3  # folders with no __init__.py a project root is looked for above


def _imported_from_beside(folder: Path) -> bool:
    """Whether a script of the folder above imports `folder` by its name (`from Architecture.Model
    import Net` or `from Architecture import Model` in Train.py beside an Architecture/ with no
    __init__.py): run from there, Python finds it as a namespace package (PEP 420)."""
    entries = _listing(folder.parent, 200)
    named = re.compile(r"^[ \t]*(?:from[ \t]+%s(?:\.[\w.]+)?[ \t]+import\b|import[ \t]+%s\.)"
                       % ((re.escape(folder.name),) * 2), re.MULTILINE)
    for entry in entries or ():
        if entry.name.endswith(".py") and entry.is_file():
            text = _text(Path(entry.path))[0]
            if text is not None and named.search(text):
                return True
    return False


def import_root(folder: Path) -> Path:
    """The folder the project's scripts are run from, as far as an absolute import may reach:
    the nearest one above `folder` with a root marker (ROOT_MARKERS or requirements.txt); with
    none, the top-most of the unbroken run of folders above it holding Python files (directly or
    in a child folder: a root holding only `config/` and `nets/` is one). A folder too large to
    list cheaply (a home or /tmp) ends the run."""
    marked = _nearest_marked((folder, *folder.parents), (*ROOT_MARKERS, "requirements.txt"))
    if marked is not None:
        return marked
    top = folder
    while top.parent != top and _holds_python(top.parent):
        top = top.parent
    return top


def _nearest_marked(folders, markers: tuple[str, ...]) -> Path | None:
    """The first of `folders` holding one of `markers` (a project root's pyproject.toml, .git)."""
    return next((folder for folder in folders if any((folder / marker).exists() for marker in markers)), None)


def _holds_python(folder: Path, limit: int = 200) -> bool:
    if holds_python_files(folder, limit):
        return True
    entries = _listing(folder, limit)
    for entry in entries or ():
        if entry.is_dir() and not entry.name.startswith(".") and entry.name not in SKIPPED_DIRS \
                and holds_python_files(Path(entry.path), limit):
            return True
    return False


def holds_python_files(folder: Path, limit: int = 200) -> bool:
    """Whether the folder holds a .py file itself (not only in folders below it), where it can be
    read and holds at most `limit` entries (more: a home or /tmp, no project's folder)."""
    entries = _listing(folder, limit)
    return entries is not None and any(entry.name.endswith(".py") and entry.is_file() for entry in entries)


def _listing(folder: Path, limit: int) -> list | None:
    """The folder's entries, or None when it cannot be read or holds more than `limit`."""
    try:
        with os.scandir(folder) as it:
            entries = []
            for entry in it:
                entries.append(entry)
                if len(entries) > limit:
                    return None
            return entries
    except OSError:
        return None



# `models.__dict__[args.arch]()`, `getattr(models, name)()`: a model named by a string
_BY_NAME = re.compile(r"\.__dict__\s*\[|\bgetattr\s*\(")
# `model_dict[arch](...)`, `utils.MODELS[name](...)`: a model taken from a table by its key
_INDEXED_CALL = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\s*\[[^\[\]\n]*\]\s*\(")
# `net_cls = NETWORKS[kind]`, called after: a class read from a table by its key, then built
_INDEXED_READ = re.compile(r"^[ \t]*\w+[ \t]*=[ \t]*([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?[ \t]*\[[^\[\]\n]*\][ \t]*$",
                           re.MULTILINE)


def _indexes_a_table(text: str) -> bool:
    """Whether the file calls what it reads by key from a dict that may list models: one bound at
    its top level to a dict literal, imported by name (or by a star import), or a module's."""
    for match in (*_INDEXED_CALL.finditer(text), *_INDEXED_READ.finditer(text)):
        head, attribute = match.groups()
        name = re.escape(head)
        if attribute is None and re.search(r"^%s[ \t]*=[ \t]*\{" % name, text, re.MULTILINE) \
                or re.search(r"^[ \t]*(?:from[ \t][^\n]*[ \t]import[ \t][^\n]*(?:\b%s\b|\*)|import[ \t][^\n]*\b%s\b)"
                             % (name, name), text, re.MULTILINE):
            return True
    return False


def find_project_hints(path: Path, names: set[str], settings) -> ProjectHints:
    """Hints for the models `names` of the file at `path`, from the project's other files."""
    target = path.resolve()
    root = project_root(target)
    files, folders = _walk(root, settings, near=target.parent)
    found = ProjectHints(missing={folder / LISTING for folder in folders})
    stems = {target.stem} if target.stem != "__init__" else set()
    stems.add(target.parent.name)  # `from models import Net`, with Net re-exported by the package
    # an instance is made by a call of the class or factory: a file that only imports or names it feeds nothing
    mentions = re.compile(r"\b(?:%s)\s*\(" % "|".join(map(re.escape, sorted(names))))
    imports = re.compile(r"^[ \t]*(?:from|import)[ \t][^\n]*\b(?:%s)\b" % "|".join(map(re.escape, sorted(stems))),
                         re.MULTILINE)
    budget = MAX_PARSED_BYTES
    total = 0
    for file in files:
        if file == target:
            continue
        text, stamp = _text(file)
        if text is None:
            continue
        total += len(text)
        if total > MAX_TEXT_BYTES:
            break
        if not ((any(name in text for name in names) and (mentions.search(text) or _alias_called(text, names))
                 or _BY_NAME.search(text)) and imports.search(text) or _indexes_a_table(text)):
            continue  # a file that makes no instance of the model: nothing to parse (one that makes one
            # and feeds it nothing still says how the project builds it; one that builds a model of a
            # table may build it, whatever file holds the table)
        budget -= len(text)
        if budget < 0:
            break
        hints, _, built, read = _hints_of(file, text, stamp, root)
        found.units.append(file)
        found.units += [stamp[0] for stamp in read]  # the files whose functions it calls
        for hint in hints:
            if hint.target in names and hint.module is not None and \
                    _resolves_to(hint.module, hint.target, _named_from(hint, file), root, target, found):
                found.hints.append(_shown_in_cells(file, stamp, display_path(file),
                                                   _classes_found(hint, file, root, found)))
        for hint in built:
            if hint.target in names and hint.module is not None and \
                    _resolves_to(hint.module, hint.target, file, root, target, found):
                found.constructions.append(_shown_in_cells(file, stamp, display_path(file),
                                                           _classes_found(hint, file, root, found)))
    return found


def _alias_called(text: str, names: set[str]) -> bool:
    """Whether the file calls a model under the name it imports it as (`from model import
    NetworkImageNet as Network`, then `Network(args.init_channels, ...)`)."""
    aliases = re.findall(r"\b(?:%s)[ \t]+as[ \t]+(\w+)" % "|".join(map(re.escape, sorted(names))), text)
    return any(re.search(r"\b%s\s*\(" % re.escape(alias), text) for alias in aliases)


def find_package_hints(path: Path, settings) -> ProjectHints:
    """The one input size the project's scripts feed the models of the file's folder (kuangliu's
    main.py: `from models import *`, `net = SimpleDLA()`, CIFAR10 batches; the LeNet of
    models/lenet.py, which nothing builds, is one line away from being that net). Only when every
    such hint agrees (a GAN's noise and images do not); hints of models of other folders and of
    the file's own models (read by find_project_hints) are not counted. `hints` holds the first."""
    target = path.resolve()
    root = project_root(target)
    folder = target.parent
    files, folders = _walk(root, settings, near=folder)
    found = ProjectHints(missing={f / LISTING for f in folders})
    imports = re.compile(r"^[ \t]*(?:from|import)[ \t][^\n]*\b%s\b" % re.escape(folder.name), re.MULTILINE)
    shapes: set[tuple] = set()
    budget = MAX_PARSED_BYTES
    for file in files:
        if file.parent == folder and file.name != "__init__.py":
            continue  # the package's own modules build its models; their sizes are their own models'
        text, stamp = _text(file)
        if text is None or not imports.search(text):
            continue
        budget -= len(text)
        if budget < 0:
            break
        hints, _, _, read = _hints_of(file, text, stamp, root)
        for hint in hints:
            if hint.module is None:
                continue
            defined_in = _defining_file(hint.module, hint.target, _named_from(hint, file), root, found)
            if defined_in is None or defined_in.parent != folder or defined_in == target:
                continue
            found.units += [file, *(stamp[0] for stamp in read)]
            shapes.add(tuple(hint.shape[1:]) + tuple(hint.more))
            if not found.hints:
                found.hints.append(_shown_in_cells(file, stamp, display_path(file), hint))
    if len(shapes) != 1:
        found.hints.clear()
    return found


def _named_from(hint, file: Path) -> Path:
    """The file whose imports name the hint's module: the hinting file, or the file of the table
    it built the model from (`from models import *` in utils.py, read by main.py)."""
    return Path(hint.origin) if hint.origin is not None else file


def _classes_found(hint, file: Path, root: Path, found: ProjectHints):
    """The hint with the project file defining each class its call passes by name (`CNN(ConvBlockA)`
    in fit.py, `from blocks import ConvBlockA`: blocks.py), as `class_files`; one defined in the
    hinting file is that file's. A class whose definition is not found is left out: its argument
    stays one not known."""
    if not hint.classes:
        return hint
    located = []
    for key, module, name in hint.classes:
        defined = (file, name) if module is None else _defining_class(module, name, file, root, found)
        if defined is not None:
            located.append((key, str(defined[0]), defined[1]))
    return replace(hint, class_files=tuple(located))


def _defining_class(module: str, name: str, origin: Path, root: Path, found: ProjectHints) -> tuple[Path, str] | None:
    """(the project file whose top level defines the class, its name there) that `from <module>
    import <name>` in `origin` binds: re-exports of a package's __init__ followed twice."""
    accepted: list[str] = []

    def defines(file: Path, imported: str) -> bool:
        text = _text(file)[0]
        found.units.append(file)
        if text is None or re.search(r"^class[ \t]+%s\b" % re.escape(imported), text, re.MULTILINE) is None:
            return False
        accepted.append(imported)
        return True

    file = _provider(module, name, origin, root, found, defines, max_depth=1)
    return (file, accepted[-1]) if file is not None else None


def _defining_file(module: str, name: str, origin: Path, root: Path, found: ProjectHints) -> Path | None:
    """The project file whose top level defines `name`, imported as `from <module> import <name>`
    (or by a star import) in `origin`: re-exports of a package's __init__ followed twice."""
    def defines(file: Path, imported: str) -> bool:
        text = _text(file)[0]
        found.units.append(file)
        return text is not None and re.search(r"^(?:class|def)[ \t]+%s\b" % re.escape(imported), text,
                                              re.MULTILINE) is not None

    return _provider(module, name, origin, root, found, defines, max_depth=1)


def _provider(module: str, name: str, origin: Path, root: Path, found: ProjectHints,
              accepts: Callable[[Path, str], bool], max_depth: int, depth: int = 0) -> Path | None:
    """The file `from <module> import <name>` in `origin` takes `name` from: the first that
    `accepts` it (under the name it has there), following star imports (`from models import *`)
    and a package __init__'s re-exports, named or starred, up to `max_depth` packages deep."""
    from convlint.source.input_hints import star_sources

    if (sources := star_sources(module)) is not None:
        return next(filter(None, (_provider(s, name, origin, root, found, accepts, max_depth, depth)
                                  for s in sources)), None)
    file = _import_target(module, origin, root)
    if file is None:
        return None
    if accepts(file, name):
        return file
    if file.name != "__init__.py" or depth > max_depth:
        return None
    text, stamp = _text(file)
    if text is None or len(text) > MAX_FILE_BYTES:
        return None
    found.units.append(file)
    names = _hints_of(file, text, stamp)[1]
    if name in names:
        source, original = names[name]
        return _provider(source, original, file, root, found, accepts, max_depth, depth + 1)
    return next(filter(None, (_provider(source, name, file, root, found, accepts, max_depth, depth + 1)
                              for key, (source, _) in names.items() if key.startswith("*"))), None)


MAX_IMPORTERS = 6  # project files checked for the blocks a library file defines (their importers' included)
MAX_IMPORTER_BYTES = 200_000  # and their source at most, all together
MAX_IMPORTER_LEVELS = 3  # the file's importers, theirs (that only pass their own parameters on), and theirs
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+\(?([\w, \t*]+)|import[ \t]+([\w., \t]+))",
                          re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Importer:
    """A project file that imports a file's module and calls some of its blocks."""

    path: Path
    builds: frozenset[str]  # the blocks its text calls
    size: int  # its text's length: what checking it costs
    literal: bool  # one of those calls passes written numbers only (`Bott(64, 4)`): the numbers are there


def find_importers(path: Path, names: set[str], settings) -> tuple[list[Importer], ProjectHints]:
    """The project files that import the file's module (`from .unet_parts import *`, `from
    models.blocks import ResBlock`, `import utils`) and build some of `names`, its blocks, with
    the numbers its own code may lack: the file's own folder first, then by depth and name (the
    caller picks which to check). In a copy with no project marker where the project root holds
    none, the folders above it are read, nearest first, while they hold Python files (`from
    common.blocks import ResBlock` in app/model.py, beside common/: the import root its dotted
    path implies), at most MAX_ROOT_LEVELS. With what was read, for the cache (a new file in a
    folder may be a new importer)."""
    target = path.resolve()
    root = project_root(target)
    found = ProjectHints()
    importers = _importers_under(root, target, names, settings, found)
    if importers or _nearest_marked(target.parents, ROOT_MARKERS) is not None:
        return importers, found
    above = root
    for _ in range(MAX_ROOT_LEVELS):
        if (above / "requirements.txt").exists() or above.parent == above or not _holds_python(above.parent):
            break
        above = above.parent
        importers = _importers_under(above, target, names, settings, found)
        if importers:
            break
    return importers, found


MAX_ROOT_LEVELS = 3  # folders above a project root with no marker that an importer's dotted path may start from


def _importers_under(root: Path, target: Path, names: set[str], settings, found: ProjectHints) -> list[Importer]:
    """find_importers in the files of one folder's walk (absolute imports looked for from `root`)."""
    files, folders = _walk(root, settings, near=target.parent)
    found.missing |= {f / LISTING for f in folders}
    mention = re.compile(r"\b%s\b" % re.escape(target.stem if target.name != "__init__.py" else target.parent.name))
    builds = _calls_of(names) if names else None
    literal = _literal_calls_of(names) if names else None
    candidates: list[tuple] = []
    for file in files:
        if file == target or file.suffix != ".py" or builds is None:
            continue  # a notebook is not checked as a file of the project (yet): its sizes are read, not its errors
        text, _ = _text(file)
        if text is None or not mention.search(text):
            continue
        built = set(builds.findall(text))
        if built and any(_names_target(match, file, root, target) for match in _IMPORT_LINE.finditer(text)):
            candidates.append((file.parent != target.parent, len(file.parts), str(file),
                               Importer(file, frozenset(built), len(text), bool(literal.search(text)))))
    candidates.sort(key=lambda entry: entry[:3])
    importers = [entry[3] for entry in candidates]
    found.units += [importer.path for importer in importers]
    return importers


def _literal_calls_of(names: set[str]) -> re.Pattern:
    """A call of one of `names` whose arguments are written numbers, True/False/None or strings
    only, by position or keyword (`Bott(64, 4)`, `Up(128, 64, bilinear=True)`)."""
    value = r"(?:-?\d+(?:\.\d*)?|True|False|None|'[^'\n]*'|\"[^\"\n]*\")"
    argument = r"\s*(?:[A-Za-z_]\w*\s*=\s*)?%s\s*" % value
    return re.compile(r"(?<!class )\b(?:%s)\s*\((?:%s(?:,%s)*,?\s*)?\)"
                      % ("|".join(map(re.escape, sorted(names))), argument, argument))


def _names_target(match: re.Match, origin: Path, root: Path, target: Path) -> bool:
    """Whether one import statement reads the module of `target` (or a name of it, as a module)."""
    module, names, plain = match.groups()
    if plain is not None:
        modules = [part.split()[0] for part in plain.split(",") if part.strip()]
    else:
        listed = [part.split()[0] for part in names.split(",") if part.strip() and part.strip() != "*"]
        modules = [module] + [f"{module}.{name}" if not module.endswith(".") else module + name for name in listed]
    return any(_import_target(m, origin, root) == target or _named_by_its_path(m, origin, target) for m in modules)


def _named_by_its_path(module: str, origin: Path, target: Path) -> bool:
    """`from ptsemseg.models.utils import unetUp` in ptsemseg/models/unet.py, in a copy with no
    project marker or __init__.py: the dotted name is the target's path below a folder that also
    holds the importer."""
    if module.startswith("."):
        return False
    parts = module.split(".")
    named = target.with_suffix("").parts
    if target.name == "__init__.py":
        named = target.parent.parts
    if len(parts) >= len(named) or tuple(named[-len(parts):]) != tuple(parts):
        return False
    base = Path(*named[:-len(parts)])
    return base in origin.parents


def _calls_of(names: set[str]) -> re.Pattern:
    """A call of any of `names` (`Up(`), not its class statement."""
    return re.compile(r"(?<!class )\b(%s)\s*\(" % "|".join(map(re.escape, sorted(names))))


def built_in_package(path: Path, names: set[str]) -> set[str]:
    """Those of `names` another module of the file's folder calls (a block that a model of the
    package builds): not nets a script could train in place of another. One read of the folder."""
    if not names:
        return set()
    call = _calls_of(names)
    target = path.resolve()
    built: set[str] = set()
    for file in sorted(target.parent.glob("*.py")):
        text = _text(file)[0] if file not in (target, target.parent / "__init__.py") else None
        if text is not None:
            built.update(call.findall(text))
    return built


def _walk(root: Path, settings, near: Path | None = None) -> tuple[list[Path], list[Path]]:
    """The project's Python files, breadth first (top-level scripts and tests/ before deep
    folders), each folder in name order; the count of entries read is checked as they are read,
    so a folder of a million images stops the walk instead of being listed. With `near` (the
    linted file's folder), the folders from it up to the root come first and the walk spreads
    from each: the script building a model sits beside it, and a large tree elsewhere must not
    fill MAX_FILES before it is read."""
    chain = [root]
    if near is not None and near != root and root in near.parents:
        chain = [near, *(p for p in near.parents if root in p.parents or p == root)]
    key = (root, chain[0], getattr(settings, "exclude", ()), getattr(settings, "root", None))
    if key in _WALKS:
        return _WALKS[key]
    files: list[Path] = []
    folders: list[Path] = []
    pending = deque(chain)
    queued = set(chain)
    entries = 0
    while pending and len(files) < MAX_FILES and entries < MAX_ENTRIES:
        here = pending.popleft()
        folders.append(here)
        subdirs, names = [], []
        try:
            with os.scandir(here) as listing:
                for entry in listing:
                    entries += 1
                    if entries >= MAX_ENTRIES:
                        break
                    if entry.is_dir(follow_symlinks=False):  # links to folders are not followed: no loops
                        subdirs.append(entry.name)
                    elif entry.name.endswith(SOURCE_SUFFIXES):
                        names.append(entry.name)
        except OSError:
            continue
        for sub in (here / d for d in sorted(subdirs) if not d.startswith(".") and d not in SKIPPED_DIRS
                    and not d.endswith(".egg-info") and not _excluded(here / d, root, settings)):
            if sub not in queued:
                queued.add(sub)
                pending.append(sub)
        files += [here / name for name in sorted(names) if not _excluded(here / name, root, settings)]
    _WALKS[key] = files[:MAX_FILES], folders
    return _WALKS[key]


def _excluded(path: Path, root: Path, settings) -> bool:
    """The configured exclude patterns, matched against the parts of the path below the project
    root (not the folders above it) and against its path relative to the configuration."""
    patterns = getattr(settings, "exclude", ())
    if any(fnmatch.fnmatch(part, pattern) for part in path.relative_to(root).parts for pattern in patterns):
        return True
    config_root = getattr(settings, "root", None)
    if config_root is None:
        return False
    try:
        relative = path.relative_to(config_root).as_posix()
    except ValueError:
        return False
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(relative, p.rstrip("/") + "/*") for p in patterns)


def _text(path: Path) -> tuple[str | None, tuple]:
    """The file's Python text (a notebook's code cells, in order), read once per version of it."""
    try:
        info = path.stat()
    except OSError:
        return None, ()
    stamp = (path, info.st_mtime_ns, info.st_size)
    if stamp not in _TEXTS:
        text = None
        if info.st_size <= (MAX_NOTEBOOK_BYTES if path.suffix == ".ipynb" else MAX_FILE_BYTES):
            try:
                text = path.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = None
        if text is not None and path.suffix == ".ipynb":
            notebook = read_notebook(text)
            text = notebook.text if notebook is not None and len(notebook.text) <= MAX_FILE_BYTES else None
            _NOTEBOOKS[stamp] = notebook
        _TEXTS[stamp] = text
    return _TEXTS[stamp], stamp


def _shown_in_cells(path: Path, stamp: tuple, display: str, hint):
    """A hint of a notebook, placed as ruff places it: `model.ipynb:cell 3`, line 2 of that cell."""
    notebook = _NOTEBOOKS.get(stamp) if path.suffix == ".ipynb" else None
    if notebook is None or hint.line is None:
        return display, hint
    cell, line = notebook.position(hint.line)
    return f"{display}:cell {cell}", replace(hint, line=line)


def _hints_of(path: Path, text: str, stamp: tuple, root: Path | None = None) -> tuple:
    """The file's hints, top-level from-imports and constructions, parsed once per version of the
    file and of the project files whose functions it calls (with `root`: read for the data they return)."""
    key = (stamp, root)
    if key not in _HINTS or any(_text(read[0])[1] != read for read in _HINTS[key][3]):
        import libcst as cst

        from convlint.source.input_hints import find_hints_and_constructions, imported_names

        read: list[tuple] = []
        try:
            module = cst.parse_module(text)
            functions = function_lookup(path, root, read) if root is not None else None
            configs = config_lookup(path, root, read) if root is not None else None
            hints, built = find_hints_and_constructions(module, functions=functions, configs=configs)
            _HINTS[key] = (hints, imported_names(module), built, tuple(read))
        except Exception:  # a file that does not parse, or code the finder trips on, gives no size
            _HINTS[key] = ([], {}, [], tuple(read))
    return _HINTS[key]


def function_lookup(origin: Path, root: Path, read: list[tuple]):
    """For the file `origin`: `from <module> import <name>` -> (that project file parsed, the
    top-level function or class `name` there or the dict literal `name = {...}` binds it to, the
    file's name for messages, its path), found as `_resolves_to` finds a model's file; None for
    anything else (a library, a re-export, a dict changed after it is made). Appends the stamp of
    each file read to `read`, so that a cached result is redone when it changes."""
    known: dict[tuple[str, str], tuple | None] = {}

    def lookup(module: str, name: str):
        if (module, name) not in known:  # `from utils import AverageMeter`, called in every step
            known[module, name] = find(module, name)
        return known[module, name]

    def find(module: str, name: str):
        file = _import_target(module, origin, root)
        if file is None:
            return None
        text, stamp = _text(file)
        if text is None:
            return None
        read.append(stamp)
        if stamp not in _PARSED:
            import libcst as cst

            try:
                _PARSED[stamp] = cst.parse_module(text)
            except Exception:
                _PARSED[stamp] = None
        parsed = _PARSED[stamp]
        if parsed is None:
            return None
        defined = [s for s in parsed.body if getattr(getattr(s, "name", None), "value", None) == name]
        if len(defined) == 1 and type(defined[0]).__name__ in ("FunctionDef", "ClassDef") \
                and file.name != "__init__.py":
            return parsed, defined[0], file.name, str(file)
        table = _table_bound(parsed, text, name) if not defined else None
        if table is None and file.name != "__init__.py":
            table = _constant_bound(parsed, text, name)
        return (parsed, table, file.name, str(file)) if table is not None else None  # a class, a name bound twice

    return lookup


def config_lookup(origin: Path, root: Path, read: list[tuple]):
    """For the script `origin`: a configuration file's path as its code writes it -> the file's
    data (config_files.Loaded), looked for beside the script and at the project root (where a
    script is run from); a path `here` (os.path.dirname(__file__)) only beside the script. None
    where neither has it, or it is not read whole: why, then. Appends the stamp of each file read to `read`."""
    from convlint.source.config_files import JSON_SUFFIXES, load_config

    def lookup(path, kind: str):
        written = Path(path.path)
        if written.is_absolute():
            return f"{path.path}: an absolute path, of the machine the code was written on"
        folders = [origin.parent] if path.here else list(dict.fromkeys([origin.parent, root]))
        for folder in folders:
            file = folder / written
            if file.is_file():
                _, stamp = _text(file)
                if stamp:
                    read.append(stamp)
                if kind == "json" and file.suffix.lower() not in JSON_SUFFIXES:
                    return f"{written.as_posix()}: json.load of a file that is not JSON"
                return load_config(file, written.as_posix())
        return f"{written.as_posix()} is not there" + (
            "" if path.here else " (beside the script or at the project root)")

    return lookup


def _without_comments(text: str) -> str:
    from convlint.source.input_hints import _without_comments as blanked

    return blanked(text)


def binding_count(text: str, name: str) -> int:
    from convlint.source.input_hints import binding_count as count

    return count(text, name)


def _table_bound(parsed, text: str, name: str):
    """The dict literal a module binds `name` to, when that is its one binding and nothing changes
    it (`model_dict['x'] = ...`, `.update(...)`, a registering decorator: entries not read here)."""
    import libcst as cst

    bound = [small.value for statement in parsed.body if isinstance(statement, cst.SimpleStatementLine)
             for small in statement.body if isinstance(small, cst.Assign) and len(small.targets) == 1
             and isinstance(small.targets[0].target, cst.Name) and small.targets[0].target.value == name]
    if len(bound) != 1 or not isinstance(bound[0], cst.Dict):
        return None
    text = _without_comments(text)  # (`# name = ...` binds nothing)
    escaped = re.escape(name)
    if binding_count(text, name) != 1 or re.search(
            r"(?<![\w.])%s\s*(?:\[[^\]\n]*\]\s*(?:=(?!=)|[-+|]=)|\.(?:update|pop|popitem|setdefault|clear|"
            r"__setitem__)\b|\|=)|\b(?:global|del)\s+%s\b" % (escaped, escaped), text):
        return None
    return bound[0]


def _constant_bound(parsed, text: str, name: str):
    """The value a configuration module binds a constant to (`IMG_SIZE = 64`, `INPUT_SHAPE =
    (3, 32, 32)`; `Config.img_size` of a class body), wrapped in a Constant: when it is the one
    binding of that name at the top level (of the class), and no line of the file assigns it
    elsewhere (`global`, an attribute set, `del`)."""
    import libcst as cst

    owner, _, attribute = name.rpartition(".")
    body = parsed.body
    if owner:
        classes = [s for s in parsed.body if isinstance(s, cst.ClassDef) and s.name.value == owner]
        if len(classes) != 1 or "." in owner or not isinstance(classes[0].body, cst.IndentedBlock):
            return None
        body = classes[0].body.body
    bound = [small for statement in body if isinstance(statement, cst.SimpleStatementLine)
             for small in statement.body
             if isinstance(small, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == attribute
                                                      for t in small.targets)
             or isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name)
             and small.target.value == attribute]
    if len(bound) != 1 or bound[0].value is None or any(s.name.value == attribute for s in body
                                                        if isinstance(s, (cst.ClassDef, cst.FunctionDef))):
        return None
    if isinstance(bound[0], cst.Assign) and len(bound[0].targets) != 1:
        return None
    text = _without_comments(text)  # (`# name = ...` binds nothing)
    escaped = re.escape(attribute)
    if binding_count(text, attribute) != 1 or re.search(
            r"\.%s\s*(?:=(?!=)|[-+*/|]=)|\b(?:global|del)\s+%s\b|(?<![\w.])%s\s*[-+*/|]=" % (escaped, escaped, escaped),
            text):
        return None
    return Constant(bound[0].value)


@dataclass(frozen=True, slots=True)
class Constant:
    """A configuration module's constant, as written there (read where it is bound)."""

    value: object  # the libcst expression


def _import_target(module: str, origin: Path, root: Path) -> Path | None:
    """The project file `from <module> import ...` in `origin` reads, the first found as on sys.path."""
    level = len(module) - len(module.lstrip("."))
    dotted = module[level:]
    if level:
        base = origin.parent
        for _ in range(level - 1):
            base = base.parent
        bases = [base]
    else:
        top = origin.parent
        while (top / "__init__.py").is_file() and top.parent != top:
            top = top.parent
        bases = [origin.parent, top, root, root / "src"]
    for base in bases:
        file = _module_file(base, dotted)
        if file is not None:
            return file.resolve()
    return None


def _module_file(base: Path, dotted: str) -> Path | None:
    target = base.joinpath(*dotted.split(".")) if dotted else base
    for candidate in ((target.with_suffix(".py"),) if dotted else ()) + (target / "__init__.py",):
        if candidate.is_file():
            return candidate
    return None


def _resolves_to(module: str, name: str, origin: Path, root: Path, target: Path, found: ProjectHints) -> bool:
    """Whether `from <module> import <name>` in the file `origin` gives the model of `target`:
    relative imports from origin's package; absolute ones from origin's folder, the top of its
    package, the project root and root/src (as pytest and scripts run there would find them),
    the first found winning as on sys.path; a package's `from .net import Net` (or `from .net
    import *`) followed once, and a name a star import may bind looked for in each module."""
    return _provider(module, name, origin, root, found, lambda file, imported: file == target and imported == name,
                     max_depth=0) is not None


def display_path(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
