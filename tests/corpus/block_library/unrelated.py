"""Mentions parts and Up( in text only: not an importer."""
# from .parts import Up
# net = Up(32, 16)
