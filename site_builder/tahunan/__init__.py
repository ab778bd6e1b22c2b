"""The annual DIP update (SOP Penetapan dan Pemutakhiran DIP) as idempotent pipeline stages."""
