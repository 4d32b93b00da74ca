"""A library file of a classification head that a function of the file attaches to a model it is
given (`model.fc = Decoder(num_classes=..., initial_num_features=num_features)`, the sizes read
from `model` first), linted with `--input-shape 1,3,224,224` for all models: the head, built
with its default 2048 features, was given the image itself and reported as a Linear of the
wrong size (false CL101 "expects 2048 input features, but the input gives 3"). Pattern of timm
layers/ml_decoder.py (MLDecoder, add_ml_decoder_head). torch: a backbone given the head by
add_decoder_head runs on 1x3x224x224; Decoder(10) alone does not take an image. A model kept on
a namespace (`trainer.model = Classifier()`) is no part of another: it keeps the size given,
and runs on it."""
import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self, num_classes, embedding=64, initial_num_features=2048):
        super().__init__()
        self.embed = nn.Linear(initial_num_features, embedding)
        self.fc = nn.Linear(embedding, num_classes)

    def forward(self, x):
        if x.dim() == 4:
            x = x.flatten(2).transpose(1, 2)
        return self.fc(torch.relu(self.embed(x)).mean(1))


def add_decoder_head(model):
    num_classes = model.num_classes
    num_features = model.num_features
    model.global_pool = nn.Identity()
    model.fc = Decoder(num_classes=num_classes, initial_num_features=num_features)
    return model


class Backbone(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.num_classes = num_classes
        self.num_features = 32
        self.stem = nn.Conv2d(3, 32, 3, stride=4, padding=1)
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, num_classes)

    def forward(self, x):
        x = self.global_pool(self.stem(x))
        if not isinstance(self.global_pool, nn.Identity):
            x = x.flatten(1)
        return self.fc(x)


class Classifier(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.fc = nn.Linear(8 * 112 * 112, num_classes)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))


def setup(trainer):
    trainer.model = Classifier()  # a model kept on a namespace, not a part of another: it keeps the size
