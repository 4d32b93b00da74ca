"""hunt77 stand-in for the cooooorn/Pytorch-XNOR-Net C extension (not used by istrain=True models)."""
