"""The project script that builds net.Net with its arguments and feeds it (see net.py)."""
import torch

import net


model = net.Net(width=16, classes=10)
out = model(torch.randn(4, 3, 32, 32))
