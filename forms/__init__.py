"""The request relay: Formspree-compatible intake of permohonan and keberatan forms."""
