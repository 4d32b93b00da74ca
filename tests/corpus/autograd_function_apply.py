"""A torch.autograd.Function written in the project, applied in forward: `Mix.apply(h1, h2,
self.training)` whose static forward(ctx, a, b, training) mixes two branches elementwise (the
shake-shake regularisation of CIFAR zoos, BIGBALLON/CIFAR-ZOO models/shake_shake.py; the same
form for custom gradients: gradient reversal in domain adaptation, straight-through estimators).

convlint, before: `Mix.apply` was a class attribute not known, so its result was unknown: every
shape after the first block unknown (shake_resnet26_2x32d: 20 of 199 modules), a wrong norm after
it missed.
torch: the result is the branches' shape; Wrong()(torch.zeros(2, 3, 8, 8)) stops at the norm
("running_mean should contain 8 elements not 16").
"""
import torch
import torch.nn as nn


class Mix(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, training=True):
        if training:
            alpha = torch.rand(a.size(0), 1, 1, 1)
        else:
            alpha = 0.5
        ctx.save_for_backward(a, b)
        ctx.training = training
        return alpha * a + (1 - alpha) * b

    @staticmethod
    def backward(ctx, grad):
        return grad * 0.5, grad * 0.5, None


class Reverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight):
        ctx.weight = weight
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad):
        return -ctx.weight * grad, None


class Shaken(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, padding=1)
        self.b = nn.Conv2d(3, 8, 3, padding=1)
        self.norm = nn.BatchNorm2d(8)
        self.head = nn.Linear(8 * 8 * 8, 10)

    def forward(self, x):
        h = Mix.apply(self.a(x), self.b(x), self.training)
        h = Reverse.apply(self.norm(h), 1.0)
        return self.head(h.flatten(1))


class Wrong(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, padding=1)
        self.b = nn.Conv2d(3, 8, 3, padding=1)
        self.norm = nn.BatchNorm2d(16)

    def forward(self, x):
        return self.norm(Mix.apply(self.a(x), self.b(x), self.training))
