"""The project's data helper (see dcgan.py): an ImageFolder resized and cropped to params['imsize']."""
import torch
import torchvision.datasets as dset
import torchvision.transforms as transforms

root = "data/celeba"


def get_celeba(params):
    transform = transforms.Compose([
        transforms.Resize(params["imsize"]),
        transforms.CenterCrop(params["imsize"]),
        transforms.ToTensor(),
        transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
    ])
    dataset = dset.ImageFolder(root=root, transform=transform)
    dataloader = torch.utils.data.DataLoader(dataset, batch_size=params["bsize"], shuffle=True)
    return dataloader
