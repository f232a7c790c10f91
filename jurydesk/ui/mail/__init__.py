"""Mail in the app: the File menu's mail actions, the intake dialog (candidatures from mail)
and the send dialog; imports the core and the ui shell."""
