"""Shells: readers, writers and command lines. Only shells touch files, print or exit."""
