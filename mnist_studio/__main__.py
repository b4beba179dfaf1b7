import sys

from mnist_studio.cli.commands import main

sys.exit(main())
