"""A base class that runs `self.main` through `nn.parallel.data_parallel` on several GPUs
(carpedm20/BEGAN-pytorch models.py BaseModel: `if isinstance(x.data, torch.cuda.FloatTensor) and
self.num_gpu > 1: gpu_ids = range(self.num_gpu)`, then `data_parallel(self.main, x, gpu_ids)` or
`self.main(x)`). convlint modelled data_parallel only on a module, not on a bound method: that path
was unknown, the two paths disagreed, and the model's output was unknown (BEGAN's Generator and
Discriminator roots), so the wrong Linear below was missed.

convlint (no options): nothing; -v: "torch.nn.parallel.data_parallel is not modelled".
torch: Head()(torch.zeros(2, 3, 8, 8)) -> RuntimeError: mat1 and mat2 shapes cannot be
multiplied (2x16 and 8x10).
"""
import torch
import torch.nn as nn


class Base(nn.Module):
    def forward(self, x):
        gpu_ids = None
        if isinstance(x.data, torch.cuda.FloatTensor) and self.num_gpu > 1:
            gpu_ids = range(self.num_gpu)
        if gpu_ids:
            return nn.parallel.data_parallel(self.main, x, gpu_ids)
        else:
            return self.main(x)


class Body(Base):
    def __init__(self, num_gpu=1):
        super().__init__()
        self.num_gpu = num_gpu
        self.conv = nn.Conv2d(3, 16, 3, padding=1)

    def main(self, x):
        return self.conv(x).mean((2, 3))


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = Body()
        self.fc = nn.Linear(8, 10)  # BUG: the body gives 16 features

    def forward(self, x):
        return self.fc(self.body(x))
