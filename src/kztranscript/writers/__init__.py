"""One module per output format. Writers take model values and return ``str``; the CLI and
the batch runner do the file I/O (atomically)."""
