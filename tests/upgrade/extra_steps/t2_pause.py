"""Test-only step 2: say so in a file, then wait to be killed.

The file named by ``ANKOMMEN_TEST_PAUSE_FILE`` appears once every earlier step has
run (inside the upgrade's one transaction); the test then kills the process.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

revision = "test_pause"
down_revision = "test_copy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Signal, then sleep until killed (at most five minutes)."""
    marker = os.environ.get("ANKOMMEN_TEST_PAUSE_FILE")
    if marker:
        Path(marker).write_text(str(os.getpid()))
        time.sleep(300)


def downgrade() -> None:
    """Nothing to undo."""
