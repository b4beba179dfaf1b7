"""The My digits tab: collect your handwriting, score the models on it, fine-tune one."""
