"""A conv's bias decided by which norm layer a `functools.partial` makes (the CycleGAN/pix2pix
generators and discriminators: mrzhu-cool/pix2pix-pytorch networks.py, 123456789lin/Pytorch-
CycleGAN-Simplified models/networks.py: `if type(norm_layer) == functools.partial: use_bias =
norm_layer.func == nn.InstanceNorm2d else: use_bias = norm_layer == nn.InstanceNorm2d`, then
`nn.Conv2d(..., bias=use_bias)` for every conv). convlint evaluated neither type() nor `.func` nor
`==` between two torch classes: every such conv's bias was unknown, and so were the parameter
counts of the whole generator (pix2pix ResnetGenerator: 25 convs "bias is not known").

convlint: shapes right, params unknown for all three; torch: Generator() has 4,723 parameters
(batch norm, convs without bias), InstanceGenerator() and PlainGenerator() 4,691 (convs with bias,
no affine norm).
"""
import functools

import torch.nn as nn


def get_norm_layer(norm_type="batch"):
    if norm_type == "batch":
        return functools.partial(nn.BatchNorm2d, affine=True)
    if norm_type == "instance":
        return functools.partial(nn.InstanceNorm2d, affine=False, track_running_stats=False)
    return None


class Generator(nn.Module):
    def __init__(self, ngf=8, norm_layer=get_norm_layer("batch")):
        super().__init__()
        if type(norm_layer) == functools.partial:
            use_bias = norm_layer.func == nn.InstanceNorm2d
        else:
            use_bias = norm_layer == nn.InstanceNorm2d
        self.model = nn.Sequential(
            nn.ReflectionPad2d(3), nn.Conv2d(3, ngf, 7, bias=use_bias), norm_layer(ngf), nn.ReLU(True),
            nn.Conv2d(ngf, ngf * 2, 3, stride=2, padding=1, bias=use_bias), norm_layer(ngf * 2), nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, ngf, 3, stride=2, padding=1, output_padding=1, bias=use_bias),
            norm_layer(ngf), nn.ReLU(True),
            nn.ReflectionPad2d(3), nn.Conv2d(ngf, 3, 7), nn.Tanh(),
        )

    def forward(self, x):
        return self.model(x)


class InstanceGenerator(Generator):
    def __init__(self):
        super().__init__(norm_layer=get_norm_layer("instance"))


class PlainGenerator(Generator):
    def __init__(self):
        super().__init__(norm_layer=nn.InstanceNorm2d)
