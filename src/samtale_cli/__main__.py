from samtale_cli.entry import main

main()
