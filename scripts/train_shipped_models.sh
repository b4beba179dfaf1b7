#!/usr/bin/env bash
# Retrain the models shipped in resources/models/ on MNIST plus the pen digits of writers 1-20
# (scripts/train_shipped_models.py), then check them on MNIST's test set with the project's CLI.
# Run from the repository root in the project's environment; about 10 minutes on 2 CPU cores.
set -euo pipefail
nice -n 10 python scripts/train_shipped_models.py --models cnn mlp --out resources/models
mnist-studio evaluate mlp
mnist-studio evaluate cnn
python benchmarks/pen_replay.py --writers 21-30
