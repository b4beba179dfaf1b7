"""The Draw tab: canvas, live predictions, the 28x28 preview."""
