"""The jury: jurors, their panels and conflicts of interest (service), administering them
(admin), juror PINs (pins); imports the store, the audit chain and the regions below it."""
