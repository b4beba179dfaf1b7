#!/usr/bin/env bash
# Retrain the models shipped in resources/models/ with the project's own CLI (tuned defaults).
# Run from the repository root in the project's environment; takes a few minutes on 2 CPU cores.
set -euo pipefail
mnist-studio train --model mlp --seed 0 --out resources/models/mlp.keras --json | tail -n 1 > resources/models/mlp.json
mnist-studio train --model cnn --seed 0 --out resources/models/cnn.keras --json | tail -n 1 > resources/models/cnn.json
mnist-studio evaluate mlp
mnist-studio evaluate cnn
