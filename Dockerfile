# syntax=docker/dockerfile:1
# The web application under gunicorn. It needs a PostgreSQL database (DATABASE_URL) and the
# settings listed in README.md; uploaded files go to the volume at /app/var/media.
#
#   docker build -t minutes-archive .
#   docker run -p 8000:8000 -e DJANGO_SECRET_KEY=... -e DJANGO_ALLOWED_HOSTS=example.org \
#       -e DATABASE_URL=postgres://... -v minutes-media:/app/var/media minutes-archive

# --- build: dependencies, compiled translations, collected static files ----------------
FROM python:3.11-slim AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# msgfmt, for compilemessages; the final image does not need it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt

WORKDIR /app
COPY . .
# Settings refuse to load without a secret key and hosts; these dummies exist for this one
# command only and are not kept in the image.
RUN DJANGO_SETTINGS_MODULE=config.settings.prod \
    DJANGO_SECRET_KEY=build-only-dummy-secret-key-not-used-at-runtime-0123456789 \
    DJANGO_ALLOWED_HOSTS=build.invalid \
    sh -c 'python manage.py compilemessages --ignore "var" \
        && python manage.py collectstatic --noinput'

# --- runtime ---------------------------------------------------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.prod \
    MEDIA_ROOT=/app/var/media

# OCR of scanned minutes (parsing/isolation/ocr.py): OCRmyPDF, Tesseract and its Swedish model.
# Ghostscript, which OCRmyPDF rasterises pages with, is one of its dependencies; its
# recommendations (unpaper, pngquant) serve options the archive does not use.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ocrmypdf tesseract-ocr tesseract-ocr-swe \
    && rm -rf /var/lib/apt/lists/*

# A home directory, where gunicorn keeps its control socket.
RUN useradd --system --create-home --uid 10001 app

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
RUN mkdir -p /app/var/media && chown app:app /app/var/media
VOLUME ["/app/var/media"]

WORKDIR /app
USER app
EXPOSE 8000
# The web server. Uploads are read by the task queue's worker, a second container of the same
# image: `python manage.py procrastinate worker --delete-jobs successful` (docker-compose.yml).
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--timeout", "120"]
