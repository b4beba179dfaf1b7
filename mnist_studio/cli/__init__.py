"""The command line: ``mnist-studio`` (the window) | ``train`` | ``evaluate`` | ``predict`` | ``finetune``.

- ``commands``: the parser, ``main`` (the ``mnist-studio`` entry point and ``python -m mnist_studio``), the window's
  start, ``evaluate`` and ``predict``;
- ``train``: ``mnist-studio train``;
- ``digits``: ``mnist-studio finetune`` and ``mnist-studio evaluate MODEL --data SET.npz`` (digit sets).
"""

from mnist_studio.cli.commands import main

__all__ = ["main"]
