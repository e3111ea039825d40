"""``python -m propscope``: the same command line as the ``propscope`` script."""

from propscope.cli import main

if __name__ == "__main__":
    main()
