"""``python -m scenes._zygote FD POOL_PID [LABEL]``: the fork server of one render run.

See :mod:`scenes.render.zygote`.
"""

import sys

from scenes.render.zygote import serve

if __name__ == "__main__":
    sys.exit(serve(int(sys.argv[1]), int(sys.argv[2])))
