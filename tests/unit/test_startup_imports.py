"""What importing the CLI costs every propscope process (issue 14 §2).

``analyze --workers N`` spawns its workers, and a spawned process re-imports the script that
started the parent, i.e. ``propscope.cli``.  That import must not pull in the web stack
(about 1 CPU-second per process) nor numpy: a worker sets ``OPENBLAS_NUM_THREADS=1`` and the
like in ``init_worker``, which only works if numpy is first imported after it.
"""

from __future__ import annotations

import json
import subprocess
import sys


def test_startup_cli_import_leaves_web_and_numeric_stacks_unloaded():
    code = ("import json, sys, propscope.cli; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'fastapi', 'starlette', 'pydantic', 'jinja2', 'numpy', 'spacy', 'onnxruntime'})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_startup_web_names_still_importable():
    from propscope.web import DEFAULT_MAX_BODY, WebSettings, create_app

    assert callable(create_app) and isinstance(DEFAULT_MAX_BODY, int) and WebSettings is not None
