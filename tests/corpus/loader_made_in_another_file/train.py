"""The project's training script (see dcgan.py): the size comes from the loader utils.py returns."""
import torch

from dcgan import Discriminator
from utils import get_celeba

params = {"bsize": 128, "imsize": 64, "nc": 3, "ndf": 64, "lr": 0.0002}
dataloader = get_celeba(params)
netD = Discriminator(params)

for epoch in range(10):
    for i, data in enumerate(dataloader, 0):
        real_data = data[0].to("cpu")
        output = netD(real_data).view(-1)
