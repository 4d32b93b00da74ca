"""Zero configuration: the input size the file's own code feeds a model is read and used."""

import os

import libcst as cst
import pytest

from convlint.pipeline import Settings, lint_text
from convlint.source.input_hints import find_input_hints

MODEL = '''import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(x.size(0), -1)
        return self.fc2(F.relu(self.fc1(x)))
'''

FORMS = {
    "argparse-defaults": ("import argparse\nparser = argparse.ArgumentParser()\n"
                          "parser.add_argument('--img_size', type=int, default=32)\n"
                          "parser.add_argument('--batch-size', type=int, default=8)\nopt = parser.parse_args()\n"
                          "net = Net()\nnet(torch.randn(opt.batch_size, 3, opt.img_size, opt.img_size))\n", (8, 3, 32, 32)),
    "module-level-call": ("model = Net()\nx = torch.randn(8, 3, 32, 32)\nprint(model(x).shape)\n", (8, 3, 32, 32)),
    "main-block-tuple-size": ('if __name__ == "__main__":\n    net = Net().to("cpu")\n'
                              '    out = net(torch.zeros((4, 3, 32, 32)))\n', (4, 3, 32, 32)),
    "test-helper-inline": ("def test():\n    net = Net()\n    y = net(torch.randn(1, 3, 32, 32))\n", (1, 3, 32, 32)),
    "constants": ("B, C = 2, 3\nSIZE = 32\nmodel = Net()\nmodel.forward(torch.rand(B, C, SIZE, SIZE))\n",
                  (2, 3, 32, 32)),
    "size-keyword": ("m = Net()\nm(torch.ones(size=(2, 3, 32, 32)))\n", (2, 3, 32, 32)),
    "torchinfo": ("from torchinfo import summary\nsummary(Net(), input_size=(16, 3, 32, 32))\n", (16, 3, 32, 32)),
    "torchsummary-no-batch": ("from torchsummary import summary\nsummary(Net(), (3, 32, 32))\n", (None, 3, 32, 32)),
    # tools handed an example input
    "torchinfo-input-data": ("from torchinfo import summary\nx = torch.randn(2, 3, 32, 32)\nsummary(Net(), input_data=x)\n",
                             (2, 3, 32, 32)),
    "torchinfo-list-of-one-size": ("import torchinfo\ntorchinfo.summary(Net(), input_size=[(1, 3, 32, 32)])\n",
                                   (1, 3, 32, 32)),
    "onnx-export": ('model = Net().eval()\ndummy = torch.randn(1, 3, 32, 32)\n'
                    'torch.onnx.export(model, dummy, "net.onnx", opset_version=17)\n', (1, 3, 32, 32)),
    "jit-trace": ("model = Net()\nexample = torch.rand(1, 3, 32, 32)\ntraced = torch.jit.trace(model, example)\n",
                  (1, 3, 32, 32)),
    "torch-export": ("from torch.export import export\nx = torch.randn(4, 3, 32, 32)\nprogram = export(Net(), (x,))\n",
                     (4, 3, 32, 32)),
    "thop": ("from thop import profile\nmodel = Net()\nmacs, params = profile(model, inputs=(torch.randn(1, 3, 32, 32),))\n",
             (1, 3, 32, 32)),
    "fvcore": ("from fvcore.nn import FlopCountAnalysis\nflops = FlopCountAnalysis(Net(), torch.randn(1, 3, 32, 32))\n",
               (1, 3, 32, 32)),
    "ptflops-no-batch": ("from ptflops import get_model_complexity_info\nget_model_complexity_info(Net(), (3, 32, 32))\n",
                         (1, 3, 32, 32)),
    # a trainer class handed the model and main()'s loader: the loader is main's name, the default
    # of __init__ the module's (main's own SIZE is another name)
    "trainer-given-main-s-loader": ("from torchvision import datasets, transforms\n\n\nclass Trainer:\n"
                                    "    def __init__(self, model, loader):\n        self.model = model\n"
                                    "        self.loader = loader\n\n    def fit(self):\n"
                                    "        for x, y in self.loader:\n            self.model(x)\n\n\ndef main():\n"
                                    "    loader = torch.utils.data.DataLoader(datasets.CIFAR10('d', "
                                    "transform=transforms.ToTensor()), batch_size=16)\n"
                                    "    trainer = Trainer(Net(), loader)\n    trainer.fit()\n\n\nmain()\n",
                                    (16, 3, 32, 32)),
    "trainer-default-of-the-module": ("SIZE = 32\n\n\nclass Trainer:\n    def __init__(self, model, side=SIZE):\n"
                                      "        self.model = model\n        self.x = torch.randn(2, 3, side, side)\n\n"
                                      "    def fit(self):\n        self.model(self.x)\n\n\ndef main():\n"
                                      "    SIZE = 28\n    trainer = Trainer(Net())\n    trainer.fit()\n\n\nmain()\n",
                                      (2, 3, 32, 32)),
    "torchsummaryx": ("from torchsummaryX import summary\nsummary(Net(), torch.zeros((1, 3, 32, 32)))\n",
                      (1, 3, 32, 32)),
    # PyTorch's TensorBoard tutorial: the graph traced on an example input (a batch of the loader there)
    "tensorboard-add-graph": ("from torch.utils.tensorboard import SummaryWriter\nwriter = SummaryWriter('runs/net')\n"
                              "writer.add_graph(Net(), torch.rand(2, 3, 32, 32))\nwriter.close()\n", (2, 3, 32, 32)),
    "tensorboardx-add-graph-keyword": ("import tensorboardX\nnet = Net()\nw = tensorboardX.SummaryWriter()\n"
                                       "w.add_graph(net, input_to_model=torch.zeros(4, 3, 32, 32))\n", (4, 3, 32, 32)),
    # the same tools spelled through the submodule that defines them, and their siblings
    "torchsummary-submodule": ("from torchsummary import torchsummary\n"
                               "torchsummary.summary(Net(), input_size=(3, 32, 32))\n", (None, 3, 32, 32)),
    "torchsummary-summary-string": ("from torchsummary import summary_string\nsummary_string(Net(), (3, 32, 32))\n",
                                    (None, 3, 32, 32)),
    "torchinfo-submodule-positional": ("from torchinfo.torchinfo import summary\nsummary(Net(), (1, 3, 32, 32))\n",
                                       (1, 3, 32, 32)),
    "thop-submodule": ("from thop.profile import profile\nx = torch.randn(1, 3, 32, 32)\nprofile(Net(), inputs=(x,))\n",
                       (1, 3, 32, 32)),
    "ptflops-submodule": ("from ptflops.flops_counter import get_model_complexity_info\n"
                          "get_model_complexity_info(Net(), (3, 32, 32), as_strings=True)\n", (1, 3, 32, 32)),
    "fvcore-flop-count": ("from fvcore.nn import flop_count\nflop_count(Net(), (torch.randn(1, 3, 32, 32),))\n",
                          (1, 3, 32, 32)),
    "fvcore-activation-count": ("import fvcore.nn.activation_count as ac\n"
                                "ac.ActivationCountAnalysis(Net(), torch.randn(1, 3, 32, 32))\n", (1, 3, 32, 32)),
    # tensors and instances
    "forward-to-device": ('device = "cpu"\nmodel = Net().to(device)\nx = torch.zeros(2, 3, 32, 32).to(device)\n'
                          "model.forward(x)\n", (2, 3, 32, 32)),
    "shape-tuple-spliced": ("INPUT_SHAPE = (3, 32, 32)\nnet = Net()\nnet(torch.randn(8, *INPUT_SHAPE))\n", (8, 3, 32, 32)),
    "one-image-unsqueezed-at-0": ("model = Net()\nmodel(torch.rand(3, 32, 32).unsqueeze(0))\n", (1, 3, 32, 32)),
    "randint-size": ("m = Net()\nm(torch.randint(0, 255, (2, 3, 32, 32)).float())\n", (2, 3, 32, 32)),
    "full-cuda": ("m = Net().cuda()\nm(torch.full((2, 3, 32, 32), 0.5).cuda())\n", (2, 3, 32, 32)),
    "passed-to-a-function": ("def check(model, x):\n    return model(x)\n\ncheck(Net(), torch.randn(2, 3, 32, 32))\n",
                             (2, 3, 32, 32)),
    "globals-at-call-time": ("def run():\n    print(model(x).shape)\n\nif __name__ == '__main__':\n    model = Net()\n"
                             "    x = torch.randn(2, 3, 32, 32)\n    run()\n", (2, 3, 32, 32)),
    "pytest-fixture": ("import pytest\n@pytest.fixture\ndef net():\n    return Net()\n\ndef test_forward(net):\n"
                       "    assert net(torch.randn(2, 3, 32, 32)).shape == (2, 10)\n", (2, 3, 32, 32)),
    "unittest-class": ("import unittest\nclass TestNet(unittest.TestCase):\n    def test_shape(self):\n"
                       "        model = Net()\n        out = model(torch.randn(2, 3, 32, 32))\n", (2, 3, 32, 32)),
    "main-under-a-try": ("def main():\n    model = Net()\n    model(torch.randn(2, 3, 32, 32))\n\n"
                         "if __name__ == '__main__':\n    try:\n        main()\n    except KeyboardInterrupt:\n"
                         "        pass\n", (2, 3, 32, 32)),
    "same-on-both-paths": ("model = Net()\nif torch.cuda.is_available():\n    model = model.cuda()\n"
                           "x = torch.randn(2, 3, 32, 32)\nmodel(x)\n", (2, 3, 32, 32)),
    # data pipelines: a DataLoader over a torchvision dataset of fixed size
    "cifar10-tutorial": ("import torchvision\nimport torchvision.transforms as transforms\n"
                         "transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5, 0.5, 0.5), "
                         "(0.5, 0.5, 0.5))])\n"
                         "trainset = torchvision.datasets.CIFAR10(root='./data', train=True, download=True, "
                         "transform=transform)\n"
                         "trainloader = torch.utils.data.DataLoader(trainset, batch_size=4, shuffle=True, num_workers=2)\n"
                         "net = Net()\nfor i, data in enumerate(trainloader, 0):\n    inputs, labels = data\n"
                         "    outputs = net(inputs)\n", (4, 3, 32, 32)),
    "svhn-batches-to-device": ("from torchvision import datasets, transforms\nfrom torch.utils.data import DataLoader\n"
                               "device = torch.device('cpu')\nloader = DataLoader(datasets.SVHN('data', split='train', "
                               "transform=transforms.ToTensor()), batch_size=32)\nmodel = Net().to(device)\n"
                               "for batch_idx, (images, labels) in enumerate(loader):\n"
                               "    images, labels = images.to(device), labels.to(device)\n    loss = model(images)\n",
                               (32, 3, 32, 32)),
    "mnist-resized-gray-default-batch": ("from torchvision.datasets import MNIST\nfrom torchvision import transforms as T\n"
                                         "ds = MNIST('data', transform=T.Compose([T.Resize(32), "
                                         "T.Grayscale(num_output_channels=3), T.ToTensor()]))\n"
                                         "loader = torch.utils.data.DataLoader(ds)\nmodel = Net()\n"
                                         "for x, y in loader:\n    model(x)\n", (1, 3, 32, 32)),
    "stl10-crop-batch-from-args": ("import argparse\nparser = argparse.ArgumentParser()\n"
                                   "parser.add_argument('--batch-size', type=int, default=64)\nargs = parser.parse_args()\n"
                                   "from torchvision import datasets, transforms\nfrom torch.utils.data import DataLoader\n"
                                   "tf = transforms.Compose([transforms.CenterCrop(32), transforms.ToTensor()])\n"
                                   "loader = DataLoader(datasets.STL10('data', split='test', transform=tf), "
                                   "batch_size=args.batch_size)\nmodel = Net()\nimages, labels = next(iter(loader))\n"
                                   "model(images)\n", (64, 3, 32, 32)),  # the parser's default
    "imagefolder-random-resized-crop": ("from torchvision import datasets, transforms\nfrom torch.utils.data import DataLoader\n"
                                        "tf = transforms.Compose([transforms.RandomResizedCrop(32), "
                                        "transforms.RandomHorizontalFlip(), transforms.ToTensor()])\n"
                                        "train_data = datasets.ImageFolder('data/train', transform=tf)\n"
                                        "loader = DataLoader(train_data, batch_size=16, shuffle=True)\nmodel = Net()\n"
                                        "for images, _ in loader:\n    model(images)\n", (16, 3, 32, 32)),
    "imagefolder-resize-crop-kwargs": ("from torchvision import datasets, transforms\nkwargs = {'batch_size': 8}\n"
                                       "if torch.cuda.is_available():\n    kwargs.update({'num_workers': 1, "
                                       "'pin_memory': True})\nnormalize = transforms.Normalize(mean=[0.485, 0.456, 0.406], "
                                       "std=[0.229, 0.224, 0.225])\n"
                                       "loader = torch.utils.data.DataLoader(datasets.ImageFolder('val', transforms.Compose("
                                       "[transforms.Resize(256), transforms.CenterCrop(32), transforms.ToTensor(), "
                                       "normalize])), **kwargs)\n"
                                       "def evaluate(model, loader):\n    with torch.no_grad():\n"
                                       "        for images, target in loader:\n            output = model(images)\n\n"
                                       "evaluate(Net(), loader)\n", (8, 3, 32, 32)),
    "cifar100-split-tqdm": ("from torchvision import datasets, transforms\nfrom torch.utils.data import DataLoader, random_split\n"
                            "from tqdm import tqdm\nfull = datasets.CIFAR100('data', transform=transforms.Compose("
                            "[transforms.RandomCrop(32, padding=4), transforms.ToTensor()]))\n"
                            "train_ds, val_ds = random_split(full, [45000, 5000])\nmodel = Net()\n"
                            "for images, labels in tqdm(DataLoader(train_ds, batch_size=128)):\n    model(images)\n",
                            (128, 3, 32, 32)),
    # a loader a function of the file makes and returns, read with the call's arguments
    "loader-returned-by-a-function": ("from torchvision import datasets, transforms\n\ndef get_loader(batch_size):\n"
                                      "    tf = transforms.Compose([transforms.CenterCrop(32), transforms.ToTensor()])\n"
                                      "    ds = datasets.STL10('data', split='test', transform=tf)\n"
                                      "    return torch.utils.data.DataLoader(ds, batch_size=batch_size)\n\n"
                                      "model = Net()\nfor images, _ in get_loader(16):\n    model(images)\n",
                                      (16, 3, 32, 32)),
    "loaders-returned-in-main": ("from torchvision import datasets, transforms\n\ndef get_loaders():\n"
                                 "    tf = transforms.ToTensor()\n"
                                 "    train = torch.utils.data.DataLoader(datasets.CIFAR10('d', transform=tf), batch_size=8)\n"
                                 "    test = torch.utils.data.DataLoader(datasets.CIFAR10('d', train=False, transform=tf))\n"
                                 "    return train, test\n\ndef main():\n    train_loader, _ = get_loaders()\n"
                                 "    model = Net()\n    for x, y in train_loader:\n        model(x)\n\n"
                                 "if __name__ == '__main__':\n    main()\n", (8, 3, 32, 32)),
    "fake-data": ("from torchvision.datasets import FakeData\nimport torchvision.transforms.v2 as v2\n"
                  "data = FakeData(size=100, image_size=(3, 32, 32), transform=v2.Compose([v2.ToImage(), "
                  "v2.ToDtype(torch.float32, scale=True)]))\n"
                  "for x, _ in torch.utils.data.DataLoader(data, batch_size=2):\n    Net()(x)\n", (2, 3, 32, 32)),
    # a plain class holding the model and the data (a Solver or Trainer of a training script)
    "solver-class": ("from torchvision import datasets, transforms\n\n\nclass Solver(object):\n"
                     "    def __init__(self, loader, lr=0.1):\n        self.net = Net()\n"
                     "        self.net = torch.nn.DataParallel(self.net).cuda()\n        self.loader = loader\n\n"
                     "    def train(self, epochs):\n        for epoch in range(epochs):\n            self.step()\n\n"
                     "    def step(self):\n        for images, labels in self.loader:\n"
                     "            out = self.net(images)\n\n\n"
                     "data = datasets.CIFAR10('d', transform=transforms.ToTensor())\n"
                     "solver = Solver(torch.utils.data.DataLoader(data, batch_size=16))\nsolver.train(10)\n",
                     (16, 3, 32, 32)),
    # the script's own resizing of the data before the model: a reshape to sizes in one tuple,
    # F.interpolate and F.pad with their arguments written out, torchvision's Pad
    "reshaped-to-one-tuple": "X = torch.randn(8, 3072).reshape((8, 3, 32, 32))\nmodel = Net()\nmodel(X)\n",
    "loaded-data-reshaped": ("import numpy as np\nX = torch.tensor(np.load('x.npy'), dtype=torch.float32)\n"
                             "X = X.reshape(8, 3, 32, 32)\nNet()(X)\n", (8, 3, 32, 32)),
    # a -1 first is the batch, whatever the data holds (or torch fails at the view): the pairs a
    # relation network compares, two feature maps stacked on their channels and viewed back to maps
    "loaded-data-reshaped-with-minus-one": ("Net()(load().reshape(-1, 3, 32, 32))\n", (None, 3, 32, 32)),
    "pairs-stacked-and-viewed": ("FEATURES = 1\nnet = Net()\nfor a, b in loader:\n"
                                 "    pairs = torch.cat((a, b), 2).view(-1, FEATURES * 3, 32, 32)\n"
                                 "    out = net(pairs)\n", (None, 3, 32, 32)),
    "interpolated-to-a-size": ("x = torch.randn(8, 3, 28, 28)\nx = F.interpolate(x, size=(32, 32), mode='bilinear')\n"
                               "Net()(x)\n", (8, 3, 32, 32)),
    "interpolated-by-a-scale": "x = F.interpolate(torch.randn(8, 3, 16, 16), scale_factor=2)\nNet()(x)\n",
    "padded-tensor": "x = torch.randn(8, 3, 28, 28)\nx = F.pad(x, (2, 2, 0, 4))\nNet()(x)\n",
    "pad-transform": ("from torchvision import datasets, transforms\n"
                      "tf = transforms.Compose([transforms.CenterCrop(28), transforms.Pad(2), transforms.ToTensor()])\n"
                      "for x, _ in torch.utils.data.DataLoader(datasets.STL10('d', transform=tf), batch_size=8):\n"
                      "    Net()(x)\n", (8, 3, 32, 32)),
    "pad-transform-sides-and-reflect": ("import torchvision.transforms.v2 as v2\nfrom torchvision import datasets\n"
                                        "tf = v2.Compose([v2.RandomCrop(28), v2.Pad(padding=[1, 2, 3, 2], "
                                        "padding_mode='reflect'), v2.ToImage()])\n"
                                        "for x, _ in torch.utils.data.DataLoader(datasets.CIFAR10('d', transform=tf), "
                                        "batch_size=8):\n    Net()(x)\n", (8, 3, 32, 32)),
}
FORMS = {name: form if isinstance(form, tuple) else (form, (8, 3, 32, 32)) for name, form in FORMS.items()}
# Forms the test below runs as they are written (with torch and torchinfo installed): the code
# itself must fail on the buggy model and run on the fixed one. The others run the model on the
# size read (the tools and torchvision are not installed here).
RUNNABLE = ("module-level-call", "main-block-tuple-size", "constants", "size-keyword", "torchinfo",
            "torchinfo-input-data", "torchinfo-list-of-one-size", "torchinfo-submodule-positional", "jit-trace", "forward-to-device",
            "shape-tuple-spliced", "randint-size", "passed-to-a-function", "globals-at-call-time", "main-under-a-try",
            "same-on-both-paths", "reshaped-to-one-tuple", "interpolated-to-a-size", "interpolated-by-a-scale",
            "padded-tensor")


@pytest.mark.parametrize(("code", "shape"), FORMS.values(), ids=FORMS.keys())
def test_the_size_the_code_feeds_is_read_and_checked(code, shape):
    hints = find_input_hints(cst.parse_module(MODEL + code))
    assert [(h.target, h.shape) for h in hints] == [("Net", shape)]
    result = lint_text(MODEL + code, "model.py", Settings())
    (finding,) = result.diagnostics  # 64 x 8 x 8 = 4096 arrive at fc1, not 3136
    assert finding.code == "CL101" and f"from line {hints[0].line}: " in finding.message
    assert "4096" in finding.message


TRAPS = {
    "argparse-without-a-default": ("import argparse\nparser = argparse.ArgumentParser()\n"
                                   "parser.add_argument('--img_size', type=int, required=True)\n"
                                   "opt = parser.parse_args()\nnet = Net()\n"
                                   "net(torch.randn(8, 3, opt.img_size, opt.img_size))\n"),
    "tensor-for-another-callable": "gen = make_generator()\nz = torch.randn(8, 3, 32, 32)\ngen(z)\n",
    "size-from-argv": "import sys\nmodel = Net()\nmodel(torch.randn(1, 3, int(sys.argv[1]), 32))\n",
    "reassigned-tensor": "model = Net()\nx = torch.randn(8, 3, 32, 32)\nx = x[:, :, :28, :28]\nmodel(x)\n",
    "model-as-parameter": "def evaluate(model):\n    return model(torch.randn(8, 3, 32, 32))\n",
    "interpolate-size": "x = F.interpolate(torch.randn(1, 3, 8, 8), size=(32, 32))\n",
    "rebound-in-loop": "model = Net()\nfor model in [make_other()]:\n    model(torch.randn(8, 3, 32, 32))\n",
    "randn-like": "y = load()\nmodel = Net()\nmodel(torch.randn_like(y))\n",
    "star-of-unknown-shape": "shape = get_shape()\nNet()(torch.randn(1, *shape))\n",
    # a function whose returns differ by path: which one a run gets is not known
    "loader-differs-by-path": ("from torchvision import datasets, transforms\n\ndef get_loader(train):\n"
                               "    tf = transforms.ToTensor()\n    if train:\n"
                               "        return torch.utils.data.DataLoader(datasets.CIFAR10('d', transform=tf))\n"
                               "    return torch.utils.data.DataLoader(datasets.STL10('d', transform=tf))\n\n"
                               "for x, _ in get_loader(flag):\n    Net()(x)\n"),
    "loader-returned-after-a-change": ("from torchvision import datasets, transforms\n\ndef get_loader():\n"
                                       "    ds = datasets.CIFAR10('d', transform=transforms.ToTensor())\n"
                                       "    ds.transform = crop\n    return torch.utils.data.DataLoader(ds)\n\n"
                                       "for x, _ in get_loader():\n    Net()(x)\n"),
    "constant-changed": "SIZE = 32\nSIZE -= 4\nNet()(torch.randn(8, 3, SIZE, SIZE))\n",
    "size-chosen-by-a-branch": "if flag:\n    x = torch.randn(8, 3, 32, 32)\nelse:\n    x = load()\nNet()(x)\n",
    "name-shadowed-in-comprehension": "x = torch.randn(8, 3, 32, 32)\nmodel = Net()\nys = [model(x) for x in crops]\n",
    "local-rebinding": "model = Net()\ndef f():\n    model = make_other()\n    model(torch.randn(8, 3, 32, 32))\n",
    "tensor-for-another-tool": "other = make_other()\ntorch.onnx.export(other, torch.randn(8, 3, 32, 32), 'o.onnx')\n",
    "thop-bare-tensor": "from thop import profile\nprofile(Net(), inputs=torch.randn(8, 3, 32, 32))\n",
    "torchinfo-own-batch-dim": "from torchinfo import summary\nsummary(Net(), input_size=(3, 32, 32), batch_dim=0)\n",
    "torchsummary-list-of-ints": "from torchsummary import summary\nsummary(Net(), [3, 32, 32])\n",
    "export-of-a-bare-tensor": "torch.export.export(Net(), torch.randn(8, 3, 32, 32))\n",
    # sizes fed to see them fail
    "pytest-raises": ("import pytest\ndef test_rejects_32():\n    with pytest.raises(RuntimeError):\n"
                      "        Net()(torch.randn(8, 3, 32, 32))\n"),
    "assert-raises": ("import unittest\nclass TestNet(unittest.TestCase):\n    def test_rejects_32(self):\n"
                      "        with self.assertRaises(RuntimeError):\n            Net()(torch.randn(8, 3, 32, 32))\n"),
    "probing-try": ("model = Net()\nfor size in (32, 28):\n    try:\n        model(torch.randn(8, 3, 32, 32))\n"
                    "    except RuntimeError:\n        pass\n"),
    "xfail-test": ("import pytest\n@pytest.mark.xfail(reason='fc1 is sized for 28x28')\ndef test_cifar_size():\n"
                   "    Net()(torch.randn(8, 3, 32, 32))\n"),
    # the instance fed is not the model analysed
    "layer-replaced": "model = Net()\nmodel.fc1 = nn.Linear(4096, 128)\nmodel(torch.randn(8, 3, 32, 32))\n",
    "changed-in-a-solver": ("class Trainer:\n    def __init__(self):\n        self.model = Net()\n"
                            "        self.model.fc1 = nn.Linear(4096, 128)\n\n    def run(self):\n"
                            "        self.model(torch.randn(8, 3, 32, 32))\n\n\nTrainer().run()\n"),
    "changed-by-a-function": ("def replace_head(model):\n    model.fc1 = nn.Linear(4096, 128)\n\nmodel = Net()\n"
                              "replace_head(model)\nmodel(torch.randn(8, 3, 32, 32))\n"),
    "size-list-grown": "shape = [8, 3]\nshape.append(32)\nshape.append(32)\nNet()(torch.randn(shape))\n",
    "wrapped": "model = nn.Sequential(nn.Upsample(size=(28, 28)), Net())\nmodel(torch.randn(8, 3, 32, 32))\n",
    # data pipelines that do not fix the size, or change the batch before the model sees it
    "batch-viewed": ("from torchvision import datasets, transforms\nloader = torch.utils.data.DataLoader(datasets.CIFAR10("
                     "'d', transform=transforms.ToTensor()), batch_size=8)\nmodel = Net()\nfor images, labels in loader:\n"
                     "    model(images.view(8, 3, 32, 32)[:, :, :28, :28])\n"),
    "batch-reassigned": ("from torchvision import datasets, transforms\nloader = torch.utils.data.DataLoader(datasets.CIFAR10("
                         "'d', transform=transforms.ToTensor()), batch_size=8)\nmodel = Net()\n"
                         "for images, labels in loader:\n    images = F.interpolate(images, size=args.size)\n"
                         "    model(images)\n"),
    "interpolated-with-size-and-scale": ("x = F.interpolate(torch.randn(8, 3, 16, 16), size=32, scale_factor=2)\n"
                                         "Net()(x)\n"),
    "interpolated-bilinear-in-3d": "x = F.interpolate(torch.randn(8, 3, 16), size=32, mode='bilinear')\nNet()(x)\n",
    "padded-by-a-reflection": "x = F.pad(torch.randn(8, 3, 28, 28), (2, 2, 2, 2), mode='reflect')\nNet()(x)\n",
    "padded-by-an-amount-not-known": "x = F.pad(torch.randn(8, 3, 28, 28), (p, p, p, p))\nNet()(x)\n",
    "pad-transform-mirroring-a-whole-side": ("from torchvision import datasets, transforms\nds = datasets.CIFAR10('d', "
                                             "transform=transforms.Compose([transforms.Pad(32, padding_mode='reflect'), "
                                             "transforms.ToTensor()]))\n"
                                             "for images, labels in torch.utils.data.DataLoader(ds, batch_size=8):\n"
                                             "    Net()(images)\n"),
    "pad-transform-of-three-amounts": ("from torchvision import datasets, transforms\nds = datasets.CIFAR10('d', "
                                       "transform=transforms.Compose([transforms.Pad((1, 2, 3)), transforms.ToTensor()]))\n"
                                       "for images, labels in torch.utils.data.DataLoader(ds, batch_size=8):\n"
                                       "    Net()(images)\n"),
    "random-crop-larger-than-padded": ("from torchvision import datasets, transforms\n"
                                       "tf = transforms.Compose([transforms.RandomCrop(32, padding=(2, 2)), "
                                       "transforms.ToTensor()])\n"
                                       "for x, _ in torch.utils.data.DataLoader(datasets.USPS('d', transform=tf), "
                                       "batch_size=8):\n    Net()(x)\n"),
    "no-to-tensor": ("from torchvision import datasets, transforms\nloader = torch.utils.data.DataLoader(datasets.CIFAR10("
                     "'d', transform=transforms.RandomHorizontalFlip()), batch_size=8)\nfor images, labels in loader:\n"
                     "    Net()(images)\n"),
    "imagefolder-short-side-only": ("from torchvision import datasets, transforms\nds = datasets.ImageFolder('d', "
                                    "transform=transforms.Compose([transforms.Resize(32), transforms.ToTensor()]))\n"
                                    "for images, labels in torch.utils.data.DataLoader(ds, batch_size=8):\n"
                                    "    Net()(images)\n"),
    "transform-not-followed": ("from torchvision import datasets, transforms\nds = datasets.MNIST('d', "
                               "transform=transforms.Compose([transforms.ToTensor(), transforms.Lambda(lambda x: "
                               "x.repeat(3, 1, 1)), transforms.Pad(2)]))\n"
                               "for images, labels in torch.utils.data.DataLoader(ds, batch_size=8):\n    Net()(images)\n"),
    "crop-larger-than-the-image": ("from torchvision import datasets, transforms\nds = datasets.CIFAR10('d', "
                                   "transform=transforms.Compose([transforms.RandomCrop(36), transforms.ToTensor()]))\n"
                                   "for images, labels in torch.utils.data.DataLoader(ds, batch_size=8):\n"
                                   "    Net()(images)\n"),
    "normalize-of-three-channels-on-mnist": ("from torchvision import datasets, transforms\nds = datasets.MNIST('d', "
                                             "transform=transforms.Compose([transforms.Resize(32), transforms.ToTensor(), "
                                             "transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))]))\n"
                                             "for images, labels in torch.utils.data.DataLoader(ds, batch_size=8):\n"
                                             "    Net()(images)\n"),
    "collate-fn": ("from torchvision import datasets, transforms\nds = datasets.CIFAR10('d', transform=transforms.ToTensor())\n"
                   "for images, labels in torch.utils.data.DataLoader(ds, batch_size=8, collate_fn=crop_collate):\n"
                   "    Net()(images)\n"),
    "unbatched": ("from torchvision import datasets, transforms\nds = datasets.CIFAR10('d', transform=transforms.ToTensor())\n"
                  "for images, labels in torch.utils.data.DataLoader(ds, batch_size=None):\n    Net()(images)\n"),
    "own-dataset": ("class Crops(torch.utils.data.Dataset):\n    pass\n"
                    "for images, labels in torch.utils.data.DataLoader(Crops(), batch_size=8):\n    Net()(images)\n"),
    "dataset-chosen-by-a-branch": ("from torchvision import datasets, transforms\nif args.data == 'mnist':\n"
                                   "    ds = datasets.MNIST('d', transform=transforms.ToTensor())\nelse:\n"
                                   "    ds = datasets.CIFAR10('d', transform=transforms.ToTensor())\n"
                                   "for images, labels in torch.utils.data.DataLoader(ds, batch_size=8):\n"
                                   "    Net()(images)\n"),
    "loader-kwargs-may-collate": ("from torchvision import datasets, transforms\nkw = {'batch_size': 8}\nif fast:\n"
                                  "    kw.update(collate_fn=crop_collate)\nds = datasets.CIFAR10('d', "
                                  "transform=transforms.ToTensor())\n"
                                  "for images, labels in torch.utils.data.DataLoader(ds, **kw):\n    Net()(images)\n"),
    # `add_graph` of an object that is no TensorBoard writer: what it does with the tensor is not known
    "add-graph-of-another-object": ("class Plotter:\n    def add_graph(self, model, x):\n        pass\n\n\n"
                                    "Plotter().add_graph(Net(), torch.randn(8, 3, 32, 32))\n"
                                    "writer = Plotter()\nwriter.add_graph(Net(), torch.randn(8, 3, 32, 32))\n"),
    "transform-replaced": ("from torchvision import datasets, transforms\nds = datasets.CIFAR10('d', "
                           "transform=transforms.ToTensor())\nds.transform = crop\n"
                           "for images, labels in torch.utils.data.DataLoader(ds, batch_size=8):\n    Net()(images)\n"),
    # a loop over anything but a literal sequence of sizes, or one whose body may stop or skip a
    # run, is not read item by item (32 x 32, which fails, would be a guess there)
    "loop-over-a-name": "SIZES = [28, 32]\nmodel = Net()\nfor size in SIZES:\n    model(torch.randn(2, 3, size, size))\n",
    "loop-over-a-range": "model = Net()\nfor size in range(28, 33, 4):\n    model(torch.randn(2, 3, size, size))\n",
    "loop-over-items-not-literal": ("import sys\nmodel = Net()\nfor size in (28, int(sys.argv[1])):\n"
                                    "    model(torch.randn(2, 3, size, size))\n"),
    "loop-that-breaks": "model = Net()\nfor size in (28, 32):\n    model(torch.randn(2, 3, size, size))\n    break\n",
    "loop-that-skips": ("model = Net()\nfor size in [28, 32]:\n    if size > 28:\n        continue\n"
                        "    model(torch.randn(2, 3, size, size))\n"),
}


@pytest.mark.parametrize("code", TRAPS.values(), ids=TRAPS.keys())
def test_no_hint_where_the_size_does_not_reach_the_model(code):
    # (a module-level Sequential wrapping Net is a model of its own, fed that size: not Net's)
    wrapped = "nn.Sequential(" in code
    assert [h for h in find_input_hints(cst.parse_module(MODEL + code)) if h.target == "Net"] == []
    # checked for every size: only the note on the sizes fc1 pins (CL211), no error; wrapped, fc1
    # is checked on the size the Sequential gives it (28x28), which the note no longer needs to say
    assert [d.code for d in lint_text(MODEL + code, "model.py", Settings()).diagnostics] == \
        ([] if wrapped else ["CL211"])


LITERAL_LOOPS = {
    "sizes-in-a-tuple": "model = Net()\nfor size in (28, 32):\n    model(torch.randn(2, 3, size, size))\n",
    "shapes-spliced": "net = Net()\nfor shape in [(1, 3, 28, 28), (2, 3, 32, 32)]:\n    net(torch.randn(*shape))\n",
    "main-block-built-in-the-loop": ('if __name__ == "__main__":\n    for side in [28, 32]:\n        net = Net()\n'
                                     "        out = net(torch.zeros(2, 3, side, side))\n"),
}


@pytest.mark.parametrize("code", LITERAL_LOOPS.values(), ids=LITERAL_LOOPS.keys())
def test_each_item_of_a_loop_over_literal_sizes_is_a_run_checked(torch, code):
    """`for size in (28, 32): model(torch.randn(2, 3, size, size))`: each item is a run the script
    makes; 28 x 28 fits the head, 32 x 32 is the run torch stops at, said with the item."""
    hints = find_input_hints(cst.parse_module(MODEL + code))
    assert [(h.target, h.shape[1:]) for h in hints] == [("Net", (3, 28, 28)), ("Net", (3, 32, 32))]
    (finding,) = lint_text(MODEL + code, "model.py", Settings()).diagnostics
    assert finding.code == "CL101" and "4096" in finding.message and "32" in finding.message.split("from line")[1]
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        exec(compile(MODEL + code, "model.py", "exec"), {"__name__": "__main__"})
    fits = code.replace("32", "28")  # each run 28 x 28: torch runs it, and nothing is reported
    exec(compile(MODEL + fits, "model.py", "exec"), {"__name__": "__main__"})
    assert lint_text(MODEL + fits, "model.py", Settings()).diagnostics == []


WAVEGAN = '''import torch
import torch.nn as nn


class Discriminator(nn.Module):
    def __init__(self, verbose=False, slice_len=64):
        super().__init__()
        self.verbose = verbose
        self.conv = nn.Conv1d(1, 4, 25, stride=4, padding=11)
        if slice_len == 64:
            self.fc = nn.Linear(4 * 16, 1)
        else:
            self.fc = nn.Linear(4 * 30, 1)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))


if __name__ == "__main__":
    for slice_len in LENGTHS:
        D = Discriminator(verbose=True, slice_len=slice_len)
        out = D(torch.randn(10, 1, slice_len))
'''


def test_a_loop_item_builds_the_model_and_sizes_its_input_in_the_same_run(torch):
    """WaveGAN's test block: `for slice_len in [16384, 32768, 65536]:` builds the discriminator
    with slice_len and feeds it slice_len samples: each run's model takes that run's input (never
    another item's), so the head sized for 30 steps where 128 samples give 32 is found."""
    code = WAVEGAN.replace("LENGTHS", "[64, 128]")
    (finding,) = lint_text(code, "wavegan.py", Settings()).diagnostics
    assert (finding.code, finding.span.line) == ("CL101", 13)
    assert "4 x 32 = 128" in finding.message and "slice_len = 128" in finding.message
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        exec(compile(code, "wavegan.py", "exec"), {"__name__": "__main__"})
    fixed = code.replace("4 * 30", "4 * 32")
    exec(compile(fixed, "wavegan.py", "exec"), {"__name__": "__main__"})
    assert lint_text(fixed, "wavegan.py", Settings()).diagnostics == []
    # over a name, not a literal: neither the build nor the size is known, and nothing is an error
    held = "LENGTHS = [64, 128]\n" + code.replace("[64, 128]", "LENGTHS")
    assert [d for d in lint_text(held, "wavegan.py", Settings()).diagnostics if d.severity == "error"] == []


def test_each_distinct_input_is_checked_and_flags_win_over_hints():
    code = "model = Net()\nmodel(torch.randn(2, 3, 28, 28))\nmodel(torch.randn(2, 3, 32, 32))\n"
    result = lint_text(MODEL + code, "model.py", Settings())
    assert [m.input_source.line for m in result.models if m.name == "Net"] == [19, 20]
    assert [d.code for d in result.diagnostics] == ["CL101"]  # 28x28 fits; 32x32 does not
    flagged = lint_text(MODEL + code, "model.py", Settings(input_shapes={"Net": (2, 3, 28, 28)}))
    assert flagged.diagnostics == []


def test_the_hinted_input_really_fails_in_torch(torch):
    namespace: dict = {}
    exec(compile(MODEL, "model.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Net"]()(torch.randn(8, 3, 32, 32))
    assert namespace["Net"]()(torch.randn(2, 3, 28, 28)).shape == (2, 10)


FIXED = MODEL.replace("nn.Linear(64 * 7 * 7, 128)", "nn.Linear(64 * 8 * 8, 128)")


@pytest.fixture
def torch():
    """torch on one thread: these models are tiny, and OpenMP's threads cost more than they
    save on a small shared machine (a forward pass 30x slower)."""
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield torch
    torch.set_num_threads(threads)


def _raises_in_torch(run, match: str) -> None:
    with pytest.raises(RuntimeError) as raised:
        run()
    chain, error = [], raised.value
    while error is not None:  # torchinfo wraps the model's error in one of its own
        chain.append(str(error))
        error = error.__cause__ or error.__context__
    assert any(match in text for text in chain), chain


@pytest.mark.filterwarnings("ignore:`torch.jit.trace")
@pytest.mark.parametrize(("code", "shape"), FORMS.values(), ids=FORMS.keys())
def test_each_form_really_fails_in_torch_and_the_fixed_model_runs(request, torch, code, shape):
    """The size read is the size torch sees: the form's own code, run where its tools are
    installed (else the model on a tensor of that size), fails on the model and runs when fixed."""
    runnable = request.node.callspec.id in RUNNABLE
    if runnable and "torchinfo" in code:
        pytest.importorskip("torchinfo")

    def run(source):
        namespace: dict = {"__name__": "__main__"}
        if runnable:
            exec(compile(source + code, "form.py", "exec"), namespace)
        else:
            exec(compile(source, "model.py", "exec"), namespace)
            namespace["Net"]()(torch.randn(*[2 if dim is None else dim for dim in shape]))

    _raises_in_torch(lambda: run(MODEL), "mat1 and mat2 shapes cannot be multiplied")
    run(FIXED)


@pytest.mark.parametrize(("code", "shape"), FORMS.values(), ids=FORMS.keys())
def test_each_form_is_clean_on_the_fixed_model(code, shape):
    assert lint_text(FIXED + code, "model.py", Settings()).diagnostics == []


ARGUMENTS_MODEL = MODEL.replace("def __init__(self):", "def __init__(self, in_channels=3, num_classes=10):").replace(
    "nn.Conv2d(3, 32, 3, padding=1)", "nn.Conv2d(in_channels, 32, 3, padding=1)").replace(
    "nn.Linear(128, 10)", "nn.Linear(128, num_classes)")


@pytest.mark.parametrize(("built", "used"), [
    ("Net()", True), ("Net(in_channels=3)", True), ("Net(3, 10)", True), ("Net(num_classes=10).eval()", True),
    ("Net(in_channels=1)", True), ("Net(3, 100)", True), ("Net(**config)", False), ("Net(channels)", False),
])
def test_a_size_counts_only_for_an_instance_built_as_the_model_is_analysed(built, used):
    """The model is checked as built with its defaults; `Net(in_channels=1)` fed 1 x 32 x 32 says
    nothing about that model (it would be a false CL103), but is a model of its own, checked as
    built (its head fails there too); one built with values not known is not."""
    channels = 1 if "in_channels=1" in built else 3
    code = ARGUMENTS_MODEL + f"model = {built}\nmodel(torch.randn(2, {channels}, 32, 32))\n"
    assert [d.code for d in lint_text(code, "model.py", Settings()).diagnostics] == (["CL101"] if used else ["CL211"])


@pytest.mark.parametrize("built", ["Net(1)", "Net(in_channels=1, num_classes=10)", "Net(args.channels)"])
def test_arguments_for_required_parameters_keep_the_size(torch, built):
    """Net(in_channels) is analysed with in_channels unknown: an error that holds for every value
    holds for the one given (DCGAN's Generator(ngpu))."""
    source = ARGUMENTS_MODEL.replace("in_channels=3", "in_channels")
    code = source + f"model = {built}\nmodel(torch.randn(2, 1, 32, 32))\n"
    assert [d.code for d in lint_text(code, "model.py", Settings()).diagnostics] == ["CL101"]
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    _raises_in_torch(lambda: namespace["Net"](1)(torch.randn(2, 1, 32, 32)), "mat1 and mat2")


MNIST_EXAMPLE = '''import argparse
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torchvision import datasets, transforms


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(64 * 14 * 14, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.dropout1(F.max_pool2d(x, 2))
        x = torch.flatten(x, 1)
        return F.log_softmax(self.fc2(F.relu(self.fc1(x))), dim=1)


def train(args, model, device, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        output = model(data)
        F.nll_loss(output, target).backward()
        optimizer.step()


def main():
    parser = argparse.ArgumentParser(description="PyTorch MNIST Example")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--no-cuda", action="store_true", default=False)
    args = parser.parse_args()
    use_cuda = not args.no_cuda and torch.cuda.is_available()
    device = torch.device("cuda" if use_cuda else "cpu")
    train_kwargs = {"batch_size": args.batch_size}
    if use_cuda:
        cuda_kwargs = {"num_workers": 1, "pin_memory": True, "shuffle": True}
        train_kwargs.update(cuda_kwargs)
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    dataset1 = datasets.MNIST("../data", train=True, download=True, transform=transform)
    train_loader = torch.utils.data.DataLoader(dataset1, **train_kwargs)
    model = Net().to(device)
    optimizer = optim.Adadelta(model.parameters(), lr=1.0)
    for epoch in range(1, 3):
        train(args, model, device, train_loader, optimizer, epoch)


if __name__ == "__main__":
    main()
'''


def test_the_mnist_example_is_checked_on_its_batches(torch):
    """pytorch/examples' MNIST script: the model and the loader reach train() as arguments, the
    batch size is the default of an option main() parses (main() is the script's main path), the
    loader's keywords come from a dict."""
    (hint,) = find_input_hints(cst.parse_module(MNIST_EXAMPLE))
    assert (hint.target, hint.shape, hint.kind) == ("Net", (64, 1, 28, 28), "dataloader")
    (finding,) = [d for d in lint_text(MNIST_EXAMPLE, "main.py", Settings()).diagnostics if d.severity == "error"]
    assert finding.code == "CL101" and "9216" in finding.message
    assert "from line 31: model(data) on MNIST batches (line 49)" in finding.message
    model_part = MNIST_EXAMPLE.split("\n\ndef train")[0].replace("from torchvision import datasets, transforms", "")
    namespace: dict = {}
    exec(compile(model_part, "main.py", "exec"), namespace)
    _raises_in_torch(lambda: namespace["Net"]()(torch.randn(2, 1, 28, 28)), "mat1 and mat2")
    exec(compile(model_part.replace("64 * 14 * 14", "64 * 12 * 12"), "main.py", "exec"), namespace)
    assert namespace["Net"]()(torch.randn(2, 1, 28, 28)).shape == (2, 10)


# --- other files of the project that import the model
LOADER_HELPER = ("import torch\nfrom torchvision import datasets, transforms\n\n\ndef get_loader(params):\n"
                 "    tf = transforms.Compose([transforms.Resize(params['size']), transforms.CenterCrop(params['size']),\n"
                 "                             transforms.ToTensor()])\n"
                 "    data = datasets.ImageFolder('images', transform=tf)\n"
                 "    return torch.utils.data.DataLoader(data, batch_size=params['bsize'])\n")
# a training loop another project file defines, the model and its loader passed to it
# (`from pruning.utils import train; train(net, criterion, optimizer, param, loader_train)`)
TRAIN_HELPER = ("def train(model, loss_fn, optimizer, param, loader_train):\n    model.train()\n"
                "    for epoch in range(param['num_epochs']):\n"
                "        for t, (x, y) in enumerate(loader_train):\n            scores = model(x)\n"
                "            loss = loss_fn(scores, y)\n            loss.backward()\n")
TRAIN_SCRIPT = ("import torch\nimport torch.nn as nn\nimport torchvision.datasets as datasets\n"
                "import torchvision.transforms as transforms\n\nfrom pruning.utils import train\n"
                "from models.net import Net\n\nparam = {'batch_size': 128, 'num_epochs': 1}\n"
                "train_dataset = datasets.CIFAR10(root='data', train=True, transform=TRANSFORM)\n"
                "loader_train = torch.utils.data.DataLoader(train_dataset, batch_size=param['batch_size'])\n"
                "net = Net()\ncriterion = nn.CrossEntropyLoss()\n"
                "optimizer = torch.optim.RMSprop(net.parameters(), lr=1e-3)\n"
                "train(net, criterion, optimizer, param, loader_train)\n")
# a course assignment's utils.py, star-imported by its main.py: the CIFAR loader and the training
# loop both defined there (`from utils import *`; `train(net, ..., trainloader, ...)` in main())
STAR_HELPERS = ("import torch\nimport torchvision\nimport torchvision.transforms as transforms\n\n\n"
                "def data_loader(root, batch_size):\n"
                "    tf = transforms.Compose([transforms.RandomCrop(SIDE, padding=4), transforms.ToTensor()])\n"
                "    trainset = torchvision.datasets.ImageFolder(root, transform=tf)\n"
                "    return torch.utils.data.DataLoader(trainset, batch_size=batch_size, shuffle=True)\n\n\n"
                "def train(net, trainloader, is_gpu):\n    for i, data in enumerate(trainloader, 0):\n"
                "        inputs, labels = data\n        if is_gpu:\n            inputs = inputs.cuda()\n"
                "        outputs = net(inputs)\n")
STAR_MAIN = ("from models.net import Net\nfrom utils import *\n\n\ndef main():\n    net = Net()\n"
             "    trainloader = data_loader('data', 64)\n    train(net, trainloader, False)\n\n\n"
             "if __name__ == '__main__':\n    main()\n")
EPOCH_HELPERS = ("def run_epoch(model, loader):\n    for x, _ in loader:\n        model(x)\n\n\n"
                 "def fit(model, loader, epochs=1):\n    for _ in range(epochs):\n        run_epoch(model, loader)\n")
FIT_SCRIPT = ("import torch\nfrom torchvision import datasets, transforms\nfrom models.net import Net\n"
              "from training import fit\n\n\ndef main():\n"
              "    data = datasets.CIFAR10('data', transform=transforms.ToTensor())\n"
              "    fit(Net(), torch.utils.data.DataLoader(data, batch_size=64))\n\n\n"
              "if __name__ == '__main__':\n    main()\n")
TRAINER_CLASS = """import torch


class Trainer:
    def __init__(self, model, loader):
        self.model, self.loader = model, loader

    def train(self):
        for images, labels in self.loader:
            outputs = self.model(images)
"""
TRAINER_SCRIPT = """import torch
from torchvision import datasets, transforms
from models.net import Net
from trainer import Trainer

data = datasets.CIFAR10('data', transform=transforms.ToTensor())
loader = torch.utils.data.DataLoader(data, batch_size=64)

def main():
    trainer = Trainer(Net(), loader)
    trainer.train()

main()
"""
IMPORTERS = {
    "train-script": ({"train.py": "import torch\nfrom models.net import Net\n\nmodel = Net()\n"
                                  "x = torch.randn(8, 3, 32, 32)\nprint(model(x).shape)\n"},
                     "train.py line 6: model(x)"),
    "test-with-fixture": ({"tests/test_net.py": "import pytest\nimport torch\n\nfrom models.net import Net\n\n\n"
                                                "@pytest.fixture\ndef net():\n    return Net()\n\n\n"
                                                "def test_output(net):\n"
                                                "    assert net(torch.randn(2, 3, 32, 32)).shape == (2, 10)\n"},
                          f"{os.path.join('tests', 'test_net.py')} line 13: net(torch.randn(2, 3, 32, 32))"),
    "script-module-alias": ({"scripts/x.py": "import torch\nimport models.net as m\n\nm.Net()(torch.zeros(1, 3, 32, 32))\n"},
                            f"{os.path.join('scripts', 'x.py')} line 4: m.Net()(torch.zeros(1, 3, 32, 32))"),
    "relative-import": ({"models/export.py": "import torch\nfrom .net import Net\n\n"
                                             "torch.onnx.export(Net(), torch.randn(1, 3, 32, 32), 'net.onnx')\n"},
                        f"{os.path.join('models', 'export.py')} line 4: torch.onnx.export(Net()"),
    "package-re-export": ({"models/__init__.py": "from .net import Net\n",
                           "bench.py": "from torchinfo import summary\nfrom models import Net\n\n"
                                       "summary(Net(), input_size=(4, 3, 32, 32))\n"},
                          "bench.py line 4: summary(Net(), input_size=(4, 3, 32, 32))"),
    "loader-in-train-script": ({"train.py": "import torch\nfrom torchvision import datasets, transforms\n"
                                            "from models.net import Net\n\n"
                                            "data = datasets.CIFAR10('data', transform=transforms.ToTensor())\n"
                                            "loader = torch.utils.data.DataLoader(data, batch_size=64)\n"
                                            "model = Net()\nfor images, labels in loader:\n    outputs = model(images)\n"},
                               "train.py line 9: model(images) on CIFAR10 batches (line 6)"),
    # kuangliu pytorch-cifar's main.py: `from models import *`, the package `from .net import *`
    "star-import-of-the-package": ({"models/__init__.py": "from .net import *\n",
                                    "main.py": "import torch\nfrom models import *\n\nnet = Net()\n"
                                               "def train():\n    print(net(torch.randn(8, 3, 32, 32)))\n"},
                                   "main.py line 6: net(torch.randn(8, 3, 32, 32))"),
    "star-import-of-the-file": ({"main.py": "import torch\nfrom models.net import *\nfrom utils import *\n\n"
                                            "progress_bar()\nNet()(torch.randn(8, 3, 32, 32))\n"},
                                "main.py line 6: Net()(torch.randn(8, 3, 32, 32))"),
    # kuangliu pytorch-cifar, CIFAR-ZOO: `if device == 'cuda': net = torch.nn.DataParallel(net)`
    "data-parallel": ({"train.py": "import torch\nfrom models.net import Net\n\nnet = Net()\nif torch.cuda.is_available():\n"
                                   "    net = torch.nn.DataParallel(net)\nnet(torch.randn(8, 3, 32, 32))\n"},
                      "train.py line 7: net(torch.randn(8, 3, 32, 32))"),
    # the loader made by a function of a third file, read with the script's arguments
    # (Natsu6767 DCGAN: `dataloader = get_celeba(params)`, utils.py)
    "loader-from-a-helper-file": ({"data.py": LOADER_HELPER,
                                   "train.py": "from data import get_loader\nfrom models.net import Net\n\n"
                                               "params = {'bsize': 64, 'size': 32}\nmodel = Net()\n"
                                               "for i, batch in enumerate(get_loader(params)):\n"
                                               "    outputs = model(batch[0])\n"},
                                  "train.py line 7: model(batch[0]) on ImageFolder batches (data.py line 9)"),
    # the training script of pytorch/examples, copied by CIFAR zoos: the model named by an option's
    # default, the options parsed into a global in main(), a part of the model replicated in place
    "named-by-an-option-default": ({"main.py": "import argparse\nimport torch\nimport models.net as zoo\n\n"
                                               "parser = argparse.ArgumentParser()\n"
                                               "parser.add_argument('--arch', '-a', default='Net')\n\n"
                                               "def main():\n    global args\n    args = parser.parse_args()\n"
                                               "    model = zoo.__dict__[args.arch]()\n"
                                               "    model.conv1 = torch.nn.DataParallel(model.conv1)\n"
                                               "    model.cuda()\n    run(model)\n\n"
                                               "def run(model):\n    model(torch.randn(8, 3, 32, 32))\n"},
                                   "main.py line 17: model(torch.randn(8, 3, 32, 32))"),
    "named-by-getattr": ({"main.py": "import torch\nimport models.net as zoo\n\n"
                                     "getattr(zoo, 'Net')()(torch.randn(8, 3, 32, 32))\n"},
                         "main.py line 4: getattr(zoo, 'Net')()(torch.randn(8, 3, 32, 32))"),
    "training-loop-in-a-helper-file": (
        {"pruning/__init__.py": "", "pruning/utils.py": TRAIN_HELPER,
         "filter_pruning.py": TRAIN_SCRIPT.replace("TRANSFORM", "transforms.ToTensor()")},
        "filter_pruning.py line 15: train(net, criterion, optimizer, param, loader_train), which runs model(x) "
        "(utils.py line 5) on CIFAR10 batches (line 11)"),
    "training-loop-of-an-imported-module": (
        {"pruning/__init__.py": "", "pruning/utils.py": TRAIN_HELPER,
         "filter_pruning.py": TRAIN_SCRIPT.replace("TRANSFORM", "transforms.ToTensor()").replace(
             "from pruning.utils import train", "import pruning.utils as U").replace("train(net,", "U.train(net,")},
        "filter_pruning.py line 15: U.train(net, criterion, optimizer, param, loader_train), which runs model(x) "
        "(utils.py line 5) on CIFAR10 batches (line 11)"),
    "training-loop-through-a-second-function-there": (
        {"training.py": EPOCH_HELPERS, "train.py": FIT_SCRIPT},
        "train.py line 9: fit(Net(), torch.utils.data.DataLoader(data, batch_size=64)), which runs model(x) "
        "(training.py line 3) on CIFAR10 batches (line 9)"),
    # a trainer class of its own file, given the model and the loader by the script that builds
    # them (`trainer = Trainer(Net(), trainloader)`, `trainer.train()`): fed at the call that runs it
    "trainer-class-of-another-file": (
        {"trainer.py": TRAINER_CLASS, "train.py": TRAINER_SCRIPT},
        "train.py line 11: trainer.train(), which runs self.model(images) (trainer.py line 10) on CIFAR10 batches"),
    "trainer-class-through-a-second-method": (
        {"trainer.py": TRAINER_CLASS.replace("    def train(self):\n", "    def train(self):\n        self.epoch()\n\n"
                                             "    def epoch(self):\n"),
         "train.py": TRAINER_SCRIPT},
        "train.py line 11: trainer.train(), which runs self.model(images) (trainer.py line 13) on CIFAR10 batches"),
}
NOT_IMPORTERS = {
    # two star imports that both define the helper (Python takes the later one): which is not read;
    # a name starting with "_" is not star-imported at all (the call fails)
    "star-imported-helper-defined-twice": {
        "utils.py": STAR_HELPERS.replace("SIDE", "32"), "helpers.py": STAR_HELPERS.replace("SIDE", "28"),
        "main.py": STAR_MAIN.replace("from utils import *\n", "from utils import *\nfrom helpers import *\n")},
    "star-imported-helper-named-private": {
        "utils.py": STAR_HELPERS.replace("SIDE", "32").replace("def data_loader", "def _data_loader"),
        "main.py": STAR_MAIN.replace("= data_loader(", "= _data_loader(")},
    "training-loop-in-a-helper-file-on-the-right-size": {
        "pruning/__init__.py": "", "pruning/utils.py": TRAIN_HELPER,
        "filter_pruning.py": TRAIN_SCRIPT.replace("TRANSFORM",
            "transforms.Compose([transforms.Resize((28, 28)), transforms.ToTensor()])")},
    "helper-feeds-another-argument": {
        "pruning/__init__.py": "", "pruning/utils.py": TRAIN_HELPER.replace("def train(model,", "def train(student, model,"),
        "filter_pruning.py": TRAIN_SCRIPT.replace("TRANSFORM", "transforms.ToTensor()").replace(
            "train(net,", "import torchvision\ntrain(net, torchvision.models.resnet18(),")},
    "helper-changes-the-model-first": {
        "pruning/__init__.py": "", "pruning/utils.py": "import torch.nn as nn\n\n\ndef widen(model):\n"
                                                        "    model.fc1 = nn.Linear(64 * 8 * 8, 128)\n",
        "train.py": "import torch\nfrom models.net import Net\nfrom pruning.utils import widen\n\n"
                    "net = Net()\nwiden(net)\nnet(torch.randn(8, 3, 32, 32))\n"},
    "trainer-class-never-run": {"trainer.py": TRAINER_CLASS,
                                "train.py": TRAINER_SCRIPT.replace("trainer.train()", "print(trainer)")},
    "trainer-class-feeds-its-own-model": {
        "trainer.py": TRAINER_CLASS.replace("self.model, self.loader = model, loader", "self.model, self.loader = Other(), loader").replace(
            "import torch", "import torch\nfrom other import Other"),
        "other.py": "import torch.nn as nn\n\n\nclass Other(nn.Module):\n    def forward(self, x):\n        return x\n",
        "train.py": TRAINER_SCRIPT},
    "trainer-class-of-a-base": {"trainer.py": TRAINER_CLASS.replace("class Trainer:", "class Trainer(Base):").replace(
                                    "import torch", "import torch\n\n\nclass Base:\n    pass"),
                                "train.py": TRAINER_SCRIPT},
    "helper-only-imported": {
        "pruning/__init__.py": "", "pruning/utils.py": TRAIN_HELPER,
        "filter_pruning.py": TRAIN_SCRIPT.replace("TRANSFORM", "transforms.ToTensor()").replace(
            "train(net, criterion, optimizer, param, loader_train)", "print(train)")},
    "another-net": {"other/net.py": MODEL.replace("64 * 7 * 7", "64 * 8 * 8"),
                    "train.py": "import torch\nfrom other.net import Net\nNet()(torch.randn(8, 3, 32, 32))\n"},
    "defined-there": {"train.py": FIXED + "from models.net import Net as Reference\nNet()(torch.randn(8, 3, 32, 32))\n"},
    "skipped-folder": {"build/lib/train.py": "import torch\nfrom models.net import Net\nNet()(torch.randn(8, 3, 32, 32))\n",
                       ".ipynb_checkpoints/t.py": "import torch\nfrom models.net import Net\nNet()(torch.randn(8, 3, 32, 32))\n"},
    "configured-exclude": {"pyproject.toml": "[tool.convlint]\nextend-exclude = ['experiments']\n",
                           "experiments/t.py": "import torch\nfrom models.net import Net\nNet()(torch.randn(8, 3, 32, 32))\n"},
    "star-import-of-another-package": {"other/__init__.py": "from .net import *\n",
                                       "other/net.py": MODEL.replace("64 * 7 * 7", "64 * 8 * 8"),
                                       "train.py": "import torch\nfrom other import *\nNet()(torch.randn(8, 3, 32, 32))\n"},
    "star-import-then-defined": {"train.py": "import torch\nfrom models import *\n" + FIXED +
                                             "Net()(torch.randn(8, 3, 32, 32))\n"},
    "built-otherwise": {"train.py": "import torch\nfrom models.net import Net\nNet(width=2)(torch.randn(8, 3, 32, 32))\n"},
    "outside-the-project": {"../train.py": "import torch\nfrom models.net import Net\nNet()(torch.randn(8, 3, 32, 32))\n"},
    "named-by-another-default": {"main.py": "import argparse\nimport torch\nimport models.net as zoo\n"
                                            "parser = argparse.ArgumentParser()\n"
                                            "parser.add_argument('--arch', default='Other')\nargs = parser.parse_args()\n"
                                            "zoo.__dict__[args.arch]()(torch.randn(8, 3, 32, 32))\n"},
    "a-part-replaced": {"main.py": "import torch\nfrom models.net import Net\nmodel = Net()\n"
                                   "model.fc1 = torch.nn.Linear(4096, 128)\nmodel(torch.randn(8, 3, 32, 32))\n"},
    "helper-size-not-given": {"data.py": LOADER_HELPER,
                              "train.py": "from data import get_loader\nfrom models.net import Net\n\n"
                                          "for x, _ in get_loader({'bsize': 64}):\n    Net()(x)\n"},
    "helper-reads-a-global": {"data.py": LOADER_HELPER.replace("params['size']", "SIZE").replace("import torch",
                                                                                                "import torch\nSIZE = 32"),
                              "train.py": "from data import get_loader\nfrom models.net import Net\n\n"
                                          "for x, _ in get_loader({'bsize': 64}):\n    Net()(x)\n"},
}


def _project(root, files: dict) -> None:
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (root / "models").mkdir()
    (root / "models" / "__init__.py").write_text("")
    (root / "models" / "net.py").write_text(MODEL)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _lint_model_file(*args):
    from click.testing import CliRunner

    from convlint.cli import main

    return CliRunner().invoke(main, ["models/net.py", "--format", "concise", *args])


@pytest.mark.parametrize(("files", "source"), IMPORTERS.values(), ids=IMPORTERS.keys())
def test_a_size_fed_by_another_file_of_the_project_is_used(tmp_path, monkeypatch, files, source):
    _project(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    result = _lint_model_file("--no-cache")
    assert result.exit_code == 1 and "CL101" in result.output, result.output
    assert f"from {source}" in result.output


@pytest.mark.parametrize("files", NOT_IMPORTERS.values(), ids=NOT_IMPORTERS.keys())
def test_no_size_from_files_that_do_not_feed_this_model(tmp_path, monkeypatch, files):
    project = tmp_path / "project"
    project.mkdir()
    _project(project, files)
    monkeypatch.chdir(project)
    result = _lint_model_file("--no-cache")
    assert result.exit_code == 0, result.output


def test_the_model_file_own_sizes_and_comments_come_first(tmp_path, monkeypatch):
    _project(tmp_path, IMPORTERS["train-script"][0])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models" / "net.py").write_text(MODEL.replace("class Net", "# convlint: input-shape=(2, 3, 28, 28)\nclass Net"))
    assert _lint_model_file("--no-cache").exit_code == 0  # the comment wins over train.py's 32x32
    (tmp_path / "models" / "net.py").write_text(MODEL + "Net()(torch.randn(2, 3, 28, 28))\n")
    result = _lint_model_file("--no-cache", "--format", "json")
    import json

    sources = [m["input_source"] for f in json.loads(result.output)["files"] for m in f["models"]]
    assert sources == [{"path": os.path.join("models", "net.py"), "line": 18, "kind": "call"},
                       {"path": "train.py", "line": 6, "kind": "call"}]  # each distinct size, the file's own first


def test_editing_or_adding_a_file_that_feeds_the_model_invalidates_the_cached_result(tmp_path, monkeypatch):
    _project(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    cache = str(tmp_path / ".cache")
    assert _lint_model_file("--cache-dir", cache).exit_code == 0  # symbolic: nothing certain
    train = "import torch\nfrom models.net import Net\nNet()(torch.randn(8, 3, {size}, {size}))\n"
    (tmp_path / "train.py").write_text(train.format(size=32))  # a new file: its folder's listing changed
    assert _lint_model_file("--cache-dir", cache).exit_code == 1
    (tmp_path / "train.py").write_text(train.format(size=28))  # an edit of a file that fed the model
    assert _lint_model_file("--cache-dir", cache).exit_code == 0
    assert _lint_model_file("--cache-dir", cache).exit_code == 0  # and the cache is used again


def test_a_loader_from_another_file_feeds_the_file_that_calls_it_and_is_watched(tmp_path, monkeypatch):
    """The model's own file iterating a loader a helper module makes: the helper is read with the
    call's arguments, and a change to it redoes a cached result."""
    _project(tmp_path, {"models/data.py": LOADER_HELPER})
    (tmp_path / "models" / "net.py").write_text(
        MODEL + "\n\nif __name__ == '__main__':\n    from .data import get_loader\n"
                "    for x, _ in get_loader({'bsize': 8, 'size': 32}):\n        Net()(x)\n")
    monkeypatch.chdir(tmp_path)
    cache = str(tmp_path / ".cache")
    result = _lint_model_file("--cache-dir", cache)
    assert result.exit_code == 1 and "on ImageFolder batches (data.py line 9)" in result.output, result.output
    (tmp_path / "models" / "data.py").write_text(LOADER_HELPER.replace("params['size']", "28"))
    assert _lint_model_file("--cache-dir", cache).exit_code == 0  # 28x28 images: the size the model takes


def test_a_loader_and_a_loop_of_a_star_imported_file_feed_the_model(tmp_path, monkeypatch, torch):
    """`from utils import *` in main.py, the loader and the training loop both defined in utils.py:
    each read in its module with main()'s arguments, as for `from utils import data_loader, train`."""
    _project(tmp_path, {"utils.py": STAR_HELPERS.replace("SIDE", "32"), "main.py": STAR_MAIN})
    monkeypatch.chdir(tmp_path)
    result = _lint_model_file("--no-cache", "--format", "text")
    assert result.exit_code == 1 and "CL101" in result.output, result.output
    assert ("input 64x3x32x32 from main.py line 8: train(net, trainloader, False), which runs net(inputs) "
            "(utils.py line 17) on ImageFolder batches (utils.py line 9)") in result.output
    (tmp_path / "utils.py").write_text(STAR_HELPERS.replace("SIDE", "28"))
    assert _lint_model_file("--no-cache").exit_code == 0  # 28x28 crops: the size the model takes
    namespace: dict = {}
    exec(compile(MODEL, "net.py", "exec"), namespace)
    _raises_in_torch(lambda: namespace["Net"]()(torch.randn(64, 3, 32, 32)), "mat1 and mat2")
    assert namespace["Net"]()(torch.randn(64, 3, 28, 28)).shape == (64, 10)


def test_a_training_loop_of_another_file_feeds_the_model_passed_to_it(tmp_path, monkeypatch, torch):
    """The helper's loop is read with the call's model and loader: on images of the size the
    model takes it is clean, and run by the model's own file it is that file's input too."""
    import json

    _project(tmp_path, NOT_IMPORTERS["training-loop-in-a-helper-file-on-the-right-size"])
    monkeypatch.chdir(tmp_path)
    result = _lint_model_file("--no-cache", "--format", "json")
    assert result.exit_code == 0, result.output
    (run,) = [m for f in json.loads(result.output)["files"] for m in f["models"]]
    assert run["input_shape"] == [128, 3, 28, 28]
    assert run["input_source"] == {"path": "filter_pruning.py", "line": 15, "kind": "dataloader"}
    (tmp_path / "models" / "net.py").write_text(
        MODEL + "\n\nif __name__ == '__main__':\n    import torch\n    from torchvision import datasets, transforms\n"
                "    from pruning.utils import train\n"
                "    data = datasets.CIFAR10('data', transform=transforms.ToTensor())\n"
                "    train(Net(), None, None, {'num_epochs': 1}, torch.utils.data.DataLoader(data, batch_size=8))\n")
    result = _lint_model_file("--no-cache")
    assert result.exit_code == 1 and "from line 25: train(Net(), None, None" in result.output, \
        result.output
    assert "which runs model(x) (utils.py line 5) on CIFAR10 batches (line 25))" in result.output
    namespace: dict = {}
    exec(compile(MODEL, "net.py", "exec"), namespace)
    exec(compile(TRAIN_HELPER, "utils.py", "exec"), namespace)
    batches = [(torch.randn(8, 3, 32, 32), torch.zeros(8, dtype=torch.long))]
    _raises_in_torch(lambda: namespace["train"](namespace["Net"](), torch.nn.CrossEntropyLoss(), None,
                                                {"num_epochs": 1}, batches), "mat1 and mat2")
    namespace["train"](namespace["Net"](), torch.nn.CrossEntropyLoss(), None, {"num_epochs": 1},
                       [(torch.randn(8, 3, 28, 28), torch.zeros(8, dtype=torch.long))])


# --- the size a script trains another model of the package on (kuangliu pytorch-cifar: main.py
# `from models import *`, `net = SimpleDLA()` fed CIFAR10; models/lenet.py's LeNet built nowhere)
OTHER = ("import torch.nn as nn\n\n\nclass Other(nn.Module):\n    def __init__(self, num_classes=10):\n"
         "        super().__init__()\n        self.conv = nn.Conv2d({channels}, 8, 3, padding=1)\n"
         "        self.fc = nn.Linear(8 * 32 * 32, num_classes)\n\n"
         "    def forward(self, x):\n        return self.fc(self.conv(x).flatten(1))\n")
TRAINS_OTHER = ("import torch\nfrom models import *\n\nnet = Other()\nif torch.cuda.is_available():\n"
                "    net = torch.nn.DataParallel(net)\n\n\ndef train():\n"
                "    net(torch.randn(8, {channels}, 32, 32))\n")
PACKAGE = {"models/__init__.py": "from .net import *\nfrom .other import *\n",
           "models/other.py": OTHER.format(channels=3), "main.py": TRAINS_OTHER.format(channels=3)}
NOT_SIBLINGS = {
    "two-sizes": {**PACKAGE, "models/small.py": OTHER.replace("Other", "Small").format(channels=3),
                  "eval.py": "import torch\nfrom models.small import Small\nSmall()(torch.randn(2, 3, 24, 24))\n"},
    "block-of-the-package": {**PACKAGE, "models/big.py": "from .net import Net\n\nnet = Net()\n"},
    "other-data": {**PACKAGE, "models/other.py": OTHER.format(channels=1), "main.py": TRAINS_OTHER.format(channels=1)},
    "another-folder": {**PACKAGE, "models/__init__.py": "from .net import *\n", "models/other.py": "",
                       "zoo/__init__.py": "", "zoo/other.py": OTHER.format(channels=3),
                       "main.py": TRAINS_OTHER.format(channels=3).replace("from models", "from zoo")},
}


def test_a_model_nothing_feeds_takes_the_size_scripts_train_its_package_on(tmp_path, monkeypatch):
    _project(tmp_path, PACKAGE)
    monkeypatch.chdir(tmp_path)
    result = _lint_model_file("--no-cache")
    assert result.exit_code == 1 and "CL101" in result.output, result.output
    assert "from main.py line 10: net(torch.randn(8, 3, 32, 32)), as for every model of this package" in result.output


@pytest.mark.parametrize("files", NOT_SIBLINGS.values(), ids=NOT_SIBLINGS.keys())
def test_no_package_size_where_it_may_not_be_this_model_s(tmp_path, monkeypatch, files):
    _project(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    result = _lint_model_file("--no-cache")
    assert result.exit_code == 0, result.output


def test_the_package_size_is_what_torch_refuses(tmp_path):
    """The LeNet-style head of MODEL fails on the 32x32 batches that train its package's Other."""
    import torch

    namespace: dict = {}
    exec(compile(MODEL, "net.py", "exec"), namespace)
    exec(compile(OTHER.format(channels=3), "other.py", "exec"), namespace)
    assert namespace["Other"]()(torch.randn(8, 3, 32, 32)).shape == (8, 10)
    _raises_in_torch(lambda: namespace["Net"]()(torch.randn(8, 3, 32, 32)), "mat1 and mat2")


def test_a_script_beside_the_package_is_read_where_no_project_root_is_marked(tmp_path, monkeypatch):
    """A copy with no .git, pyproject.toml or setup.py (descriptinc/melgan-neurips unpacked:
    scripts/train.py does `from mel2wav.modules import Generator`): the project is the folder the
    file's package is imported from, not the package's own folder."""
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "__init__.py").write_text("")
    (tmp_path / "models" / "net.py").write_text(MODEL)
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "train.py").write_text(IMPORTERS["train-script"][0]["train.py"])
    monkeypatch.chdir(tmp_path)
    result = _lint_model_file("--no-cache")
    assert result.exit_code == 1 and "from scripts" in result.output, result.output
    (tmp_path / "models" / "__init__.py").unlink()  # a plain folder: its own folder, as before
    assert _lint_model_file("--no-cache").exit_code == 0


def test_the_search_is_bounded(tmp_path, monkeypatch):
    from convlint.source import project_hints

    _project(tmp_path, {f"a{i}.py": "x = 1\n" for i in range(6)})
    (tmp_path / "z_train.py").write_text(IMPORTERS["train-script"][0]["train.py"])
    monkeypatch.chdir(tmp_path)
    assert _lint_model_file("--no-cache").exit_code == 1
    monkeypatch.setattr(project_hints, "MAX_FILES", 5)  # z_train.py is past the first five files
    assert _lint_model_file("--no-cache").exit_code == 0


TWO_INPUTS = '''
import torch
import torch.nn as nn


class Discriminator(nn.Module):
    def __init__(self, in_channels=3):
        super().__init__()
        self.model = nn.Sequential(
            nn.Conv2d(in_channels, 64, 4, stride=2, padding=1),
            nn.LeakyReLU(0.2),
            nn.Conv2d(64, 1, 3, padding=1),
        )

    def forward(self, img_A, img_B):
        return self.model(torch.cat((img_A, img_B), 1))


D = Discriminator()
out = D(torch.randn(1, 3, 64, 64), torch.randn(1, 3, 64, 64))
'''


@pytest.mark.parametrize("fixed", [False, True])
def test_a_model_fed_two_inputs_is_checked_on_both(fixed):
    source = TWO_INPUTS.replace("nn.Conv2d(in_channels, 64", "nn.Conv2d(in_channels * 2, 64") if fixed else TWO_INPUTS
    (hint,) = find_input_hints(cst.parse_module(source))
    assert (hint.shape, hint.more) == ((1, 3, 64, 64), ((1, 3, 64, 64),))
    found = lint_text(source, "pix2pix.py", Settings()).diagnostics
    if fixed:
        assert found == []
    else:
        (finding,) = found
        assert finding.code == "CL103" and "but torch.cat gives 6" in finding.message
        assert "input 1x3x64x64 and 1x3x64x64 from line 20" in finding.message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    if fixed:
        exec(compile(source, "pix2pix.py", "exec"), namespace)
    else:
        with pytest.raises(RuntimeError, match="to have 3 channels, but got 6 channels"):
            exec(compile(source, "pix2pix.py", "exec"), namespace)


SIZE_PARAMETER = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, img_size=64, hidden_size=128, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        side = img_size // 8
        self.fc = nn.Linear(32 * side * side, hidden_size)
        self.out = nn.Linear(hidden_size, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.out(F.relu(self.fc(x.flatten(1))))
'''


@pytest.mark.parametrize(("source", "codes"), [
    (SIZE_PARAMETER, ["CL101"]),  # two pools: the map is img_size // 4, not // 8
    (SIZE_PARAMETER.replace("img_size // 8", "img_size // 4"), []),
    # a size that feeds no Linear's in_features, or a name that says nothing: not taken as the input
    (SIZE_PARAMETER.replace("32 * side * side, hidden_size", "32 * 16 * 16, hidden_size)\n        self.side = (side"),
     []),
    (SIZE_PARAMETER.replace("img_size", "width"), ["CL211"]),
])
def test_a_parameter_that_states_the_input_side_is_used_when_the_code_gives_no_size(source, codes):
    result = lint_text(source, "net.py", Settings())
    assert sorted(d.code for d in result.diagnostics if d.code != "CL211" or codes == ["CL211"]) == codes
    if codes == ["CL101"]:
        assert "from line 7: img_size=64" in result.diagnostics[0].message
        torch = pytest.importorskip("torch")
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace["Net"]()(torch.zeros(2, 3, 64, 64))
        fixed = source.replace("img_size // 8", "img_size // 4")
        exec(compile(fixed, "net.py", "exec"), namespace)
        namespace["Net"]()(torch.zeros(2, 3, 64, 64))


GLOBAL_POOL_PARAMETER = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_classes=10, input_size=128):
        super().__init__()
        self.features = nn.Sequential(*[nn.Conv2d(3 if i == 0 else 8, 8, 3, 2, 1) for i in range(5)])
        self.pool = nn.AvgPool2d(int(input_size / 16))
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.features(x)).view(-1, 8))
'''


@pytest.mark.parametrize(("source", "codes"), [
    (GLOBAL_POOL_PARAMETER, ["CL105"]),  # five halvings: a 4x4 map, the window 8
    (GLOBAL_POOL_PARAMETER.replace("input_size / 16", "input_size / 32"), []),
    # through a local of __init__, and a conv's kernel
    (GLOBAL_POOL_PARAMETER.replace("self.pool = nn.AvgPool2d(int(input_size / 16))",
                                   "final = input_size // 16\n        self.pool = nn.Conv2d(8, 8, final, groups=8)"),
     ["CL105"]),
    (GLOBAL_POOL_PARAMETER.replace("self.pool = nn.AvgPool2d(int(input_size / 16))",
                                   "final = input_size // 32\n        self.pool = nn.Conv2d(8, 8, final, groups=8)"), []),
])
def test_a_parameter_divided_into_a_global_kernel_states_the_input_side(source, codes):
    """`nn.AvgPool2d(int(input_size / 32))` (ShuffleNetV2): a pool over the whole map the input
    shrank to, so the input is input_size square; a kernel bigger than that map is reported."""
    result = lint_text(source, "net.py", Settings())
    found = [d for d in result.diagnostics if d.severity == "error"]
    assert [d.code for d in found] == codes
    if codes:
        # (a kernel computed into a local only that conv reads: reported where the division is written)
        assert found[0].span.line == 9 and "from line 6: input_size=128" in found[0].message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    if codes:
        with pytest.raises(RuntimeError, match="too small|Kernel size can't be greater"):
            namespace["Net"]()(torch.zeros(2, 3, 128, 128))
    else:
        assert namespace["Net"]()(torch.zeros(2, 3, 128, 128)).shape == (2, 10)


FEATURE_KERNEL_PARAMETER = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, input_size=16, num_classes=4):
        super().__init__()
        self.temporal = nn.Conv2d(1, 8, (25, input_size // 2))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.temporal(x)).flatten(1))
'''


@pytest.mark.parametrize("source", [
    FEATURE_KERNEL_PARAMETER,
    # undivided: the kernel spans the features, not a map the image shrank to
    FEATURE_KERNEL_PARAMETER.replace("(25, input_size // 2)", "input_size"),
])
def test_a_parameter_in_one_side_of_a_kernel_or_undivided_does_not_state_the_input(source):
    """`input_size` is the feature count of a signal N x 1 x T x input_size: T is not
    input_size, so a tuple kernel's side or an undivided kernel says nothing of the input."""
    result = lint_text(source, "net.py", Settings())
    assert [d.code for d in result.diagnostics if d.severity == "error"] == []
    assert all(m.input_source is None for m in result.models)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 1, 100, 16)).shape == (2, 4)


BUILT_WITH_OTHER_VALUES = '''
import torch
import torch.nn as nn


class Denoiser(nn.Module):
    def __init__(self, in_nc=3, nc=16):
        super().__init__()
        self.head = nn.Conv2d(3, nc, 3, padding=1)  # ignores in_nc: right only for 3-channel images
        self.tail = nn.Conv2d(nc, in_nc, 3, padding=1)

    def forward(self, x):
        return x - self.tail(self.head(x))


if __name__ == "__main__":
    model = Denoiser(in_nc=1, nc=32)
    x = torch.randn((1, 1, 40, 40))
    print(model(x).shape)
    rgb = Denoiser()
    rgb(torch.randn(1, 3, 40, 40))
'''


def test_a_model_built_with_other_values_where_it_is_fed_is_analysed_with_them():
    """KAIR's test blocks: `Denoiser(in_nc=1, nc=32)` fed 1-channel images is a model of its own,
    checked on its input; the default one, fed RGB, is right."""
    result = lint_text(BUILT_WITH_OTHER_VALUES, "denoiser.py", Settings())
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL103", 9)
    assert "Conv2d(3, 32" in finding.message and "from line 19: model(x)" in finding.message
    built = [m for m in result.models if m.name == "Denoiser"]
    assert {m.built_with is not None for m in built} == {True, False}
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(BUILT_WITH_OTHER_VALUES.split("if __name__")[0], "denoiser.py", "exec"), namespace)
    assert namespace["Denoiser"]()(torch.randn(1, 3, 40, 40)).shape == (1, 3, 40, 40)
    with pytest.raises(RuntimeError, match="expected input.* to have 3 channels, but got 1 channels"):
        namespace["Denoiser"](in_nc=1, nc=32)(torch.randn(1, 1, 40, 40))


def test_a_size_given_for_a_model_is_not_given_to_an_instance_built_with_other_values():
    """`--input-shape Net=1,3,32,32` is for the model as analysed; `Net(in_channels=2)` fed
    2-channel images in the test block keeps its own size (ShuffleNetV2's model3)."""
    code = ARGUMENTS_MODEL.replace("nn.Linear(64 * 7 * 7, 128)", "nn.Linear(64 * 8 * 8, 128)") + \
        "model = Net(in_channels=2)\nmodel(torch.randn(1, 2, 32, 32))\n"
    result = lint_text(code, "model.py", Settings(input_shapes={"Net": (1, 3, 32, 32)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert sorted(tuple(m.input_shape.dims) for m in result.models if m.name == "Net") == [(1, 2, 32, 32), (1, 3, 32, 32)]


MAIN_BLOCK_NAMES = '''
import torch
import torch.nn as nn


class Restorer(nn.Module):
    def __init__(self, img_channel=3, width=16, enc_blk_nums=[]):
        super().__init__()
        self.intro = nn.Conv2d(img_channel, width, 3, padding=1)
        self.downs = nn.ModuleList()
        self.ups = nn.ModuleList()
        chan = width
        for _ in enc_blk_nums:
            self.downs.append(nn.Conv2d(chan, 2 * chan, 2, 2))
            chan = chan * 2
        for _ in enc_blk_nums:
            self.ups.append(nn.Sequential(nn.Conv2d(chan, chan * 2, 1), nn.PixelShuffle(2)))
            chan = chan // 2

    def forward(self, x):
        x = self.intro(x)
        skips = []
        for down in self.downs:
            skips.append(x)
            x = down(x)
        for up, skip in zip(self.ups, skips[::-1]):
            x = up(x) + skip
        return x


if __name__ == "__main__":
    width = 8
    enc_blks = [1, 1]
    net = Restorer(img_channel=3, width=width, enc_blk_nums=enc_blks)
    inp = torch.randn(1, 3, 64, 64)
    print(net(inp).shape)
'''


def test_a_test_block_s_own_names_build_the_model_it_feeds():
    """NAFNet's test block: `width = 8`, `enc_blks = [1, 1]` then `Restorer(width=width,
    enc_blk_nums=enc_blks)`: those values, as the script runs them, build the model checked on
    its input; the default (no encoder stage) is checked too."""
    broken = MAIN_BLOCK_NAMES.replace("nn.Conv2d(chan, 2 * chan, 2, 2)", "nn.Conv2d(chan, 2 * chan, 3, 2)")
    assert [d for d in lint_text(MAIN_BLOCK_NAMES, "restorer.py", Settings()).diagnostics if d.severity == "error"] == []
    (finding,) = [d for d in lint_text(broken, "restorer.py", Settings()).diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL107", 14)  # the downsampling conv, not the add
    assert "given padding=1 makes it run (kernel 3 at stride 2 with padding 0 drops the last row)" in finding.message
    torch = pytest.importorskip("torch")
    for source, fails in ((MAIN_BLOCK_NAMES, False), (broken, True)):
        namespace: dict = {}
        exec(compile(source.split("if __name__")[0], "restorer.py", "exec"), namespace)
        net = namespace["Restorer"](img_channel=3, width=8, enc_blk_nums=[1, 1])
        if fails:
            with pytest.raises(RuntimeError, match="must match the size of tensor b"):
                net(torch.randn(1, 3, 64, 64))
        else:
            assert net(torch.randn(1, 3, 64, 64)).shape == (1, 8, 64, 64)


def test_arguments_given_by_hand_are_the_one_configuration_analysed():
    """--model-args says how the model is built: the test block's own instance is not added."""
    from convlint.config import parse_model_args

    given = dict([parse_model_args("Restorer(img_channel=3, width=8, enc_blk_nums=[1])")])
    result = lint_text(MAIN_BLOCK_NAMES, "restorer.py", Settings(model_args=given, input_shapes={"Restorer": (1, 3, 32, 32)}))
    (analysis,) = [m for m in result.models if m.name == "Restorer"]
    assert tuple(analysis.input_shape.dims) == (1, 3, 32, 32)
    assert len([m for m in lint_text(MAIN_BLOCK_NAMES, "restorer.py", Settings()).models if m.name == "Restorer"]) == 2


TENSOR_DATASET = '''import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Net(nn.Module):
    def __init__(self, features=8 * 96):
        super().__init__()
        self.conv = nn.Conv1d(3, 8, 5)
        self.fc = nn.Linear(features, 4)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))


signals = torch.randn(500, 3, 100)
labels = torch.randint(0, 4, (500,))
loader = DataLoader(TensorDataset(signals, labels), batch_size=32, shuffle=True)
model = Net({features})
for batch, target in loader:
    out = model(batch)
'''


def test_batches_of_a_tensor_dataset_are_rows_of_its_first_tensor():
    wrong = lint_text(TENSOR_DATASET.format(features="8 * 90"), "signals.py", Settings())
    assert [(d.code, d.span.line) for d in wrong.diagnostics if d.severity == "error"] == [("CL101", 19)]
    assert "input 32x3x100 from line 21: model(batch) on TensorDataset batches (line 18)" in wrong.diagnostics[0].message
    right = lint_text(TENSOR_DATASET.format(features=""), "signals.py", Settings())
    (model,) = [m for m in right.models if m.input_source is not None]
    assert str(model.input_shape) == "32x3x100" and str(model.output.shape) == "32x4"
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(TENSOR_DATASET.split("signals =")[0], "signals.py", "exec"), namespace)
    _raises_in_torch(lambda: namespace["Net"](8 * 90)(torch.randn(32, 3, 100)), "mat1 and mat2")
    assert namespace["Net"]()(torch.randn(32, 3, 100)).shape == (32, 4)


# A Kaggle digit-recognizer script: the csv's pixel columns reshaped to images written out, made a
# tensor and scaled, with labels of a size the code leaves to the file, in a TensorDataset
CSV_DIGITS = '''import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Net(nn.Module):
    def __init__(self, side=14):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * side * side, 10)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))


rows = np.loadtxt("train.csv", delimiter=",", skiprows=1)
labels = torch.from_numpy(rows[:, 0]).long()
{images}
loader = DataLoader(TensorDataset(images, labels), batch_size=16, shuffle=True)
model = Net({side})
for x, y in loader:
    out = model(x)
'''
CSV_IMAGES = {
    "from-numpy": "images = torch.from_numpy(rows[:, 1:].reshape(-1, 1, 28, 28)).float()",
    "true-divide": "images = torch.true_divide(torch.from_numpy(rows[:, 1:].reshape(-1, 1, 28, 28)), 255)",
    "tensor-of-the-array-scaled": "images = torch.tensor(rows[:, 1:].reshape(-1, 1, 28, 28), dtype=torch.float32) / 255.0",
}


@pytest.mark.parametrize("images", CSV_IMAGES.values(), ids=CSV_IMAGES.keys())
def test_a_tensor_dataset_of_rows_reshaped_to_written_sizes(images):
    wrong = lint_text(CSV_DIGITS.format(images=images, side=16), "digits.py", Settings())
    assert [(d.code, d.span.line) for d in wrong.diagnostics if d.severity == "error"] == [("CL101", 12)]
    assert "input 16x1x28x28 from line 24: model(x) on TensorDataset batches (line 21)" in wrong.diagnostics[0].message
    right = lint_text(CSV_DIGITS.format(images=images, side=""), "digits.py", Settings())
    assert [d for d in right.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in right.models if m.input_source is not None]
    assert str(model.input_shape) == "16x1x28x28"


@pytest.mark.parametrize("images", [
    # divided by a tensor (broadcast: its size may change the result's), or the sizes not written out
    "images = torch.div(torch.from_numpy(rows[:, 1:].reshape(-1, 1, 28, 28)), torch.from_numpy(rows[:, :1]))",
    "images = torch.from_numpy(rows[:, 1:].reshape(-1, 1, len(rows) // 4, 28))",
], ids=["divided-by-a-tensor", "side-not-written"])
def test_no_input_size_where_those_rows_are_not_of_written_sizes(images):
    result = lint_text(CSV_DIGITS.format(images=images, side=16), "digits.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert all(m.input_source is None for m in result.models)


@pytest.mark.parametrize("images", CSV_IMAGES.values(), ids=CSV_IMAGES.keys())
def test_torch_s_batches_of_those_rows_and_the_models_on_them(images):
    torch = pytest.importorskip("torch")
    source = CSV_DIGITS.format(images=images, side="").replace(
        'np.loadtxt("train.csv", delimiter=",", skiprows=1)', "np.zeros((40, 785), dtype=np.float32)")
    namespace: dict = {}
    exec(compile(source.split("model = Net")[0], "digits.py", "exec"), namespace)
    batch = next(iter(namespace["loader"]))[0]
    assert tuple(batch.shape) == (16, 1, 28, 28)
    assert namespace["Net"]()(batch).shape == (16, 10)
    _raises_in_torch(lambda: namespace["Net"](16)(batch), "mat1 and mat2")


# d2l's load_data_fashion_mnist: a list of transforms, grown by a Resize when one is asked for, composed
D2L_LOADER = '''import torch
import torch.nn as nn
import torchvision
from torch.utils import data
from torchvision import transforms


class Net(nn.Module):
    def __init__(self, side=56):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(4)
        self.fc = nn.Linear(8 * side * side, 10)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))


def load_data_fashion_mnist(batch_size, resize=None):
    trans = [transforms.ToTensor()]
    if resize:
        trans.insert(0, transforms.Resize(resize))
    trans = transforms.Compose(trans)
    mnist_train = torchvision.datasets.FashionMNIST(root="../data", train=True, transform=trans, download=True)
    return data.DataLoader(mnist_train, batch_size, shuffle=True)


train_iter = load_data_fashion_mnist(128{resize})
net = Net({side})
for X, y in train_iter:
    net(X)
'''


@pytest.mark.parametrize(("resize", "side"), [(", resize=224", 224), ("", 28)], ids=["resized", "not-resized"])
def test_a_list_of_transforms_grown_then_composed(resize, side, torch):
    wrong = lint_text(D2L_LOADER.format(resize=resize, side=side // 4 + 1), "d2l.py", Settings())
    assert [(d.code, d.span.line) for d in wrong.diagnostics if d.severity == "error"] == [("CL101", 13)]
    assert f"input 128x1x{side}x{side} from line 31: net(X) on FashionMNIST batches (line 25)" \
        in wrong.diagnostics[0].message
    right = lint_text(D2L_LOADER.format(resize=resize, side=side // 4), "d2l.py", Settings())
    assert [d for d in right.diagnostics if d.severity == "error"] == []
    namespace: dict = {}
    exec(compile(D2L_LOADER.split("def load_data")[0].replace("import torchvision\n", "").replace(
        "from torchvision import transforms\n", ""), "d2l.py", "exec"), namespace)
    images = torch.zeros(128, 1, side, side)  # (Resize(224) of a 28x28 image: 224x224)
    assert namespace["Net"](side // 4)(images).shape == (128, 10)
    _raises_in_torch(lambda: namespace["Net"](side // 4 + 1)(images), "mat1 and mat2")


@pytest.mark.parametrize(("old", "new"), [
    ("load_data_fashion_mnist(128{resize})", "load_data_fashion_mnist(128, resize=len(__file__))"),
    ("trans.insert(0, transforms.Resize(resize))", "trans.extend([transforms.Resize(resize)])"),
    ("trans.insert(0, transforms.Resize(resize))", "trans.insert(0, transforms.Resize(resize))\n        trans.pop()"),
    ("trans.insert(0, transforms.Resize(resize))", "trans.insert(0, transforms.Lambda(lambda im: im))"),
], ids=["resize-not-known", "extended", "popped", "step-not-followed"])
def test_no_input_size_where_the_grown_list_is_not_known(old, new):
    source = D2L_LOADER.replace(old, new).format(resize=", resize=224", side=57)
    result = lint_text(source, "d2l.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert all(m.input_source is None for m in result.models)


RESHAPED_BATCH = '''import torch
import torch.nn as nn
from torchvision import datasets, transforms

mnist = datasets.MNIST(root="./data", train=True, transform=transforms.ToTensor(), download=True)
loader = torch.utils.data.DataLoader(dataset=mnist, batch_size=128, shuffle=True)


class D(nn.Module):
    def __init__(self, features=8 * 14 * 14):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(features, 1)

    def forward(self, x):
        x = self.pool(self.conv(x))
        return self.fc(x.view(x.size(0), -1))


d = D({features})
for img, _ in loader:
    out = d(img.{reshape})
'''


@pytest.mark.parametrize("reshape", ["view(img.size(0), 1, 28, 28)", "view(-1, 1, 28, 28)",
                                     "reshape(img.shape[0], 1, 28, 28)"])
def test_a_loader_batch_reshaped_keeps_its_size(reshape):
    wrong = lint_text(RESHAPED_BATCH.format(features="8 * 16 * 16", reshape=reshape), "gan.py", Settings())
    assert [(d.code, d.span.line) for d in wrong.diagnostics if d.severity == "error"] == [("CL101", 21)]
    assert "input 128x1x28x28 from line 23" in wrong.diagnostics[0].message
    assert "on MNIST batches (line 6)" in wrong.diagnostics[0].message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    model = "class" + RESHAPED_BATCH.split("\nclass")[1].split("d = D")[0]
    exec(compile("import torch\nimport torch.nn as nn\n" + model, "gan.py", "exec"), namespace)
    _raises_in_torch(lambda: namespace["D"](8 * 16 * 16)(torch.zeros(128, 784).view(128, 1, 28, 28)), "mat1 and mat2")
    assert namespace["D"]()(torch.zeros(128, 1, 28, 28)).shape == (128, 1)


MODELS_IN_A_LOOP = '''import torch
import torch.nn as nn


class A(nn.Module):
    def __init__(self, side=16):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.fc = nn.Linear(8 * side * side, 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))


class B(A):
    def __init__(self):
        super().__init__(side=15)


def test():
    for net in (A(), B()):
        print(net(torch.randn(2, 3, 32, 32)).size())
'''


def test_each_model_a_loop_over_constructions_feeds_takes_that_size():
    result = lint_text(MODELS_IN_A_LOOP, "zoo.py", Settings())
    assert [(d.model, d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("B", "CL101", 9)]
    assert {m.name: str(m.input_shape) for m in result.models} == {"A": "2x3x32x32", "B": "2x3x32x32"}
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(MODELS_IN_A_LOOP, "zoo.py", "exec"), namespace)
    _raises_in_torch(lambda: namespace["B"]()(torch.randn(2, 3, 32, 32)), "mat1 and mat2")
    assert namespace["A"]()(torch.randn(2, 3, 32, 32)).shape == (2, 10)


# the models the script runs, built with their own arguments in a list bound first, then looped over
MODELS_LISTED_BY_NAME = '''import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, features=(16, 32), multi_scale=False):
        super().__init__()
        self.multi_scale = multi_scale
        self.en1 = nn.Conv2d(3, features[0], 3, padding=1)
        self.side = nn.Conv2d(3, features[0], 3, padding=1)
        self.en2 = nn.Conv2d(WIDTH, features[1], 3, padding=1)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        e = self.pool(self.en1(x))
        if self.multi_scale:
            e = torch.cat([e, self.side(self.pool(x))], dim=1)
        return self.en2(e)


if __name__ == "__main__":
    models = [
        Encoder(features=[16, 32], multi_scale=True),
    ]
    data = torch.randn((2, 3, 64, 64))
    for model in models:
        print(model(data).shape)
'''


@pytest.mark.parametrize(("width", "found"), [("features[0]", [("CL103", 11)]),
                                              ("features[0] * (2 if multi_scale else 1)", [])])
def test_each_model_of_a_list_bound_before_the_loop_is_built_with_its_arguments(width, found):
    """`models = [Encoder(multi_scale=True)]; for model in models: model(data)`: the model is
    analysed as the list builds it (the concatenated width), as `Encoder(multi_scale=True)(data)` is."""
    source = MODELS_LISTED_BY_NAME.replace("WIDTH", width)
    result = lint_text(source, "encoder.py", Settings())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == found
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "encoder.py", "exec"), namespace)
    net = namespace["Encoder"](features=[16, 32], multi_scale=True)
    if found:
        _raises_in_torch(lambda: net(torch.randn(2, 3, 64, 64)), "expected input")
    else:
        assert net(torch.randn(2, 3, 64, 64)).shape == (2, 32, 32, 32)


UNPACKED_MAIN_NAMES = '''
import torch
import torch.nn as nn
import torchsummary


class Patches(nn.Module):
    def __init__(self, img_size=32, patch=8, hidden=16):
        super().__init__()
        self.patch = patch
        self.patch_size = img_size // patch
        f = (img_size // patch) ** 2 * 3
        self.emb = nn.Linear(f, hidden)

    def forward(self, x):
        out = x.unfold(2, self.patch_size, self.patch_size).unfold(3, self.patch_size, self.patch_size)
        out = out.permute(0, 2, 3, 4, 5, 1).reshape(x.size(0), self.patch ** 2, -1)
        return self.emb(out)


if __name__ == "__main__":
    b, c, h, w = 4, 3, 32, 32
    net = Patches(img_size=h, patch=16)
    torchsummary.summary(net, (c, h, w))
'''


def test_names_a_test_block_unpacks_build_the_model_it_feeds():
    """ViT-CIFAR's test block: `b, c, h, w = 4, 3, 32, 32`, then `ViT(img_size=h, patch=16)` fed
    (c, h, w): the unpacked names build the model checked on that input, where its patch
    embedding forgetting the 3 colour channels fails."""
    assert [d for d in lint_text(UNPACKED_MAIN_NAMES, "vit.py", Settings()).diagnostics if d.severity == "error"] == []
    broken = UNPACKED_MAIN_NAMES.replace("f = (img_size // patch) ** 2 * 3", "f = (img_size // patch) ** 2")
    (finding,) = [d for d in lint_text(broken, "vit.py", Settings()).diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL101", 12)
    torch = pytest.importorskip("torch")
    for source, fails in ((UNPACKED_MAIN_NAMES, False), (broken, True)):
        namespace: dict = {}
        exec(compile(source.split("if __name__")[0].replace("import torchsummary\n", ""), "vit.py", "exec"), namespace)
        net = namespace["Patches"](img_size=32, patch=16)
        if fails:
            with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
                net(torch.randn(4, 3, 32, 32))
        else:
            assert net(torch.randn(4, 3, 32, 32)).shape == (4, 256, 16)


GRID_PARAMETER = '''
import torch.nn as nn


class Grid(nn.Module):
    def __init__(self, in_channels=4, grid_size=(9, 9), num_classes=2):
        super().__init__()
        self.grid_size = grid_size
        self.conv1 = nn.Sequential(nn.ZeroPad2d((1, 2, 1, 2)), nn.Conv2d(in_channels, 64, 4), nn.ReLU())
        self.conv2 = nn.Sequential(nn.ZeroPad2d((1, 2, 1, 2)), nn.Conv2d(64, 32, 4), nn.ReLU())
        self.lin1 = nn.Linear(self.grid_size[0] * self.grid_size[1] * 32, num_classes)

    def forward(self, x):
        x = self.conv2(self.conv1(x))
        return self.lin1(x.flatten(start_dim=1))
'''


@pytest.mark.parametrize(("source", "codes"), [
    (GRID_PARAMETER, []),
    (GRID_PARAMETER.replace("* 32, num_classes", "* 64, num_classes"), ["CL101"]),  # conv1's width, not conv2's
    (GRID_PARAMETER.replace("(9, 9)", "(9, 12)"), []),
])
def test_a_tuple_parameter_that_states_each_side_of_the_input(source, codes):
    """`grid_size=(9, 9)` of an EEG electrode grid feeding the Linear's count, the first layer a pad
    that says nothing of the channels: the input is 9x9, whatever its channels."""
    found = [d for d in lint_text(source, "grid.py", Settings()).diagnostics if d.severity == "error"]
    assert [d.code for d in found] == codes
    if codes:
        assert found[0].span.line == 11 and "from line 6: grid_size=(9, 9)" in found[0].message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "grid.py", "exec"), namespace)
    side = (9, 12) if "(9, 12)" in source else (9, 9)
    if codes:
        with pytest.raises(RuntimeError, match="mat1 and mat2"):
            namespace["Grid"]()(torch.zeros(2, 4, *side))
    else:
        assert namespace["Grid"]()(torch.zeros(2, 4, *side)).shape == (2, 2)


IMAGE_SHAPE_PARAMETER = '''
import torch.nn as nn


class GlobalD(nn.Module):
    def __init__(self, input_shape=(3, 64, 64)):
        super().__init__()
        self.img_c = input_shape[0]
        c, h, w = input_shape
        self.convs = nn.Sequential(nn.Conv2d(self.img_c, 32, 5, 2, 2), nn.ReLU(),
                                   nn.Conv2d(32, 64, 5, 2, 2), nn.ReLU(),
                                   nn.Conv2d(64, 64, 5, 2, 2), nn.ReLU())
        in_features = 64 * (h // 8) * (w // 8)
        self.linear = nn.Linear(in_features, 1)

    def forward(self, x):
        x = self.convs(x)
        return self.linear(x.view(x.shape[0], -1))
'''


@pytest.mark.parametrize(("source", "codes"), [
    (IMAGE_SHAPE_PARAMETER, []),
    (IMAGE_SHAPE_PARAMETER.replace("(h // 8) * (w // 8)", "(h // 4) * (w // 4)"), ["CL101"]),  # a stride forgotten
    (IMAGE_SHAPE_PARAMETER.replace("(3, 64, 64)", "(1, 64, 64)"), []),
    (IMAGE_SHAPE_PARAMETER.replace("(3, 64, 64)", "(64, 64, 3)"), []),  # channels last: no side read from it
])
def test_a_parameter_holding_the_whole_image_shape_states_its_sides(source, codes):
    """`input_shape=(3, 64, 64)` (Keras style), unpacked into the Linear's count: the input is
    64x64, its channels the first layer's."""
    found = [d for d in lint_text(source, "glcic.py", Settings()).diagnostics if d.severity == "error"]
    assert [d.code for d in found] == codes
    if codes:
        assert found[0].span.line == 13 and "from line 6: input_shape=(3, 64, 64)" in found[0].message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "glcic.py", "exec"), namespace)
    if "(64, 64, 3)" in source:
        return  # built as written it takes 64 channels: no image the parameter states
    channels = 1 if "(1, 64, 64)" in source else 3
    if codes:
        with pytest.raises(RuntimeError, match="mat1 and mat2"):
            namespace["GlobalD"]()(torch.zeros(2, channels, 64, 64))
    else:
        assert namespace["GlobalD"]()(torch.zeros(2, channels, 64, 64)).shape == (2, 1)


GRAYSCALE_ZOO_COPY = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, num_classes=7):
        super().__init__()
        # self.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        self.conv1 = nn.Conv2d(1, 64, kernel_size=3, stride=1, padding=1, bias=False)
        self.conv2 = nn.Conv2d(64, 128, kernel_size=3, stride=2, padding=1, bias=False)
        self.linear = nn.Linear(HEAD, num_classes)

    def forward(self, x):
        out = F.relu(self.conv2(F.relu(self.conv1(x))))
        out = F.adaptive_avg_pool2d(out, 1)
        return self.linear(out.view(out.size(0), -1))


def test():
    net = Net()
    y = net(torch.randn(1, 3, 32, 32))
    print(y.size())

# test()
'''


@pytest.mark.parametrize(("source", "codes"), [
    (GRAYSCALE_ZOO_COPY.replace("HEAD", "128"), []),  # the stale test's RGB size is not the model's
    (GRAYSCALE_ZOO_COPY.replace("HEAD", "128").replace("# test()", "test()"), ["CL103"]),  # called: it runs
    (GRAYSCALE_ZOO_COPY.replace("HEAD", "128").replace("nn.Conv2d(1, 64", "nn.Conv2d(3, 64"), []),
    (GRAYSCALE_ZOO_COPY.replace("HEAD", "256").replace("nn.Conv2d(1, 64", "nn.Conv2d(3, 64"), ["CL101"]),
])
def test_a_size_from_a_function_nothing_calls_is_not_taken_where_its_channels_are_not_the_model_s(source, codes):
    """A CIFAR zoo's `def test()` left behind when the stem became grayscale, its call commented
    out: torch never runs it, and its 3 channels say nothing of the model; a test whose channels
    fit (or one the file calls) still sizes the model."""
    result = lint_text(source, "vgg.py", Settings())
    assert [d.code for d in result.diagnostics if d.severity == "error"] == codes
    (model,) = result.models
    stale = [u.why for u in model.unresolved if "a function nothing calls" in u.why]
    assert bool(stale) == ("nn.Conv2d(1, 64" in source and "\ntest()" not in source)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source.replace("\ntest()", "\n"), "vgg.py", "exec"), namespace)
    channels = 1 if "nn.Conv2d(1, 64" in source else 3
    if "CL101" in codes:
        with pytest.raises(RuntimeError, match="mat1 and mat2"):
            namespace["Net"]()(torch.zeros(1, channels, 32, 32))
    else:
        assert namespace["Net"]()(torch.zeros(1, channels, 32, 32)).shape == (1, 7)
    if channels == 1:
        with pytest.raises(RuntimeError, match="expected input.* to have 1 channels, but got 3"):
            namespace["Net"]()(torch.zeros(1, 3, 32, 32))


RESIZED_BUFFER = '''import torch
import torch.nn as nn


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=4, stride=2, padding=1)
        self.fc = nn.Linear(16 * 14 * 14, 20)

    def forward(self, x):
        out = self.conv1(x)
        return self.fc(out.view(out.size(0), -1))


model = VAE()
data = torch.Tensor(64, 28 * 28)


def train(loader):
    for images, _ in loader:
        data.RESIZE
        out = model(data)


if __name__ == "__main__":
    train([(torch.randn(64, 1, 28, 28), None)])
'''


@pytest.mark.parametrize("resize", ["resize_as_(images).copy_(images)", "resize_(images.size())",
                                    "resize_(64, 1, 28, 28)"])
def test_a_buffer_reshaped_in_place_before_the_model_is_not_fed_at_the_size_it_was_built(resize):
    """A preallocated buffer (`torch.Tensor(64, 784)`) given another shape in place before each
    call (old DCGAN/VAE examples): the model never gets 64x784."""
    result = lint_text(RESIZED_BUFFER.replace("RESIZE", resize), "vae.py", Settings())
    assert [d.code for d in result.diagnostics if d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(RESIZED_BUFFER.replace("RESIZE", "resize_as_(images).copy_(images)"), namespace)
    namespace["train"]([(torch.zeros(64, 1, 28, 28), None)])
    with pytest.raises(RuntimeError, match="Expected 3D .unbatched. or 4D .batched. input to conv2d"):
        namespace["model"](torch.zeros(64, 784))


RELATION = '''import torch
import torch.nn as nn

FEATURES = 16


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, FEATURES, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))

    def forward(self, x):
        return self.body(x)


class Relation(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d({channels}, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear({features}, hidden)

    def forward(self, x):
        return self.fc(self.body(x).flatten(1))


def episode(encoder, relation, support, query):
    s = encoder(support).unsqueeze(0).repeat(query.size(0), 1, 1, 1, 1)
    q = encoder(query).unsqueeze(0).repeat(support.size(0), 1, 1, 1, 1).transpose(0, 1)
    pairs = torch.cat((s, q), 2).view(-1, FEATURES * 2, 6, 6)
    return relation(pairs)


def main(loader):
    encoder, relation = Encoder(), Relation(4)
    for support, query in loader:
        episode(encoder, relation, support, query)
'''


@pytest.mark.parametrize(("channels", "features", "found"), [
    ("FEATURES", "8 * 3 * 3", ("CL103", 19)),  # the pairs stack two maps: 32 channels, not 16
    ("FEATURES * 2", "8 * 6 * 6", ("CL101", 20)),  # the 6x6 pairs are pooled to 3x3
    ("FEATURES * 2", "8 * 3 * 3", None)])
def test_pairs_a_script_stacks_and_views_feed_the_relation_module_their_size(torch, channels, features, found):
    source = RELATION.format(channels=channels, features=features)
    errors = [(d.code, d.span.line) for d in lint_text(source, "relation.py", Settings()).diagnostics
              if d.severity == "error"]
    assert errors == ([found] if found else [])
    namespace: dict = {}
    exec(compile(source, "relation.py", "exec"), namespace)
    batches = [(torch.randn(2, 1, 12, 12), torch.randn(3, 1, 12, 12))]
    run = lambda: namespace["main"](batches)  # noqa: E731
    if found:
        _raises_in_torch(run, "channels" if found[0] == "CL103" else "mat1 and mat2")
    else:
        run()
