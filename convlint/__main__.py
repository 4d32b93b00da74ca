from convlint.cli import main

main()
