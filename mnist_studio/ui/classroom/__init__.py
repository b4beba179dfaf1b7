"""The Class tab (Ctrl+6): open the class, the wall of arriving digits, the class confusion matrix."""
