"""The secretariat's administration views: jury, candidatures, region settings."""
