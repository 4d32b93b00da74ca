import torch

import model
from option import args

torch.manual_seed(0)
net = model.Model(args)
