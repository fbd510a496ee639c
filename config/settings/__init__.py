"""Settings per environment: `dev` (manage.py's default), `test` (pytest), `prod`."""
