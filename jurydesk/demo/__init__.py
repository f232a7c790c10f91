"""Demo data of every room: the demo jury, scores and decisions (jury), the demo proposals
(documents) and the files they are made of (generate); imports the domain rooms, none imports it."""
