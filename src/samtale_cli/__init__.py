"""samtale: læringssamtaler, opmærksomhedspunkter og indsatser som tjekbare YAML-filer."""

__version__ = "0.1.0"
