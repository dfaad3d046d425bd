DROP TABLE pending_bills;
