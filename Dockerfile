FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml setup.py README.md ./
COPY config ./config
COPY inventory ./inventory
COPY polarity ./polarity
COPY api ./api
COPY templates ./templates
COPY static ./static
COPY manage.py ./
# gcc for the mypyc build of the polarity engine (setup.py); removed once it is built.
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && pip install --no-cache-dir -e . \
    && python -c "import polarity, sys; sys.exit(polarity.BUILD != 'mypyc')" \
    && apt-get purge -y gcc libc6-dev && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home fibertrace && mkdir -p /app/var && chown fibertrace /app/var
USER fibertrace
EXPOSE 8000
