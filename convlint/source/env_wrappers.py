"""Source stage: the observation size a gym / gymnasium environment gives, read from the wrappers
that build it (nothing is imported or run).

`env = gym.make(id)` gives observations of a size not known here; the wrappers that state one
change it as they do in gym and gymnasium: `ResizeObservation(env, (84, 84))` gives 84 x 84 with the
channels it had, `GrayScaleObservation(env)` drops the channels (keep_dim=True keeps a 1),
`FrameStack(env, 4)` / `FrameStackObservation(env, 4)` stacks 4 in front, `AtariPreprocessing(env)`
gives screen_size x screen_size frames, grey unless told otherwise. A wrapper not listed (the
project's own, the Atari reset and skip wrappers) leaves a size not known, which a later wrapper
that states the whole size (a resize and a grey frame) states again. A function that returns such
an env, or a function (a thunk) that does, is read the same way, and a vector env of them
(`gym.vector.SyncVectorEnv([make_env(...) for i in ...])`) gives each of its envs' observations.
When in doubt, nothing: a wrong size is a false error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import libcst as cst

GYMS = ("gym", "gymnasium")
MAKERS = frozenset(f"{gym}.make" for gym in GYMS)
VECTORS = frozenset(f"{gym}.vector.{kind}" for gym in GYMS for kind in ("SyncVectorEnv", "AsyncVectorEnv"))
UNKNOWN_REST = None  # the dims after the frame's sides, when not known (the channels of gym.make's frames)


@dataclass(frozen=True, slots=True)
class Env:
    """An environment: the size of its observations, as far as the wrappers state it. `sides` are
    its frames' H and W (None: not known), `rest` what follows them (UNKNOWN_REST: not known), `stack`
    the frame counts stacked in front, outermost first."""
    sides: tuple[int, int] | None = None
    rest: tuple[int, ...] | None = UNKNOWN_REST
    stack: tuple[int, ...] = ()
    line: int | None = None  # where the wrapper stating the size is

    @property
    def shape(self) -> tuple[int, ...] | None:
        if self.sides is None or self.rest is UNKNOWN_REST:
            return None
        return (*self.stack, *self.sides, *self.rest)


@dataclass(frozen=True, slots=True)
class Thunk:
    """A function that returns an env when called with no arguments (`def thunk(): ... return env`)."""
    env: Env


UNKNOWN_ENV = Env()


def _wrapper(qualified: str, names: tuple[str, ...]) -> str | None:
    for gym in GYMS:
        for name in names:
            if qualified in (f"{gym}.wrappers.{name}", f"{gym}.wrappers.{name.lower()}.{name}"):
                return name
    return None


def _int(node: cst.BaseExpression | None) -> int | None:
    if isinstance(node, cst.Integer):
        return int(node.value)
    return None


def _bool(node: cst.BaseExpression | None, default: bool) -> bool | None:
    if node is None:
        return default
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


def _argument(call: cst.Call, position: int, name: str) -> tuple[bool, cst.BaseExpression | None]:
    """(readable, the argument): not readable where a star argument may give it."""
    if any(a.star for a in call.args):
        return False, None
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return True, arg.value
    positional = [a.value for a in call.args if a.keyword is None]
    return True, positional[position] if position < len(positional) else None


def _sides(node: cst.BaseExpression | None) -> tuple[int, int] | None:
    if (side := _int(node)) is not None:
        return side, side
    if isinstance(node, (cst.Tuple, cst.List)) and len(node.elements) == 2 \
            and not any(isinstance(e, cst.StarredElement) for e in node.elements):
        h, w = (_int(e.value) for e in node.elements)
        return (h, w) if h is not None and w is not None else None
    return None


def wrapped(qualified: str, call: cst.Call, env: Env, line: int | None) -> Env:
    """The env `call` (of the wrapper `qualified`) makes of `env`."""
    if (name := _wrapper(qualified, ("ResizeObservation",))) is not None:
        readable, size = _argument(call, 1, "shape")
        sides = _sides(size) if readable else None
        if sides is None:
            return UNKNOWN_ENV
        # gym and gymnasium keep what follows the frame's sides (the channels)
        return Env(sides, env.rest if env.sides is not None and not env.stack else UNKNOWN_REST, (), line)
    if _wrapper(qualified, ("GrayScaleObservation", "GrayscaleObservation")) is not None:
        readable, keep = _argument(call, 1, "keep_dim")
        keep_dim = _bool(keep, False) if readable else None
        if keep_dim is None or env.sides is None or env.stack:
            return UNKNOWN_ENV
        return Env(env.sides, (1,) if keep_dim else (), (), line)
    if (name := _wrapper(qualified, ("FrameStack", "FrameStackObservation"))) is not None:
        readable, count = _argument(call, 1, "num_stack" if name == "FrameStack" else "stack_size")
        frames = _int(count) if readable else None
        if frames is None or env.shape is None:
            return UNKNOWN_ENV
        return Env(env.sides, env.rest, (frames, *env.stack), line)
    if _wrapper(qualified, ("AtariPreprocessing",)) is not None:
        readable, size = _argument(call, 3, "screen_size")
        grey_ok, grey = _argument(call, 5, "grayscale_obs")
        axis_ok, axis = _argument(call, 6, "grayscale_newaxis")
        side = 84 if readable and size is None else _int(size) if readable else None
        grey_obs = _bool(grey, True) if grey_ok else None
        new_axis = _bool(axis, False) if axis_ok else None
        if side is None or grey_obs is None or new_axis is None:
            return UNKNOWN_ENV
        return Env((side, side), ((1,) if new_axis else ()) if grey_obs else (3,), (), line)
    if _wrapper(qualified, ("RecordEpisodeStatistics", "RecordVideo", "TimeLimit", "ClipAction", "TransformReward",
                            "NormalizeReward", "ClipReward")) is not None:
        return env  # wrappers that leave the observations as they are
    return UNKNOWN_ENV


class EnvReader:
    """The envs a file's functions build and return, read from their bodies in order."""

    def __init__(self, module: cst.Module, qualify: Callable[[cst.BaseExpression], str],
                 line_of: Callable[[cst.CSTNode], int], outer: Callable[[str], object] = lambda name: None) -> None:
        self.qualify = qualify
        self.outer = outer  # what a name not bound in the function read holds (the caller's scope)
        self.line_of = line_of
        self.functions = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
        self.returns: dict[str, object] = {}
        self.reading: set[str] = set()

    def of_function(self, name: str) -> object:
        """What the file's function `name` returns, where it is an env or a thunk of one."""
        if name not in self.returns:
            if name in self.reading or name not in self.functions:
                return None
            self.reading.add(name)
            self.returns[name] = self._returned(self.functions[name], {})
            self.reading.discard(name)
        return self.returns[name]

    def _returned(self, definition: cst.FunctionDef, outer: dict) -> object:
        if not isinstance(definition.body, cst.IndentedBlock):
            return None
        returned: list = []
        self._run(definition.body.body, dict(outer), returned)
        if not returned or any(r is None or r != returned[0] for r in returned):
            return None
        return returned[0]

    def _run(self, body, names: dict, returned: list) -> None:
        for statement in body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign):
                        value = self.value(small.value, names)
                        for target in small.targets:
                            if isinstance(target.target, cst.Name):
                                names[target.target.value] = value
                            else:
                                _forget(target.target, names)
                    elif isinstance(small, cst.Return):
                        returned.append(self.value(small.value, names) if small.value is not None else None)
                    elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
                        _forget(small.target, names)
            elif isinstance(statement, cst.FunctionDef):
                thunk = self._returned(statement, names) if not statement.params.params else None
                names[statement.name.value] = Thunk(thunk) if isinstance(thunk, Env) else None
            elif isinstance(statement, cst.If):
                taken = dict(names)
                self._run(statement.body.body, taken, returned)
                other = dict(names)
                if statement.orelse is not None:
                    branch = [statement.orelse] if isinstance(statement.orelse, cst.If) else statement.orelse.body.body
                    self._run(branch, other, returned)
                for name in set(taken) | set(other):
                    first, second = taken.get(name), other.get(name)
                    names[name] = first if first == second else _joined(first, second)
            else:  # a loop, a with, a try: what it binds is not followed
                for name in _bound(statement):
                    names[name] = None
                returned.append(None) if _returns(statement) else None

    def value(self, node: cst.BaseExpression | None, names: dict) -> object:
        if isinstance(node, cst.Name):
            return names[node.value] if node.value in names else self.outer(node.value)
        if not isinstance(node, cst.Call):
            return None
        func = node.func
        if isinstance(func, cst.Name) and isinstance(called := self.value(func, names), Thunk):
            return called.env if isinstance(called, Thunk) and not node.args else None
        qualified = self.qualify(func) if isinstance(func, (cst.Name, cst.Attribute)) else ""
        if qualified in MAKERS:
            return UNKNOWN_ENV
        if qualified in VECTORS:
            readable, fns = _argument(node, 0, "env_fns")
            return self._vector(fns, names) if readable else None
        if isinstance(func, cst.Name) and func.value in self.functions and qualified == func.value:
            return self.of_function(func.value)
        readable, given = _argument(node, 0, "env")
        first = self.value(given, names) if readable and given is not None else None
        if qualified.partition(".")[0] in GYMS and qualified.split(".")[1:2] == ["wrappers"] and given is not None:
            first = first if isinstance(first, Env) else UNKNOWN_ENV  # a wrapper of gym's wraps an env
        if not isinstance(first, Env):
            return None
        return wrapped(qualified, node, first, self.line_of(node))

    def _vector(self, fns: cst.BaseExpression | None, names: dict) -> Env | None:
        if isinstance(fns, cst.ListComp):
            elements = [fns.elt]
            inner = dict(names)
            for target in _comprehension_targets(fns.for_in):
                inner[target] = None
            names = inner
        elif isinstance(fns, (cst.List, cst.Tuple)) and fns.elements \
                and not any(isinstance(e, cst.StarredElement) for e in fns.elements):
            elements = [e.value for e in fns.elements]
        else:
            return None
        made = []
        for element in elements:
            if isinstance(element, cst.Lambda) and not element.params.params:
                value = self.value(element.body, names)
            else:
                thunk = self.value(element, names)
                value = thunk.env if isinstance(thunk, Thunk) else None
            made.append(value)
        if not made or any(not isinstance(m, Env) or m.shape != made[0].shape for m in made):
            return None
        return made[0] if made[0].shape is not None else UNKNOWN_ENV


def _joined(first: object, second: object) -> object:
    if isinstance(first, Env) and isinstance(second, Env):
        return first if first.shape is not None and first.shape == second.shape else UNKNOWN_ENV
    return None


def _forget(target: cst.BaseExpression, names: dict) -> None:
    if isinstance(target, cst.Name):
        names[target.value] = None
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            _forget(element.value, names)


def _bound(statement: cst.CSTNode) -> set[str]:
    out: set[str] = set()

    class Visitor(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            _names(node.target)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            _names(node.target)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            _names(node.target)

        def visit_For(self, node: cst.For) -> None:
            _names(node.target)

        def visit_WithItem(self, node: cst.WithItem) -> None:
            if node.asname is not None:
                _names(node.asname.name)

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            out.add(node.name.value)
            return False

    def _names(target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            out.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                _names(element.value)

    statement.visit(Visitor())
    return out


def _returns(statement: cst.CSTNode) -> bool:
    found = []

    class Visitor(cst.CSTVisitor):
        def visit_Return(self, node: cst.Return) -> None:
            found.append(node)

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False

    statement.visit(Visitor())
    return bool(found)


def _comprehension_targets(for_in: cst.CompFor) -> list[str]:
    out: set[str] = set()
    while for_in is not None:
        target = for_in.target
        out.update(_bound(cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(target)], cst.Name("x"))])))
        for_in = for_in.inner_for_in
    return sorted(out)
