"""The secretariat's administration dialogs: jury, candidatures, region settings, pending
returns; imports the core and the ui shell."""
