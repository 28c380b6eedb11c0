"""dossiercheck: check a scanned professional-title dossier against the notice's checklist before upload."""

__version__ = "0.1.0"
