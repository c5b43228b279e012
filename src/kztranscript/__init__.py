"""kztranscript: TV news scripts to captions, lower-thirds and transcripts.

Kept tiny on purpose: ``kztranscript --version`` imports only this module and the CLI, so
start-up stays close to bare click. Import the stages from their own modules.
"""

__version__ = "0.1.0"
