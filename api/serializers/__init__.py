"""API serializers: one module per subject."""
