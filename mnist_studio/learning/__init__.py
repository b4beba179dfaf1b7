"""Watching a network learn: snapshots taken while training, stored with the run, replayed afterwards; Qt-free."""
