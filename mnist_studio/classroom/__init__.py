"""The class on phones: a local web server students draw on; Qt-free (the Class tab is ui/classroom)."""
