"""The bottom layer: errors, findings, the catalogue of codes, files, small values. Imports nothing of samtale above it."""
