FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY inventory ./inventory
COPY polarity ./polarity
COPY api ./api
COPY templates ./templates
COPY static ./static
COPY manage.py ./
RUN pip install --no-cache-dir -e .
RUN useradd --create-home fibertrace && mkdir -p /app/var && chown fibertrace /app/var
USER fibertrace
EXPOSE 8000
