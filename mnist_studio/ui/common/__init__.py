"""Shared widgets and helpers: theme, language, charts, galleries, probability bars, workers."""
