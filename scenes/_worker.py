"""``python -m scenes._worker``: render one scene in this process.

See :mod:`scenes.render.worker`.
"""

import sys

from scenes.render.worker import main

if __name__ == "__main__":
    sys.exit(main())
