"""Widgets several tabs share: the drawing canvas and its strokes, the 28x28 preview, probability panels, charts,
the confusion matrix, galleries, map dots, and the digit-set error messages."""
