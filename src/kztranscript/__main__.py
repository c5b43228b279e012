from kztranscript.cli import main

main()
