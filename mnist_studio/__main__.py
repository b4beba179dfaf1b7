import sys

from mnist_studio.cli import main

sys.exit(main())
