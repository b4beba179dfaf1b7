"""The Evaluate tab: confusion matrix, galleries, runs, compare."""
