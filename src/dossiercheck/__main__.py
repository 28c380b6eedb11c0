from dossiercheck.cli import main

main()
