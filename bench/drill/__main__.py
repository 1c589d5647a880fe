import sys

from bench.drill.cli import main

sys.exit(main())
