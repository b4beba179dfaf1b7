#!/usr/bin/env bash
# Retrain the models shipped in resources/models/ with the settings chosen on the tuning writers 21-25
# (scripts/train_shipped_models.py; choose settings with its --tune), refit their "not a digit?" checks, then
# report once: MNIST's test set with the project's CLI and the reporting writers 26-30 on the real canvas.
# Run from the repository root in the project's environment; about 15 minutes on 2 CPU cores.
set -euo pipefail
nice -n 10 python scripts/train_shipped_models.py --models cnn mlp
python scripts/make_nondigits.py
mnist-studio evaluate mlp
mnist-studio evaluate cnn
python benchmarks/pen_replay.py --mnist 10000
