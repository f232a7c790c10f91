"""The jury: jurors, their panels and conflicts of interest (service), administering them
(admin), juror PINs (pins), their declarations on honour (declarations); imports the store, the
audit chain and the regions below it."""
