"""`images[0].new_full(batch_shape, 0)` and `x.reshape(shape)` with the size list built by a loop
convlint does not follow: torchvision's GeneralizedRCNNTransform.batch_images (`batch_shape =
[len(images)] + max_size`, max_size from `max_by_axis`), seen in detection/faster_rcnn.py,
mask_rcnn.py, retinanet.py (the *_v2 builders, at 224x224).

convlint, before: CL108 "Conv2d(3, 8, ...) takes a 3D (unbatched) or 4D (batched) input, but
x.new_full gives a 1D tensor of shape ?": the one unknown argument, a whole list of sizes, was
read as one size. torch: both models run, (2, 3, 16, 16) -> (2, 8, 16, 16).
"""
import torch.nn as nn


def largest(shapes):
    maxes = shapes[0]
    for sizes in shapes[1:]:
        for index, item in enumerate(sizes):
            maxes[index] = max(maxes[index], item)
    return maxes


class PaddedBatch(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, images):
        max_size = largest([list(img.shape) for img in images])
        batch_shape = [len(images)] + max_size
        batch = images[0].new_full(batch_shape, 0)
        return self.conv(batch)


class Reshaped(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        shape = [len(x)] + largest([list(t.shape) for t in x])
        return self.conv(x.flatten(1).reshape(shape))
