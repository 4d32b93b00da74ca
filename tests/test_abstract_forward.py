"""A base class whose forward() only raises NotImplementedError, or is an @abstractmethod, is no
model of its own: its layers are judged through the subclasses that write forward() (CL207 at a
subclass that leaves one unused), never as unused in the base."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, module_shapes

SOURCE = '''
from abc import ABC, abstractmethod

import torch.nn as nn


class Base(nn.Module):
    def __init__(self, n_class=2):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Conv2d(16, n_class, 1)

    def forward(self, x):
        raise NotImplementedError(f"{type(self).__name__} writes forward")


class Concrete(Base):
    def forward(self, x):
        return self.head(self.body(x))


class Staged(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        return self.decode(self.stem(x))

    def decode(self, x):
        raise NotImplementedError


class Decoded(Staged):
    def decode(self, x):
        return self.head(x)


class Abstract(nn.Module, ABC):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    @abstractmethod
    def forward(self, x):
        ...


class Forgets(Abstract):
    def __init__(self):
        super().__init__()
        self.spare = nn.Conv2d(8, 8, 3)

    def forward(self, x):
        return self.conv(x)
'''


def test_the_layers_of_an_abstract_base_are_judged_through_its_subclasses():
    torch = pytest.importorskip("torch")
    for name in ("Concrete", "Decoded", "Forgets"):  # the subclasses run
        module_shapes(built(SOURCE, "bases.py", lambda ns, name=name: ns[name]()), (2, 3, 32, 32))
    for name in ("Base", "Staged"):
        with pytest.raises(NotImplementedError):
            built(SOURCE, "bases.py", lambda ns, name=name: ns[name]())(torch.zeros(2, 3, 32, 32))
    with pytest.raises(TypeError):  # an ABC with an abstract forward cannot be built
        built(SOURCE, "bases.py", lambda ns: ns["Abstract"]())
    result = lint_text(SOURCE, "bases.py", Settings(input_shapes={
        name: (2, 3, 32, 32) for name in ("Base", "Concrete", "Staged", "Decoded", "Abstract", "Forgets")}))
    found = sorted((d.code, d.span.line, d.model) for d in result.diagnostics)
    spare = next(i for i, line in enumerate(SOURCE.splitlines(), 1) if "self.spare =" in line)
    assert found == [("CL207", spare, "Forgets")]  # the conv the subclass never calls; no CL207/CL208 on a base
    models = {m.name: m for m in result.models}
    assert {"Concrete", "Decoded", "Forgets"} <= set(models)
    assert [tuple(m.output.shape.dims) for m in (models["Concrete"], models["Decoded"])] == [(2, 2, 16, 16),
                                                                                            (2, 2, 30, 30)]
