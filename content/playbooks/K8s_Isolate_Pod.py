"""Placeholder for the SOAR playbook code of K8s Isolate Pod (sample content)."""
