"""Zero configuration: an inference script (an app, a predict.py) that opens an image, runs it
through a torchvision pipeline and feeds the model, in a helper of its own or inline, feeds the
size the pipeline fixes: `.convert('RGB')` 3 channels, `.convert('L')` 1, a bare Image.open
channels the file decides (then those the model's first layer takes), a Resize the sides.
Anything else stays symbolic. The model's side checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

MODEL = '''import torch
import torch.nn as nn
from PIL import Image
from torchvision import transforms

IMAGE_SIZE = 64
device = torch.device("cpu")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d({channels}, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * {side} * {side}, 10)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))

'''
FC_LINE = 15

# name -> (the code feeding Net, the input it gets, whether its channels are the conv's, not the code's)
FORMS = {
    "helper-with-a-module-level-pipeline": ('''
transform = transforms.Compose([transforms.Resize((IMAGE_SIZE, IMAGE_SIZE)), transforms.ToTensor(),
                                transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])


def preprocess_image(path):
    image = Image.open(path).convert('RGB')
    return transform(image).unsqueeze(0)


model = Net()
model.eval()
with torch.no_grad():
    prediction = model(preprocess_image("leaf.jpg")).argmax(1)
''', (1, 3, 64, 64), False),
    "gray-image-resized-inline": ('''
preprocess = transforms.Compose([transforms.Resize((28, 28)), transforms.ToTensor()])
model = Net()
image = Image.open("digit.png").convert("L")
batch = preprocess(image).unsqueeze(0).to(device)
output = model(batch)
''', (1, 1, 28, 28), False),
    "mode-left-to-the-file": ('''
def preprocess_image(image):
    transform = transforms.Compose([transforms.Resize((IMAGE_SIZE, IMAGE_SIZE)), transforms.ToTensor()])
    return transform(image).unsqueeze(0).to(device)


model = Net()
uploaded_file = "leaf.jpg"
if uploaded_file:
    image = Image.open(uploaded_file)
    img_tensor = preprocess_image(image)
    with torch.no_grad():
        output = model(img_tensor)
''', (1, 3, 64, 64), True),
}

RIGHT = {1: {28: 14, 64: 32}, 3: {28: 14, 64: 32}}
WRONG = {1: {28: 7, 64: 16}, 3: {28: 7, 64: 16}}


def _source(form: str, sizes: dict) -> str:
    code, shape, _ = FORMS[form]
    return MODEL.format(channels=shape[1], side=sizes[shape[1]][shape[2]]) + code


@pytest.mark.parametrize("form", FORMS)
def test_the_preprocessed_image_is_the_model_s_input(form):
    _, shape, channels_from_the_model = FORMS[form]
    wrong = lint_text(_source(form, WRONG), "app.py", Settings())
    errors = [d for d in wrong.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL101", FC_LINE)]
    assert f"input {'x'.join(map(str, shape))} from line" in errors[0].message
    assert ("its channels those the first layer takes" in errors[0].message) == channels_from_the_model
    right = lint_text(_source(form, RIGHT), "app.py", Settings())
    assert [d for d in right.diagnostics if d.severity == "error"] == []
    (model,) = right.models
    assert model.input_source is not None and tuple(model.input_shape.dims) == shape


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch")


@pytest.mark.parametrize("form", FORMS)
def test_torch_refuses_the_wrong_model_on_that_input_and_runs_the_right_one(torch, form):
    _, shape, _ = FORMS[form]
    for sizes, fails in ((WRONG, True), (RIGHT, False)):
        source = MODEL.format(channels=shape[1], side=sizes[shape[1]][shape[2]])
        source = source.replace("from PIL import Image\n", "").replace("from torchvision import transforms\n", "")
        namespace: dict = {}
        exec(compile(source, "app.py", "exec"), namespace)
        net = namespace["Net"]()
        if fails:
            with pytest.raises(RuntimeError, match="mat1 and mat2"):
                net(torch.zeros(shape))
        else:
            assert net(torch.zeros(shape)).shape == (1, 10)


# Code whose input the pipeline does not fix: no size, so the fc counted for another one is no
# error. (a form above, what is replaced in it, by what)
NOT_STATED = {
    "no-resize": ("gray-image-resized-inline", "transforms.Resize((28, 28)), ", ""),
    "mode-changed-in-place": ("gray-image-resized-inline", 'batch = preprocess(',
                              'image.putalpha(255)\nbatch = preprocess('),
    "pipeline-not-followed": ("helper-with-a-module-level-pipeline", "transforms.ToTensor(),",
                              "transforms.Lambda(lambda im: im),"),
    "two-pipelines": ("gray-image-resized-inline", 'preprocess = transforms.Compose(',
                      'if device.type == "cuda":\n    preprocess = transforms.ToTensor()\nelse:\n'
                      '    preprocess = transforms.Compose('),
    "an-array-not-an-image": ("gray-image-resized-inline", 'Image.open("digit.png").convert("L")',
                              'torch.zeros(1, 40, 40)'),
}


@pytest.mark.parametrize(("form", "old", "new"), NOT_STATED.values(), ids=NOT_STATED.keys())
def test_no_input_size_where_the_pipeline_does_not_fix_it(form, old, new):
    source = _source(form, WRONG)
    assert old in source
    result = lint_text(source.replace(old, new), "app.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert all(m.input_source is None for m in result.models)


def test_a_first_layer_that_takes_any_channels_keeps_them_a_symbol():
    """A bare Image.open resized to 32 x 32 into an MLP: 1 x C x 32 x 32, C never guessed; the
    head counted for 3 channels is right for an RGB file, so only the wrong second Linear is found."""
    source = '''import torch.nn as nn
from PIL import Image
from torchvision import transforms

transform = transforms.Compose([transforms.Resize((32, 32)), transforms.ToTensor()])


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3 * 32 * 32, 10)
        self.out = nn.Linear(20, 2)

    def forward(self, x):
        return self.out(self.fc(x.view(x.size(0), -1)))


model = Net()
output = model(transform(Image.open("photo.jpg")).unsqueeze(0))
'''
    result = lint_text(source, "app.py", Settings())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL101", 12)]
    (model,) = result.models
    assert [str(d) for d in model.input_shape.dims] == ["1", "C", "32", "32"]
