from samtale_cli.cli import main

main()
