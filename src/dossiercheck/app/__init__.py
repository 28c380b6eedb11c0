"""``dossiercheck app``: a local web page for applicants who never open a terminal.

A face on the engine, not a second engine: the page uploads a dossier into a private working folder and calls the
same functions ``check``, ``sort`` and ``fix`` call (engine.check_dossier, sort.sort_dossier, fix.fix), then shows
the HTML report the CLI writes (report/html.py). Layering: workspace (files, bounds) → jobs (engine runs in a
thread, with progress) → server (routes, token, Host/Origin) → templates/static (every asset in the wheel).
"""
